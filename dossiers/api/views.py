"""Dossiers API views: the desk feed, the public lookup and the statistics."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import Agency, ProcedurePage
from core import periods, public_cache
from core.api import (
    IDEMPOTENCY_HEADER,
    ThrottledInVietnamese,
    idempotency_key,
    matches_etag,
    not_modified,
    problem,
    versions_etag,
)
from core.idempotency import IdempotencyConflict
from core.throttles import CountsAcceptedOnly

from .. import filing, prediction, receipts, services, statistics
from ..models import Dossier
from . import serializers as s
from .authentication import AgencyTokenAuthentication, IsAgencyClient
from .throttles import DossierFilingThrottle, DossierLookupThrottle

FORBIDDEN = gettext_lazy("Cơ quan chỉ được cập nhật hồ sơ của mình.")


def dossier_status(dossier: Dossier) -> str:
    """The status a refused event left unchanged (told to the desk system)."""
    return Dossier.objects.values_list("status", flat=True).get(pk=dossier.pk)


class FeedView(APIView):
    """Written by a desk system with its agency's token."""

    authentication_classes = [AgencyTokenAuthentication]
    permission_classes = [IsAgencyClient]

    @property
    def agency(self) -> Agency:
        return self.request.user.agency


class DossierCreateView(FeedView):
    @extend_schema(
        summary="Feed: a dossier received at the agency's desk",
        request=s.DossierInSerializer,
        responses={201: s.DossierFeedSerializer, 200: s.DossierFeedSerializer},
    )
    def post(self, request):
        serializer = s.DossierInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            stored = services.ingest_dossier(self.agency, **serializer.validated_data)
        except services.DossierError as exc:
            raise ValidationError(exc.errors) from exc
        return Response(
            s.DossierFeedSerializer(stored.obj).data,
            status=status.HTTP_201_CREATED if stored.created else status.HTTP_200_OK,
        )


class DossierEventsView(FeedView):
    @extend_schema(
        summary="Feed: an event in a dossier's handling (idempotent on event_id)",
        request=s.EventInSerializer,
        responses={201: s.EventOutSerializer, 200: s.EventOutSerializer},
    )
    def post(self, request, code: str):
        # What ``services.ingest_event`` reads before it locks the row.
        dossier = get_object_or_404(
            Dossier.objects.only("pk", "agency_id", "received_at"), code=code
        )
        if not services.can_write(self.agency, dossier):
            raise PermissionDenied(FORBIDDEN)
        serializer = s.EventInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        target = data.pop("agency", None)
        try:
            stored = services.ingest_event(
                self.agency, dossier, target_agency=target, **data
            )
        except services.DossierError as exc:
            raise ValidationError(exc.errors) from exc
        except services.DossierForbidden as exc:
            raise PermissionDenied(FORBIDDEN) from exc
        except services.EventConflict:
            return problem(
                status.HTTP_409_CONFLICT,
                _("Mã sự kiện này đã được dùng cho một sự kiện khác."),
            )
        except services.TransitionRefused as exc:
            return problem(
                status.HTTP_409_CONFLICT,
                str(exc),
                dossier_status=dossier_status(dossier),
            )
        if not stored.created:
            # A stored event: its dossier's status now, not when it was sent.
            stored.obj.dossier.refresh_from_db(fields=["status"])
        return Response(
            s.EventOutSerializer(stored.obj).data,
            status=status.HTTP_201_CREATED if stored.created else status.HTTP_200_OK,
        )


class DossierLookupView(ThrottledInVietnamese, APIView):
    throttle_classes = [DossierLookupThrottle]

    @extend_schema(
        summary="Public lookup of a dossier by its code (personal data masked)",
        responses=s.DossierLookupSerializer,
    )
    def get(self, request, code: str):
        dossier = services.find_dossier(
            code,
            Dossier.objects.select_related("agency", "procedure", "receiving_unit"),
        )
        if dossier is None:
            raise NotFound
        summary = services.public_summary(dossier)
        summary["completion_estimate"] = prediction.dossier_estimate(dossier)
        return Response(s.DossierLookupSerializer(summary).data)


