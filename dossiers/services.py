"""Domain logic of dossiers: codes, deadlines, the desk feed and timeliness.

The desk systems push dossiers and their events; everything the portal shows
(status, resolution date, on-time classification, statistics) is derived from
the events ordered by their ``occurred_at``, never from the order in which
they arrived.

On-time rules (Decree 61/2018, Circular 01/2018, see ../shared/DESIGN.md):

* the promised date is the receipt date plus the procedure's processing time
  in working days (weekends and ``PUBLIC_HOLIDAYS`` skipped);
* the clock stops while the dossier waits for the applicant's supplementary
  documents: from a ``supplement_requested`` event to the next
  ``supplement_received``, the working days after the request day up to and
  including the day the supplement arrived push the deadline back;
* more than one supplement request makes the dossier late whatever its dates;
* resolved before the (extended) deadline is early, on that day on time,
  after it late.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from catalogue.models import Agency, ProcedurePage
from core.masking import mask_text
from core.officials import official_agency
from core.workdays import Calendar, default_calendar, local_date

from .models import (
    CLOSED_KINDS,
    RESOLVED_KINDS,
    Channel,
    Dossier,
    DossierEvent,
    EventKind,
)

WORKING_HOURS_PER_DAY = 8
SEQUENCE_DIGITS = 4


class DossierError(Exception):
    """A request the feed refuses; carries field errors for a 400."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class DossierForbidden(Exception):
    """The agency may not write this dossier."""


class EventConflict(Exception):
    """An event id reused for a different event."""


T = TypeVar("T")


@dataclass(frozen=True)
class Ingested(Generic[T]):
    """What the feed stored (``created``) or found already stored."""

    obj: T
    created: bool


# --- Codes and promised dates -------------------------------------------------


def dossier_code(agency_code: str, day: dt.date, sequence: int) -> str:
    """``<agency code>-<YYYYMMDD>-<sequence, 4 digits>``."""
    return f"{agency_code}-{day:%Y%m%d}-{sequence:0{SEQUENCE_DIGITS}d}"


def _code_pattern(agency_code: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(agency_code)}-(\d{{8}})-(\d{{{SEQUENCE_DIGITS},}})")


# The table of ``DossierSequence``: one upsert gives the next number, the row
# created or its counter raised in the same statement (PostgreSQL, and SQLite
# since 3.35).
_UPSERT_SEQUENCE = (
    'INSERT INTO "dossiers_dossiersequence" ("agency_id", "day", "last") '
    'VALUES (%s, %s, %s) ON CONFLICT ("agency_id", "day") DO UPDATE SET "last" = '
)
_NEXT_SEQUENCE = (
    _UPSERT_SEQUENCE + '"dossiers_dossiersequence"."last" + 1 RETURNING "last"'
)
_RAISE_SEQUENCE = (
    _UPSERT_SEQUENCE + 'CASE WHEN "dossiers_dossiersequence"."last" > %s '
    'THEN "dossiers_dossiersequence"."last" ELSE %s END RETURNING "last"'
)


def _bump_sequence(agency: Agency, day: dt.date, at_least: int | None = None) -> int:
    """The next sequence number of ``agency`` on ``day`` (row-locked counter).

    The row stays locked until the caller's transaction ends, so concurrent
    receipts get consecutive numbers; ``at_least`` raises the counter to a
    number the desk gave itself.
    """
    with connection.cursor() as cursor:
        if at_least is None:
            cursor.execute(_NEXT_SEQUENCE, [agency.pk, day, 1])
        else:
            cursor.execute(_RAISE_SEQUENCE, [agency.pk, day, *[at_least] * 3])
        return cursor.fetchone()[0]


def processing_time(procedure: ProcedurePage, channel: str) -> tuple[Decimal, str]:
    """The (amount, unit) published for ``channel``, else for any channel."""
    candidates: list[tuple[Decimal, str]] = []
    for block in procedure.channels:
        value = block.value
        amount = value.get("processing_time")
        if amount is None:
            continue
        entry = (Decimal(amount), (value.get("time_unit") or "").casefold())
        if value.get("kind") == channel:
            return entry
        candidates.append(entry)
    if not candidates:
        raise LookupError(f"procedure {procedure.code} publishes no processing time")
    return candidates[0]


