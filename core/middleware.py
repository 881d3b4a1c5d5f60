"""Request limits on the API, checked before any body is read.

Django bounds the non-file part of a body (``DATA_UPLOAD_MAX_MEMORY_SIZE``),
but not the files of a multipart upload, which it streams to disk whatever
their size; and it reads nothing of a body sent without ``Content-Length``
(chunked), so such a petition arrived empty and was answered with a list of
missing fields. On ``/api/`` both are refused here with problem+json: a
declared length above ``API_MAX_REQUEST_BYTES`` with 413, a body without a
length with 411; on ``/open311/`` the same, in GeoReport v2's error rows.

Every query string value goes through :func:`core.text.clean_input` (single
line) before any view reads it (:class:`CleanQueryStringMiddleware`), so a
search, a tracking code or a filter typed in NFD or with zero-width
characters is read as the person meant it. A value made only of such
characters is refused on the API with a problem+json naming the parameter
(elsewhere it is read as empty).
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from .api import PROBLEM_CONTENT_TYPE, json_problem
from .parsers import refused_message
from .text import InputRefused, clean_input

API_PREFIX = "/api/"


def _declared_length(meta: dict) -> int | None:
    value = meta.get("CONTENT_LENGTH")
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        return -1


OPEN311_PREFIX = "/open311/"


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith((API_PREFIX, OPEN311_PREFIX)):
            # Before LocaleMiddleware: the refusal in the language asked for.
            language = translation.get_language_from_request(request)
            with translation.override(language):
                refused = self.refuse(request)
            if refused is not None:
                status, message = refused
                if path.startswith(OPEN311_PREFIX):
                    # GeoReport v2's own error rows (open311/formats.py).
                    from open311 import formats

                    fmt = "xml" if path.endswith(".xml") else "json"
                    return formats.errors(fmt, status, message)
                return json_problem(status, message)
        return self.get_response(request)

    @staticmethod
    def refuse(request) -> tuple[int, str] | None:
        meta = request.META
        length = _declared_length(meta)
        if length is None and meta.get("HTTP_TRANSFER_ENCODING"):
            return (
                411,
                _(
                    "Yêu cầu cần có độ dài nội dung (Content-Length); "
                    "không nhận dữ liệu gửi theo từng khúc (chunked)."
                ),
            )
        if length is not None and length < 0:
            return 400, _("Content-Length không hợp lệ.")
        limit = settings.API_MAX_REQUEST_BYTES
        if length is not None and length > limit:
            return (
                413,
                _("Dữ liệu gửi lên quá lớn (tối đa %(mb)d MB cho một yêu cầu).")
                % {"mb": limit // (1024 * 1024)},
            )
        return None


class CleanQueryStringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("QUERY_STRING"):
            cleaned = QueryDict(mutable=True, encoding=request.GET.encoding)
            refused: dict[str, list[str]] = {}
            for key, values in request.GET.lists():
                kept = []
                for value in values:
                    try:
                        kept.append(clean_input(value, multiline=False))
                    except InputRefused:
                        refused[key] = [refused_message(key)]
                        kept.append("")
                cleaned.setlist(key, kept)
            cleaned._mutable = False
            if refused and request.path_info.startswith(API_PREFIX):
                return _refused(refused)
            request.GET = cleaned
        return self.get_response(request)


def _refused(errors: dict[str, list[str]]):
    return JsonResponse(
        {
            "type": "about:blank",
            "title": _("Dữ liệu không hợp lệ"),
            "status": 400,
            "detail": _("Vui lòng kiểm tra các trường được nêu trong 'errors'."),
            "errors": errors,
        },
        status=400,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


class AdminLanguageMiddleware:
    """The admin speaks the officials' language (after ``LocaleMiddleware``).

    ``LocaleMiddleware`` follows each browser's ``Accept-Language``: right for
    the API (the English site asks for English messages), wrong for the admin,
    where officials and editors work in Vietnamese whatever their browser
    says. Admin pages are served in ``LANGUAGE_CODE``; a user who chose
    another language in their Wagtail account settings still gets it
    (Wagtail applies the account's choice inside its views).
    """

    prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.prefixes):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