class CompletionTimeView(APIView):
    """Predicted completion time of a published procedure (``prediction``:
    cached a day at a time, as its period ends yesterday)."""

    @extend_schema(
        summary="How long a procedure's dossiers took: median and 90th percentile",
        responses=s.CompletionTimeSerializer,
    )
    def get(self, request, code: str):
        # What the cached figures are keyed by: the catalogue, the day and the
        # settings (prediction.cached_procedure_estimates).
        etag = versions_etag(
            request,
            (public_cache.CATALOGUE,),
            timezone.localdate(),
            prediction.min_dossiers(),
            prediction.period_days(),
        )
        cache_control = "public, max-age=300"
        if matches_etag(request, etag):
            return not_modified(etag, cache_control)
        procedure = ProcedurePage.objects.live().filter(code=code).first()
        if procedure is None:
            raise NotFound(_("Không có thủ tục với mã này."))
        figures = prediction.cached_procedure_estimates(procedure)
        response = Response(
            s.CompletionTimeSerializer(figures).data,
            headers={"Cache-Control": cache_control},
        )
        if etag:
            response["ETag"] = etag
            response["Vary"] = "Accept, Accept-Language"
        return response


class ReceiptView(ThrottledInVietnamese, APIView):
    """A receipt: looked up (and limited) as the lookup is, never cached."""

    throttle_classes = [DossierLookupThrottle]

    @staticmethod
    def dossier(code: str) -> Dossier:
        # The receipt draws codes from it: only a well-formed code is looked up.
        code = services.normalise_dossier_code(code)
        if not services.is_dossier_code(code):
            raise NotFound
        dossier = services.find_dossier(
            code,
            Dossier.objects.select_related("agency", "procedure", "receiving_unit"),
        )
        if dossier is None:
            raise NotFound
        return dossier

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == status.HTTP_200_OK:
            response["Cache-Control"] = "private, no-store"
        return response


class DossierReceiptView(ReceiptView):
    @extend_schema(
        summary="Receipt of a dossier: the public lookup plus barcode and QR (SVG)",
        responses=s.ReceiptSerializer,
    )
    def get(self, request, code: str):
        dossier = self.dossier(code)
        return Response(s.ReceiptSerializer(receipts.receipt(dossier)).data)


