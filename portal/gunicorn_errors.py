"""Gunicorn's own error pages as problem+json (RFC 9457), in Vietnamese.

Gunicorn answers a request it cannot parse — a request line longer than
``limit_request_line`` (a 4 KB URL), a header over ``limit_request_field_size``,
too many headers — itself, before Django sees it, with a small HTML page that
API clients cannot read. It offers no hook for that page: its workers call
``gunicorn.util.write_error(sock, status, reason, message)``, which
``install()`` (called from ``portal/gunicorn_conf.py``) replaces with a writer
of the same signature. The request was not parsed, so its path is unknown:
every such answer is problem+json, on the API and elsewhere alike.
"""

from __future__ import annotations

import json

# Vietnamese details for what gunicorn refuses; its English text goes along.
_DETAILS = {
    400: "Yêu cầu HTTP không hợp lệ.",
    403: "Yêu cầu bị từ chối.",
    414: "Địa chỉ (URL) quá dài.",
    417: "Không đáp ứng được tiêu đề Expect.",
    431: "Tiêu đề của yêu cầu quá lớn hoặc quá nhiều.",
    500: "Lỗi máy chủ.",
    501: "Cách truyền dữ liệu này chưa được hỗ trợ.",
}


def problem_bytes(status: int, reason: str, message: str) -> bytes:
    """A complete HTTP/1.1 response carrying a problem+json body."""
    try:
        from core.api import title_for

        title = title_for(status)
    except Exception:  # noqa: BLE001 - an error page must still be written
        title = reason
    body = json.dumps(
        {
            "type": "about:blank",
            "title": title,
            "status": status,
            "detail": _DETAILS.get(status, "Yêu cầu không hợp lệ."),
            "reason": message or reason,
        },
        ensure_ascii=False,
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/problem+json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "\r\n"
    ).encode("latin-1")
    return head + body


def write_problem(sock, status_int, reason, mesg) -> None:
    from gunicorn import util

    util.write_nonblock(sock, problem_bytes(int(status_int), reason, mesg))


def install() -> None:
    from gunicorn import util

    util.write_error = write_problem
