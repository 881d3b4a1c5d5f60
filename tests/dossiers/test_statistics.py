"""On-time statistics against a hand-computed fixture.

2026 calendar used: Mon 27/4 (Hùng Kings), Thu 30/4 and Fri 1/5 are public
holidays; weekends are skipped. The procedure takes 5 working days at the
desk and 3 online. Agency A is H40.01, agency B H40.02.

=====  =======  ==========  ========  ===========================================
dossr  channel  received    promised  history -> outcome (Q2 2026)
=====  =======  ==========  ========  ===========================================
D1     direct   Thu 23/4    Tue 5/5   (weekend + 3 holidays) resolved Mon 4/5:
                                      early
D2     online   Mon 6/4     Thu 9/4   supplement asked Wed 8/4, received Mon 13/4
                                      (3 paused days: deadline Tue 14/4),
                                      resolved Tue 14/4: on time
D3     direct   Tue 7/4     Tue 14/4  two supplement requests, resolved Mon 13/4:
                                      late
D4     direct   Wed 1/4     Wed 8/4   transferred to B Thu 2/4, B handles Fri 3/4
                                      and resolves Fri 10/4: late; counts for A
D5     direct   Wed 25/3    Wed 1/4   carried over, resolved Thu 2/4: late
D6     direct   Mon 2/3     Mon 9/3   resolved Thu 5/3: closed before Q2, absent
D7     online   Mon 29/6    Thu 2/7   pending on 30/6 within deadline
D8     direct   Mon 1/6     Mon 8/6   pending on 30/6 past deadline (resolved
                                      2/7, after the period)
D9     direct   Mon 11/5    Mon 18/5  withdrawn Tue 12/5
D10    direct   Wed 15/4    Wed 22/4  at agency B, resolved Thu 16/4: early
=====  =======  ==========  ========  ===========================================

Agency A, Q2: new 7 (D1-D4, D7-D9), carried over 1 (D5), received 8;
resolved 5 = early 1 + on time 1 + late 3, on-time rate 2/5 = 40 %;
withdrawn 1; pending 2 = within 1 + overdue 1; online 2/7 = 28.57 %.
Agency B, Q2: new 1, resolved early 1 (D4 is A's). Province: received 9,
resolved 6 (2 early, 1 on time, 3 late) = 50 %, online 2/8 = 25 %.
Agency A, May: new 1 (D9), carried over 1 (D1), resolved early 1, withdrawn 1.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from core.periods import parse_period
from dossiers import services
from dossiers.statistics import dossier_stats

from .factories import at

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

AFTER = dt.date(2026, 11, 1)
_ids = itertools.count()


def _dossier(agency, procedure, received, channel="direct"):
    return services.ingest_dossier(
        agency,
        received_at=received,
        procedure=procedure,
        channel=channel,
        applicant_name="Phạm Minh Châu",
    ).obj


def _events(agency, dossier, *steps, target=None, skip_refused=False):
    for kind, moment in steps:
        try:
            services.ingest_event(
                agency,
                dossier,
                event_id=f"ev-{next(_ids)}",
                kind=kind,
                occurred_at=moment,
                target_agency=target if kind == "transferred" else None,
            )
        except services.TransitionRefused:
            # Random histories: the feed refuses what no history can hold.
            if not skip_refused:
                raise


@pytest.fixture
def fixture(agency_a, agency_b, procedure):
    a, b, p = agency_a, agency_b, procedure
    d1 = _dossier(a, p, at(2026, 4, 23))
    _events(a, d1, ("resolved", at(2026, 5, 4)), ("returned", at(2026, 5, 5)))
    d2 = _dossier(a, p, at(2026, 4, 6), "online")
    # Arrives out of order: the resolution before the supplement events.
    _events(
        a,
        d2,
        ("resolved", at(2026, 4, 14, 16)),
        ("supplement_received", at(2026, 4, 13)),
        ("supplement_requested", at(2026, 4, 8)),
    )
    d3 = _dossier(a, p, at(2026, 4, 7))
    _events(
        a,
        d3,
        ("supplement_requested", at(2026, 4, 8)),
        ("supplement_received", at(2026, 4, 9)),
        ("supplement_requested", at(2026, 4, 9, 15)),
        ("supplement_received", at(2026, 4, 10)),
        ("resolved", at(2026, 4, 13)),
    )
    d4 = _dossier(a, p, at(2026, 4, 1))
    _events(a, d4, ("transferred", at(2026, 4, 2)), target=b)
    _events(b, d4, ("resolved", at(2026, 4, 10)), ("handling", at(2026, 4, 3)))
    d5 = _dossier(a, p, at(2026, 3, 25))
    _events(a, d5, ("resolved", at(2026, 4, 2)))
    d6 = _dossier(a, p, at(2026, 3, 2))
    _events(a, d6, ("resolved", at(2026, 3, 5)))
    _dossier(a, p, at(2026, 6, 29), "online")
    d8 = _dossier(a, p, at(2026, 6, 1))
    _events(a, d8, ("handling", at(2026, 6, 2)), ("resolved", at(2026, 7, 2)))
    d9 = _dossier(a, p, at(2026, 5, 11))
    _events(a, d9, ("withdrawn", at(2026, 5, 12)))
    d10 = _dossier(b, p, at(2026, 4, 15))
    _events(b, d10, ("resolved", at(2026, 4, 16)))
    promised = {d.code: d.promised_at for d in (d1, d2, d3, d4, d5, d6, d8, d9, d10)}
    assert list(promised.values()) == [
        dt.date(2026, 5, 5),
        dt.date(2026, 4, 9),
        dt.date(2026, 4, 14),
        dt.date(2026, 4, 8),
        dt.date(2026, 4, 1),
        dt.date(2026, 3, 9),
        dt.date(2026, 6, 8),
        dt.date(2026, 5, 18),
        dt.date(2026, 4, 22),
    ]
    return a, b


def _figures(stats) -> dict:
    figures = stats.as_dict()
    figures.pop("period")
    figures.pop("agency")
    assert figures.pop("receiving_unit") is None
    return figures


def test_agency_quarter_matches_the_hand_computed_figures(fixture):
    a, _ = fixture
    stats = dossier_stats(parse_period("2026-Q2"), a, today=AFTER)
    assert _figures(stats) == {
        "received": 8,
        "received_new": 7,
        "carried_over": 1,
        "received_online": 2,
        "resolved": 5,
        "resolved_early": 1,
        "resolved_on_time": 1,
        "resolved_late": 3,
        "rejected": 0,
        "withdrawn": 1,
        "pending": 2,
        "pending_within": 1,
        "pending_overdue": 1,
        "on_time_rate": 40.0,
        "online_share": 28.57,
        # Indicator 2.1: D1, D2, D7 and D9 (withdrawn 12/5, before 18/5) of 8.
        "indicator_2_1_on_time": 4,
        "indicator_2_1_rate": 50.0,
    }


def test_transferred_dossier_counts_at_the_receiving_agency(fixture):
    _, b = fixture
    stats = dossier_stats(parse_period("2026-Q2"), b, today=AFTER)
    assert (stats.received, stats.resolved, stats.resolved_early) == (1, 1, 1)
    assert (stats.on_time_rate, stats.online_share) == (100.0, 0.0)


def test_province_quarter(fixture):
    stats = dossier_stats(parse_period("2026-Q2"), today=AFTER)
    assert (stats.received_new, stats.carried_over, stats.received) == (8, 1, 9)
    assert (
        stats.resolved_early,
        stats.resolved_on_time,
        stats.resolved_late,
    ) == (2, 1, 3)
    assert (stats.on_time_rate, stats.online_share) == (50.0, 25.0)
    assert (stats.pending_within, stats.pending_overdue, stats.withdrawn) == (1, 1, 1)


def test_month_carries_over_what_was_open_at_its_start(fixture):
    a, _ = fixture
    stats = dossier_stats(parse_period("2026-05"), a, today=AFTER)
    assert (stats.received_new, stats.carried_over) == (1, 1)
    assert (stats.resolved, stats.resolved_early, stats.withdrawn) == (1, 1, 1)
    assert stats.pending == 0


def test_running_period_judges_pending_dossiers_today(fixture):
    a, _ = fixture
    # On Fri 5/6 D8 (promised Mon 8/6) is still within its deadline.
    stats = dossier_stats(parse_period("2026-Q2"), a, today=dt.date(2026, 6, 5))
    assert (stats.pending_within, stats.pending_overdue) == (2, 0)


def test_stats_endpoint_serves_the_same_figures(client, fixture):
    response = client.get("/api/v1/stats/dossiers/?agency=H40.01&period=2026-Q2")
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "2026-Q2"
    assert body["agency"] == "H40.01"
    assert (body["received"], body["resolved"], body["on_time_rate"]) == (8, 5, 40.0)


@pytest.mark.parametrize("label", ["2026-Q1", "2026-Q2", "2026-04", "2026-05"])
def test_stored_states_give_the_figures_of_a_full_replay(fixture, label):
    """Summarised dossiers are grouped in SQL; without their stored state
    every history is replayed: both give the same figures."""
    from dossiers.models import Dossier

    period = parse_period(label)
    summarised = _figures(dossier_stats(period, today=AFTER))
    Dossier.objects.update(pauses=None)
    assert _figures(dossier_stats(period, today=AFTER)) == summarised


def _replayed_figures(period, agency, today, calendar=None) -> dict:
    """The definition: every history replayed in Python and classified."""
    from django.utils import timezone

    from dossiers.models import Dossier
    from dossiers.statistics import TALLY, DossierStats, _percent

    as_of = min(timezone.localdate(period.end) - dt.timedelta(days=1), today)
    stats = DossierStats(period=period.label, agency=None)
    dossiers = Dossier.objects.filter(received_at__lt=period.end)
    if agency is not None:
        dossiers = dossiers.filter(agency=agency)
    for dossier in dossiers.prefetch_related("events"):
        state = services.replay(dossier.events.all(), until=period.end)
        if state.closed_at is not None and state.closed_at < period.start:
            continue
        if dossier.received_at >= period.start:
            stats.received_new += 1
            stats.received_online += dossier.channel == "online"
        else:
            stats.carried_over += 1
        outcome = services.classify(dossier.promised_at, state, as_of, calendar)
        name = TALLY[outcome]
        setattr(stats, name, getattr(stats, name) + 1)
        stats.indicator_2_1_on_time += services.on_time_766(
            dossier.promised_at, state, as_of, calendar
        )
    stats.received = stats.received_new + stats.carried_over
    stats.resolved = stats.resolved_early + stats.resolved_on_time + stats.resolved_late
    stats.pending = stats.pending_within + stats.pending_overdue
    stats.on_time_rate = _percent(
        stats.resolved_early + stats.resolved_on_time, stats.resolved
    )
    stats.online_share = _percent(stats.received_online, stats.received_new)
    stats.indicator_2_1_rate = _percent(stats.indicator_2_1_on_time, stats.received)
    return _figures(stats)


@pytest.fixture
def random_histories(agency_a, agency_b, procedure):
    """Histories drawn at random around Q2 2026 (holidays 27/4, 30/4, 1/5):
    open and repeated supplement waits, receipts without a request, rejected
    and withdrawn dossiers, events after the quarter, sent out of order."""
    import random

    rng = random.Random(766)
    kinds = [
        "handling",
        "supplement_requested",
        "supplement_requested",
        "supplement_received",
        "supplement_received",
        "resolved",
        "returned",
        "rejected",
        "withdrawn",
    ]
    for number in range(80):
        agency = (agency_a, agency_b)[number % 2]
        received = at(2026, 3, 1) + dt.timedelta(
            days=rng.randrange(150), hours=rng.randrange(9)
        )
        channel = rng.choice(["direct", "online"])
        dossier = _dossier(agency, procedure, received, channel)
        steps = []
        moment = received
        for _ in range(rng.randrange(7)):
            moment += dt.timedelta(days=rng.randrange(6), hours=rng.randrange(1, 20))
            steps.append((rng.choice(kinds), moment))
        rng.shuffle(steps)
        _events(agency, dossier, *steps, skip_refused=True)
    return agency_a, agency_b


@pytest.mark.parametrize(
    "label", ["2026-Q1", "2026-Q2", "2026-04", "2026-05", "2026-Q3"]
)
def test_figures_equal_a_python_replay_of_every_history(random_histories, label):
    """The SQL classification gives what ``services.classify`` gives over
    every history replayed, with the stored states and without them."""
    from dossiers.models import Dossier

    period = parse_period(label)
    for agency in (None, *random_histories):
        for today in (AFTER, dt.date(2026, 5, 4), dt.date(2026, 4, 27)):
            expected = _replayed_figures(period, agency, today)
            assert _figures(dossier_stats(period, agency, today=today)) == expected
    Dossier.objects.update(pauses=None)
    for today in (AFTER, dt.date(2026, 5, 4)):
        expected = _replayed_figures(period, None, today)
        assert _figures(dossier_stats(period, today=today)) == expected


def test_a_calendar_of_its_own_is_followed(random_histories):
    """Make-up Saturdays and holidays of the calendar passed, not the settings'."""
    from core.workdays import Calendar

    calendar = Calendar.from_iso(
        ["2026-04-08", "2026-04-09", "2026-04-10", "2026-05-13", "2026-05-16"],
        ["2026-04-11", "2026-04-18", "2026-05-16"],
    )
    for label in ("2026-Q2", "2026-04"):
        period = parse_period(label)
        for today in (AFTER, dt.date(2026, 4, 18)):
            expected = _replayed_figures(period, None, today, calendar)
            figures = dossier_stats(period, today=today, calendar=calendar)
            assert _figures(figures) == expected


