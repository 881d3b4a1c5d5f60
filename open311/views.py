"""GeoReport v2 endpoints: ``/open311/v2/…{.json|.xml}``.

Errors are the spec's (``[{"code": …, "description": …}]`` or
``<errors><error>…``) with the HTTP status of their code and Vietnamese
descriptions. Filing is limited as the petition API is (per address and per
phone number, only accepted petitions counted) and needs an ``api_key``
(``manage.py create_open311_key NAME``).
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.views import APIView

from core import periods
from core.api import client_address, wait_in_words
from core.parsers import CleanFormParser, CleanMultiPartParser
from core.throttles import CountsAcceptedOnly
from feedback import services as feedback
from feedback.api.serializers import PetitionCreateSerializer
from feedback.api.throttles import PetitionIpThrottle, PetitionPhoneThrottle

from . import formats, services
from .openapi import document

# Where our field names come from in an Open311 request.
FIELD_NAMES = {
    "kind": "service_code",
    "body": "description",
    "name": "first_name/last_name",
    "phone": "phone",
    "email": "email",
    "title": "attribute[title]",
    "procedure": "attribute[procedure]",
    "agency": "attribute[agency]",
    "consent_publish": "attribute[consent_publish]",
}


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__(descriptions)
        self.status = status
        self.descriptions = descriptions


class ExtensionNegotiation(DefaultContentNegotiation):
    """The URL's extension chooses the format, not ``Accept``: a client
    asking ``Accept: text/csv`` got DRF's English 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class Open311View(APIView):
    """Answers in the format of the URL's extension, errors included."""

    schema = None  # described by open311/openapi.py, not the portal's schema
    parser_classes = [CleanFormParser, CleanMultiPartParser]
    authentication_classes: list = []
    content_negotiation_class = ExtensionNegotiation

    def initial(self, request, *args, **kwargs):
        self.fmt = kwargs.get("fmt", "json")
        if self.fmt not in formats.FORMATS:
            raise Open311Error(404, _("Định dạng chỉ có thể là json hoặc xml."))
        jurisdiction = getattr(settings, "OPEN311_JURISDICTION_ID", "")
        asked = request.query_params.get("jurisdiction_id") or (
            request.data.get("jurisdiction_id") if request.method == "POST" else None
        )
        if jurisdiction and asked and asked != jurisdiction:
            raise Open311Error(
                404, _("Không có jurisdiction_id “%(asked)s”.") % {"asked": asked}
            )
        super().initial(request, *args, **kwargs)

    def throttled(self, request, wait):
        raise exceptions.Throttled(wait=wait)

    def handle_exception(self, exc):
        fmt = getattr(self, "fmt", "json")
        if isinstance(exc, Open311Error):
            return formats.errors(fmt, exc.status, *exc.descriptions)
        if isinstance(exc, Http404):
            return formats.errors(fmt, 404, _("Không tìm thấy."))
        if isinstance(exc, exceptions.Throttled):
            wait = math.ceil(exc.wait or 60)
            return formats.errors(
                fmt,
                429,
                _("Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau %(wait)s.")
                % {"wait": wait_in_words(wait)},
                headers={"Retry-After": str(wait)},
            )
        if isinstance(exc, exceptions.MethodNotAllowed):
            return formats.errors(fmt, 405, _("Phương thức không được hỗ trợ."))
        if isinstance(exc, exceptions.UnsupportedMediaType):
            return formats.errors(
                fmt,
                415,
                _(
                    "Gửi dữ liệu dạng application/x-www-form-urlencoded "
                    "hoặc multipart/form-data."
                ),
            )
        if isinstance(exc, RequestDataTooBig):
            # Django's HTML 400 page before; the body's size is the problem.
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
            return formats.errors(
                fmt,
                413,
                _("Dữ liệu gửi lên quá lớn (tối đa %(mb)d MB, không kể tệp).")
                % {"mb": limit},
            )
        if isinstance(exc, TooManyFieldsSent):
            return formats.errors(fmt, 400, _("Yêu cầu có quá nhiều trường."))
        if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
            # A form value made only of invisible characters (core/parsers.py).
            return formats.errors(fmt, 400, *_describe(exc.detail))
        if isinstance(exc, exceptions.ParseError):
            return formats.errors(
                fmt, 400, _("Không đọc được dữ liệu gửi lên (form hoặc multipart).")
            )
        if isinstance(exc, exceptions.APIException):
            return formats.errors(fmt, exc.status_code, str(exc.detail))
        raise exc


class ServiceListView(Open311View):
    def get(self, request, fmt):
        return formats.render(services.services(), self.fmt, "services", "service")


class ServiceDefinitionView(Open311View):
    def get(self, request, code, fmt):
        if not services.is_service(code):
            raise Open311Error(
                404, _("Không có dịch vụ (service_code) “%(code)s”.") % {"code": code}
            )
        return formats.render(
            services.definition(code), self.fmt, "service_definition", "service"
        )


