"""Officials: which petitions they see, and their actions with the audit trail."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core import workdays
from core.masking import mask_text
from core.officials import official_agency

from ..models import (
    Petition,
    PetitionAction,
    PetitionEvent,
    PetitionStatus,
    Screening,
)
from .due_dates import PUBLISH_WITHIN
from .errors import PetitionError
from .submission import queue_intake


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
