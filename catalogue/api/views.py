"""Catalogue API views: parse, call a service, serialize."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core import public_cache
from core.api import ConditionalReadMixin

from .. import province as provinces
from .. import services
from ..models import ProcedurePage
from .filters import ProcedureFilter
from .serializers import (
    AgencySerializer,
    FieldSerializer,
    LifeEventSerializer,
    LocalProcedureRowSerializer,
    ProcedureDetailSerializer,
    ProcedureListSerializer,
    ReceptionSerializer,
    WhereQuerySerializer,
    WhereSerializer,
)


class CatalogueReadMixin(ConditionalReadMixin):
    public_cache_namespaces = (public_cache.CATALOGUE,)

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
        if getattr(self, "swagger_fake_view", False):
            # Schema generation (also run by `check --deploy`): no database.
            return ProcedurePage.objects.none()
        if self.action == "retrieve":
            return services.procedure_detail_queryset()
        return services.procedure_list_queryset()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ProcedureDetailSerializer
        return ProcedureListSerializer

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"])

    @extend_schema(
        summary="Where do I go? The unit, address, hours, map link, and the "
        "time and fee that apply in the province, for a chosen commune",
        parameters=[WhereQuerySerializer],
        responses=WhereSerializer,
    )
    @action(detail=True, methods=["get"], url_path="where")
    def where(self, request, code=None):
        query = WhereQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = get_object_or_404(services.live_procedures(), code=code)
        commune = query.validated_data.get("xa", "")
        try:
            answer = provinces.where_to_go(page, commune)
        except provinces.UnknownCommune as exc:
            raise ValidationError(
                {
                    "xa": [
                        _(
                            "Không có xã, phường “%(commune)s” trong danh mục "
                            "của tỉnh: chọn một xã, phường trong danh sách."
                        )
                        % {"commune": exc.args[0][:80]}
                    ]
                }
            ) from exc
        return Response(WhereSerializer(answer).data)

    def finalize_response(self, request, response, *args, **kwargs):
        # Counted here, not in retrieve(): a read answered from the shared
        # cache never runs retrieve().
        if self.action == "retrieve" and response.status_code == 200:
            services.count_view(self.kwargs["code"])
        return super().finalize_response(request, response, *args, **kwargs)


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

    @extend_schema(
        summary="The province's published list of the procedures this agency "
        "carries out or receives, with local times and fees",
        responses=LocalProcedureRowSerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="local-procedures",
        pagination_class=None,
    )
    def local_procedures(self, request, pk=None):
        agency = self.get_object()
        rows = provinces.agency_local_procedures(agency)
        return Response(LocalProcedureRowSerializer(rows, many=True).data)

    @extend_schema(
        summary="Where this agency receives: a Public Administration Centre's "
        "counters and the departments each receives for; a department's "
        "centres and counters",
        responses=ReceptionSerializer,
    )
    @action(detail=True, methods=["get"], url_path="reception")
    def reception(self, request, pk=None):
        agency = self.get_object()
        return Response(ReceptionSerializer(provinces.reception_of(agency)).data)


class LifeEventViewSet(CatalogueReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = LifeEventSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return services.life_events_with_counts().order_by("sort_order", "name")


class PreviewQuerySerializer(serializers.Serializer):
    content_type = serializers.CharField(help_text='e.g. "catalogue.procedurepage"')
    token = serializers.CharField(help_text="the token of the editor's Preview")


class ProcedurePreviewView(APIView):
    """The draft an editor is previewing, shaped like the procedure detail.

    The editor's Preview button opens the frontend's ``/preview`` page with
    ``content_type`` and ``token``; that page reads the draft here. Never
    cached: it is an unpublished draft.
    """

    @extend_schema(
        summary="Draft of a procedure in an editor's preview",
        parameters=[PreviewQuerySerializer],
        responses=ProcedureDetailSerializer,
    )
    def get(self, request):
        query = PreviewQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = services.preview_procedure(**query.validated_data)
        if page is None:
            raise NotFound(_("Bản xem trước không tồn tại hoặc đã hết hạn."))
        data = ProcedureDetailSerializer(page, context={"request": request}).data
        return Response(
            data,
            headers={
                "Cache-Control": "no-store, private",
                "X-Robots-Tag": "noindex",
            },
        )
