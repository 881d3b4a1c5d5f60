"""The dossier services: codes, promised dates, the feed and on-time rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dossiers import services
from dossiers.models import Dossier, DossierEvent, EventKind
from dossiers.services import Timeliness

from .factories import at, procedure

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

D = dt.date


def ingest(agency, proc, received_at, **kwargs) -> Dossier:
    kwargs.setdefault("applicant_name", "Nguyễn Văn An")
    return services.ingest_dossier(
        agency, received_at=received_at, procedure=proc, **kwargs
    ).obj


def event(agency, dossier, event_id, kind, occurred_at, **kwargs):
    return services.ingest_event(
        agency, dossier, event_id=event_id, kind=kind, occurred_at=occurred_at, **kwargs
    )


# --- Promised dates ------------------------------------------------------------


def test_promised_date_skips_weekend_and_holidays(procedure):
    # Thu 23/4/2026; Mon 27/4 (Hùng Kings), Thu 30/4 and Fri 1/5 are holidays.
    assert services.promised_date(at(2026, 4, 23), procedure, "direct") == D(2026, 5, 5)


def test_promised_date_uses_the_channel_of_the_dossier(procedure):
    # Online: 3 working days from Mon 6/4.
    assert services.promised_date(at(2026, 4, 6), procedure, "online") == D(2026, 4, 9)
    # No postal channel published: the first published time (direct, 5 days).
    assert services.promised_date(at(2026, 4, 6), procedure, "postal") == D(2026, 4, 13)


@pytest.mark.parametrize(
    ("amount", "unit", "received", "promised"),
    [
        # 12 working hours from Fri 3/4 9:00 (Civil Code art. 147(1)): 6.5
        # hours on Friday, 5.5 on Mon 6/4.
        (12, "giờ làm việc", D(2026, 4, 3), D(2026, 4, 6)),
        # 30 minutes from 9:00 end the same day.
        (30, "phút", D(2026, 4, 3), D(2026, 4, 3)),
        # A number alone: working days.
        (2, "", D(2026, 4, 3), D(2026, 4, 7)),
        # Calendar days: Fri 24/4 + 3 = Mon 27/4 (holiday) -> Tue 28/4.
        (3, "ngày", D(2026, 4, 24), D(2026, 4, 28)),
        (1, "tuần", D(2026, 4, 3), D(2026, 4, 10)),
        # One month from Sun 29/3 is Wed 29/4; from 31/1 the end of February.
        (1, "tháng", D(2026, 3, 29), D(2026, 4, 29)),
        (1, "tháng", D(2026, 1, 31), D(2026, 3, 2)),
        (1, "năm", D(2026, 6, 1), D(2027, 6, 1)),
    ],
)
def test_promised_date_in_other_units(db, amount, unit, received, promised):
    proc = procedure(online_days=None)
    proc.channels = [
        (
            "channel",
            {"kind": "direct", "processing_time": Decimal(amount), "time_unit": unit},
        )
    ]
    moment = at(received.year, received.month, received.day)
    assert services.promised_date(moment, proc, "direct") == promised


def test_dossier_without_a_published_time_needs_a_promised_date(agency_a, db):
    bare = procedure(direct_days=0, online_days=None)
    bare.channels = [("channel", {"kind": "direct"})]
    bare.save()
    with pytest.raises(services.DossierError) as caught:
        ingest(agency_a, bare, at(2026, 4, 6))
    assert "promised_at" in caught.value.errors
    assert not Dossier.objects.exists()
    dossier = ingest(agency_a, bare, at(2026, 4, 6), promised_at=D(2026, 4, 20))
    assert dossier.promised_at == D(2026, 4, 20)


# --- Codes -------------------------------------------------------------------


def test_codes_are_agency_date_and_daily_sequence(agency_a, agency_b, procedure):
    first = ingest(agency_a, procedure, at(2026, 4, 6, 8))
    second = ingest(agency_a, procedure, at(2026, 4, 6, 15))
    next_day = ingest(agency_a, procedure, at(2026, 4, 7))
    other = ingest(agency_b, procedure, at(2026, 4, 6))
    assert [first.code, second.code, next_day.code, other.code] == [
        "H40.01-260406-0001",
        "H40.01-260406-0002",
        "H40.01-260407-0001",
        "H40.02-260406-0001",
    ]
    assert first.promised_at == D(2026, 4, 13)
    assert first.status == EventKind.RECEIVED
    assert first.events.get().kind == EventKind.RECEIVED


def test_codes_sent_by_the_desk_are_checked_and_idempotent(agency_a, procedure):
    stored = services.ingest_dossier(
        agency_a,
        code="H40.01-260406-0007",
        received_at=at(2026, 4, 6),
        procedure=procedure,
        applicant_name="Trần Thị Bình",
    )
    again = services.ingest_dossier(
        agency_a,
        code="H40.01-260406-0007",
        received_at=at(2026, 4, 6),
        procedure=procedure,
        applicant_name="Trần Thị Bình",
    )
    assert stored.created and not again.created
    assert again.obj.pk == stored.obj.pk
    # The generated sequence continues after the desk's own numbers.
    assert ingest(agency_a, procedure, at(2026, 4, 6)).code.endswith("-0008")
    for wrong in ("H40.02-260406-0001", "H40.01-260407-0001", "H40.01-x"):
        with pytest.raises(services.DossierError):
            services.ingest_dossier(
                agency_a,
                code=wrong,
                received_at=at(2026, 4, 6),
                procedure=procedure,
                applicant_name="Trần Thị Bình",
            )


# --- Events ------------------------------------------------------------------


def test_events_are_idempotent_and_conflicts_refused(agency_a, procedure):
    dossier = ingest(agency_a, procedure, at(2026, 4, 6))
    first = event(agency_a, dossier, "e-1", EventKind.HANDLING, at(2026, 4, 7))
    again = event(agency_a, dossier, "e-1", EventKind.HANDLING, at(2026, 4, 7))
    assert first.created and not again.created
    assert again.obj.pk == first.obj.pk
    assert DossierEvent.objects.filter(event_id="e-1").count() == 1
    with pytest.raises(services.EventConflict):
        event(agency_a, dossier, "e-1", EventKind.RESOLVED, at(2026, 4, 8))


def test_out_of_order_events_are_ordered_by_time(agency_a, procedure):
    dossier = ingest(agency_a, procedure, at(2026, 4, 6))
    event(agency_a, dossier, "r", EventKind.RETURNED, at(2026, 4, 10))
    event(agency_a, dossier, "s", EventKind.RESOLVED, at(2026, 4, 9))
    event(agency_a, dossier, "h", EventKind.HANDLING, at(2026, 4, 7))
    dossier.refresh_from_db()
    assert dossier.status == EventKind.RETURNED
    assert dossier.resolved_at == at(2026, 4, 9)
    assert [e.kind for e in services.history(dossier)] == [
        "received",
        "handling",
        "resolved",
        "returned",
    ]


def test_only_the_receiving_and_transferred_to_agencies_write(
    agency_a, agency_b, procedure
):
    dossier = ingest(agency_a, procedure, at(2026, 4, 6))
    with pytest.raises(services.DossierForbidden):
        event(agency_b, dossier, "b-1", EventKind.HANDLING, at(2026, 4, 7))
    event(
        agency_a,
        dossier,
        "a-1",
        EventKind.TRANSFERRED,
        at(2026, 4, 7),
        target_agency=agency_b,
    )
    assert event(agency_b, dossier, "b-1", EventKind.HANDLING, at(2026, 4, 8)).created
    dossier.refresh_from_db()
    assert dossier.status == EventKind.HANDLING


def test_an_event_before_receipt_is_refused(agency_a, procedure):
    dossier = ingest(agency_a, procedure, at(2026, 4, 6))
    with pytest.raises(services.DossierError):
        event(agency_a, dossier, "x", EventKind.HANDLING, at(2026, 4, 3))
    assert dossier.events.count() == 1


# --- Timeliness ---------------------------------------------------------------


def _state(*events: tuple[str, dt.datetime]) -> services.State:
    return services.replay(
        DossierEvent(kind=kind, occurred_at=moment) for kind, moment in events
    )


PROMISED = D(2026, 4, 9)  # Thu


@pytest.mark.parametrize(
    ("resolved", "expected"),
    [
        (at(2026, 4, 8), Timeliness.EARLY),
        (at(2026, 4, 9, 16), Timeliness.ON_TIME),
        (at(2026, 4, 10), Timeliness.LATE),
    ],
)
def test_early_on_time_late(resolved, expected):
    state = _state(("received", at(2026, 4, 6)), ("resolved", resolved))
    assert services.classify(PROMISED, state, D(2026, 6, 30)) == expected


def test_supplement_wait_pauses_the_clock():
    # Waiting from Wed 8/4 to Mon 13/4: Thu, Fri, Mon are 3 paused days, so
    # the deadline moves from Thu 9/4 to Tue 14/4.
    state = _state(
        ("received", at(2026, 4, 6)),
        ("supplement_requested", at(2026, 4, 8)),
        ("supplement_received", at(2026, 4, 13)),
        ("resolved", at(2026, 4, 14)),
    )
    assert services.paused_working_days(state, D(2026, 6, 30)) == 3
    assert services.deadline(PROMISED, state, D(2026, 6, 30)) == D(2026, 4, 14)
    assert services.classify(PROMISED, state, D(2026, 6, 30)) == Timeliness.ON_TIME


def test_more_than_one_supplement_request_is_late():
    state = _state(
        ("received", at(2026, 4, 6)),
        ("supplement_requested", at(2026, 4, 7)),
        ("supplement_received", at(2026, 4, 7, 15)),
        ("supplement_requested", at(2026, 4, 8)),
        ("supplement_received", at(2026, 4, 8, 15)),
        ("resolved", at(2026, 4, 8, 16)),
    )
    assert services.classify(PROMISED, state, D(2026, 6, 30)) == Timeliness.LATE


def test_pending_within_or_past_deadline_and_an_open_wait():
    state = _state(("received", at(2026, 4, 6)))
    assert services.classify(PROMISED, state, D(2026, 4, 9)) == (
        Timeliness.PENDING_WITHIN
    )
    assert services.classify(PROMISED, state, D(2026, 4, 10)) == (
        Timeliness.PENDING_OVERDUE
    )
    waiting = _state(
        ("received", at(2026, 4, 6)), ("supplement_requested", at(2026, 4, 8))
    )
    # Still waiting for the applicant on Fri 17/4: not overdue.
    assert services.classify(PROMISED, waiting, D(2026, 4, 17)) == (
        Timeliness.PENDING_WITHIN
    )


def test_rejected_and_withdrawn_are_not_resolved():
    rejected = _state(("received", at(2026, 4, 6)), ("rejected", at(2026, 4, 7)))
    withdrawn = _state(("received", at(2026, 4, 6)), ("withdrawn", at(2026, 4, 7)))
    assert rejected.resolved_at is None
    assert services.classify(PROMISED, rejected, D(2026, 6, 30)) == "rejected"
    assert services.classify(PROMISED, withdrawn, D(2026, 6, 30)) == "withdrawn"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V. A."),
        ("  Lê   Thị Hồng  Nhung ", "Lê T. H. N."),
        ("Thảo", "T."),
        ("", ""),
    ],
)
def test_mask_name(name, masked):
    assert services.mask_name(name) == masked


def test_stored_state_is_the_replay_of_every_event(agency_a, agency_b, procedure):
    """The columns moved on event by event (in order or not) hold the state a
    replay of the whole history gives."""
    dossier = ingest(agency_a, procedure, at(2026, 4, 6))
    steps = [
        ("a", EventKind.SUPPLEMENT_REQUESTED, at(2026, 4, 7)),
        ("b", EventKind.SUPPLEMENT_RECEIVED, at(2026, 4, 9)),
        ("c", EventKind.RESOLVED, at(2026, 4, 16)),
        # Out of order: a second wait before the resolution.
        ("d", EventKind.SUPPLEMENT_REQUESTED, at(2026, 4, 10)),
        ("e", EventKind.SUPPLEMENT_RECEIVED, at(2026, 4, 13)),
        ("f", EventKind.RETURNED, at(2026, 4, 17)),
    ]
    for event_id, kind, moment in steps:
        event(agency_a, dossier, event_id, kind, moment)
        stored = Dossier.objects.get(pk=dossier.pk)
        replayed = services.replay(stored.events.all())
        replayed.agencies = []
        assert services.summary_state(stored) == replayed
        assert stored.due_date == services.closed_pauses_due(
            stored.promised_at, replayed
        )
    assert stored.closed_kind == EventKind.RESOLVED
    assert stored.supplement_requests == 2
    assert stored.last_event_at == at(2026, 4, 17)


def test_a_desk_code_raises_the_day_counter(agency_a, procedure):
    own = ingest(agency_a, procedure, at(2026, 4, 6), code="H40.01-260406-0007")
    following = ingest(agency_a, procedure, at(2026, 4, 6, 10))
    assert (own.code, following.code) == (
        "H40.01-260406-0007",
        "H40.01-260406-0008",
    )
    lower = ingest(agency_a, procedure, at(2026, 4, 6), code="H40.01-260406-0003")
    assert lower.code == "H40.01-260406-0003"
    assert ingest(agency_a, procedure, at(2026, 4, 6, 11)).code.endswith("-0009")
