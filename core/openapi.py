"""The OpenAPI schema's view of responses, for clients generated from it.

The frontend's TypeScript types are generated from this schema
(frontend/src/lib/api/), so a response component must say which properties are
always there. drf-spectacular marks a response property required only when its
serializer field is required or read-only, so a model field with ``blank=True``
would come out optional although DRF always writes it. Here every property of a
response component is required, except a field declared with ``required=False``:
DRF leaves that one out when the object lacks the attribute (``procedure_count``
where no query annotated it). Requests keep drf-spectacular's rules
(``COMPONENT_SPLIT_REQUEST`` gives them components of their own).

The schema is also made the same whatever database the settings name: a model's
integer field carries its column's range (2**31 - 1 on PostgreSQL, 2**63 - 1 on
SQLite), which says nothing about the API, so those bounds are left out.

Every operation also lists the errors it can answer, each an
``application/problem+json`` body (the ``Problem`` component, RFC 9457 as
``core.api.problem`` writes it): 400 everywhere (a query string or body that
does not hold), 404 where the path names something and on reads (a page past
the end of a list, a preview without its token), 401/403 where a token is
needed, 409/411/413/415 where a body is sent, 429 where a rate limit applies;
and 414/431 everywhere: gunicorn answers a request line over 4094 bytes (a long
query string or path) with 414 and headers over its limits with 431, before
Django sees the request, as problem+json too (portal/gunicorn_errors.py).
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

from .api import PROBLEM_CONTENT_TYPE, ThrottledInVietnamese, title_for

# The integer columns' limits of the database backends Django ships.
COLUMN_LIMITS = {2**15 - 1, 2**31 - 1, 2**63 - 1, -(2**15), -(2**31), -(2**63)}


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error (RFC 9457); the title and detail are in Vietnamese.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "field name → messages (or nested errors)",
            "additionalProperties": True,
        },
    },
    "required": ["type", "title", "status"],
    "additionalProperties": True,
}

ERROR_DESCRIPTIONS = {
    400: "Invalid request: query parameters or body (see `errors`)",
    401: "Missing or invalid agency token",
    403: "The token's agency may not do this",
    404: "Not found",
    409: "Conflict with what is stored (an Idempotency-Key reused, a state)",
    411: "A body without Content-Length",
    413: "Body too large",
    414: "Request line too long: a URL over 4094 bytes (the web server's limit)",
    415: "Unsupported Content-Type",
    429: "Rate limit reached (see Retry-After)",
    431: "Request headers too large or too many (the web server's limit)",
}

BODY_METHODS = {"POST", "PUT", "PATCH"}


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        component = ResolvedComponent(
            name="Problem",
            type=ResolvedComponent.SCHEMA,
            object="Problem",
            schema=PROBLEM_SCHEMA,
        )
        self.registry.register_on_missing(component)
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                {
                    "description": f"{ERROR_DESCRIPTIONS[code]} ({title_for(code)})",
                    "content": {PROBLEM_CONTENT_TYPE: {"schema": component.ref}},
                },
            )
        return responses

    def _error_codes(self) -> list[int]:
        view = self.view
        # gunicorn's limits hold for every operation (portal/gunicorn_conf.py).
        codes = [400, 414, 431]
        # A named resource may not exist; a list's page may be past its end.
        if "{" in self.path or self.method == "GET":
            codes.append(404)
        if getattr(view, "authentication_classes", None):
            codes += [401, 403]
        if self.method in BODY_METHODS:
            codes += [409, 411, 413, 415]
        if getattr(view, "throttle_classes", None) or isinstance(
            view, ThrottledInVietnamese
        ):
            codes.append(429)
        return sorted(codes)

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        for prop in schema.get("properties", {}).values():
            if isinstance(prop, dict) and prop.get("type") == "integer":
                for bound in ("maximum", "minimum"):
                    if prop.get(bound) in COLUMN_LIMITS:
                        del prop[bound]
                if prop.get("format") == "int64" and "maximum" not in prop:
                    del prop["format"]
        if direction != "response" or "properties" not in schema:
            return schema
        # Field() keeps the keyword arguments it was given in ``_kwargs``; a
        # ModelSerializer passes required=False itself for blank model fields, so
        # only the fields it did not build count.
        built = set()
        if isinstance(serializer, serializers.ModelSerializer):
            built = set(serializer.fields) - set(serializer._declared_fields)
        optional = {
            name
            for name, field in serializer.fields.items()
            if name not in built
            and getattr(field, "_kwargs", {}).get("required") is False
        }
        schema["required"] = [
            name for name in schema["properties"] if name not in optional
        ]
        if not schema["required"]:
            del schema["required"]
        return schema
