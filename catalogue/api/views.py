"""Catalogue API views: parse, call a service, serialize."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from portal.api_support import ConditionalReadMixin

from .. import services
from .filters import ProcedureFilter
from .serializers import (
    AgencySerializer,
    FieldSerializer,
    LifeEventSerializer,
    ProcedureDetailSerializer,
    ProcedureListSerializer,
)


class CatalogueReadMixin(ConditionalReadMixin):
    def content_version(self):
        return services.catalogue_version()


@extend_schema_view(
    list=extend_schema(summary="Published procedures, filtered and paginated"),
    retrieve=extend_schema(summary="One procedure by its code, every part structured"),
)
class ProcedureViewSet(CatalogueReadMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z.\-_]+"
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProcedureFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return services.procedure_detail_queryset()
        return services.live_procedures().order_by("-popularity", "title")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ProcedureDetailSerializer
        return ProcedureListSerializer

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"])


class FieldViewSet(CatalogueReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = FieldSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return services.fields_with_counts().order_by("name")


class AgencyViewSet(CatalogueReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AgencySerializer

    def get_queryset(self):
        return services.agencies_with_counts().order_by("name")


class LifeEventViewSet(CatalogueReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = LifeEventSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return services.life_events_with_counts().order_by("sort_order", "name")
