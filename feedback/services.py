"""Feedback domain logic: petitions from submission to published answer.

Submission (:func:`submit_petition`) stores everything in one transaction and
queues the intake after commit. The intake (:func:`run_intake`) is a series of
steps, each done under a row lock and stamped when done, so that any number
of repeated or concurrent runs (a retried task, a redelivered message, the
periodic sweep) do each step once. Officials' actions
(:func:`accept`, :func:`reject`, :func:`answer`, ...) check the transition,
apply it and write the audit trail in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from catalogue.models import Agency, AgencyRole
from core import workdays
from core.attachments import sha256_of
from core.idempotency import request_fingerprint
from core.masking import mask_text, normalise_phone
from core.officials import official_agency

from .models import (
    Petition,
    PetitionAction,
    PetitionAttachment,
    PetitionDailyStat,
    PetitionEvent,
    PetitionReaction,
    PetitionStatus,
    Screening,
)
from .sms import get_sms_sender

logger = logging.getLogger(__name__)

# Decision 766/QĐ-TTg, indicator 5: working days allowed for each step.
ACCEPT_WITHIN = 2
ASK_INFO_WITHIN = 5
ANSWER_WITHIN = 15
PUBLISH_WITHIN = 2
DUE_SOON_WITHIN = 2

# Near-duplicate screening: word-trigram Jaccard similarity of the bodies,
# against this many of the last week's petitions.
NEAR_DUPLICATE_SIMILARITY = 0.85
NEAR_DUPLICATE_WINDOW = 300

# Letters and digits that cannot be mistaken for one another when read aloud
# or typed from a receipt: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4


class PetitionError(Exception):
    """An action that the petition's state does not allow (Vietnamese text)."""


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used for a different request."""


class AlreadyReacted(Exception):
    """This reader has already liked or disliked this answer."""


# --- tracking codes -------------------------------------------------------------


def new_tracking_code() -> str:
    """``XXXX-XXXX-XXXX`` from the unambiguous alphabet (about 56 bits)."""
    groups = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    ]
    return "-".join(groups)


def normalise_tracking_code(raw: str) -> str:
    """What a citizen typed, in canonical form (case, spaces and dashes ignored)."""
    compact = re.sub(r"[^0-9A-Za-z]", "", raw).upper()
    return "-".join(
        compact[i : i + CODE_GROUP_LENGTH]
        for i in range(0, len(compact), CODE_GROUP_LENGTH)
    )


def client_hash(address: str) -> str:
    """A keyed hash of a client address: comparable, not reversible."""
    return hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()


# --- submission -------------------------------------------------------------------


@dataclass
class Submission:
    petition: Petition
    created: bool


def _existing_for_key(key: str, fingerprint: str) -> Petition | None:
    found = Petition.objects.filter(idempotency_key=key).first()
    if found is not None and found.request_fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    return found


def submit_petition(
    *,
    data: dict[str, Any],
    files: list[tuple[UploadedFile, str]],
    client_address: str,
    idempotency_key: str | None = None,
) -> Submission:
    """Store a petition and its attachments durably; queue its intake.

    ``data`` holds the validated fields (``procedure``/``agency`` as objects,
    ``website`` the honeypot); ``files`` pairs each checked upload with its
    sniffed content type. With an ``idempotency_key`` seen before (same
    content) the earlier petition is returned and nothing is stored.
    """
    data = dict(data)
    honeypot = (data.pop("website", "") or "").strip()
    fingerprint = request_fingerprint(data, (upload for upload, _ in files))
    if idempotency_key:
        existing = _existing_for_key(idempotency_key, fingerprint)
        if existing is not None:
            return Submission(existing, created=False)

    now = timezone.now()
    saved_names: list[str] = []
    try:
        with transaction.atomic():
            petition = Petition.objects.create(
                **data,
                tracking_code=_unique_tracking_code(),
                submitted_at=now,
                acceptance_due=workdays.add_working_days(now, ACCEPT_WITHIN),
                info_due=workdays.add_working_days(now, ASK_INFO_WITHIN),
                answer_due=workdays.add_working_days(now, ANSWER_WITHIN),
                client_hash=client_hash(client_address),
                phone_normalised=normalise_phone(data.get("phone", "")),
                honeypot_filled=bool(honeypot),
                idempotency_key=idempotency_key or None,
                request_fingerprint=fingerprint,
            )
            for upload, content_type in files:
                attachment = PetitionAttachment(
                    petition=petition,
                    original_name=upload.name[:255],
                    content_type=content_type,
                    size=upload.size,
                    sha256=sha256_of(upload),
                )
                attachment.file.save(upload.name, upload, save=False)
                saved_names.append(attachment.file.name)
                attachment.save()
            PetitionEvent.objects.create(
                petition=petition, action=PetitionAction.SUBMITTED, created_at=now
            )
            transaction.on_commit(lambda: queue_intake(petition.pk), robust=True)
    except IntegrityError:
        _delete_files(saved_names)
        if idempotency_key:
            # A concurrent retry with the same key won the race.
            existing = _existing_for_key(idempotency_key, fingerprint)
            if existing is not None:
                return Submission(existing, created=False)
        raise
    except BaseException:
        _delete_files(saved_names)
        raise
    return Submission(petition, created=True)


def _unique_tracking_code() -> str:
    while True:
        code = new_tracking_code()
        if not Petition.objects.filter(tracking_code=code).exists():
            return code


def _delete_files(names: list[str]) -> None:
    from .models import private_storage

    for name in names:
        private_storage.delete(name)


def queue_intake(petition_id: int) -> None:
    """Send the intake task; a broker failure is left to the periodic sweep."""
    from .tasks import process_petition

    process_petition.delay(petition_id)


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


def mask(petition_id: int) -> None:
    with transaction.atomic():
        petition = _locked(petition_id, "masked_at")
        if petition is None:
            return
        names = (petition.name,)
        petition.public_title = mask_text(petition.title, names)
        petition.public_body = mask_text(petition.body, names)
        petition.masked_at = timezone.now()
        petition.save(update_fields=["public_title", "public_body", "masked_at"])


def responsible_agency(petition: Petition) -> Agency | None:
    """The agency chosen by the citizen, else the procedure's, else the default."""
    if petition.agency_id:
        return petition.agency
    if petition.procedure_id:
        roles = petition.procedure.agency_roles.select_related("agency")
        for role in (AgencyRole.IMPLEMENTING, AgencyRole.COMPETENT):
            found = roles.filter(role=role).order_by("sort_order").first()
            if found:
                return found.agency
    code = settings.FEEDBACK_DEFAULT_AGENCY_CODE
    return Agency.objects.filter(code=code).first() if code else None


