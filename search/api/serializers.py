"""Shapes of the search API's answers, for the OpenAPI schema.

The views answer with the dicts ``search.services`` builds; these serializers
describe them (and so the frontend's generated types), they serialize nothing.
"""

from __future__ import annotations

from rest_framework import serializers

from catalogue.api.serializers import (
    FieldRefSerializer,
    LevelSerializer,
    ProcedureLinkSerializer,
)
from catalogue.models import OnlineLevel

from .. import queries


class SearchHitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_highlighted = serializers.CharField(
        allow_null=True, help_text="the name with <mark> around the matched words"
    )
    url = serializers.CharField()
    field = FieldRefSerializer(allow_null=True)
    levels = LevelSerializer(many=True)
    online_level = serializers.ChoiceField(choices=OnlineLevel.choices)
    has_fee = serializers.BooleanField()
    snippet = serializers.CharField(
        help_text="HTML whose only markup is <mark>; everything else is escaped"
    )


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    """One list of values a facet; a facet the answer has no values for is absent."""

    def get_fields(self):
        return {
            facet: FacetValueSerializer(many=True, required=False)
            for facet in queries.FACETS
        }


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()
    suggestion = serializers.CharField(allow_null=True, help_text="did you mean")
    degraded = serializers.BooleanField(
        help_text="the engine was unreachable: answered from the database"
    )
    redirect = serializers.CharField(
        allow_null=True, help_text="a procedure code typed alone: its address"
    )


class SuggestResponseSerializer(serializers.Serializer):
    suggestions = ProcedureLinkSerializer(many=True)