def promised_date(
    received_at: dt.datetime,
    procedure: ProcedurePage,
    channel: str,
    calendar: Calendar | None = None,
) -> dt.date:
    """The return date promised for a dossier received at ``received_at``.

    Units as the catalogue stores them: working days ("ngày làm việc", or a
    number without a unit) count after the receipt day; hours and minutes
    round up to whole working days of 8 hours; calendar periods ("ngày",
    "tuần", "tháng", "năm") are added on the calendar and, as the Civil Code
    counts them (art. 148), a period ending on a rest day or holiday ends on
    the next working day.
    """
    calendar = calendar or default_calendar()
    amount, unit = processing_time(procedure, channel)
    received = local_date(received_at)
    if "giờ" in unit or "phút" in unit:
        hours = amount if "giờ" in unit else amount / 60
        days = math.ceil(hours / WORKING_HOURS_PER_DAY)
        return calendar.add_working_days(received, days)
    if "làm việc" in unit or not unit:
        return calendar.add_working_days(received, math.ceil(amount))
    if "tháng" in unit or "năm" in unit:
        months = math.ceil(amount) * (12 if "năm" in unit else 1)
        month_index = received.month - 1 + months
        year, month = received.year + month_index // 12, month_index % 12 + 1
        target = dt.date(year, month, min(received.day, _month_length(year, month)))
    else:
        days = math.ceil(amount) * (7 if "tuần" in unit else 1)
        target = received + dt.timedelta(days=days)
    return calendar.add_working_days(target, 0)


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


# --- Event replay -------------------------------------------------------------


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


# --- The desk feed ------------------------------------------------------------


def closed_pauses_due(
    promised: dt.date, state: State, calendar: Calendar | None = None
) -> dt.date:
    """The promised date pushed back by the supplement waits that have ended."""
    calendar = calendar or default_calendar()
    ended = State(pauses=[pause for pause in state.pauses if pause[1] is not None])
    paused = paused_working_days(ended, promised, calendar)
    return calendar.add_working_days(promised, paused) if paused else promised


# The denormalised columns ``summarise`` writes: the state after every event.
SUMMARY_FIELDS = [
    "status",
    "resolved_at",
    "closed_at",
    "closed_kind",
    "supplement_requests",
    "pauses",
    "last_event_at",
    "due_date",
]


# What storing an event reads of the locked dossier (and the feed answers).
LOCKED_FIELDS = (
    "code",
    "agency_id",
    "channel",
    "applicant_email",
    "received_at",
    "promised_at",
    *SUMMARY_FIELDS,
)


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def summarise(dossier: Dossier, state: State) -> Dossier:
    """Copy ``state`` (after all of the dossier's events) onto its columns."""
    dossier.status = state.status
    dossier.resolved_at = state.resolved_at
    dossier.closed_at = state.closed_at
    dossier.closed_kind = state.closed_kind or ""
    dossier.supplement_requests = state.supplement_requests
    dossier.pauses = [
        [_instant(requested), _instant(received) if received else None]
        for requested, received in state.pauses
    ]
    dossier.last_event_at = state.last_at
    dossier.due_date = closed_pauses_due(dossier.promised_at, state)
    return dossier


def parse_pauses(pauses: Iterable[Sequence[str | None]]) -> list:
    """The stored supplement waits back as (requested, received or None)."""
    parse = dt.datetime.fromisoformat
    return [
        (parse(requested), parse(received) if received else None)
        for requested, received in pauses
    ]


def summary_state(dossier: Dossier) -> State | None:
    """The state stored by ``summarise`` (None: not stored, replay the events).

    Transfers (``State.agencies``) are not part of it.
    """
    if dossier.pauses is None:
        return None
    return State(
        status=dossier.status,
        resolved_at=dossier.resolved_at,
        closed_at=dossier.closed_at,
        closed_kind=dossier.closed_kind or None,
        supplement_requests=dossier.supplement_requests,
        pauses=parse_pauses(dossier.pauses),
        last_at=dossier.last_event_at,
    )


def recompute(dossier: Dossier, *also: str) -> Dossier:
    """Refresh the denormalised columns from the dossier's events."""
    summarise(dossier, replay(dossier.events.all()))
    dossier.save(update_fields=[*SUMMARY_FIELDS, *also, "updated_at"])
    return dossier


def _advance(dossier: Dossier, event: DossierEvent, *also: str) -> Dossier:
    """The columns after ``event``, just stored for the locked ``dossier``.

    An event later than every other one (the usual case) moves the stored
    state on; one arriving out of order, or a dossier whose state is not
    stored yet, replays the whole history.
    """
    state = summary_state(dossier)
    if state is None or state.last_at is None or event.occurred_at <= state.last_at:
        return recompute(dossier, *also)
    summarise(dossier, apply(state, event))
    dossier.save(update_fields=[*SUMMARY_FIELDS, *also, "updated_at"])
    return dossier