def route(petition_id: int) -> None:
    with transaction.atomic():
        petition = _locked(petition_id, "routed_at")
        if petition is None:
            return
        agency = responsible_agency(petition)
        petition.agency = agency
        petition.routed_at = timezone.now()
        petition.save(update_fields=["agency", "routed_at"])
        PetitionEvent.objects.create(
            petition=petition,
            action=PetitionAction.ROUTED,
            data={"agency": agency.pk if agency else None},
        )


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


# --- public reading ---------------------------------------------------------------


def published_petitions() -> QuerySet[Petition]:
    """Answers the public may read: published and consented to."""
    return (
        Petition.objects.filter(
            status=PetitionStatus.PUBLISHED,
            consent_publish=True,
            screening=Screening.CLEAN,
        )
        .select_related("agency", "procedure")
        .order_by("-published_at", "-pk")
    )


def find_by_tracking_code(raw: str) -> Petition | None:
    return (
        Petition.objects.select_related("agency", "procedure")
        .filter(tracking_code=normalise_tracking_code(raw))
        .first()
    )


def deadlines(petition: Petition, today: dt.date | None = None) -> list[dict]:
    """Each legal deadline with its countdown in working days."""
    today = today or timezone.localdate()
    done = {
        "acceptance": petition.accepted_at or petition.rejected_at,
        "answer": petition.answered_at,
        "publish": petition.published_at,
    }
    rows = []
    for name, due in (
        ("acceptance", petition.acceptance_due),
        ("answer", petition.answer_due),
        ("publish", petition.publish_due),
    ):
        if due is None:
            continue
        finished = done[name]
        rows.append(
            {
                "name": name,
                "due": due,
                "done_at": finished,
                "on_time": (workdays.local_date(finished) <= due) if finished else None,
                "working_days_left": None
                if finished
                else workdays.working_days_left(due, today),
            }
        )
    return rows


def react(petition: Petition, voter: str, value: str) -> Petition:
    """Record a like or dislike once per reader; raise AlreadyReacted after."""
    if petition.status != PetitionStatus.PUBLISHED:
        raise PetitionError("Chỉ có thể đánh giá câu trả lời đã công khai.")
    counter = "likes" if value == "like" else "dislikes"
    try:
        with transaction.atomic():
            PetitionReaction.objects.create(
                petition=petition, voter=client_hash(voter), value=value
            )
            Petition.objects.filter(pk=petition.pk).update(**{counter: F(counter) + 1})
    except IntegrityError as exc:
        raise AlreadyReacted from exc
    petition.refresh_from_db(fields=["likes", "dislikes"])
    return petition


# --- officials ----------------------------------------------------------------------


def can_manage_all(user) -> bool:
    return user.is_superuser or user.has_perm("feedback.manage_all_petitions")


def petitions_for(user) -> QuerySet[Petition]:
    """The petitions an official may see: their agency's, or all for admins."""
    queryset = Petition.objects.select_related("agency", "procedure", "assigned_to")
    if can_manage_all(user):
        return queryset
    agency = official_agency(user)
    if agency is None:
        return queryset.none()
    return queryset.filter(agency=agency)


def overdue_q(today: dt.date | None = None) -> Q:
    today = today or timezone.localdate()
    return (
        Q(status=PetitionStatus.RECEIVED, acceptance_due__lt=today)
        | Q(
            status__in=[PetitionStatus.ACCEPTED, PetitionStatus.HANDLING],
            answer_due__lt=today,
        )
        | Q(status=PetitionStatus.ANSWERED, publish_due__lt=today)
    )


