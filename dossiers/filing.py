"""Online filing (nộp hồ sơ trực tuyến, partial online service).

A procedure opened by its editors (``ProcedurePage.online_filing``) gets a
form built from its published content: the applicant's details, and one
upload slot per dossier component ("doc-1", "doc-2", ... in the order the
procedure lists them). A submission becomes a ``Dossier`` filed online at
the procedure's receiving agency, with its ``received`` event and promised
date from the same services the desk feed uses, and the uploaded files kept
outside the web root. Everything is written in one transaction; files
already on disk are removed when it fails.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy

from catalogue import province as provinces
from catalogue.models import Agency, AgencyRole, ProcedurePage
from core.attachments import ALLOWED_TYPES, sha256_of
from core.idempotency import (
    SavedFiles,
    existing_for_key,
    request_fingerprint,
    store_once,
)
from core.workdays import default_calendar, local_date

from . import eforms, services
from .models import ApplicantKind, Channel, Dossier, DossierDocument

NOT_OPEN = gettext_lazy("Thủ tục này chưa mở nộp hồ sơ trực tuyến trên cổng.")

# Fields only an organisation fills in: required when ``applicant_kind`` is
# "organisation", ignored (stored empty) for a person.
FOR_ORGANISATION = {"field": "applicant_kind", "value": ApplicantKind.ORGANISATION}

APPLICANT_FIELDS: list[dict[str, Any]] = [
    {
        "name": "applicant_kind",
        "label": "Nộp hồ sơ với tư cách",
        "required": True,
        "type": "radio",
        "choices": [
            {"value": value, "label": label} for value, label in ApplicantKind.choices
        ],
    },
    {
        "name": "applicant_name",
        "label": "Họ và tên người nộp hồ sơ",
        "required": True,
        "type": "text",
        "max_length": 200,
    },
    {
        "name": "applicant_id_number",
        "label": "Số định danh cá nhân (CCCD, 12 chữ số) hoặc CMND (9 chữ số)",
        "required": True,
        "type": "text",
        "max_length": 12,
    },
    {
        "name": "applicant_phone",
        "label": "Số điện thoại",
        "required": True,
        "type": "tel",
        "max_length": 20,
    },
    {
        "name": "applicant_email",
        "label": "Thư điện tử (nhận thông báo tình trạng hồ sơ)",
        "required": True,
        "type": "email",
        "max_length": 254,
    },
    {
        "name": "applicant_address",
        "label": "Địa chỉ liên hệ",
        "required": False,
        "type": "textarea",
        "max_length": 500,
    },
    {
        "name": "organisation_name",
        "label": "Tên tổ chức, doanh nghiệp",
        "required": False,
        "type": "text",
        "max_length": 300,
        "group": "organisation",
        "required_when": FOR_ORGANISATION,
    },
    {
        "name": "enterprise_code",
        "label": "Mã số doanh nghiệp/mã số thuế",
        "hint": (
            "10 chữ số; chi nhánh, đơn vị phụ thuộc: 13 chữ số, dạng 0101234567-001"
        ),
        "required": False,
        "type": "text",
        # Typed with spaces, dots or dashes as on invoices: stored as 10 or 13.
        "max_length": 20,
        "group": "organisation",
        "required_when": FOR_ORGANISATION,
    },
    {
        "name": "representative_name",
        "label": "Họ và tên người đại diện theo pháp luật",
        "required": False,
        "type": "text",
        "max_length": 200,
        "group": "organisation",
        "required_when": FOR_ORGANISATION,
    },
    {
        "name": "representative_position",
        "label": "Chức vụ người đại diện",
        "required": False,
        "type": "text",
        "max_length": 100,
        "group": "organisation",
        "required_when": FOR_ORGANISATION,
    },
    {
        "name": "confirm",
        "label": (
            "Tôi xin cam đoan các thông tin và giấy tờ đã khai, nộp là đúng sự thật."
        ),
        "required": True,
        "type": "checkbox",
    },
]

# Asked when the province's list receives the procedure at the Public
# Administration Centre of the applicant's commune (catalogue.province): the
# choices are the province's communes and wards.
COMMUNE_FIELD: dict[str, Any] = {
    "name": "commune",
    "label": "Xã, phường nơi nộp hồ sơ",
    "hint": (
        "Hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công của xã, "
        "phường bạn chọn."
    ),
    "required": True,
    "type": "select",
}

# Stored on the dossier after the desk feed's ``ingest_dossier`` made it.
EXTRA_FIELDS = (
    "applicant_kind",
    "organisation_name",
    "enterprise_code",
    "representative_name",
    "representative_position",
)

# Words marking a component as needed only in some cases.
# A component needed only in some cases: "Trường hợp…", "(nếu có)", "…(nếu
# nộp hồ sơ theo hình thức trực tiếp…)", "(đối với…)". Online, such documents
# are offered but not required; the official asks for what is missing. A
# "nếu" outside brackets names alternatives ("Giấy chứng sinh; … nếu không có
# người làm chứng thì …"): the document itself is still required.
_CONDITIONAL = re.compile(
    r"^\W*(trường hợp|nếu)|\(nếu|nếu có|trong trường hợp|\(đối với ",
    re.IGNORECASE,
)


class NotOpen(Exception):
    """The procedure does not take online filings here (a 404)."""


@dataclass(frozen=True)
class DocumentSlot:
    key: str
    name: str
    case: str
    required: bool
    forms: list[dict[str, Any]] = field(default_factory=list)
    # An interactive national e-form: filled in as fields, not uploaded.
    eform: eforms.EForm | None = None


@dataclass(frozen=True)
class Filed:
    dossier: Dossier
    created: bool


def open_procedure(code: str) -> ProcedurePage:
    """The live procedure ``code`` if it takes online filings, else NotOpen."""
    procedure = (
        ProcedurePage.objects.live()
        .filter(code=code, online_filing=True)
        .prefetch_related("agency_roles__agency")
        .first()
    )
    if procedure is None or receiving_agency(procedure) is None:
        raise NotOpen(code)
    return procedure


def applicant_fields(procedure: ProcedurePage) -> list[dict[str, Any]]:
    """The applicant's fields, with the commune where the province receives
    the procedure by commune (before the pledge, which stays last)."""
    communes = provinces.filing_communes(procedure.code)
    if not communes:
        return APPLICANT_FIELDS
    commune = {
        **COMMUNE_FIELD,
        "choices": [{"value": c.slug, "label": c.name} for c in communes],
    }
    return [*APPLICANT_FIELDS[:-1], commune, APPLICANT_FIELDS[-1]]


def receiving_agency(procedure: ProcedurePage) -> Agency | None:
    """The implementing (else competent) agency, if it has a code; else the
    province's online desk (``DOSSIER_ONLINE_AGENCY_CODE``)."""
    roles = sorted(procedure.agency_roles.all(), key=lambda role: role.sort_order or 0)
    for wanted in (AgencyRole.IMPLEMENTING, AgencyRole.COMPETENT):
        for role in roles:
            if role.role == wanted and role.agency.code:
                return role.agency
    code = settings.DOSSIER_ONLINE_AGENCY_CODE
    return Agency.objects.filter(code=code).first() if code else None


