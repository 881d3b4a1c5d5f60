"""``GET /api/v1/stats/index-766/``: Decision 766's index for a period and a unit."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import Agency
from core import periods, public_cache

from . import indicators


class Index766IndicatorSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    points = serializers.FloatField(
        allow_null=True, help_text="null: no points of its own"
    )
    formula = serializers.CharField()
    threshold = serializers.FloatField(help_text="percent at which the points are full")
    status = serializers.ChoiceField(
        choices=[indicators.COMPUTED, indicators.PARTIAL, indicators.NO_DATA]
    )
    note = serializers.CharField(allow_blank=True)
    unit = serializers.CharField()
    snapshot = serializers.BooleanField(help_text="counts today's catalogue")
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    value = serializers.FloatField(allow_null=True, help_text="percent, or the average")
    score = serializers.FloatField(allow_null=True)
    has_data = serializers.BooleanField()


class Index766GroupSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    label_en = serializers.CharField()
    points = serializers.IntegerField()
    measured_points = serializers.FloatField()
    score = serializers.FloatField(allow_null=True)
    indicators = Index766IndicatorSerializer(many=True)


class Index766UnitSerializer(serializers.Serializer):
    agency = serializers.CharField()
    agency_name = serializers.CharField()
    measured_points = serializers.FloatField()
    score = serializers.FloatField(allow_null=True)
    share = serializers.FloatField(allow_null=True)


class Index766Serializer(serializers.Serializer):
    period = serializers.CharField()
    agency = serializers.CharField(allow_null=True)
    agency_name = serializers.CharField(allow_null=True)
    as_of = serializers.DateField()
    source = serializers.CharField()
    points = serializers.IntegerField()
    measured_points = serializers.FloatField()
    score = serializers.FloatField(allow_null=True)
    share = serializers.FloatField(allow_null=True)
    groups = Index766GroupSerializer(many=True)
    units = Index766UnitSerializer(many=True)


def _agency(value: str) -> Agency:
    agency = Agency.objects.filter(code=value).first()
    if agency is None and value.isascii() and value.isdigit():
        agency = Agency.objects.filter(pk=int(value)).first()
    if agency is None:
        raise ValidationError(
            {"agency": _("Không có cơ quan “%(agency)s”.") % {"agency": value}}
        )
    return agency


def _period(raw: str) -> periods.Period:
    try:
        period = periods.parse_period(raw) if raw else periods.current_quarter()
    except periods.PeriodError:
        period = None
    if period is None or period.start is None:
        raise ValidationError(
            {
                "period": _(
                    "Kỳ không hợp lệ: dùng 2025, 2025-Q2 hoặc 2025-06, trong các "
                    "năm %(first)d–%(last)d."
                )
                % {"first": periods.EARLIEST_YEAR, "last": periods.LATEST_YEAR}
            }
        )
    return period


class IndexView(APIView):
    @extend_schema(
        summary="Decision 766's index: groups and sub-indicators the portal measures",
        description=(
            "Sub-indicators whose data lives outside the portal are `no_data`, not 0; "
            "the total is the points scored out of the points measured. Without "
            "`agency`, the province, with each active unit's total in `units`."
        ),
        parameters=[
            OpenApiParameter("agency", str, description="agency code or id"),
            OpenApiParameter(
                "period",
                str,
                description="2026, 2026-Q2 or 2026-06; without it, the current quarter",
            ),
        ],
        responses=Index766Serializer,
    )
    def get(self, request):
        agency = None
        if value := (request.query_params.get("agency") or "").strip():
            agency = _agency(value)
        period = _period((request.query_params.get("period") or "").strip())
        today = timezone.localdate()

        def compute():
            answer = indicators.index(period, agency, today=today)
            answer["units"] = (
                [] if agency else indicators.unit_totals(period, today=today)
            )
            return answer

        figures = public_cache.remember(
            (
                public_cache.DOSSIERS,
                public_cache.PETITIONS,
                public_cache.SATISFACTION,
                public_cache.CATALOGUE,
            ),
            ("index-766", agency and agency.pk, period.start, period.end, today),
            compute,
            ttl=300,
        )
        return Response(Index766Serializer(figures).data)
