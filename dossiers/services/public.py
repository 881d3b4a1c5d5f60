"""What anyone holding a dossier's code may see, and the links to it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db.models.functions import Upper
from django.utils import timezone

from catalogue.models import Agency
from core.masking import mask_text, split_organisation

from ..models import (
    ApplicantKind,
    Dossier,
    DossierEvent,
    EventKind,
)
from .timeliness import classify, deadline, ordered, replay


def mask_name(name: str) -> str:
    """``Nguyễn Văn An`` -> ``Nguyễn V. A.``: family name, then initials.

    An organisation typed with the name stays whole, as it is public:
    ``Lê Thị Hoa (Công ty TNHH Hoa Sen)`` -> ``Lê T. H. (Công ty TNHH Hoa Sen)``.
    """
    person, organisation = split_organisation(name)
    # A remark in brackets that names no organisation ("(bố của cháu)") is
    # the applicant's own words: left out, not spelled as initials.
    person = re.split(r"\s*[(\[]", person, maxsplit=1)[0]
    # Initials of words only: a stray bracket or dash is not a name part.
    parts = [part for part in person.split() if _LETTERS.search(part)]
    if not parts:
        masked = ""
    elif len(parts) == 1:
        masked = f"{_LETTERS.search(parts[0])[0][0]}."
    else:
        masked = " ".join(
            [parts[0], *(f"{_LETTERS.search(part)[0][0]}." for part in parts[1:])]
        )
    if organisation:
        return f"{masked} ({organisation})" if masked else organisation
    return masked


_LETTERS = re.compile(r"[^\W\d_]+")


def organisation_of(dossier: Dossier) -> dict[str, str] | None:
    """The organisation a dossier was filed for (public), or None."""
    if dossier.applicant_kind != ApplicantKind.ORGANISATION:
        return None
    return {
        "name": dossier.organisation_name,
        "enterprise_code": dossier.enterprise_code,
        "representative": mask_name(dossier.representative_name),
        "representative_position": dossier.representative_position,
    }


def _masked_value(field: dict[str, Any], names, values, keep) -> str:
    from ..eforms import shown

    value = shown(field)
    match field.get("personal"):
        case "name":
            return mask_name(value)
        case "date":
            return f"năm {value[-4:]}" if len(value) >= 4 else ""
        case "text":
            return mask_text(value, names=names, values=values, keep=keep)
    return value


def eforms_of(dossier: Dossier) -> list[dict[str, Any]]:
    """The e-forms filled in online, as the public receipt prints them: the
    names in them as initials, the dates of birth as years."""
    names, values, keep = applicant_details(dossier)
    return [
        {
            "key": eform.get("key", ""),
            "title": eform.get("title", ""),
            "fields": [
                {
                    "label": field.get("label", ""),
                    "value": _masked_value(field, names, values, keep),
                }
                for field in eform.get("fields", [])
            ],
        }
        for eform in dossier.eforms or []
    ]


def applicant_details(
    dossier: Dossier,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The names and the other details the applicant gave (to be masked), and
    the organisation's name (public, kept)."""
    names = tuple(
        name for name in (dossier.applicant_name, dossier.representative_name) if name
    )
    values = (
        dossier.applicant_phone,
        dossier.applicant_email,
        dossier.applicant_id_number,
        dossier.applicant_address,
    )
    keep = (dossier.organisation_name,) if dossier.organisation_name else ()
    return names, tuple(value for value in values if value), keep


def public_note(dossier: Dossier, note: str) -> str:
    """An event's note as anyone holding the code may read it."""
    if not note:
        return ""
    names, values, keep = applicant_details(dossier)
    return mask_text(note, names=names, values=values, keep=keep)


def history(dossier: Dossier) -> Sequence[DossierEvent]:
    return ordered(dossier.events.select_related("agency"))


def receiving_unit_of(dossier: Dossier) -> dict[str, Any] | None:
    """Where the dossier was handed in: the unit's public contact details
    (the same as on the procedure page's "where do I go?")."""
    from catalogue.province import unit_data

    unit = dossier.receiving_unit
    if unit is None:
        return None
    data = unit_data(unit)
    return {
        key: data[key]
        for key in ("id", "name", "address", "opening_hours", "phone", "map_url")
    }


def public_summary(dossier: Dossier) -> dict[str, Any]:
    """What anyone holding the code may see: no phone, e-mail or ID number."""

    events = history(dossier)
    state = replay(events)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=state.agencies)}
    apology = next((e for e in events if e.kind == EventKind.APOLOGISED), None)
    return {
        "code": dossier.code,
        "procedure": (
            {"code": dossier.procedure.code, "title": dossier.procedure.title}
            if dossier.procedure
            else None
        ),
        "agency": dossier.agency.name,
        "receiving_unit": receiving_unit_of(dossier),
        "channel": dossier.channel,
        "applicant": mask_name(dossier.applicant_name),
        "organisation": organisation_of(dossier),
        "eforms": eforms_of(dossier),
        "status": dossier.status,
        "status_label": EventKind(dossier.status).label,
        "received_at": dossier.received_at,
        "promised_at": dossier.promised_at,
        # After an apology (form 04): the date the agency now promises.
        "new_date": apology.new_date if apology else None,
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
                "new_date": event.new_date,
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