def due_soon_q(today: dt.date | None = None) -> Q:
    today = today or timezone.localdate()
    horizon = workdays.add_working_days(today, DUE_SOON_WITHIN)
    return (
        Q(status=PetitionStatus.RECEIVED, acceptance_due__range=(today, horizon))
        | Q(
            status__in=[PetitionStatus.ACCEPTED, PetitionStatus.HANDLING],
            answer_due__range=(today, horizon),
        )
        | Q(status=PetitionStatus.ANSWERED, publish_due__range=(today, horizon))
    )


def _act(
    petition_id: int,
    user,
    action: str,
    allowed_from: Iterable[str] | None,
    change,
    *,
    note: str = "",
    data: dict | None = None,
) -> Petition:
    with transaction.atomic():
        petition = (
            petitions_for(user).select_for_update(of=("self",)).get(pk=petition_id)
        )
        if allowed_from is not None and petition.status not in allowed_from:
            raise PetitionError(
                f"Không thể thực hiện khi PAKN đang ở trạng thái "
                f"“{petition.get_status_display()}”."
            )
        fields = change(petition) or []
        if fields:
            petition.save(update_fields=fields)
        PetitionEvent.objects.create(
            petition=petition, actor=user, action=action, note=note, data=data or {}
        )
    return petition


def release(petition_id: int, user) -> Petition:
    """Clear a spam hold; the intake then acknowledges and counts it."""

    def change(p: Petition):
        if p.screening != Screening.HELD:
            raise PetitionError("PAKN này không bị tạm giữ.")
        p.screening = Screening.CLEAN
        p.intake_completed_at = None
        return ["screening", "intake_completed_at"]

    petition = _act(petition_id, user, PetitionAction.RELEASED, None, change)
    transaction.on_commit(lambda: queue_intake(petition_id), robust=True)
    return petition


def assign(petition_id: int, user, assignee) -> Petition:
    def change(p: Petition):
        p.assigned_to = assignee
        return ["assigned_to"]

    return _act(
        petition_id,
        user,
        PetitionAction.ASSIGNED,
        [
            PetitionStatus.RECEIVED,
            PetitionStatus.ACCEPTED,
            PetitionStatus.HANDLING,
        ],
        change,
        data={"assignee": assignee.pk, "name": assignee.get_username()},
    )


def accept(petition_id: int, user) -> Petition:
    def change(p: Petition):
        if p.screening == Screening.HELD:
            raise PetitionError("Hãy bỏ tạm giữ (spam) trước khi chấp nhận.")
        p.status = PetitionStatus.ACCEPTED
        p.accepted_at = timezone.now()
        return ["status", "accepted_at"]

    return _act(
        petition_id, user, PetitionAction.ACCEPTED, [PetitionStatus.RECEIVED], change
    )


def reject(petition_id: int, user, reason: str) -> Petition:
    reason = reason.strip()
    if not reason:
        raise PetitionError("Phải nêu lý do từ chối.")

    def change(p: Petition):
        p.status = PetitionStatus.REJECTED
        p.rejected_at = timezone.now()
        p.reject_reason = reason
        return ["status", "rejected_at", "reject_reason"]

    return _act(
        petition_id,
        user,
        PetitionAction.REJECTED,
        [PetitionStatus.RECEIVED],
        change,
        note=reason,
    )


def start_handling(petition_id: int, user) -> Petition:
    def change(p: Petition):
        p.status = PetitionStatus.HANDLING
        return ["status"]

    return _act(
        petition_id, user, PetitionAction.HANDLING, [PetitionStatus.ACCEPTED], change
    )


def add_note(petition_id: int, user, note: str) -> Petition:
    note = note.strip()
    if not note:
        raise PetitionError("Ghi chú không được để trống.")
    return _act(petition_id, user, PetitionAction.NOTE, None, lambda p: [], note=note)


def write_answer(petition_id: int, user, text: str) -> Petition:
    text = text.strip()
    if not text:
        raise PetitionError("Nội dung trả lời không được để trống.")

    def change(p: Petition):
        now = timezone.now()
        p.status = PetitionStatus.ANSWERED
        p.answer = text
        p.public_answer = mask_text(text, (p.name,))
        p.answered_by = user
        p.answered_at = now
        p.publish_due = workdays.add_working_days(now, PUBLISH_WITHIN)
        return [
            "status",
            "answer",
            "public_answer",
            "answered_by",
            "answered_at",
            "publish_due",
        ]

    return _act(
        petition_id,
        user,
        PetitionAction.ANSWERED,
        [PetitionStatus.ACCEPTED, PetitionStatus.HANDLING, PetitionStatus.ANSWERED],
        change,
        note=text,
    )


def publish(petition_id: int, user) -> Petition:
    def change(p: Petition):
        if p.masked_at is None:
            raise PetitionError("Bản công khai chưa được che thông tin cá nhân.")
        p.status = PetitionStatus.PUBLISHED
        p.published_at = timezone.now()
        return ["status", "published_at"]

    return _act(
        petition_id,
        user,
        PetitionAction.PUBLISHED,
        [PetitionStatus.ANSWERED],
        change,
    )
