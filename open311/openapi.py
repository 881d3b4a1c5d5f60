"""The OpenAPI 3.0 description of the GeoReport v2 endpoints.

The Open311 views are not DRF serializers' views (their answers are the
spec's rows in JSON or XML, chosen by the URL's extension), so they are not
in the portal's drf-spectacular schema (``/api/v1/schema/``). This document
describes them instead, served at ``/open311/v2/openapi.json``: each endpoint
once per format (``services.json`` and ``services.xml`` are two operations,
with their own content type), every status an endpoint answers with, and the
shape of every row, errors included. ``make fuzz-api`` and the bounded fuzz
test send schemathesis's cases to it with the same checks as the API's
(tests/abuse/fuzzing.py).
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from feedback.models import PetitionKind

from . import formats

FORMATS = ("json", "xml")

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": "string", "nullable": True}

SCHEMAS: dict[str, dict[str, Any]] = {
    # gunicorn's own refusals, before Django sees the request and its format
    # (portal/gunicorn_errors.py): problem+json whatever the extension.
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": _STRING,
            "title": _STRING,
            "status": {"type": "integer"},
            "detail": _STRING,
            "reason": _STRING,
        },
    },
    "Error": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {
            "code": {"type": "integer", "description": "The HTTP status."},
            "description": {"type": "string"},
        },
    },
    "Service": {
        "type": "object",
        "required": [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ],
        "properties": {
            "service_code": {"type": "string", "enum": list(PetitionKind.values)},
            "service_name": _STRING,
            "description": _STRING,
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": _STRING,
            "group": _STRING,
        },
    },
    "AttributeValue": {
        "type": "object",
        "required": ["key", "name"],
        "properties": {"key": _STRING, "name": _STRING},
    },
    "Attribute": {
        "type": "object",
        "required": [
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
        ],
        "properties": {
            "variable": {"type": "boolean"},
            "code": _STRING,
            "datatype": {
                "type": "string",
                "enum": [
                    "string",
                    "number",
                    "datetime",
                    "text",
                    "singlevaluelist",
                    "multivaluelist",
                ],
            },
            "required": {"type": "boolean"},
            "datatype_description": _STRING,
            "order": {"type": "integer"},
            "description": _STRING,
            "values": {
                "type": "array",
                "xml": {"wrapped": True},
                "items": {
                    "allOf": [{"$ref": "#/components/schemas/AttributeValue"}],
                    "xml": {"name": "value"},
                },
            },
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": _STRING,
            "attributes": {
                "type": "array",
                "xml": {"wrapped": True},
                "items": {
                    "allOf": [{"$ref": "#/components/schemas/Attribute"}],
                    "xml": {"name": "attribute"},
                },
            },
        },
    },
    "Request": {
        "type": "object",
        "required": [
            "service_request_id",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "service_notice",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "address",
            "address_id",
            "zipcode",
            "lat",
            "long",
            "media_url",
        ],
        "properties": {
            "service_request_id": _STRING,
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": _STRING,
            "service_name": _STRING,
            "service_code": _STRING,
            "description": _STRING,
            "agency_responsible": _STRING,
            "service_notice": _STRING,
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {
                "type": "string",
                "format": "date-time",
                "nullable": True,
            },
            "address": _STRING,
            "address_id": _STRING,
            "zipcode": _STRING,
            "lat": {"type": "number", "nullable": True},
            "long": {"type": "number", "nullable": True},
            "media_url": _STRING,
        },
    },
    "Created": {
        "type": "object",
        "required": ["service_request_id", "token", "service_notice", "account_id"],
        "properties": {
            "service_request_id": _STRING,
            "token": _STRING,
            "service_notice": _STRING,
            "account_id": _NULLABLE_STRING,
        },
    },
    "Token": {
        "type": "object",
        "required": ["service_request_id", "token"],
        "properties": {"service_request_id": _STRING, "token": _STRING},
    },
}

ERROR_STATUSES = {
    400: "Bad arguments (each error row says which).",
    403: "No valid api_key.",
    404: "No such service, request, token or jurisdiction_id.",
    405: "Method not allowed.",
    413: "Request body too large.",
    415: "A body neither form-encoded nor multipart.",
    429: "Too many filings from this address or phone number (Retry-After).",
}

# Answered by gunicorn for every operation (portal/gunicorn_conf.py's limits).
WEB_SERVER_STATUSES = {
    414: "Request line too long: a URL over 4094 bytes (the web server's limit).",
    431: "Request headers too large or too many (the web server's limit).",
}

JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "description": "Optional: there is one jurisdiction.",
    "schema": _STRING,
}


def _path(name: str, pattern: str, description: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string", "pattern": pattern},
    }


def _query(name: str, description: str, **schema: Any) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", **schema},
    }


# XML roots and rows (open311/formats.py), for the ``xml`` objects.
XML_NAMES = {
    "Service": ("services", "service"),
    "Request": ("service_requests", "request"),
    "Created": ("service_requests", "request"),
    "Token": ("service_requests", "request"),
    "Error": ("errors", "error"),
}


def _xml_schema(schema: dict) -> dict:
    """``schema`` with OpenAPI's ``xml`` names: ``<services><service>…``."""
    schema = deepcopy(schema)
    if schema.get("type") == "array":
        name = schema["items"]["$ref"].rsplit("/", 1)[-1]
        root, row = XML_NAMES[name]
        schema["xml"] = {"name": root, "wrapped": True}
        schema["items"] = {"allOf": [schema["items"]], "xml": {"name": row}}
        return schema
    return {"allOf": [schema], "xml": {"name": "service_definition"}}


