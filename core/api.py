"""API plumbing shared by every app.

RFC 9457 problem responses (and the DRF exception handler that answers every
error with one), pagination, conditional reads for public lists, the schema
hook that documents only the portal's own API, and what the submission
endpoints share: the ``Idempotency-Key`` header and throttling messages in
Vietnamese.
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, JsonResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.client_address import client_ip

PROBLEM_CONTENT_TYPE = "application/problem+json"

_TITLES = {
    400: gettext_lazy("Dữ liệu không hợp lệ"),
    401: gettext_lazy("Cần đăng nhập"),
    403: gettext_lazy("Không có quyền truy cập"),
    404: gettext_lazy("Không tìm thấy"),
    405: gettext_lazy("Phương thức không được hỗ trợ"),
    406: gettext_lazy("Định dạng không được hỗ trợ"),
    409: gettext_lazy("Xung đột dữ liệu"),
    411: gettext_lazy("Cần độ dài nội dung"),
    413: gettext_lazy("Dữ liệu quá lớn"),
    414: gettext_lazy("Địa chỉ quá dài"),
    415: gettext_lazy("Kiểu dữ liệu không được hỗ trợ"),
    417: gettext_lazy("Không đáp ứng được yêu cầu Expect"),
    429: gettext_lazy("Quá nhiều yêu cầu"),
    431: gettext_lazy("Tiêu đề yêu cầu quá lớn"),
    500: gettext_lazy("Lỗi máy chủ"),
    501: gettext_lazy("Chưa được hỗ trợ"),
    503: gettext_lazy("Dịch vụ tạm thời không sẵn sàng"),
}


def title_for(status_code: int) -> str:
    return str(_TITLES.get(status_code, _("Lỗi")))


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def problem(
    status_code: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    errors: dict[str, Any] | None = None,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """A problem+json response (RFC 9457)."""
    body: dict[str, Any] = {
        "type": type_,
        "title": str(title or _TITLES.get(status_code, _("Lỗi"))),
        "status": status_code,
    }
    if detail:
        body["detail"] = str(detail)
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = Response(body, status=status_code, headers=headers)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def problem_exception_handler(
    exc: Exception, context: dict[str, Any]
) -> Response | None:
    """DRF exception handler that answers every error as problem+json."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return problem(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            _("Dữ liệu gửi lên quá lớn (phần không phải tệp tối đa %(mb)s MB).")
            % {"mb": f"{limit / (1024 * 1024):g}"},
        )
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return problem(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            _("Yêu cầu có quá nhiều trường hoặc tệp."),
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    headers = {
        key: value
        for key, value in response.headers.items()
        if key in ("Retry-After", "WWW-Authenticate", "Allow")
    }
    if isinstance(exc, exceptions.ValidationError):
        data = _flatten(exc.detail)
        if isinstance(data, list):
            data = {"non_field_errors": data}
        return problem(
            status.HTTP_400_BAD_REQUEST,
            _("Vui lòng kiểm tra các trường được nêu trong 'errors'."),
            errors=data,
            headers=headers,
        )
    detail = getattr(exc, "detail", None)
    return problem(
        response.status_code,
        str(detail) if detail else None,
        headers=headers,
    )


def json_problem(status_code: int, detail: str) -> JsonResponse:
    """Problem response for plain Django views (404/500 handlers)."""
    return JsonResponse(
        {
            "type": "about:blank",
            "title": str(_TITLES.get(status_code, _("Lỗi"))),
            "status": status_code,
            "detail": detail,
        },
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def public_endpoints_only(endpoints: list[tuple]) -> list[tuple]:
    """drf-spectacular hook: document the portal's own API, not Wagtail's.

    Wagtail's admin API and its page API (mounted under ``/api/v1/cms/``) have
    their own conventions and are not part of the published contract.
    """
    return [
        (path, path_regex, method, callback)
        for path, path_regex, method, callback in endpoints
        if path.startswith("/api/v1/") and not path.startswith("/api/v1/cms/")
    ]


class ConditionalReadMixin:
    """ETag / Last-Modified with conditional GET and Cache-Control on public reads.

    A view says what its data depends on through ``content_version()``: a
    (token, last-modified) pair that changes whenever that data changes. A
    matching ``If-None-Match`` (or a not-newer ``If-Modified-Since``) answers
    304 without running the query.
    """

    # With ``public_cache_namespaces`` set, a 200 answer is kept, encoded, in
    # the shared cache of public reads (``core.public_cache``) under the
    # versions of those namespaces and the request's URL and language, for
    # ``public_cache_ttl`` seconds: the next reader of the same URL gets the
    # bytes without a query, until an event bumps a namespace.
    cache_max_age = 60
    public_cache_namespaces: tuple[str, ...] = ()
    public_cache_ttl = 300

    def content_version(self) -> tuple[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _validators(self, request) -> tuple[str, Any]:
        import hashlib

        token, modified = self.content_version()
        key = "|".join(
            [token, request.get_full_path(), request.headers.get("Accept-Language", "")]
        )
        return f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"', modified

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # After authentication, permissions and throttles: a cached answer
        # skips only the handler's own work.
        handler = getattr(self, "get", None)
        if self.public_cache_namespaces and request.method == "GET" and handler:
            self.get = self._cached_handler(handler)

    def _cached_handler(self, handler):
        from . import public_cache
        from .renderers import render

        def cached(request, *args, **kwargs):
            key = public_cache.key_for(
                self.public_cache_namespaces,
                request.build_absolute_uri(),
                request.headers.get("Accept-Language", ""),
            )
            content = public_cache.get(key)
            if not public_cache.is_missing(content):
                return Response(content)
            response = handler(request, *args, **kwargs)
            if response.status_code == 200 and isinstance(response, Response):
                response.data = render(response.data)
                public_cache.put(key, response.data, self.public_cache_ttl)
            return response

        return cached

    def dispatch(self, request, *args, **kwargs):
        from django.utils.cache import get_conditional_response
        from django.utils.http import http_date

        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        etag, modified = self._validators(request)
        last_modified = http_date(modified.timestamp()) if modified else None
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=modified.timestamp() if modified else None
        )
        response = not_modified or super().dispatch(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            if last_modified:
                response["Last-Modified"] = last_modified
            response["Cache-Control"] = f"public, max-age={self.cache_max_age}"
            response["Vary"] = "Accept, Accept-Language"
        return response


def versions_etag(request, namespaces: tuple[str, ...], *parts: Any) -> str | None:
    """An ETag for an answer that depends only on the public cache's
    ``namespaces`` (and ``parts``), the URL and the language; None when the
    cache is unreachable (the answer then goes without one).

    Taken before the answer is read: an edit committed in between changes the
    versions, so the next check with this tag misses rather than keeping an
    old body.
    """
    import hashlib

    from . import public_cache

    try:
        version = public_cache.versions(*namespaces)
    except public_cache.CACHE_ERRORS:
        return None
    key = "|".join(
        [
            version,
            request.get_full_path(),
            request.headers.get("Accept-Language", ""),
            *map(str, parts),
        ]
    )
    return f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def matches_etag(request, etag: str | None) -> bool:
    """Whether the request's ``If-None-Match`` names ``etag`` (weakly)."""
    if not etag:
        return False
    wanted = request.headers.get("If-None-Match", "")
    if not wanted:
        return False
    if wanted.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in wanted.split(","))


def not_modified(etag: str, cache_control: str | None = None):
    """A 304 answer with its validator (no body, no query)."""
    from django.http import HttpResponseNotModified

    response = HttpResponseNotModified()
    response["ETag"] = etag
    if cache_control:
        response["Cache-Control"] = cache_control
    response["Vary"] = "Accept, Accept-Language"
    return response


# --- submissions ----------------------------------------------------------------

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def idempotency_key(request) -> str | None:
    """The request's ``Idempotency-Key`` (None without one); 400 when too long."""
    key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
    if len(key) > MAX_KEY_LENGTH:
        raise ValidationError(
            {IDEMPOTENCY_HEADER: _("Tối đa %(n)d ký tự.") % {"n": MAX_KEY_LENGTH}}
        )
    return key or None


def client_address(request) -> str:
    """The client's address (trusted proxies and the frontend's header only)."""
    return client_ip(request)


def wait_in_words(seconds: float, language: str | None = None) -> str:
    """How long to wait, as a person says it: "khoảng 23 giờ 40 phút".

    Seconds under a minute, whole minutes under an hour, else two units (days
    and hours, hours and minutes); always rounded up, so that nobody is told
    to come back too early.
    """
    english = (language or get_language() or "vi").startswith("en")
    seconds = max(1, math.ceil(seconds))
    units = (
        (("ngày", "day", "days"), 86_400),
        (("giờ", "hour", "hours"), 3_600),
        (("phút", "minute", "minutes"), 60),
        (("giây", "second", "seconds"), 1),
    )
    if seconds < 60:
        parts = [(seconds, units[3][0])]
    elif seconds < 3_600:
        parts = [(math.ceil(seconds / 60), units[2][0])]
    else:
        # Two units at most, the smaller one rounded up.
        big = next(i for i, (_, size) in enumerate(units) if seconds >= size)
        (big_name, big_size), (small_name, small_size) = units[big], units[big + 1]
        small_total = math.ceil(seconds / small_size)
        per_big = big_size // small_size
        count, rest = divmod(small_total, per_big)
        parts = [(count, big_name)] + ([(rest, small_name)] if rest else [])
    if english:
        words = " ".join(
            f"{n} {one if n == 1 else many}" for n, (_, one, many) in parts
        )
        return f"about {words}"
    return "khoảng " + " ".join(f"{n} {vi}" for n, (vi, _, _) in parts)


class ThrottledInVietnamese:
    """A view mixin: a refused request is told when to try again, in words
    (Vietnamese, or English for ``Accept-Language: en``)."""

    def throttled(self, request, wait):
        refused = Throttled(
            detail=_("Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau %(wait)s.")
            % {"wait": wait_in_words(wait or 60)}
        )
        # Set after: given to the constructor, DRF appends "Expected available
        # in N seconds." to the words; the handler sends it as Retry-After.
        refused.wait = math.ceil(wait or 60)
        raise refused
