"""The desk feed: dossiers and events stored once, the state kept with them.

Every event is stored in the transaction that refreshes the dossier's
denormalised columns (``summarise``), under a lock on the dossier, so that
lists and statistics read the state after the whole history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Agency, ProcedurePage
from core import periods
from core.workdays import Calendar, default_calendar, local_date

from ..models import (
    Channel,
    Dossier,
    DossierEvent,
    EventKind,
)
from ..signals import applicant_notice_due
from . import transitions
from .codes import (
    MAX_SEQUENCE,
    MAX_SEQUENCE_DIGITS,
    bump_sequence,
    code_date_matches,
    code_pattern,
    dossier_code,
    promised_date,
)
from .errors import DossierError, DossierForbidden, EventConflict, Ingested
from .public import public_note
from .timeliness import State, apply, paused_working_days, replay


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
    """Have the e-mail queued; a broker failure is left to the periodic sweep."""
    applicant_notice_due.send(sender=DossierEvent, event_id=event_id)


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
        raise DossierError(
            {"agency": [_("Cơ quan chưa có mã, không cấp được mã hồ sơ.")]}
        )
    received_day = local_date(received_at)
    sequence: int | None = None
    if code:
        match = code_pattern(agency.code).fullmatch(code)
        if not match or not code_date_matches(match[1], received_day):
            expected = dossier_code(agency.code, received_day, 1)
            raise DossierError(
                {
                    "code": [
                        _("Mã hồ sơ phải có dạng mã cơ quan-ngày nhận-số: %(code)s")
                        % {"code": expected}
                    ]
                }
            )
        existing = Dossier.objects.filter(code=code).first()
        if existing is not None:
            return Ingested(existing, created=False)
        sequence = int(match[2])
        if sequence > MAX_SEQUENCE:
            raise DossierError(
                {
                    "code": [
                        _("Số thứ tự hồ sơ tối đa %(digits)d chữ số (đến %(most)d).")
                        % {"digits": MAX_SEQUENCE_DIGITS, "most": MAX_SEQUENCE}
                    ]
                }
            )
    if promised_at is None:
        if procedure is None:
            raise DossierError(
                {"promised_at": [_("Cần ngày hẹn trả khi không nêu thủ tục.")]}
            )
        try:
            promised_at = promised_date(received_at, procedure, channel, calendar)
        except LookupError:
            raise DossierError(
                {
                    "promised_at": [
                        _("Thủ tục chưa công bố thời hạn giải quyết: cần ngày hẹn trả.")
                    ]
                }
            ) from None
    if promised_at < received_day:
        raise DossierError({"promised_at": [_("Ngày hẹn trả trước ngày tiếp nhận.")]})
    try:
        with transaction.atomic():
            if sequence is None:
                code = dossier_code(
                    agency.code, received_day, bump_sequence(agency, received_day)
                )
            else:
                bump_sequence(agency, received_day, at_least=sequence)
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


def _apology_errors(dossier: Dossier, new_date: dt.date | None) -> dict:
    """Form 04 names the new date for the result, after the one first promised."""
    if new_date is None:
        return {
            "new_date": [_("Phiếu xin lỗi và hẹn lại cần ngày hẹn trả kết quả mới.")]
        }
    if new_date <= dossier.promised_at:
        return {
            "new_date": [
                _("Ngày hẹn mới phải sau ngày hẹn trả đã hẹn (%(date)s).")
                % {"date": f"{dossier.promised_at:%d/%m/%Y}"}
            ]
        }
    if not periods.in_range(new_date):
        return {"new_date": [_("Ngày hẹn mới không hợp lệ.")]}
    return {}


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
    new_date: dt.date | None = None,
) -> Ingested[DossierEvent]:
    """Store one event sent by ``agency`` and refresh the dossier's status.

    The same ``event_id`` sent again returns the stored event unchanged;
    reused for a different event it raises ``EventConflict``. An event that
    cannot follow the history (``transitions``) raises
    ``transitions.TransitionRefused`` and stores nothing.
    """
    if not can_write(agency, dossier):
        raise DossierForbidden
    errors: dict[str, list[str]] = {}
    if kind == EventKind.TRANSFERRED and target_agency is None:
        errors = {"agency": [_("Sự kiện chuyển hồ sơ cần cơ quan nhận.")]}
    elif occurred_at < dossier.received_at:
        errors = {"occurred_at": [_("Trước thời điểm tiếp nhận hồ sơ.")]}
    elif kind == EventKind.APOLOGISED:
        errors = _apology_errors(dossier, new_date)
    elif new_date is not None:
        errors = {"new_date": [_("Chỉ phiếu xin lỗi và hẹn lại mới có ngày hẹn mới.")]}
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
                public_note=public_note(dossier, note),
                actor=actor,
                new_date=new_date,
            )
            event.save(force_insert=True)
            # Refused (and rolled back) when no history can hold it there.
            transitions.check(
                locked.events.values_list("kind", "occurred_at", "pk"),
                kind,
                occurred_at,
                event.pk,
            )
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