def _content(fmt: str, schema: dict, xml_schemas: bool) -> dict:
    media = formats.CONTENT_TYPES[fmt].split(";")[0]
    if fmt == "xml":
        if not xml_schemas:
            return {media: {"schema": {"type": "string"}}}
        return {media: {"schema": _xml_schema(schema)}}
    return {media: {"schema": schema}}


def _array(name: str) -> dict:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}


def _responses(
    fmt: str, ok: dict[int, tuple[str, dict]], errors: list[int], xml_schemas: bool
) -> dict:
    responses = {
        str(status): {
            "description": text,
            "content": _content(fmt, schema, xml_schemas),
        }
        for status, (text, schema) in ok.items()
    }
    for status in errors:
        responses[str(status)] = {
            "description": ERROR_STATUSES[status],
            "content": _content(fmt, _array("Error"), xml_schemas),
        }
    for status, text in WEB_SERVER_STATUSES.items():
        responses[str(status)] = {
            "description": text,
            "content": {
                "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"}
                }
            },
        }
    if 429 in errors:
        responses["429"]["headers"] = {
            "Retry-After": {"schema": {"type": "integer"}, "required": True}
        }
    return responses


SERVICE_CODE = _path(
    "service_code",
    r"^[\w.-]+$",
    "The service's code (" + ", ".join(PetitionKind.values) + ").",
)
REQUEST_ID = _path(
    "service_request_id", r"^[0-9A-Za-z-]+$", "A petition's tracking code."
)
TOKEN = _path("token", r"^[0-9A-Za-z-]+$", "The token a filing answered with.")

# Open311's POST parameters; ``attribute[…]`` are the service definition's.
FILING_FIELDS: dict[str, dict] = {
    "api_key": {"type": "string", "description": "The client's key."},
    "service_code": {"type": "string", "enum": list(PetitionKind.values)},
    "jurisdiction_id": _STRING,
    "lat": {"type": "number"},
    "long": {"type": "number"},
    "address_string": _STRING,
    "address_id": _STRING,
    "email": _STRING,
    "device_id": _STRING,
    "account_id": _STRING,
    "first_name": _STRING,
    "last_name": _STRING,
    "phone": _STRING,
    "description": _STRING,
    "media_url": _STRING,
    "attribute[title]": _STRING,
    "attribute[procedure]": _STRING,
    "attribute[agency]": _STRING,
    "attribute[consent_publish]": {"type": "string", "enum": ["true", "false"]},
}


