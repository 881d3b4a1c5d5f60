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
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

# The integer columns' limits of the database backends Django ships.
COLUMN_LIMITS = {2**15 - 1, 2**31 - 1, 2**63 - 1, -(2**15), -(2**31), -(2**63)}


class PortalAutoSchema(AutoSchema):
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
