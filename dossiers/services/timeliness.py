"""A dossier's history replayed: state, supplement waits, deadline, verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from core.workdays import Calendar, default_calendar, local_date

from ..models import (
    CLOSED_KINDS,
    RESOLVED_KINDS,
    DossierEvent,
    EventKind,
)


@dataclass
class State:
    """What a history says, replayed in ``occurred_at`` order."""

    status: str = EventKind.RECEIVED
    resolved_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    closed_kind: str | None = None
    supplement_requests: int = 0
    # (requested, received or None) pairs of supplement waits.
    pauses: list[tuple[dt.datetime, dt.datetime | None]] = field(default_factory=list)
    agencies: list[int] = field(default_factory=list)
    # When the latest event replayed occurred.
    last_at: dt.datetime | None = None


def ordered(events: Iterable[DossierEvent]) -> list[DossierEvent]:
    return sorted(events, key=lambda event: (event.occurred_at, event.pk or 0))


def apply(state: State, event: DossierEvent) -> State:
    """``state`` moved on by ``event``, the next one in ``occurred_at`` order."""
    state.status = event.kind
    state.last_at = event.occurred_at
    if event.kind == EventKind.SUPPLEMENT_REQUESTED:
        state.supplement_requests += 1
        if not state.pauses or state.pauses[-1][1] is not None:
            state.pauses.append((event.occurred_at, None))
    elif event.kind == EventKind.SUPPLEMENT_RECEIVED:
        if state.pauses and state.pauses[-1][1] is None:
            state.pauses[-1] = (state.pauses[-1][0], event.occurred_at)
    elif (
        event.kind == EventKind.TRANSFERRED
        and event.agency_id
        and event.agency_id not in state.agencies
    ):
        state.agencies.append(event.agency_id)
    if event.kind in RESOLVED_KINDS and state.resolved_at is None:
        state.resolved_at = event.occurred_at
    if event.kind in CLOSED_KINDS and state.closed_at is None:
        state.closed_at = event.occurred_at
        state.closed_kind = event.kind
    return state


def replay(events: Iterable[DossierEvent], until: dt.datetime | None = None) -> State:
    """The state after ``events`` (only those before ``until`` if given)."""
    state = State()
    for event in ordered(events):
        if until is not None and event.occurred_at >= until:
            break
        apply(state, event)
    return state


def paused_working_days(
    state: State, as_of: dt.date, calendar: Calendar | None = None
) -> int:
    """Working days spent waiting for supplements (an open wait runs to ``as_of``)."""
    calendar = calendar or default_calendar()
    total = 0
    for requested, received in state.pauses:
        end = local_date(received) if received else as_of
        total += max(0, calendar.working_days_between(local_date(requested), end))
    return total


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    PENDING_WITHIN = "pending_within"
    PENDING_OVERDUE = "pending_overdue"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


def deadline(
    promised: dt.date, state: State, as_of: dt.date, calendar: Calendar | None = None
) -> dt.date:
    """The promised date pushed back by the supplement waits."""
    calendar = calendar or default_calendar()
    paused = paused_working_days(state, as_of, calendar)
    return calendar.add_working_days(promised, paused) if paused else promised


def classify(
    promised: dt.date,
    state: State,
    as_of: dt.date,
    calendar: Calendar | None = None,
) -> Timeliness:
    """Early / on time / late once closed, within or past deadline while pending.

    Pending dossiers are judged by date only (a second supplement request
    makes the dossier late when it is resolved, not overdue before its date).
    """
    calendar = calendar or default_calendar()
    if state.closed_kind == EventKind.REJECTED:
        return Timeliness.REJECTED
    if state.closed_kind == EventKind.WITHDRAWN:
        return Timeliness.WITHDRAWN
    if state.resolved_at is not None:
        resolved = local_date(state.resolved_at)
        due = deadline(promised, state, resolved, calendar)
        if state.supplement_requests > 1 or resolved > due:
            return Timeliness.LATE
        return Timeliness.EARLY if resolved < due else Timeliness.ON_TIME
    due = deadline(promised, state, as_of, calendar)
    return Timeliness.PENDING_WITHIN if as_of <= due else Timeliness.PENDING_OVERDUE


def on_time_766(
    promised: dt.date,
    state: State,
    as_of: dt.date,
    calendar: Calendar | None = None,
) -> bool:
    """Whether a dossier counts as handled on time in Decision 766 indicator 2.1.

    As the national portal computes it ("Mô tả công thức tính chỉ số 766"):
    a dossier is on time "khi: Thời gian kết thúc xử lý <= Ngày hẹn trả", the
    end being its resolution or return, else its rejection or stop
    (withdrawal); supplement time is subtracted (here, as everywhere in the
    portal, by the working days waited: ``deadline``); a dossier still
    waiting for its one supplement ends at the request; one still being
    handled counts while within its deadline; "trừ trường hợp 'Yêu cầu bổ
    sung hồ sơ' hơn 01 lần thì tính quá hạn" (also Decree 118/2025 art. 11:
    a supplement is asked for once).
    """
    calendar = calendar or default_calendar()
    if state.supplement_requests > 1:
        return False
    end = state.resolved_at or state.closed_at
    if end is not None:
        day = local_date(end)
        return day <= deadline(promised, state, day, calendar)
    if state.pauses and state.pauses[-1][1] is None:
        return local_date(state.pauses[-1][0]) <= promised
    return as_of <= deadline(promised, state, as_of, calendar)
