"""Search API views: parse and validate, call the search service, answer."""

from __future__ import annotations

import time

from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import LEVELS, Field, OnlineLevel
from catalogue.services import current_agencies
from core.api import matches_etag, not_modified, versions_etag

from .. import queries, services
from .serializers import SearchResponseSerializer, SuggestResponseSerializer

PAGE_SIZE = 10


class SearchParams(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=True,
        max_length=queries.MAX_QUERY_LENGTH,
        error_messages={
            "max_length": gettext_lazy("Câu tìm kiếm dài tối đa {max_length} ký tự.")
        },
    )
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=100, default=1
    )
    prefer_level = serializers.ChoiceField(
        choices=[slug for slug, _ in LEVELS], required=False, allow_blank=True
    )


def _facet_values(request: Request) -> dict[str, list[str]]:
    """Facet filters from the query string; unknown values are a 400."""
    errors: dict[str, list[str]] = {}
    filters: dict[str, list[str]] = {}
    for facet in queries.FACETS:
        values = [v for v in request.query_params.getlist(facet) if v != ""]
        if not values:
            continue
        if facet == "field":
            known = set(
                Field.objects.filter(slug__in=values).values_list("slug", flat=True)
            )
        elif facet == "agency":
            ids = [v for v in values if v.isascii() and v.isdigit()]
            current = current_agencies().filter(pk__in=ids)
            known = {str(pk) for pk in current.values_list("pk", flat=True)}
        elif facet == "level":
            known = {slug for slug, _ in LEVELS}
        elif facet == "online":
            known = set(OnlineLevel.values)
        else:
            known = {"true", "false"}
        unknown = [v for v in values if v not in known]
        if unknown:
            errors[facet] = [
                gettext("Giá trị không hợp lệ: %(values)s.")
                % {"values": ", ".join(unknown[:5])}
            ]
        filters[facet] = values
    if errors:
        raise ValidationError(errors)
    return filters


class SearchView(APIView):
    @extend_schema(
        summary="Search published procedures",
        parameters=[
            OpenApiParameter("q", str, description="what the citizen typed (≤ 200)"),
            *[OpenApiParameter(f, str, many=True) for f in queries.FACETS],
            OpenApiParameter("page", int),
            OpenApiParameter("prefer_level", str, enum=[slug for slug, _ in LEVELS]),
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request: Request) -> Response:
        data = {key: request.query_params.get(key) for key in ("page", "prefer_level")}
        data = {key: value for key, value in data.items() if value is not None}
        data["q"] = queries.strip_controls(request.query_params.get("q"))
        params = SearchParams(data=data)
        params.is_valid(raise_exception=True)
        search_request = queries.SearchRequest(
            query=queries.clean_query(params.validated_data.get("q")),
            filters=_facet_values(request),
            page=params.validated_data["page"],
            page_size=PAGE_SIZE,
            prefer_level=params.validated_data.get("prefer_level") or None,
        )
        # The tag is taken before the answer is read (see versions_etag); the
        # answer itself is still looked up (from the shared cache) on a
        # revalidation, so that a repeated zero-result search is still counted.
        # Within the time the answer is kept (an answer also changes without an
        # event: the order follows use), then anew.
        period = int(time.time() // services.SEARCH_CACHE_SECONDS)
        etag = versions_etag(request, services.SEARCH_NAMESPACES, period)
        result = services.search(search_request)
        if result["degraded"]:
            # The database's stand-in answer: never kept, never revalidated.
            return Response(result, headers={"Cache-Control": "no-store"})
        cache_control = "public, max-age=30"
        if matches_etag(request, etag):
            return not_modified(etag, cache_control)
        response = Response(result, headers={"Cache-Control": cache_control})
        if etag:
            response["ETag"] = etag
            response["Vary"] = "Accept, Accept-Language"
        return response


class SuggestView(APIView):
    @extend_schema(
        summary="Suggestions for the search box (up to 8)",
        parameters=[OpenApiParameter("q", str)],
        responses=SuggestResponseSerializer,
    )
    def get(self, request: Request) -> Response:
        params = SearchParams(
            data={"q": queries.strip_controls(request.query_params.get("q"))}
        )
        params.is_valid(raise_exception=True)
        response = Response(
            {"suggestions": services.suggest(params.validated_data.get("q", ""))}
        )
        response["Cache-Control"] = "public, max-age=60"
        return response