def overdue_q(today: dt.date | None = None) -> Q:
    """Open dossiers past their deadline (not while waiting for a supplement)."""
    today = today or timezone.localdate()
    return Q(closed_at__isnull=True, due_date__lt=today) & ~Q(
        status=EventKind.SUPPLEMENT_REQUESTED
    )


def wants_notification(dossier: Dossier) -> bool:
    """Online applicants are told of every status change by e-mail."""
    return dossier.channel == Channel.ONLINE and bool(dossier.applicant_email)


def queue_notification(event_id: int) -> None:
    """Send the e-mail task; a broker failure is left to the periodic sweep."""
    from .tasks import notify_applicant

    notify_applicant.delay(event_id)


def can_write(agency: Agency, dossier: Dossier) -> bool:
    """The receiving agency, and agencies the dossier was transferred to."""
    if dossier.agency_id == agency.pk:
        return True
    return dossier.events.filter(kind=EventKind.TRANSFERRED, agency=agency).exists()


def ingest_dossier(
    agency: Agency,
    *,
    received_at: dt.datetime,
    applicant_name: str,
    channel: str = Channel.DIRECT,
    code: str = "",
    procedure: ProcedurePage | None = None,
    promised_at: dt.date | None = None,
    applicant_phone: str = "",
    applicant_email: str = "",
    applicant_id_number: str = "",
    applicant_address: str = "",
    result: str = "",
    calendar: Calendar | None = None,
) -> Ingested[Dossier]:
    """Store a dossier received by ``agency`` (idempotent on ``code``).

    Without a code the next one of the agency's day is given. The promised
    date is computed from the procedure unless the desk sends its own. A
    ``received`` event opens the history. Raises ``DossierError`` and writes
    nothing when the data does not hold together.
    """
    if not agency.code:
        raise DossierError({"agency": ["Cơ quan chưa có mã, không cấp được mã hồ sơ."]})
    received_day = local_date(received_at)
    sequence: int | None = None
    if code:
        match = _code_pattern(agency.code).fullmatch(code)
        if not match or match[1] != f"{received_day:%Y%m%d}":
            expected = dossier_code(agency.code, received_day, 1)
            raise DossierError(
                {"code": [f"Mã hồ sơ phải có dạng mã cơ quan-ngày nhận-số: {expected}"]}
            )
        existing = Dossier.objects.filter(code=code).first()
        if existing is not None:
            return Ingested(existing, created=False)
        sequence = int(match[2])
    if promised_at is None:
        if procedure is None:
            raise DossierError(
                {"promised_at": ["Cần ngày hẹn trả khi không nêu thủ tục."]}
            )
        try:
            promised_at = promised_date(received_at, procedure, channel, calendar)
        except LookupError:
            raise DossierError(
                {
                    "promised_at": [
                        "Thủ tục chưa công bố thời hạn giải quyết: cần ngày hẹn trả."
                    ]
                }
            ) from None
    if promised_at < received_day:
        raise DossierError({"promised_at": ["Ngày hẹn trả trước ngày tiếp nhận."]})
    try:
        with transaction.atomic():
            if sequence is None:
                code = dossier_code(
                    agency.code, received_day, _bump_sequence(agency, received_day)
                )
            else:
                _bump_sequence(agency, received_day, at_least=sequence)
            # The history opens with the receipt: the columns start from it.
            received = DossierEvent(
                source_agency=agency,
                event_id=f"received:{code}",
                kind=EventKind.RECEIVED,
                occurred_at=received_at,
                agency=agency,
            )
            dossier = Dossier(
                code=code,
                agency=agency,
                procedure=procedure,
                channel=channel,
                applicant_name=applicant_name,
                applicant_phone=applicant_phone,
                applicant_email=applicant_email,
                applicant_id_number=applicant_id_number,
                applicant_address=applicant_address,
                received_at=received_at,
                promised_at=promised_at,
                result=result,
            )
            summarise(dossier, apply(State(), received))
            dossier.save(force_insert=True)
            received.dossier = dossier
            received.save(force_insert=True)
            if wants_notification(dossier):
                transaction.on_commit(
                    lambda: queue_notification(received.pk), robust=True
                )
    except IntegrityError:
        # The same code sent twice at once: the other request stored it.
        return Ingested(Dossier.objects.get(code=code), created=False)
    return Ingested(dossier, created=True)


def _same_event(
    event: DossierEvent, dossier: Dossier, kind: str, occurred_at: dt.datetime
) -> bool:
    return (
        event.dossier_id == dossier.pk
        and event.kind == kind
        and event.occurred_at == occurred_at
    )


