"""Petitions as GeoReport v2 sees them: services, requests, tokens.

* **Services** are the kinds of petition (``PetitionKind``): ``procedure``,
  ``conduct``, ``suggestion``. Each has a definition (``metadata: true``)
  whose attributes are what a petition has beyond Open311's own fields: the
  procedure's code, the agency's code, a title and the consent to publish.
* **A request** is a petition; its ``service_request_id`` is the tracking
  code, which the portal gives at once (``type: realtime``). A request filed
  here also has a ``token`` (``tokens/{token}``) for clients that follow the
  spec's token flow.
* **Personal data** never leaves: no name, phone or e-mail is served; the
  texts are the masked public copies (``public_title``, ``public_body``,
  ``public_answer``, ``public_reject_reason``) that the intake writes, as on
  the public pages. The body and the answer are served only for petitions the
  public pages show (published with consent, clean); any other petition, by
  its tracking code, only shows what its status page shows.
* Petitions have no place: ``lat``/``long``/``address_string`` are accepted,
  as the spec requires a location, and not stored.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from catalogue.models import Agency
from feedback import services as feedback
from feedback.models import Petition, PetitionKind, PetitionStatus

from .models import ApiClient, Submission, hash_key

SERVICE_DESCRIPTIONS = {
    PetitionKind.PROCEDURE: (
        "Phản ánh về quy định, thủ tục hành chính: hồ sơ, thời hạn, phí, "
        "cách giải quyết của cơ quan."
    ),
    PetitionKind.CONDUCT: (
        "Phản ánh về hành vi, thái độ của cán bộ, công chức khi giải quyết thủ tục."
    ),
    PetitionKind.SUGGESTION: "Kiến nghị, đề xuất cải thiện thủ tục và dịch vụ công.",
}
SERVICE_KEYWORDS = {
    PetitionKind.PROCEDURE: "thủ tục, hồ sơ, phí, thời hạn",
    PetitionKind.CONDUCT: "cán bộ, thái độ, hành vi",
    PetitionKind.SUGGESTION: "kiến nghị, đề xuất",
}
GROUP = "phản ánh, kiến nghị"

CLOSED = {PetitionStatus.REJECTED, PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED}

# Default window and most rows of GET requests, as the spec sets them.
WINDOW_DAYS = 90
MAX_REQUESTS = 1000


def services() -> list[dict]:
    return [
        {
            "service_code": kind.value,
            "service_name": kind.label,
            "description": SERVICE_DESCRIPTIONS[kind],
            "metadata": True,
            "type": "realtime",
            "keywords": SERVICE_KEYWORDS[kind],
            "group": GROUP,
        }
        for kind in PetitionKind
    ]


def is_service(code: str) -> bool:
    return code in PetitionKind.values


def attributes(kind: str) -> list[dict]:
    """What a petition of ``kind`` has beyond Open311's own fields."""
    return [
        {
            "variable": True,
            "code": "procedure",
            "datatype": "string",
            # A petition about a procedure names it, or its agency.
            "required": False,
            "datatype_description": "Mã thủ tục, ví dụ 1.001193",
            "order": 1,
            "description": (
                "Mã thủ tục hành chính bị phản ánh"
                + (" (cần mã thủ tục hoặc mã cơ quan)." if kind == "procedure" else ".")
            ),
        },
        {
            "variable": True,
            "code": "agency",
            "datatype": "string",
            "required": False,
            "datatype_description": "Mã cơ quan, ví dụ H40.01",
            "order": 2,
            "description": "Mã cơ quan bị phản ánh hoặc nhận kiến nghị.",
        },
        {
            "variable": True,
            "code": "title",
            "datatype": "string",
            "required": False,
            "datatype_description": "5–300 ký tự",
            "order": 3,
            "description": (
                "Tiêu đề; để trống thì lấy phần đầu của nội dung (description)."
            ),
        },
        {
            "variable": True,
            "code": "consent_publish",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "",
            "order": 4,
            "description": (
                "Đồng ý công khai nội dung và câu trả lời (thông tin cá nhân được che)."
            ),
            "values": [
                {"key": "true", "name": "Đồng ý công khai"},
                {"key": "false", "name": "Không công khai"},
            ],
        },
    ]


