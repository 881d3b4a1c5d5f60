"""Legal deadlines of petitions (Decision 766/QĐ-TTg, indicator 5).

Each step has its limit in working days; the countdowns and the inbox's
"overdue" and "due soon" filters are counted with ``core.workdays``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core import workdays

from ..models import (
    Petition,
    PetitionStatus,
)

# Decision 766/QĐ-TTg, indicator 5: working days allowed for each step.
ACCEPT_WITHIN = 2
ASK_INFO_WITHIN = 5
ANSWER_WITHIN = 15
PUBLISH_WITHIN = 2
DUE_SOON_WITHIN = 2


# What each deadline is called where people read it (the admin, e-mails).
DEADLINE_LABELS = {
    "acceptance": gettext_lazy("Tiếp nhận hoặc từ chối"),
    "answer": gettext_lazy("Trả lời"),
    "publish": gettext_lazy("Công khai câu trả lời"),
}


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
                "label": str(DEADLINE_LABELS[name]),
                "due": due,
                "done_at": finished,
                "on_time": (workdays.local_date(finished) <= due) if finished else None,
                "working_days_left": None
                if finished
                else workdays.working_days_left(due, today),
            }
        )
    return rows


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