def ingest_event(
    agency: Agency,
    dossier: Dossier,
    *,
    event_id: str,
    kind: str,
    occurred_at: dt.datetime,
    target_agency: Agency | None = None,
    note: str = "",
    result: str | None = None,
    actor: Any = None,
) -> Ingested[DossierEvent]:
    """Store one event sent by ``agency`` and refresh the dossier's status.

    The same ``event_id`` sent again returns the stored event unchanged;
    reused for a different event it raises ``EventConflict``.
    """
    if not can_write(agency, dossier):
        raise DossierForbidden
    errors: dict[str, list[str]] = {}
    if kind == EventKind.TRANSFERRED and target_agency is None:
        errors = {"agency": ["Sự kiện chuyển hồ sơ cần cơ quan nhận."]}
    elif occurred_at < dossier.received_at:
        errors = {"occurred_at": ["Trước thời điểm tiếp nhận hồ sơ."]}
    if errors:
        # A retry of a stored event is answered before the event is checked.
        existing = DossierEvent.objects.filter(
            source_agency=agency, event_id=event_id
        ).first()
        if existing is None:
            raise DossierError(errors)
        if not _same_event(existing, dossier, kind, occurred_at):
            raise EventConflict
        return Ingested(existing, created=False)
    try:
        with transaction.atomic():
            # One writer at a time per dossier, so the replay sees every
            # event. The row's key never changes: FOR NO KEY UPDATE, which
            # leaves rows referencing the dossier free to be written.
            locked = (
                Dossier.objects.select_for_update(no_key=True)
                .only(*LOCKED_FIELDS)
                .get(pk=dossier.pk)
            )
            # New event ids are the rule: the unique constraint, not a
            # look-up first, tells a retry (IntegrityError below).
            event = DossierEvent(
                dossier=locked,
                source_agency=agency,
                event_id=event_id,
                kind=kind,
                occurred_at=occurred_at,
                # Transfers name where the dossier went; other events who acted.
                agency=target_agency or agency,
                note=note,
                actor=actor,
            )
            event.save(force_insert=True)
            if result:
                locked.result = result
            _advance(locked, event, *(["result"] if result else []))
            if wants_notification(locked):
                transaction.on_commit(lambda: queue_notification(event.pk), robust=True)
    except IntegrityError:
        existing = DossierEvent.objects.filter(
            source_agency=agency, event_id=event_id
        ).first()
        if existing is None:
            raise
        if not _same_event(existing, dossier, kind, occurred_at):
            raise EventConflict from None
        return Ingested(existing, created=False)
    return Ingested(event, created=True)


# --- Public view --------------------------------------------------------------


def mask_name(name: str) -> str:
    """``Nguyễn Văn An`` -> ``Nguyễn V. A.``: family name, then initials."""
    parts = name.split()
    if not parts:
        return ""
    if len(parts) == 1:
        return f"{parts[0][0]}."
    return " ".join([parts[0], *(f"{part[0]}." for part in parts[1:])])


def history(dossier: Dossier) -> Sequence[DossierEvent]:
    return ordered(dossier.events.select_related("agency"))


def public_summary(dossier: Dossier) -> dict[str, Any]:
    """What anyone holding the code may see: no phone, e-mail or ID number."""

    events = history(dossier)
    state = replay(events)
    names = (dossier.applicant_name,)
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
                "note": mask_text(event.note, names) if event.note else "",
            }
            for event in events
        ],
    }


# --- Receipts and links -------------------------------------------------------

# Agency codes are short identifiers (H40.01, 000.00.16.H40); the receipt and
# its SVGs are built only from codes that match, never from arbitrary input.
PUBLIC_CODE_RE = re.compile(r"[0-9A-Za-z._]{1,40}-\d{8}-\d{4,9}")


def is_dossier_code(value: str) -> bool:
    return PUBLIC_CODE_RE.fullmatch(value) is not None


def lookup_url(code: str) -> str:
    from django.conf import settings

    return f"{settings.FRONTEND_URL}/ho-so/{code}"


def evaluation_url(code: str) -> str:
    from django.conf import settings

    return f"{settings.FRONTEND_URL}/danh-gia?ho-so={code}"


def receipt_pdf_url(code: str) -> str:
    """The receipt as a PDF, served by the site (``/ho-so/{code}/bien-nhan.pdf``)."""
    return f"{lookup_url(code)}/bien-nhan.pdf"


# --- Status e-mails to online applicants --------------------------------------


