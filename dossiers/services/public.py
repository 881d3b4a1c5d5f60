"""What anyone holding a dossier's code may see, and the links to it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db.models.functions import Upper
from django.utils import timezone

from catalogue.models import Agency
from core.masking import mask_text

from ..models import (
    Dossier,
    DossierEvent,
    EventKind,
)
from .timeliness import classify, deadline, ordered, replay


def mask_name(name: str) -> str:
    """``Nguyễn Văn An`` -> ``Nguyễn V. A.``: family name, then initials."""
    parts = name.split()
    if not parts:
        return ""
    if len(parts) == 1:
        return f"{parts[0][0]}."
    return " ".join([parts[0], *(f"{part[0]}." for part in parts[1:])])


def applicant_details(dossier: Dossier) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names and the other details the applicant gave (to be masked)."""
    names = (dossier.applicant_name,)
    values = (
        dossier.applicant_phone,
        dossier.applicant_email,
        dossier.applicant_id_number,
        dossier.applicant_address,
    )
    return names, tuple(value for value in values if value)


def public_note(dossier: Dossier, note: str) -> str:
    """An event's note as anyone holding the code may read it."""
    if not note:
        return ""
    names, values = applicant_details(dossier)
    return mask_text(note, names=names, values=values)


def history(dossier: Dossier) -> Sequence[DossierEvent]:
    return ordered(dossier.events.select_related("agency"))


def public_summary(dossier: Dossier) -> dict[str, Any]:
    """What anyone holding the code may see: no phone, e-mail or ID number."""

    events = history(dossier)
    state = replay(events)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=state.agencies)}
    return {
        "code": dossier.code,
        "procedure": (
            {"code": dossier.procedure.code, "title": dossier.procedure.title}
            if dossier.procedure
            else None
        ),
        "agency": dossier.agency.name,
        "channel": dossier.channel,
        "applicant": mask_name(dossier.applicant_name),
        "status": dossier.status,
        "status_label": EventKind(dossier.status).label,
        "received_at": dossier.received_at,
        "promised_at": dossier.promised_at,
        "deadline": deadline(dossier.promised_at, state, timezone.localdate()),
        "resolved_at": dossier.resolved_at,
        "timeliness": classify(dossier.promised_at, state, timezone.localdate()),
        "agencies": [dossier.agency.name]
        + [agencies[pk].name for pk in state.agencies if pk in agencies],
        "history": [
            {
                "kind": event.kind,
                "label": EventKind(event.kind).label,
                "occurred_at": event.occurred_at,
                "agency": event.agency.name if event.agency else None,
                # Stored masked with the event (``public_note``), not masked here.
                "note": event.public_note,
            }
            for event in events
        ],
    }


# --- Receipts and links -------------------------------------------------------

# Agency codes are short identifiers (H40.01, 000.00.16.H40); the receipt and
# its SVGs are built only from codes that match, never from arbitrary input.
# The date is six digits (Circular 03/2025/TT-VPCP art. 13(3)) or eight in codes
# issued before 25/01/2026, which stay valid.
PUBLIC_CODE_RE = re.compile(r"[0-9A-Za-z._]{1,40}-(?:\d{6}|\d{8})-\d{4,9}")


def is_dossier_code(value: str) -> bool:
    return PUBLIC_CODE_RE.fullmatch(value) is not None


def normalise_dossier_code(raw: str) -> str:
    """A code as typed or read aloud: spaces anywhere dropped (case is kept;
    :func:`find_dossier` ignores it)."""
    return re.sub(r"\s+", "", raw)


def find_dossier(raw: str, queryset=None) -> Dossier | None:
    """The dossier whose code is ``raw`` in any case and with stray spaces.

    Codes are stored as the desk system gave them; the exact match uses the
    unique index, the case-insensitive one its ``UPPER(code)`` index.
    """
    code = normalise_dossier_code(raw)
    if not code:
        return None
    queryset = Dossier.objects.all() if queryset is None else queryset
    found = queryset.filter(code=code).first()
    if found is None:
        found = (
            queryset.annotate(code_upper=Upper("code"))
            .filter(code_upper=code.upper())
            .first()
        )
    return found


def lookup_url(code: str) -> str:
    from django.conf import settings

    return f"{settings.FRONTEND_URL}/ho-so/{code}"


def evaluation_url(code: str) -> str:
    from django.conf import settings

    return f"{settings.FRONTEND_URL}/danh-gia?ho-so={code}"


def receipt_pdf_url(code: str) -> str:
    """The receipt as a PDF, served by the site (``/ho-so/{code}/bien-nhan.pdf``)."""
    return f"{lookup_url(code)}/bien-nhan.pdf"