def test_extended_deadline_on_a_friday_and_a_resolution_at_the_weekend(
    agency_a, procedure
):
    """Online, received Mon 6/4, promised Thu 9/4; a wait from Wed 8/4 to
    Thu 9/4 stops the clock one day: due Fri 10/4. Resolved Thu 9/4 early,
    Fri 10/4 on time, Sat 11/4 late (the same working-day count as Friday).
    A fourth waits from Wed 8/4 with no answer: on Sat 11/4 (as of) its
    deadline has moved to Mon 13/4, within."""
    for resolved in (at(2026, 4, 9, 15), at(2026, 4, 10), at(2026, 4, 11)):
        dossier = _dossier(agency_a, procedure, at(2026, 4, 6), "online")
        _events(
            agency_a,
            dossier,
            ("supplement_requested", at(2026, 4, 8)),
            ("supplement_received", at(2026, 4, 9)),
            ("resolved", resolved),
        )
    waiting = _dossier(agency_a, procedure, at(2026, 4, 6), "online")
    _events(agency_a, waiting, ("supplement_requested", at(2026, 4, 8)))
    period = parse_period("2026-04")
    stats = dossier_stats(period, today=dt.date(2026, 4, 11))
    assert (
        stats.resolved_early,
        stats.resolved_on_time,
        stats.resolved_late,
        stats.pending_within,
    ) == (1, 1, 1, 1)
    assert _figures(stats) == _replayed_figures(period, None, dt.date(2026, 4, 11))


@pytest.mark.parametrize("query", ["", "?period=", "?period=%20", "?agency=H40.01"])
def test_stats_without_a_period_answer_for_the_current_quarter(client, db, query):
    from django.utils import timezone

    from catalogue.models import Agency

    Agency.objects.get_or_create(code="H40.01", defaults={"name": "UBND xã Hòa An"})
    today = timezone.localdate()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"

    response = client.get(f"/api/v1/stats/dossiers/{query}")

    assert response.status_code == 200, response.content
    assert response.json()["period"] == quarter
    explicit = client.get(f"/api/v1/stats/dossiers/?period={quarter}").json()
    assert response.json()["received"] == explicit["received"]
