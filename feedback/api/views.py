"""Feedback API views: parse, check, call a service, serialize."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import Agency
from core import periods, public_cache
from core.api import (
    IDEMPOTENCY_HEADER,
    ThrottledInVietnamese,
    client_address,
    idempotency_key,
    problem,
)
from core.throttles import CountsAcceptedOnly

from .. import satisfaction, services
from ..models import Petition
from . import serializers as s
from .throttles import (
    PetitionIpThrottle,
    PetitionPhoneThrottle,
    RatingIpThrottle,
    ReactionIpThrottle,
)


def _agency_param(request) -> int | None:
    value = request.query_params.get("agency")
    if not value:
        return None
    agency = Agency.objects.filter(code=value).first()
    if agency is None and value.isascii() and value.isdigit():
        agency = Agency.objects.filter(pk=int(value)).first()
    if agency is None:
        raise ValidationError(
            {"agency": _("Không có cơ quan “%(value)s”.") % {"value": value}}
        )
    return agency.pk


def _period_param(request) -> periods.Period:
    try:
        return periods.parse_period(request.query_params.get("period"))
    except periods.PeriodError as exc:
        raise ValidationError(
            {
                "period": _(
                    "Kỳ không hợp lệ: dùng 2025, 2025-06, 2025-Q2 "
                    "hoặc 2025-01-01..2025-03-31, trong các năm %(first)d–%(last)d."
                )
                % {"first": periods.EARLIEST_YEAR, "last": periods.LATEST_YEAR}
            }
        ) from exc


@extend_schema_view(
    list=extend_schema(
        summary="Published petitions and their answers (masked)",
        parameters=[
            OpenApiParameter("agency", str, description="agency id or code"),
            OpenApiParameter("procedure", str, description="procedure code"),
            OpenApiParameter("period", str, description="2025, 2025-06, 2025-Q2"),
        ],
    ),
    retrieve=extend_schema(summary="Status, deadlines and answer by tracking code"),
)
class PetitionViewSet(
    ThrottledInVietnamese,
    CountsAcceptedOnly,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "tracking_code"
    # As typed from the confirmation page: groups split by spaces or dashes.
    lookup_value_regex = r"[0-9A-Za-z\- ]+"

    def get_queryset(self):
        queryset = services.published_petitions()
        if self.action != "list":
            return queryset
        agency = _agency_param(self.request)
        if agency is not None:
            queryset = queryset.filter(agency_id=agency)
        if procedure := self.request.query_params.get("procedure"):
            queryset = queryset.filter(procedure__code=procedure)
        period = _period_param(self.request)
        if period.start:
            queryset = queryset.filter(
                published_at__gte=period.start, published_at__lt=period.end
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "create":
            return s.PetitionCreateSerializer
        if self.action == "reactions":
            return s.ReactionSerializer
        return s.PublicPetitionSerializer

    def get_throttles(self):
        if self.action == "create":
            return [PetitionIpThrottle(), PetitionPhoneThrottle()]
        if self.action == "reactions":
            return [ReactionIpThrottle()]
        return []

    def check_throttles(self, request):
        # A retry of a petition already stored is answered, never refused. Its
        # key is looked up only when a limit refuses: an accepted request
        # costs no lookup (the submission inserts first, and the key's unique
        # constraint finds a retry that was not refused).
        try:
            super().check_throttles(request)
        except Throttled:
            key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
            if key and Petition.objects.filter(idempotency_key=key).exists():
                return
            raise

    def _petition(self) -> Petition:
        petition = services.find_by_tracking_code(self.kwargs["tracking_code"])
        if petition is None:
            raise Http404
        return petition

    @extend_schema(
        summary="Submit a complaint or petition (multipart for attachments)",
        request=s.PetitionCreateSerializer,
        responses={202: s.PetitionStatusSerializer},
    )
    def create(self, request):
        key = idempotency_key(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        files = data.pop("attachments", [])
        try:
            submission = services.submit_petition(
                data=data,
                files=files,
                client_address=client_address(request),
                idempotency_key=key,
                key_unused=True,
            )
        except services.IdempotencyConflict:
            return problem(
                status.HTTP_409_CONFLICT,
                _("Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."),
            )
        body = s.PetitionStatusSerializer(submission.petition).data
        headers = {"Location": f"{request.path}{submission.petition.tracking_code}/"}
        if not submission.created:
            headers["Idempotent-Replayed"] = "true"
        return Response(body, status=status.HTTP_202_ACCEPTED, headers=headers)

    @extend_schema(responses=s.PetitionStatusSerializer)
    def retrieve(self, request, tracking_code=None):
        return Response(s.PetitionStatusSerializer(self._petition()).data)

    @extend_schema(
        summary="Like or dislike a published answer (once per signed reader id)",
        request=s.ReactionSerializer,
        responses={201: s.ReactionCountsSerializer},
    )
    @action(detail=True, methods=["post"])
    def reactions(self, request, tracking_code=None):
        petition = self._petition()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reader = serializer.validated_data.get("reader") or services.new_reader()
        try:
            petition = services.react(
                petition, services.reader_id(reader), serializer.validated_data["value"]
            )
        except services.AlreadyReacted:
            return problem(
                status.HTTP_409_CONFLICT, _("Bạn đã đánh giá câu trả lời này.")
            )
        except services.PetitionError as exc:
            return problem(status.HTTP_409_CONFLICT, str(exc))
        return Response(
            {"likes": petition.likes, "dislikes": petition.dislikes, "reader": reader},
            status=status.HTTP_201_CREATED,
        )


class RatingView(ThrottledInVietnamese, CountsAcceptedOnly, APIView):
    """POST a satisfaction response; an Idempotency-Key makes retries safe."""

    throttle_classes = [RatingIpThrottle]
    serializer_class = None
    record = None

    def post(self, request):
        key = idempotency_key(request)
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            obj, created = type(self).record(dict(serializer.validated_data), key)
        except satisfaction.EvaluationClosed as exc:
            return problem(status.HTTP_409_CONFLICT, exc.message())
        body = {"id": obj.pk, "created_at": obj.created_at}
        body.update(self.describe(obj))
        replayed = not created and not getattr(obj, "replaced", False)
        return Response(
            body,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"Idempotent-Replayed": "true"} if replayed else {},
        )

    def describe(self, obj) -> dict:
        return {}


@extend_schema(
    summary="Evaluate a dossier's handling (9 criteria, 0-2 points each)",
    description=(
        "One evaluation a dossier: a second one within "
        "FEEDBACK_EVALUATION_REVISE_DAYS (7) days of the first replaces it "
        "(200, replaced: true); later ones are refused (409)."
    ),
    request=s.EvaluationSerializer,
    responses={
        201: s.EvaluationResultSerializer,
        200: s.EvaluationResultSerializer,
    },
)
class EvaluationView(RatingView):
    serializer_class = s.EvaluationSerializer
    record = staticmethod(satisfaction.record_evaluation)

    def describe(self, obj) -> dict:
        return {
            "replaced": obj.replaced,
            "total": obj.total,
            "grade": obj.grade,
            "grade_label": satisfaction.GRADE_LABELS[obj.grade],
        }


@extend_schema(
    summary="Counter kiosk rating (3 levels)",
    request=s.CounterRatingSerializer,
    responses={201: s.RatingResultSerializer, 200: s.RatingResultSerializer},
)
class CounterRatingView(RatingView):
    serializer_class = s.CounterRatingSerializer
    record = staticmethod(satisfaction.record_counter_rating)


@extend_schema(
    summary="Was this page useful?",
    request=s.PageFeedbackSerializer,
    responses={201: s.RatingResultSerializer, 200: s.RatingResultSerializer},
)
class PageFeedbackView(RatingView):
    serializer_class = s.PageFeedbackSerializer
    record = staticmethod(satisfaction.record_page_feedback)


class EvaluationCriteriaView(APIView):
    @extend_schema(
        summary="The evaluation form: nine criteria, their options, the grades",
        responses=s.EvaluationFormSerializer,
    )
    def get(self, request):
        body = s.EvaluationFormSerializer(satisfaction.evaluation_form()).data
        response = Response(body)
        response["Cache-Control"] = "public, max-age=3600"
        return response


class SatisfactionStatsView(APIView):
    @extend_schema(
        summary="Satisfaction figures with response counts and 95% intervals",
        parameters=[
            OpenApiParameter("agency", str, description="agency id or code"),
            OpenApiParameter("period", str, description="2025, 2025-06, 2025-Q2, a..b"),
        ],
        responses={200: s.SatisfactionStatsSerializer},
    )
    def get(self, request):
        agency, period = _agency_param(request), _period_param(request)
        figures = public_cache.remember(
            (public_cache.SATISFACTION, public_cache.CATALOGUE),
            ("satisfaction", agency, period.start, period.end, period.label),
            lambda: satisfaction.satisfaction_figures(agency, period),
            ttl=300,
        )
        response = Response(figures)
        response["Cache-Control"] = "public, max-age=60"
        return response