def _parse_moment(name: str, value: str | None) -> dt.datetime | None:
    """An ISO 8601 instant of the portal's years (``core.periods``): a
    well-formed but impossible date (30 February, hour 25, an offset of
    +99:00) or year 1 used to answer 500 (ValueError, OverflowError)."""
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace(" ", "+"))
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(
            400,
            _("%(name)s không đúng dạng ISO 8601, ví dụ 2026-06-01T09:00:00+07:00.")
            % {"name": name},
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        day = timezone.localtime(moment).date()
    except OverflowError:
        day = moment.date()
    if not periods.in_range(day):
        raise Open311Error(400, f"{name}: {periods.RANGE_MESSAGE}")
    return moment


def _describe(errors: dict) -> list[str]:
    described = []
    for field, messages in errors.items():
        name = FIELD_NAMES.get(field, field)
        for message in messages:
            described.append(f"{name}: {message}")
    return described


def _csv(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class RequestsView(CountsAcceptedOnly, Open311View):
    def get_throttles(self):
        if self.request.method == "POST":
            return [PetitionIpThrottle(), PetitionPhoneThrottle()]
        return []

    def get(self, request, fmt):
        params = request.query_params
        ids = _csv(params.get("service_request_id"))
        if ids:
            # Overrides every other argument, as the spec says.
            rows = services.by_tracking_codes(ids)
        else:
            kinds = _csv(params.get("service_code"))
            unknown = [kind for kind in kinds if not services.is_service(kind)]
            if unknown:
                raise Open311Error(
                    400,
                    _("Không có dịch vụ (service_code) “%(code)s”.")
                    % {"code": ", ".join(unknown)},
                )
            statuses = _csv(params.get("status"))
            if any(value not in ("open", "closed") for value in statuses):
                raise Open311Error(400, _("status chỉ có thể là open hoặc closed."))
            start = _parse_moment("start_date", params.get("start_date"))
            end = _parse_moment("end_date", params.get("end_date"))
            window = dt.timedelta(days=services.WINDOW_DAYS)
            if start and end and end - start > window:
                raise Open311Error(
                    400,
                    _("Khoảng start_date–end_date không được quá %(days)d ngày.")
                    % {"days": services.WINDOW_DAYS},
                )
            if start and end and end < start:
                raise Open311Error(400, _("end_date phải sau start_date."))
            if start is None:
                start = (end or timezone.now()) - window
            rows = services.public_requests(
                kinds=kinds, start=start, end=end, statuses=statuses
            )
        return formats.render(
            [services.request_row(p) for p in rows],
            self.fmt,
            "service_requests",
            "request",
        )

    def post(self, request, fmt):
        data = request.data
        client = services.client_for(str(data.get("api_key") or "").strip())
        if client is None:
            raise Open311Error(
                403, _("api_key không hợp lệ: không thể gửi phản ánh, kiến nghị.")
            )
        code = str(data.get("service_code") or "").strip()
        if not code:
            raise Open311Error(400, _("Thiếu service_code."))
        if not services.is_service(code):
            raise Open311Error(
                404, _("Không có dịch vụ (service_code) “%(code)s”.") % {"code": code}
            )
        petition_data = self._petition_data(data, code)
        serializer = PetitionCreateSerializer(data=petition_data)
        if not serializer.is_valid():
            raise Open311Error(400, *_describe(serializer.errors))
        validated = dict(serializer.validated_data)
        validated.pop("attachments", None)
        submission = feedback.submit_petition(
            data=validated, files=[], client_address=client_address(request)
        )
        petition = submission.petition
        stored = services.record_submission(
            petition,
            client,
            device_id=str(data.get("device_id") or ""),
            account_id=str(data.get("account_id") or ""),
        )
        row = {
            "service_request_id": petition.tracking_code,
            "token": stored.token,
            "service_notice": services.service_notice(petition),
            "account_id": stored.account_id or None,
        }
        return formats.render([row], self.fmt, "service_requests", "request", 201)

    @staticmethod
    def _petition_data(data, code: str) -> dict:
        def attribute(name: str) -> str:
            return str(data.get(f"attribute[{name}]") or "").strip()

        description = str(data.get("description") or "")
        title = attribute("title")
        if not title:
            # The first words of the description, cut at a word.
            words = description.split()
            title = ""
            for word in words:
                if len(title) + len(word) + 1 > 100:
                    break
                title = f"{title} {word}".strip()
        name = " ".join(
            part
            for part in (
                str(data.get("last_name") or "").strip(),
                str(data.get("first_name") or "").strip(),
            )
            if part
        )
        petition = {
            "kind": code,
            "title": title,
            "body": description,
            "name": name,
            "phone": str(data.get("phone") or ""),
            "email": str(data.get("email") or ""),
            "consent_publish": attribute("consent_publish") or "false",
        }
        if procedure := attribute("procedure"):
            petition["procedure"] = procedure
        if agency_code := attribute("agency"):
            agency = services.agency_by_code(agency_code)
            if agency is None:
                raise Open311Error(
                    400,
                    _("attribute[agency]: Không có cơ quan mã “%(code)s”.")
                    % {"code": agency_code},
                )
            petition["agency"] = agency.pk
        return petition


class RequestView(Open311View):
    def get(self, request, code, fmt):
        found = services.by_tracking_codes([code])
        if not found:
            raise Open311Error(
                404,
                _("Không có yêu cầu (service_request_id) “%(code)s”.") % {"code": code},
            )
        return formats.render(
            [services.request_row(found[0])], self.fmt, "service_requests", "request"
        )


class TokenView(Open311View):
    def get(self, request, token, fmt):
        row = services.token_row(token)
        if row is None:
            raise Open311Error(404, _("Không có token “%(token)s”.") % {"token": token})
        return formats.render([row], self.fmt, "service_requests", "request")


class NotFoundView(Open311View):
    """A path under ``/open311/v2/`` that no endpoint has: the spec's 404,
    in XML when the path ends in ``.xml``."""

    def initial(self, request, *args, **kwargs):
        self.fmt = "xml" if request.path.endswith(".xml") else "json"
        raise Open311Error(404, _("Không tìm thấy."))


def openapi_document(request):
    """This API's OpenAPI description (open311/openapi.py)."""
    return JsonResponse(
        document(xml_schemas=True), json_dumps_params={"ensure_ascii": False}
    )
