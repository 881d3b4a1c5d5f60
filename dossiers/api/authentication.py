"""Per-agency API tokens for the one-stop desk systems (``Authorization: Token``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from catalogue.models import Agency

from ..models import AgencyToken, hash_token

# Write the last-used time at most this often per token.
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)
AGENCY_FIELDS = ("agency__id", "agency__code", "agency__name")


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
                "Tiêu đề Authorization phải có dạng: Token <khóa>."
            )
        try:
            token = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("Khóa API không hợp lệ.") from None
        record = (
            AgencyToken.objects.select_related("agency")
            # On every feed request: only what the feed reads (the rest of
            # the agency loads on first use).
            .only("pk", "agency_id", "last_used_at", *AGENCY_FIELDS)
            .filter(token_hash=hash_token(token), active=True)
            .first()
        )
        if record is None:
            raise exceptions.AuthenticationFailed(
                "Khóa API không hợp lệ hoặc đã bị thu hồi."
            )
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
