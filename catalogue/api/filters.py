"""Filters of the procedure list; an unknown value is a 400 naming the filter."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ..models import (
    HISTORICAL_LEVEL_SLUGS,
    LEVELS,
    Agency,
    EffectiveStatus,
    Field,
    LifeEvent,
    LocalProcedure,
    LocalStatus,
    OnlineLevel,
    ProcedurePage,
)


class ProcedureFilter(django_filters.FilterSet):
    field = django_filters.ModelChoiceFilter(
        queryset=Field.objects.all(),
        to_field_name="slug",
        label="Lĩnh vực (slug)",
    )
    agency = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(
            # District bodies (gone since 1/7/2025) are no filter value.
            queryset=Agency.objects.exclude(level__in=HISTORICAL_LEVEL_SLUGS),
            method="filter_agency",
            label="Cơ quan (id)",
        )
    )
    level = django_filters.ChoiceFilter(
        choices=LEVELS, method="filter_level", label="Cấp thực hiện"
    )
    life_event = django_filters.ModelChoiceFilter(
        queryset=LifeEvent.objects.all(),
        to_field_name="slug",
        field_name="life_events",
        label="Sự kiện (slug)",
    )
    online = django_filters.ChoiceFilter(
        choices=OnlineLevel.choices,
        field_name="online_level",
        label="Mức độ dịch vụ công trực tuyến",
    )
    has_fee = django_filters.ChoiceFilter(
        choices=[("true", "Có thu phí"), ("false", "Miễn phí")],
        method="filter_has_fee",
        label="Có thu phí",
    )
    status = django_filters.ChoiceFilter(
        choices=EffectiveStatus.choices, field_name="status", label="Hiệu lực"
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("title", "name"),
            ("code", "code"),
            # "Most used": page views and dossiers, cold start from life
            # events and commune level (ProcedurePage.usage_score).
            ("usage_score", "popularity"),
            ("last_published_at", "published"),
        ),
    )

    class Meta:
        model = ProcedurePage
        fields: list[str] = []

    def filter_agency(self, queryset, name, value):
        # The national catalogue's agencies, and the province's: a procedure
        # its published list has this agency carry out or receive.
        local = LocalProcedure.objects.filter(
            live=True, status=LocalStatus.APPLIES, procedure__isnull=False
        ).filter(
            Q(agency_roles__agency=value) | Q(agency_roles__agency__receives_at=value)
        )
        return queryset.filter(
            Q(agency_roles__agency=value) | Q(pk__in=local.values("procedure_id"))
        ).distinct()

    def filter_has_fee(self, queryset, name, value):
        return queryset.filter(has_fee=value == "true")

    def filter_level(self, queryset, name, value):
        return queryset.filter(
            Q(levels=value)
            | Q(levels__startswith=f"{value},")
            | Q(levels__endswith=f",{value}")
            | Q(levels__contains=f",{value},")
        )
