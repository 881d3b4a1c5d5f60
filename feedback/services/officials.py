"""Officials: which petitions they see, and their actions with the audit trail."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core import workdays
from core.officials import official_agency
from core.text import InputRefused, clean_input

from ..models import (
    Petition,
    PetitionAction,
    PetitionEvent,
    PetitionStatus,
    Screening,
)
from .due_dates import PUBLISH_WITHIN
from .errors import PetitionError
from .intake import public_copy
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
                _("Không thể thực hiện khi PAKN đang ở trạng thái “%(status)s”.")
                % {"status": petition.get_status_display()}
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
            raise PetitionError(_("PAKN này không bị tạm giữ."))
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
            raise PetitionError(_("Hãy bỏ tạm giữ (spam) trước khi chấp nhận."))
        p.status = PetitionStatus.ACCEPTED
        p.accepted_at = timezone.now()
        return ["status", "accepted_at"]

    return _act(
        petition_id, user, PetitionAction.ACCEPTED, [PetitionStatus.RECEIVED], change
    )


def reject(petition_id: int, user, reason: str) -> Petition:
    reason = reason.strip()
    if not reason:
        raise PetitionError(_("Phải nêu lý do từ chối."))

    def change(p: Petition):
        p.status = PetitionStatus.REJECTED
        p.rejected_at = timezone.now()
        p.reject_reason = reason
        # The tracking page shows the reason: its public copy only.
        p.public_reject_reason = public_copy(p, reason)
        return ["status", "rejected_at", "reject_reason", "public_reject_reason"]

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
        raise PetitionError(_("Ghi chú không được để trống."))
    return _act(petition_id, user, PetitionAction.NOTE, None, lambda p: [], note=note)


def write_answer(petition_id: int, user, text: str) -> Petition:
    text = text.strip()
    if not text:
        raise PetitionError(_("Nội dung trả lời không được để trống."))

    def change(p: Petition):
        now = timezone.now()
        p.status = PetitionStatus.ANSWERED
        p.answer = text
        p.public_answer = public_copy(p, text)
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


# What an official masks by hand before publishing (the publish screen).
EXTRA_MASK = "[thông tin đã ẩn]"
MAX_EXTRA_MASKS = 50
MAX_EXTRA_MASK_LENGTH = 300


def extra_masks_from(values: Iterable[str]) -> list[str]:
    """The strings an official asked to mask: cleaned, each once, longest first.

    One character masks nothing useful and would wreck the text; so would a
    whole page pasted by mistake.
    """
    masks: dict[str, str] = {}
    for value in values:
        try:
            text = " ".join(clean_input(value, multiline=False).split())
        except InputRefused:
            continue
        if len(text) < 2:
            continue
        if len(text) > MAX_EXTRA_MASK_LENGTH:
            raise PetitionError(
                _("Mỗi đoạn cần che tối đa %(most)d ký tự.")
                % {"most": MAX_EXTRA_MASK_LENGTH}
            )
        masks.setdefault(text.casefold(), text)
    if len(masks) > MAX_EXTRA_MASKS:
        raise PetitionError(
            _("Tối đa %(most)d đoạn cần che.") % {"most": MAX_EXTRA_MASKS}
        )
    return sorted(masks.values(), key=len, reverse=True)


def _extra_mask_pattern(masks: list[str]) -> re.Pattern | None:
    if not masks:
        return None
    # Any white space between the words: the selection may span a line break.
    alternatives = (r"\s+".join(map(re.escape, mask.split())) for mask in masks)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def apply_extra_masks(text: str, masks: list[str]) -> str:
    """``text`` with every occurrence of each mask replaced (case-insensitive)."""
    pattern = _extra_mask_pattern(masks)
    return pattern.sub(EXTRA_MASK, text) if pattern and text else text


def publish(petition_id: int, user, extra_masks: Iterable[str] = ()) -> Petition:
    """Publish the answer: the public copy as the official saw it, with what
    they masked by hand, is stored (never recomputed on read)."""
    masks = extra_masks_from(extra_masks)

    def change(p: Petition):
        if p.masked_at is None:
            raise PetitionError(_("Bản công khai chưa được che thông tin cá nhân."))
        p.status = PetitionStatus.PUBLISHED
        p.published_at = timezone.now()
        p.published_by = user
        p.public_title = apply_extra_masks(p.public_title, masks)
        p.public_body = apply_extra_masks(p.public_body, masks)
        p.public_answer = apply_extra_masks(p.public_answer, masks)
        p.extra_masks = masks
        return [
            "status",
            "published_at",
            "published_by",
            "public_title",
            "public_body",
            "public_answer",
            "extra_masks",
        ]

    return _act(
        petition_id,
        user,
        PetitionAction.PUBLISHED,
        [PetitionStatus.ANSWERED],
        change,
        data={"extra_masks": len(masks)},
    )
