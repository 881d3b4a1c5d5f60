"""Officials in the admin: which dossiers they see, which steps they record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from catalogue.models import Agency
from core.officials import official_agency

from ..models import (
    Dossier,
    DossierEvent,
    EventKind,
)
from .errors import DossierError, DossierForbidden
from .feed import can_write, ingest_event
from .transitions import TransitionRefused


class ActionRefused(Exception):
    """An action the dossier's state does not allow (Vietnamese text)."""


OPEN_KINDS = (
    EventKind.RECEIVED,
    EventKind.TRANSFERRED,
    EventKind.HANDLING,
    EventKind.SUPPLEMENT_RECEIVED,
    EventKind.APOLOGISED,
)

# What an official may record, from which statuses, and whether a note is due.
ACTIONS: dict[str, tuple[tuple[str, ...], bool]] = {
    EventKind.HANDLING: (OPEN_KINDS, False),
    EventKind.SUPPLEMENT_REQUESTED: (OPEN_KINDS, True),
    EventKind.SUPPLEMENT_RECEIVED: ((EventKind.SUPPLEMENT_REQUESTED,), False),
    EventKind.RESOLVED: (OPEN_KINDS, False),
    EventKind.RETURNED: ((EventKind.RESOLVED,), False),
    EventKind.REJECTED: ((*OPEN_KINDS, EventKind.SUPPLEMENT_REQUESTED), True),
    # Stopped at the applicant's request, with the notice (Decree 118 art. 21).
    EventKind.WITHDRAWN: ((*OPEN_KINDS, EventKind.SUPPLEMENT_REQUESTED), True),
    # Form 04: the apology, its reason and a new date; once (``transitions``).
    EventKind.APOLOGISED: (OPEN_KINDS, True),
}


def can_manage_all(user) -> bool:
    return user.is_superuser or user.has_perm("dossiers.manage_all_dossiers")


def dossiers_for(user) -> Any:
    """The dossiers an official may see: received by or transferred to their
    agency (``core.OfficialProfile``); every dossier for managers."""
    queryset = Dossier.objects.select_related("agency", "procedure")
    if can_manage_all(user):
        return queryset
    agency = official_agency(user)
    if agency is None:
        return queryset.none()
    transferred = DossierEvent.objects.filter(
        kind=EventKind.TRANSFERRED, agency=agency
    ).values("dossier_id")
    return queryset.filter(Q(agency=agency) | Q(pk__in=transferred))


def allowed_actions(dossier: Dossier) -> list[str]:
    apologised = dossier.events.filter(kind=EventKind.APOLOGISED).exists()
    return [
        kind
        for kind, (sources, _) in ACTIONS.items()
        if dossier.status in sources
        and not (kind == EventKind.APOLOGISED and apologised)
    ]


def second_supplement_warning(dossier: Dossier) -> str | None:
    """What to tell an official about to ask for a supplement a second time."""
    if dossier.supplement_requests < 1:
        return None
    return gettext(
        "Hồ sơ đã được yêu cầu bổ sung một lần. Theo Nghị định 118/2025/NĐ-CP "
        "(Điều 11), chỉ yêu cầu bổ sung một lần: lần này vẫn được ghi nhận nhưng "
        "hồ sơ sẽ bị tính là quá hạn."
    )


def record_action(
    user,
    dossier_id: int,
    kind: str,
    note: str = "",
    result: str = "",
    new_date: dt.date | None = None,
) -> DossierEvent:
    """An official's step on a dossier, stored as an event like the feed's.

    Statistics and the public lookup read only events, so a step recorded
    here counts exactly as one a desk system sends.
    """
    from uuid import uuid4

    dossier = dossiers_for(user).filter(pk=dossier_id).first()
    if dossier is None:
        raise ActionRefused(gettext("Không tìm thấy hồ sơ trong phạm vi của cơ quan."))
    if kind not in ACTIONS:
        raise ActionRefused(gettext("Thao tác không hợp lệ."))
    sources, needs_note = ACTIONS[kind]
    if dossier.status not in sources:
        raise ActionRefused(
            gettext("Không thể “%(step)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {
                "step": EventKind(kind).label,
                "status": EventKind(dossier.status).label,
            }
        )
    note = note.strip()
    if needs_note and not note:
        raise ActionRefused(
            gettext("Hãy ghi rõ nội dung (giấy tờ cần bổ sung, lý do).")
        )
    if kind == EventKind.APOLOGISED and new_date is None:
        raise ActionRefused(gettext("Hãy chọn ngày hẹn trả kết quả mới."))
    agency = official_agency(user)
    if agency is None or not can_write(agency, dossier):
        agency = dossier.agency
    try:
        stored = ingest_event(
            agency,
            dossier,
            event_id=f"admin-{uuid4().hex}",
            kind=kind,
            occurred_at=timezone.now(),
            note=note,
            result=result.strip() or None,
            actor=user,
            new_date=new_date if kind == EventKind.APOLOGISED else None,
        )
    except TransitionRefused as exc:
        raise ActionRefused(str(exc)) from exc
    except DossierError as exc:
        messages = [str(m) for field in exc.errors.values() for m in field]
        raise ActionRefused(
            " ".join(messages) or gettext("Không ghi nhận được thao tác.")
        ) from exc
    except DossierForbidden as exc:
        raise ActionRefused(gettext("Không ghi nhận được thao tác.")) from exc
    return stored.obj


def ensure_online_desk() -> Agency | None:
    """The agency named by ``DOSSIER_ONLINE_AGENCY_CODE``, created if missing
    (``make run``'s demo: real deployments set the code of a real agency)."""
    from django.conf import settings

    code = settings.DOSSIER_ONLINE_AGENCY_CODE
    if not code:
        return None
    agency, _ = Agency.objects.get_or_create(
        code=code,
        defaults={
            "name": "Trung tâm Phục vụ hành chính công tỉnh (tiếp nhận trực tuyến)",
            "level": "tinh",
        },
    )
    return agency