def notification_text(event: DossierEvent) -> tuple[str, str]:
    """Subject and body of the e-mail telling an applicant of a status change."""
    dossier = event.dossier
    label = EventKind(event.kind).label
    procedure = dossier.procedure.title if dossier.procedure else ""
    lines = [
        f"Kính gửi ông/bà {dossier.applicant_name},",
        "",
        f"Hồ sơ {dossier.code}"
        + (f" ({procedure})" if procedure else "")
        + f" đã chuyển sang trạng thái: {label}.",
        f"Thời điểm: {timezone.localtime(event.occurred_at):%H:%M %d/%m/%Y}.",
    ]
    if event.kind == EventKind.RECEIVED:
        lines.append(f"Ngày hẹn trả kết quả: {dossier.promised_at:%d/%m/%Y}.")
        lines.append(f"Giấy biên nhận (PDF, để in): {receipt_pdf_url(dossier.code)}")
    if event.note:
        lines.append(f"Nội dung: {event.note}")
    lines += [
        "",
        f"Tra cứu hồ sơ: {lookup_url(dossier.code)}",
        f"Đánh giá việc giải quyết: {evaluation_url(dossier.code)}",
    ]
    return f"Hồ sơ {dossier.code}: {label}", "\n".join(lines)


def notify_applicant(event_id: int) -> bool:
    """E-mail the applicant of an online dossier about one event (once).

    The mail is sent while the event row is locked and the stamp written
    after it: a crash in between sends it again (at least once), never not
    at all. False when there is nothing (more) to send.
    """
    from django.conf import settings
    from django.core.mail import send_mail

    with transaction.atomic():
        event = (
            DossierEvent.objects.select_for_update(of=("self",))
            .select_related("dossier", "dossier__procedure")
            .filter(pk=event_id, notified_at__isnull=True)
            .first()
        )
        if event is None or not wants_notification(event.dossier):
            return False
        subject, body = notification_text(event)
        send_mail(
            subject, body, settings.DOSSIER_FROM_EMAIL, [event.dossier.applicant_email]
        )
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return True


def unnotified(older_than: dt.timedelta) -> Any:
    """Events of online dossiers whose e-mail has not gone within ``older_than``."""
    now = timezone.now()
    return (
        DossierEvent.objects.filter(
            notified_at__isnull=True,
            dossier__channel=Channel.ONLINE,
            created_at__lte=now - older_than,
            created_at__gte=now - dt.timedelta(days=2),
        )
        .exclude(dossier__applicant_email="")
        .order_by("created_at")
    )


# --- Officials in the admin ---------------------------------------------------


class ActionRefused(Exception):
    """An action the dossier's state does not allow (Vietnamese text)."""


OPEN_KINDS = (
    EventKind.RECEIVED,
    EventKind.TRANSFERRED,
    EventKind.HANDLING,
    EventKind.SUPPLEMENT_RECEIVED,
)

# What an official may record, from which statuses, and whether a note is due.
ACTIONS: dict[str, tuple[tuple[str, ...], bool]] = {
    EventKind.HANDLING: (OPEN_KINDS, False),
    EventKind.SUPPLEMENT_REQUESTED: (OPEN_KINDS, True),
    EventKind.SUPPLEMENT_RECEIVED: ((EventKind.SUPPLEMENT_REQUESTED,), False),
    EventKind.RESOLVED: (OPEN_KINDS, False),
    EventKind.RETURNED: ((EventKind.RESOLVED,), False),
    EventKind.REJECTED: ((*OPEN_KINDS, EventKind.SUPPLEMENT_REQUESTED), True),
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
    return [kind for kind, (sources, _) in ACTIONS.items() if dossier.status in sources]


def record_action(
    user, dossier_id: int, kind: str, note: str = "", result: str = ""
) -> DossierEvent:
    """An official's step on a dossier, stored as an event like the feed's.

    Statistics and the public lookup read only events, so a step recorded
    here counts exactly as one a desk system sends.
    """
    from uuid import uuid4

    dossier = dossiers_for(user).filter(pk=dossier_id).first()
    if dossier is None:
        raise ActionRefused("Không tìm thấy hồ sơ trong phạm vi của cơ quan.")
    if kind not in ACTIONS:
        raise ActionRefused("Thao tác không hợp lệ.")
    sources, needs_note = ACTIONS[kind]
    if dossier.status not in sources:
        raise ActionRefused(
            f"Không thể “{EventKind(kind).label}” khi hồ sơ đang ở trạng thái "
            f"“{EventKind(dossier.status).label}”."
        )
    note = note.strip()
    if needs_note and not note:
        raise ActionRefused("Hãy ghi rõ nội dung (giấy tờ cần bổ sung, lý do).")
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
        )
    except (DossierError, DossierForbidden) as exc:
        raise ActionRefused("Không ghi nhận được thao tác.") from exc
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