def _is_conditional(case: str, name: str, originals: int | None, copies: int | None):
    if "xuất trình" in case.casefold():
        return True
    if originals == 0 and not copies:
        return True
    return bool(_CONDITIONAL.search(name.strip()))


def document_slots(procedure: ProcedurePage) -> list[DocumentSlot]:
    """One upload slot per dossier component, keyed by its position."""
    slots = []
    for block in procedure.dossier:
        case = (block.value.get("case") or "").strip()
        for component in block.value["components"]:
            name = " ".join((component.get("name") or "").split())
            if not name:
                continue
            forms = []
            if component.get("form_name") or component.get("form_document"):
                document = component.get("form_document")
                forms.append(
                    {
                        "name": component.get("form_name") or document.title,
                        "url": document.url if document is not None else None,
                    }
                )
            eform = eforms.eform_for(name)
            slots.append(
                DocumentSlot(
                    key=f"doc-{len(slots) + 1}",
                    name=name,
                    case=case,
                    # An e-form is the online dossier's declaration: always asked.
                    required=eform is not None
                    or not _is_conditional(
                        case, name, component.get("originals"), component.get("copies")
                    ),
                    forms=[] if eform else forms,
                    eform=eform,
                )
            )
    return slots


def published_time(procedure: ProcedurePage) -> dict[str, Any] | None:
    try:
        amount, unit = services.processing_time(procedure, Channel.ONLINE)
    except LookupError:
        return None
    # A bare number is counted in working days (see services.promised_date).
    return {
        "amount": format(amount.normalize(), "f"),
        "unit": unit or "ngày làm việc",
    }