def _filing_body() -> dict:
    schema = {
        "type": "object",
        "required": ["api_key", "service_code", "description"],
        "properties": deepcopy(FILING_FIELDS),
    }
    return {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {"schema": schema},
            "multipart/form-data": {"schema": deepcopy(schema)},
        },
    }


def _operations(fmt: str, xml_schemas: bool) -> dict[str, dict]:
    base = "/open311/v2"
    tag = [f"open311-{fmt}"]
    return {
        f"{base}/services.{fmt}": {
            "get": {
                "operationId": f"open311_services_{fmt}",
                "summary": "The services (kinds of petition).",
                "tags": tag,
                "parameters": [JURISDICTION],
                "responses": _responses(
                    fmt, {200: ("The services.", _array("Service"))}, [404], xml_schemas
                ),
            }
        },
        f"{base}/services/{{service_code}}.{fmt}": {
            "get": {
                "operationId": f"open311_service_{fmt}",
                "summary": "A service's definition (its attributes).",
                "tags": tag,
                "parameters": [SERVICE_CODE, JURISDICTION],
                "responses": _responses(
                    fmt,
                    {
                        200: (
                            "The definition.",
                            {"$ref": "#/components/schemas/ServiceDefinition"},
                        )
                    },
                    [404],
                    xml_schemas,
                ),
            }
        },
        f"{base}/requests.{fmt}": {
            "get": {
                "operationId": f"open311_requests_{fmt}",
                "summary": "Public petitions (published with consent), newest first.",
                "tags": tag,
                "parameters": [
                    _query(
                        "service_request_id",
                        "Tracking codes, comma-separated; overrides the rest.",
                    ),
                    _query("service_code", "Service codes, comma-separated."),
                    _query("start_date", "ISO 8601.", format="date-time"),
                    _query("end_date", "ISO 8601 (at most 90 days after start)."),
                    _query("status", "open, closed or both, comma-separated."),
                    JURISDICTION,
                ],
                "responses": _responses(
                    fmt,
                    {200: ("The petitions.", _array("Request"))},
                    [400, 404],
                    xml_schemas,
                ),
            },
            "post": {
                "operationId": f"open311_file_{fmt}",
                "summary": "File a petition (needs an api_key).",
                "tags": tag,
                "requestBody": _filing_body(),
                "responses": _responses(
                    fmt,
                    {201: ("Filed.", _array("Created"))},
                    [400, 403, 404, 413, 415, 429],
                    xml_schemas,
                ),
            },
        },
        f"{base}/requests/{{service_request_id}}.{fmt}": {
            "get": {
                "operationId": f"open311_request_{fmt}",
                "summary": "One petition by its tracking code.",
                "tags": tag,
                "parameters": [REQUEST_ID, JURISDICTION],
                "responses": _responses(
                    fmt, {200: ("The petition.", _array("Request"))}, [404], xml_schemas
                ),
            }
        },
        f"{base}/tokens/{{token}}.{fmt}": {
            "get": {
                "operationId": f"open311_token_{fmt}",
                "summary": "The tracking code a filing's token stands for.",
                "tags": tag,
                "parameters": [TOKEN, JURISDICTION],
                "responses": _responses(
                    fmt,
                    {200: ("The token's request.", _array("Token"))},
                    [404],
                    xml_schemas,
                ),
            }
        },
    }


def document(*, xml_schemas: bool = False) -> dict[str, Any]:
    """The description; with ``xml_schemas`` the XML answers have the JSON
    rows' schemas too (with ``xml`` names), which a client reading the XML
    into the JSON's shape validates (tests/abuse/open311_xml.py); without,
    only their content type is described."""
    paths: dict[str, dict] = {}
    for fmt in FORMATS:
        paths.update(_operations(fmt, xml_schemas))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Open311 GeoReport v2",
            "version": "2",
            "description": (
                "Petitions (phản ánh, kiến nghị) as GeoReport v2 services and "
                "requests; errors are the spec's rows with the HTTP status as "
                "their code, descriptions in Vietnamese."
            ),
        },
        "paths": paths,
        "components": {"schemas": deepcopy(SCHEMAS)},
    }
