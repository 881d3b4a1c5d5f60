"""Per-agency API tokens for the one-stop desk systems (``Authorization: Token``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from catalogue.models import Agency

from ..models import AgencyToken, hash_token

# Write the last-used time at most this often per token.
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)
# What the feed reads of the agency (the rest loads on first use).
AGENCY_FIELDS = ("id", "code", "name")


@cache
def _token_sql() -> str:
    """The token and its agency in one statement, written out once.

    Every feed request runs it. Compiling the equivalent ORM query (with
    ``select_related`` and ``only``) took about a quarter of a feed worker's
    Python time under load (py-spy, ``make bench-dossiers``); a raw query is
    still read with the field converters (``RawQuerySet``), so SQLite's
    datetimes come out as they do from the ORM.
    """
    q = connection.ops.quote_name
    token, agency = AgencyToken._meta, Agency._meta
    columns = ", ".join(
        f"a.{q(name)} AS {q(f'agency_{name}')}" for name in AGENCY_FIELDS
    )
    return (
        f"SELECT t.{q('id')}, t.{q('agency_id')}, t.{q('last_used_at')}, {columns}"  # noqa: S608 - names from model metadata, the hash a parameter
        f" FROM {q(token.db_table)} t JOIN {q(agency.db_table)} a"
        f" ON a.{q('id')} = t.{q('agency_id')}"
        f" WHERE t.{q('token_hash')} = %s AND t.{q('active')}"
    )


def _agency_of(record: AgencyToken) -> Agency:
    """The agency from the columns the token query read with it."""
    values = {name: getattr(record, f"agency_{name}") for name in AGENCY_FIELDS}
    fields = [f.attname for f in Agency._meta.concrete_fields if f.attname in values]
    return Agency.from_db(record._state.db, fields, [values[name] for name in fields])


@dataclass(frozen=True)
class AgencyClient:
    """The ``request.user`` of a desk system: the agency behind its token."""

    agency: Agency
    is_authenticated: bool = True


class AgencyTokenAuthentication(authentication.BaseAuthentication):
    keyword = "token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Tiêu đề Authorization phải có dạng: Token <khóa>.")
            )
        try:
            token = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Khóa API không hợp lệ.")) from None
        # token_hash is unique: one row or none.
        found = list(AgencyToken.objects.raw(_token_sql(), [hash_token(token)]))
        if not found:
            raise exceptions.AuthenticationFailed(
                _("Khóa API không hợp lệ hoặc đã bị thu hồi.")
            )
        record = found[0]
        record.agency = _agency_of(record)
        now = timezone.now()
        if not record.last_used_at or now - record.last_used_at > LAST_USED_GRANULARITY:
            AgencyToken.objects.filter(pk=record.pk).update(last_used_at=now)
        return AgencyClient(record.agency), record

    def authenticate_header(self, request) -> str:
        return "Token"


class IsAgencyClient(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, AgencyToken)


class AgencyTokenScheme(OpenApiAuthenticationExtension):
    """Documents the token scheme in the OpenAPI schema."""

    target_class = "dossiers.api.authentication.AgencyTokenAuthentication"
    name = "agencyToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <khóa>`: khóa API của cơ quan (một cửa).",
        }