def form_schema(procedure: ProcedurePage) -> dict[str, Any]:
    """What the frontend needs to draw the filing form."""
    from catalogue.services import procedure_url

    agency = receiving_agency(procedure)
    accept = list(ALLOWED_TYPES)
    return {
        "procedure": {
            "code": procedure.code,
            "name": procedure.name or procedure.title,
            "title": procedure.title,
            "url": procedure_url(procedure.code),
            "agency": {"id": agency.pk, "code": agency.code, "name": agency.name},
        },
        "processing_time": published_time(procedure),
        "applicant_fields": applicant_fields(procedure),
        "documents": [
            {
                "key": slot.key,
                "name": slot.name,
                "case": slot.case,
                "required": slot.required,
                "forms": slot.forms,
                "accept": accept,
                "max_bytes": settings.DOSSIER_MAX_FILE_BYTES,
                "max_files": settings.DOSSIER_MAX_FILES_PER_DOCUMENT,
                "eform": (
                    {
                        "form": slot.eform.form,
                        "title": slot.eform.title,
                        "fields": [
                            {
                                **{k: v for k, v in f.items() if k != "personal"},
                                "name": eforms.field_key(slot.key, f["name"]),
                            }
                            for f in slot.eform.fields
                        ],
                    }
                    if slot.eform
                    else None
                ),
            }
            for slot in document_slots(procedure)
        ],
        "max_total_bytes": settings.DOSSIER_MAX_TOTAL_BYTES,
    }


def promised_for(procedure: ProcedurePage, received_at: dt.datetime) -> dt.date:
    """The legal deadline, or the portal's default for notifications."""
    try:
        return services.promised_date(received_at, procedure, Channel.ONLINE)
    except LookupError:
        return default_calendar().add_working_days(
            local_date(received_at), settings.DOSSIER_DEFAULT_PROCESSING_DAYS
        )


def _existing(key: str, fingerprint: str) -> Dossier | None:
    return existing_for_key(Dossier, key, fingerprint)


def _flat(
    files: dict[str, list[tuple[UploadedFile, str]]],
) -> Iterable[tuple[str, UploadedFile, str]]:
    for key in sorted(files, key=lambda k: int(k.split("-")[1])):
        for upload, mime in files[key]:
            yield key, upload, mime


def submit(
    procedure: ProcedurePage,
    *,
    data: dict[str, Any],
    files: dict[str, list[tuple[UploadedFile, str]]],
    idempotency_key: str | None = None,
) -> Filed:
    """Store an online filing: the dossier, its received event and files.

    ``data`` holds the validated applicant fields; ``files`` maps document
    keys to checked uploads and their sniffed types. With an
    ``idempotency_key`` seen before (same content) the earlier dossier is
    returned and nothing is stored.
    """
    data = {key: value for key, value in data.items() if key != "confirm"}
    filled = data.pop("eforms", [])
    # Where it is handed in (the serializer resolved the commune chosen).
    unit = data.pop("receiving_unit", None)
    commune = data.pop("commune", "")
    extra = {name: data.pop(name) for name in EXTRA_FIELDS if name in data}
    fingerprint = request_fingerprint(
        {
            **data,
            **extra,
            "eforms": filled,
            "procedure": procedure.code,
            "commune": commune,
        },
        (upload for _, upload, _ in _flat(files)),
    )
    names = {slot.key: slot.name for slot in document_slots(procedure)}

    def store(saved: SavedFiles) -> Dossier:
        agency = receiving_agency(procedure)
        if agency is None:
            raise NotOpen(procedure.code)
        now = timezone.now()
        dossier = services.ingest_dossier(
            agency,
            received_at=now,
            channel=Channel.ONLINE,
            procedure=procedure,
            promised_at=promised_for(procedure, now),
            **data,
        ).obj
        dossier.idempotency_key = idempotency_key or None
        dossier.request_fingerprint = fingerprint
        for name, value in extra.items():
            setattr(dossier, name, value)
        dossier.eforms = filled
        dossier.receiving_unit = unit
        dossier.save(
            update_fields=[
                "idempotency_key",
                "request_fingerprint",
                "eforms",
                "receiving_unit",
                *extra,
            ]
        )
        for number, (key, upload, mime) in enumerate(_flat(files), start=1):
            document = DossierDocument(
                dossier=dossier,
                key=key,
                name=names.get(key, key),
                original_name=(upload.name or key)[:255],
                content_type=mime,
                size=upload.size,
                sha256=sha256_of(upload),
            )
            stored_name = f"{dossier.code}-{number:02d}.{ALLOWED_TYPES[mime]}"
            saved.save(document.file, stored_name, upload)
            document.save()
        return dossier

    dossier, created = store_once(
        idempotency_key, lambda key: _existing(key, fingerprint), store
    )
    return Filed(dossier, created=created)
