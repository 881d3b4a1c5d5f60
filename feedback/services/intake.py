"""The intake done by the workers, one stamped step at a time.

Each step locks the petition's row, does its work and stamps it in the same
transaction, and is skipped when its stamp is set: repeated or concurrent
runs (a retried task, a redelivered message, the sweep) do each step once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from catalogue.models import Agency, AgencyRole
from catalogue.services import default_reception_unit
from core import workdays
from core.masking import mask_text

from ..models import (
    Petition,
    PetitionAction,
    PetitionDailyStat,
    PetitionEvent,
    Screening,
)
from ..sms import get_sms_sender

# Near-duplicate screening: word-trigram Jaccard similarity of the bodies,
# against this many of the last week's petitions.
NEAR_DUPLICATE_SIMILARITY = 0.85
NEAR_DUPLICATE_WINDOW = 300

# --- intake -----------------------------------------------------------------------


def run_intake(petition_id: int) -> bool:
    """Do whatever intake steps are not done yet. False if the petition is gone."""
    if not Petition.objects.filter(pk=petition_id).exists():
        return False
    for step in (screen, mask, route, acknowledge, count):
        step(petition_id)
    with transaction.atomic():
        Petition.objects.filter(pk=petition_id, intake_completed_at=None).update(
            intake_completed_at=timezone.now()
        )
    return True


def _locked(petition_id: int, marker: str) -> Petition | None:
    """The petition locked for update, or None if gone or the step is done."""
    petition = Petition.objects.select_for_update().filter(pk=petition_id).first()
    if petition is None or getattr(petition, marker) is not None:
        return None
    return petition


def screening_reasons(petition: Petition) -> list[str]:
    """Why a petition looks like spam (empty when it does not)."""
    reasons = []
    if petition.honeypot_filled:
        reasons.append("honeypot")
    since_hour = petition.submitted_at - timedelta(hours=1)
    since_day = petition.submitted_at - timedelta(days=1)
    earlier = Petition.objects.exclude(pk=petition.pk).filter(
        submitted_at__lte=petition.submitted_at
    )
    if (
        petition.client_hash
        and earlier.filter(
            client_hash=petition.client_hash, submitted_at__gte=since_hour
        ).count()
        >= settings.FEEDBACK_SCREEN_PER_IP_PER_HOUR
    ):
        reasons.append("rate_ip")
    if (
        petition.phone_normalised
        and earlier.filter(
            phone_normalised=petition.phone_normalised, submitted_at__gte=since_day
        ).count()
        >= settings.FEEDBACK_SCREEN_PER_PHONE_PER_DAY
    ):
        reasons.append("rate_phone")
    text = f"{petition.title}\n{petition.body}"
    if len(re.findall(r"https?://|www\.", text)) > settings.FEEDBACK_SCREEN_MAX_LINKS:
        reasons.append("links")
    lowered = text.lower()
    if any(word.lower() in lowered for word in settings.FEEDBACK_SPAM_KEYWORDS):
        reasons.append("keywords")
    recent = earlier.filter(submitted_at__gte=petition.submitted_at - timedelta(days=7))
    mine = _shingles(petition.body)
    for other_body in recent.order_by("-submitted_at").values_list("body", flat=True)[
        :NEAR_DUPLICATE_WINDOW
    ]:
        if _similarity(mine, _shingles(other_body)) >= NEAR_DUPLICATE_SIMILARITY:
            reasons.append("near_duplicate")
            break
    return reasons


def _shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _similarity(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def screen(petition_id: int) -> None:
    with transaction.atomic():
        petition = _locked(petition_id, "screened_at")
        if petition is None:
            return
        reasons = screening_reasons(petition)
        petition.screening = Screening.HELD if reasons else Screening.CLEAN
        petition.screening_reasons = reasons
        petition.screened_at = timezone.now()
        petition.save(update_fields=["screening", "screening_reasons", "screened_at"])
        PetitionEvent.objects.create(
            petition=petition,
            action=PetitionAction.SCREENED,
            data={"screening": petition.screening, "reasons": reasons},
        )


def public_copy(petition: Petition, text: str) -> str:
    """``text`` as the public may read it: the submitter's name, phone and
    e-mail masked wherever it repeats them, and any other personal data."""
    values = tuple(v for v in (petition.phone, petition.email) if v)
    return mask_text(text, names=(petition.name,), values=values)


def mask(petition_id: int) -> None:
    with transaction.atomic():
        petition = _locked(petition_id, "masked_at")
        if petition is None:
            return
        petition.public_title = public_copy(petition, petition.title)
        petition.public_body = public_copy(petition, petition.body)
        petition.masked_at = timezone.now()
        petition.save(update_fields=["public_title", "public_body", "masked_at"])


@dataclass(frozen=True)
class Routing:
    """Where a petition goes and why (the audit trail records both)."""

    agency: Agency
    reason: str
    note: str


ROUTING_REASONS = {
    "procedure": "Theo cơ quan thực hiện thủ tục {procedure}",
    "procedure_competent": "Theo cơ quan có thẩm quyền của thủ tục {procedure}",
    "chosen": "Theo cơ quan người gửi chọn",
    "setting": "Đơn vị tiếp nhận mặc định của tỉnh (cấu hình)",
    "flag": "Đơn vị tiếp nhận mặc định của tỉnh",
    "created": "Đơn vị tiếp nhận mặc định của tỉnh (tạo tự động)",
}


def responsible_agency(petition: Petition) -> Routing:
    """The procedure's implementing agency, else the agency the citizen chose,
    else the province's default reception unit — never none.

    The procedure comes first: the agency implementing it is the one that
    can answer for it (Decree 20/2008 art. 9(1)(d): a petition outside the
    receiver's competence is transferred, so send it to the competent one
    at once); the citizen's choice decides when the procedure names none.
    """
    if petition.procedure_id:
        roles = petition.procedure.agency_roles.select_related("agency")
        for role, reason in (
            (AgencyRole.IMPLEMENTING, "procedure"),
            (AgencyRole.COMPETENT, "procedure_competent"),
        ):
            found = roles.filter(role=role).order_by("sort_order").first()
            if found:
                return _routing(found.agency, reason, petition)
    if petition.agency_id:
        return _routing(petition.agency, "chosen", petition)
    agency, reason = default_reception_unit()
    return _routing(agency, reason, petition)


def _routing(agency: Agency, reason: str, petition: Petition) -> Routing:
    procedure = petition.procedure.code if petition.procedure_id else ""
    note = ROUTING_REASONS[reason].format(procedure=procedure)
    return Routing(agency, reason, f"{note}: {agency.name}.")


def route_unsaved(petition: Petition) -> tuple[Routing, PetitionEvent]:
    """Route a petition: its agency and ``routed_at`` set (not saved), and the
    unsaved "routed" event that says why."""
    chosen = petition.agency_id
    routing = responsible_agency(petition)
    petition.agency = routing.agency
    petition.routed_at = timezone.now()
    event = PetitionEvent(
        petition=petition,
        action=PetitionAction.ROUTED,
        note=routing.note,
        data={
            "agency": routing.agency.pk,
            "reason": routing.reason,
            "chosen_agency": chosen,
        },
    )
    return routing, event


def apply_routing(petition: Petition) -> Routing:
    """Route an unrouted petition (its row locked by the caller) and record why."""
    routing, event = route_unsaved(petition)
    petition.save(update_fields=["agency", "routed_at"])
    event.save()
    return routing


def route(petition_id: int) -> None:
    with transaction.atomic():
        petition = _locked(petition_id, "routed_at")
        if petition is None:
            return
        apply_routing(petition)


def acknowledgement_text(petition: Petition) -> str:
    return (
        f"Cổng dịch vụ hành chính công đã nhận phản ánh, kiến nghị của ông/bà. "
        f"Mã tra cứu: {petition.tracking_code}. "
        f"Hạn trả lời: {petition.answer_due:%d/%m/%Y}. "
        f"Tra cứu tại {settings.FRONTEND_URL}/phan-anh/{petition.tracking_code}"
    )


def acknowledge(petition_id: int) -> None:
    """Tell the submitter the tracking code (held petitions wait for review).

    The message is sent while the row is locked and the stamp is written
    after it: a crash between the two sends it again (at least once), never
    not at all.
    """
    with transaction.atomic():
        petition = _locked(petition_id, "acknowledged_at")
        if petition is None or petition.screening != Screening.CLEAN:
            return
        text = acknowledgement_text(petition)
        channels = []
        if petition.email:
            send_mail(
                f"Đã nhận phản ánh, kiến nghị {petition.tracking_code}",
                text,
                settings.FEEDBACK_FROM_EMAIL,
                [petition.email],
            )
            channels.append("email")
        if petition.phone_normalised:
            get_sms_sender().send(petition.phone_normalised, text)
            channels.append("sms")
        petition.acknowledged_at = timezone.now()
        petition.save(update_fields=["acknowledged_at"])
        PetitionEvent.objects.create(
            petition=petition,
            action=PetitionAction.ACKNOWLEDGED,
            data={"channels": channels},
        )


def count(petition_id: int) -> None:
    """Add the petition to the daily statistics (once; held ones wait)."""
    with transaction.atomic():
        petition = _locked(petition_id, "counted_at")
        if petition is None or petition.screening != Screening.CLEAN:
            return
        day = workdays.local_date(petition.submitted_at)
        stat, _ = PetitionDailyStat.objects.get_or_create(
            date=day, agency_id=petition.agency_id, kind=petition.kind
        )
        PetitionDailyStat.objects.filter(pk=stat.pk).update(received=F("received") + 1)
        petition.counted_at = timezone.now()
        petition.save(update_fields=["counted_at"])


def unprocessed(older_than: timedelta) -> QuerySet[Petition]:
    """Petitions whose intake has not finished within ``older_than``."""
    return Petition.objects.filter(
        intake_completed_at=None, submitted_at__lte=timezone.now() - older_than
    )