def definition(kind: str) -> dict:
    return {"service_code": kind, "attributes": attributes(kind)}


def client_for(api_key: str) -> ApiClient | None:
    if not api_key:
        return None
    client = ApiClient.objects.filter(key_hash=hash_key(api_key), active=True).first()
    if client is not None:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client


def agency_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def record_submission(
    petition: Petition, client: ApiClient, *, device_id: str, account_id: str
) -> Submission:
    with transaction.atomic():
        found = Submission.objects.filter(petition=petition).first()
        if found is not None:
            return found
        return Submission.objects.create(
            petition=petition,
            client=client,
            token=secrets.token_hex(16),
            device_id=device_id[:200],
            account_id=account_id[:200],
        )


def service_notice(petition: Petition) -> str:
    due = petition.answer_due
    if due is None:
        return "Phản ánh, kiến nghị đã được tiếp nhận."
    return (
        "Phản ánh, kiến nghị đã được tiếp nhận; hạn trả lời "
        f"{due:%d/%m/%Y} (theo ngày làm việc)."
    )


def _end_of(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _is_public(petition: Petition) -> bool:
    return (
        petition.status == PetitionStatus.PUBLISHED
        and petition.consent_publish
        and petition.screening == "clean"
    )


def request_row(petition: Petition) -> dict[str, Any]:
    """One petition as a GeoReport request: masked copies only."""
    public = _is_public(petition)
    notes = petition.get_status_display()
    if petition.status == PetitionStatus.REJECTED and petition.public_reject_reason:
        notes = f"{notes}: {petition.public_reject_reason}"
    elif public and petition.public_answer:
        notes = f"{notes}: {petition.public_answer}"
    description = petition.public_title
    if public and petition.public_body:
        description = f"{petition.public_title}\n\n{petition.public_body}".strip()
    moments = [
        moment
        for moment in (
            petition.submitted_at,
            petition.accepted_at,
            petition.rejected_at,
            petition.answered_at,
            petition.published_at,
        )
        if moment is not None
    ]
    return {
        "service_request_id": petition.tracking_code,
        "status": "closed" if petition.status in CLOSED else "open",
        "status_notes": notes,
        "service_name": petition.get_kind_display(),
        "service_code": petition.kind,
        "description": description,
        "agency_responsible": petition.agency.name if petition.agency else "",
        "service_notice": "",
        "requested_datetime": petition.submitted_at,
        "updated_datetime": max(moments),
        "expected_datetime": _end_of(petition.answer_due),
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": None,
        "long": None,
        "media_url": "",
    }


def by_tracking_codes(codes: list[str]) -> list[Petition]:
    found = []
    for code in codes[:MAX_REQUESTS]:
        petition = feedback.find_by_tracking_code(code)
        if petition is not None and petition not in found:
            found.append(petition)
    return found


def public_requests(
    *,
    kinds: list[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    statuses: list[str] | None = None,
) -> QuerySet[Petition]:
    """The petitions the public pages show, newest first, filtered."""
    queryset = feedback.published_petitions().order_by("-submitted_at", "-pk")
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    if start is not None:
        queryset = queryset.filter(submitted_at__gte=start)
    if end is not None:
        queryset = queryset.filter(submitted_at__lte=end)
    if statuses and set(statuses) == {"open"}:
        # Published answers are closed: nothing public is open.
        return queryset.none()
    return queryset[:MAX_REQUESTS]


def token_row(token: str) -> dict | None:
    submission = (
        Submission.objects.select_related("petition").filter(token=token).first()
    )
    if submission is None:
        return None
    return {
        "service_request_id": submission.petition.tracking_code,
        "token": submission.token,
    }