class DossierReceiptPdfView(ReceiptView):
    @extend_schema(
        summary="Receipt of a dossier as an A4 PDF (Vietnamese, codes to scan)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, code: str):
        dossier = self.dossier(code)
        code = dossier.code
        response = HttpResponse(
            receipts.receipt_pdf(dossier), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="bien-nhan-{code}.pdf"'
        return response


def _checking(request) -> bool:
    return request.query_params.get("check") == "fields"


class OnlineFilingView(ThrottledInVietnamese, CountsAcceptedOnly, APIView):
    """The filing form of a procedure open for online filing, and its POST."""

    def get_throttles(self):
        # Checking the typed fields (``?check=fields``) stores nothing.
        if self.request.method != "POST" or _checking(self.request):
            return []
        return [DossierFilingThrottle()]

    def check_throttles(self, request):
        # A retry of a filing already stored is answered, never refused.
        key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
        if key and Dossier.objects.filter(idempotency_key=key).exists():
            return
        super().check_throttles(request)

    def _procedure(self, code: str):
        try:
            return filing.open_procedure(code)
        except filing.NotOpen:
            raise NotFound(filing.NOT_OPEN) from None

    @extend_schema(
        summary="Online filing: the form of a procedure (fields, documents)",
        responses=s.FilingFormSerializer,
    )
    def get(self, request, procedure_code: str):
        procedure = self._procedure(procedure_code)
        return Response(s.FilingFormSerializer(filing.form_schema(procedure)).data)

    @extend_schema(
        summary="Online filing: submit a dossier (multipart, files under doc-N)",
        description=(
            "With ?check=fields the typed fields (applicant, organisation, e-forms)"
            " are only checked: 200 {valid: true} or the 400 problem, nothing stored,"
            " no files needed, no allowance used."
        ),
        parameters=[
            OpenApiParameter(
                "check", str, enum=["fields"], description="only check the fields"
            )
        ],
        request={"multipart/form-data": s.OnlineFilingSerializer},
        responses={
            201: s.FiledSerializer,
            200: PolymorphicProxySerializer(
                component_name="FiledOrChecked",
                serializers=[s.FiledSerializer, s.FieldsCheckedSerializer],
                resource_type_field_name=None,
            ),
        },
    )
    def post(self, request, procedure_code: str):
        procedure = self._procedure(procedure_code)
        checking = _checking(request)
        serializer = s.OnlineFilingSerializer(
            data=request.data,
            context={
                "slots": filing.document_slots(procedure),
                "procedure_code": procedure.code,
                "files": request.FILES,
                "fields_only": checking,
            },
        )
        serializer.is_valid(raise_exception=True)
        if checking:
            # The form's first step: what was typed holds; nothing is stored.
            return Response({"valid": True})
        key = idempotency_key(request)
        data = dict(serializer.validated_data)
        files = data.pop("files")
        try:
            filed = filing.submit(
                procedure, data=data, files=files, idempotency_key=key
            )
        except IdempotencyConflict:
            return problem(
                status.HTTP_409_CONFLICT,
                _("Khóa Idempotency-Key này đã được dùng cho một hồ sơ khác."),
            )
        except filing.NotOpen:
            raise NotFound(filing.NOT_OPEN) from None
        dossier = filed.dossier
        receipt_url = reverse("api:dossier-receipt", args=[dossier.code])
        body = s.FiledSerializer(
            {
                "code": dossier.code,
                "status": dossier.status,
                "receipt_url": receipt_url,
                "lookup_url": services.lookup_url(dossier.code),
                "received_at": dossier.received_at,
                "promised_at": dossier.promised_at,
            }
        ).data
        headers = {"Location": receipt_url}
        if not filed.created:
            headers["Idempotent-Replayed"] = "true"
        return Response(
            body,
            status=status.HTTP_201_CREATED if filed.created else status.HTTP_200_OK,
            headers=headers,
        )


def _agency_param(request, name: str) -> Agency | None:
    """An agency named by code or id in query parameter ``name``."""
    value = request.query_params.get(name)
    if not value:
        return None
    agency = Agency.objects.filter(code=value).first()
    if agency is None and value.isascii() and value.isdigit():
        agency = Agency.objects.filter(pk=int(value)).first()
    if agency is None:
        raise ValidationError(
            {name: _("Không có cơ quan “%(agency)s”.") % {"agency": value[:80]}}
        )
    return agency


def _period_param(request) -> periods.Period:
    raw = (request.query_params.get("period") or "").strip()
    try:
        # Without a period (or an empty one): the quarter running now.
        period = periods.parse_period(raw) if raw else periods.current_quarter()
    except periods.PeriodError:
        period = None
    if period is None or period.start is None:
        raise ValidationError(
            {
                "period": _(
                    "Kỳ không hợp lệ: dùng 2025-Q2 hoặc 2025-06, trong "
                    "các năm %(first)d–%(last)d."
                )
                % {"first": periods.EARLIEST_YEAR, "last": periods.LATEST_YEAR}
            }
        )
    return period


PERIOD_PARAMETER = OpenApiParameter(
    "period",
    str,
    description="2025-Q2 or 2025-06; without it, the current quarter",
)


class DossierStatsView(APIView):
    @extend_schema(
        summary="Dossiers received, resolved on time and pending, by period",
        parameters=[
            OpenApiParameter("agency", str, description="agency code or id"),
            OpenApiParameter(
                "unit",
                str,
                description="one-stop unit (code or id): the dossiers it received",
            ),
            PERIOD_PARAMETER,
        ],
        responses=s.DossierStatsSerializer,
    )
    def get(self, request):
        agency = _agency_param(request, "agency")
        unit = _agency_param(request, "unit")
        period = _period_param(request)
        # Pending and overdue counts are as of today: the date is in the key.
        figures = public_cache.remember(
            (public_cache.DOSSIERS, public_cache.CATALOGUE),
            (
                "dossier-stats",
                agency and agency.pk,
                unit and unit.pk,
                period.start,
                period.end,
                timezone.localdate(),
            ),
            lambda: statistics.dossier_stats(period, agency, unit=unit).as_dict(),
            ttl=300,
        )
        return Response(s.DossierStatsSerializer(figures).data)


class DossierUnitStatsView(APIView):
    @extend_schema(
        summary="Dossier figures of each one-stop unit (where dossiers were "
        "handed in), by period",
        parameters=[PERIOD_PARAMETER],
        responses=s.UnitStatsSerializer(many=True),
    )
    def get(self, request):
        period = _period_param(request)

        def compute() -> list[dict]:
            return [
                {
                    "unit": {
                        "id": unit.pk,
                        "code": unit.code or "",
                        "name": unit.name,
                        "kind": unit.kind,
                    },
                    "figures": figures.as_dict(),
                }
                for unit, figures in statistics.stats_by_receiving_unit(period)
            ]

        rows = public_cache.remember(
            (public_cache.DOSSIERS, public_cache.CATALOGUE),
            ("dossier-unit-stats", period.start, period.end, timezone.localdate()),
            compute,
            ttl=300,
        )
        return Response(s.UnitStatsSerializer(rows, many=True).data)
