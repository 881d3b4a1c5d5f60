"""Predicted completion time against a hand-computed fixture.

2026 calendar: Mon 27/4, Thu 30/4 and Fri 1/5 are public holidays; weekends
are skipped. "Today" is Mon 1/6/2026, so the period is 1/6/2025-31/5/2026.
The minimum is set to 5 dossiers.

======  ==========  =====================================  =========  ====
dossier received    history                                counted    days
======  ==========  =====================================  =========  ====
A1      Mon 4/5     resolved Wed 6/5                       A          2
A2      Mon 4/5     resolved Mon 4/5 (same day)            A          0
A3      Fri 24/4    resolved Tue 5/5 (28, 29/4; 4, 5/5)    A          4
A4      Mon 11/5    supplement asked Tue 12/5, received    A          3
                    Fri 15/5 (3 days waited), resolved
                    Tue 19/5 (6 - 3)
A5      Mon 18/5    resolved Mon 25/5                      A          5
A6      Mon 18/5    resolved Fri 29/5                      A          9
A7      Tue 20/5/25 resolved Fri 30/5/2025: before period  no
A8      Mon 25/5    resolved Mon 1/6: today, after period  no
A9      Mon 4/5     withdrawn Tue 5/5                      no
A10     Mon 25/5    pending                                no
B1      Mon 4/5     resolved Thu 7/5                       B          3
B2      Mon 4/5     resolved Mon 11/5                      B          5
======  ==========  =====================================  =========  ====

Agency A: [0, 2, 3, 4, 5, 9]: median (rank ceil(0.5 x 6) = 3) 3, 90th
percentile (rank ceil(0.9 x 6) = 6) 9, 6 dossiers. Agency B: 2 dossiers,
fewer than 5: hidden. Overall: [0, 2, 3, 3, 4, 5, 5, 9]: median (rank 4) 3,
90th percentile (rank ceil(7.2) = 8) 9, 8 dossiers. Another procedure with
three resolved dossiers has no figure at all.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from core.workdays import default_calendar
from dossiers import prediction, services
from dossiers.prediction import Ordinals, nearest_rank

from .factories import at
from .factories import procedure as make_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = dt.date(2026, 6, 1)
_ids = itertools.count()


def _dossier(agency, procedure, received):
    return services.ingest_dossier(
        agency,
        received_at=received,
        procedure=procedure,
        applicant_name="Phạm Minh Châu",
    ).obj


def _events(agency, dossier, *steps):
    for kind, moment in steps:
        services.ingest_event(
            agency,
            dossier,
            event_id=f"pred-{next(_ids)}",
            kind=kind,
            occurred_at=moment,
        )


@pytest.fixture
def minimum(settings):
    settings.PREDICTION_MIN_DOSSIERS = 5
    settings.PREDICTION_PERIOD_DAYS = 365


@pytest.fixture
def fixture(minimum, agency_a, agency_b, procedure):
    a, b, p = agency_a, agency_b, procedure
    made = {}

    def resolved(name, agency, received, result, *before):
        made[name] = d = _dossier(agency, p, received)
        _events(agency, d, *before, ("resolved", result))

    resolved("A1", a, at(2026, 5, 4), at(2026, 5, 6, 15))
    resolved("A2", a, at(2026, 5, 4, 8), at(2026, 5, 4, 16))
    resolved("A3", a, at(2026, 4, 24), at(2026, 5, 5))
    resolved(
        "A4",
        a,
        at(2026, 5, 11),
        at(2026, 5, 19),
        ("supplement_requested", at(2026, 5, 12)),
        ("supplement_received", at(2026, 5, 15)),
    )
    resolved("A5", a, at(2026, 5, 18), at(2026, 5, 25))
    resolved("A6", a, at(2026, 5, 18), at(2026, 5, 29))
    resolved("A7", a, at(2025, 5, 20), at(2025, 5, 30))
    resolved("A8", a, at(2026, 5, 25), at(2026, 6, 1, 10))
    made["A9"] = d = _dossier(a, p, at(2026, 5, 4))
    _events(a, d, ("withdrawn", at(2026, 5, 5)))
    made["A10"] = _dossier(a, p, at(2026, 5, 25))
    resolved("B1", b, at(2026, 5, 4), at(2026, 5, 7))
    resolved("B2", b, at(2026, 5, 4), at(2026, 5, 11))

    other = make_procedure(code="2.000001", title="Thủ tục ít hồ sơ")
    for day in (4, 5, 6):
        d = _dossier(a, other, at(2026, 5, day))
        _events(a, d, ("resolved", at(2026, 5, day + 1)))
    made["other"] = other
    return made


def test_working_days_match_the_calendar():
    ordinal = Ordinals(default_calendar())
    calendar = default_calendar()
    start = dt.date(2026, 4, 20)
    for offset in range(40):
        end = start + dt.timedelta(days=offset)
        assert ordinal(end) - ordinal(start) == calendar.working_days_between(
            start, end
        ), end


def test_nearest_rank():
    assert nearest_rank([9, 0, 3, 2, 5, 4], 0.5) == 3
    assert nearest_rank([9, 0, 3, 2, 5, 4], 0.9) == 9
    assert nearest_rank([7], 0.9) == 7


def test_each_dossier_counts_its_hand_computed_days(fixture, procedure, agency_a):
    start, end = prediction.period(TODAY)
    assert (start, end) == (dt.date(2025, 6, 1), dt.date(2026, 5, 31))
    times = prediction.times_by_agency(procedure, start, end)
    assert sorted(times[agency_a.pk]) == [0, 2, 3, 4, 5, 9]


def test_figures_match_the_hand_computed_fixture(fixture, procedure, agency_a):
    figures = prediction.procedure_estimates(procedure, today=TODAY)
    period = {
        "period_start": dt.date(2025, 6, 1),
        "period_end": dt.date(2026, 5, 31),
    }
    assert figures["minimum_dossiers"] == 5
    assert figures["overall"] == {
        "median_days": 3,
        "p90_days": 9,
        "count": 8,
        **period,
    }
    # Agency B's two dossiers are too few: only A is listed.
    assert figures["agencies"] == [
        {
            "agency": {"id": agency_a.pk, "code": "H40.01", "name": agency_a.name},
            "median_days": 3,
            "p90_days": 9,
            "count": 6,
            **period,
        }
    ]


def test_too_few_dossiers_give_no_figure(fixture):
    figures = prediction.procedure_estimates(fixture["other"], today=TODAY)
    assert figures["overall"] is None
    assert figures["agencies"] == []


def test_a_state_never_summarised_is_replayed(fixture, procedure, agency_a):
    # A row written before the state columns existed: pauses unknown.
    from dossiers.models import Dossier

    Dossier.objects.filter(pk=fixture["A4"].pk).update(pauses=None)
    start, end = prediction.period(TODAY)
    times = prediction.times_by_agency(procedure, start, end)
    assert sorted(times[agency_a.pk]) == [0, 2, 3, 4, 5, 9]


@pytest.fixture
def wide_period(settings):
    """The API reads today's date: the period reaches back to April 2026
    (A7, of 2025, stays out while the tests run before 2027-04)."""
    today = dt.date.today()
    settings.PREDICTION_PERIOD_DAYS = (today - dt.date(2026, 4, 1)).days


def test_api_of_the_procedure(fixture, wide_period, client, procedure):
    response = client.get(
        reverse("api:procedure-completion-time", args=[procedure.code])
    )
    assert response.status_code == 200
    body = response.json()
    # A8 (received Mon 25/5, resolved Mon 1/6: 5 days) is inside this wider
    # period: [0, 2, 3, 3, 4, 5, 5, 5, 9], median rank 5 = 4, p90 rank 9 = 9.
    assert body["overall"]["count"] == 9
    assert body["overall"]["median_days"] == 4
    assert body["overall"]["p90_days"] == 9
    assert [row["agency"]["code"] for row in body["agencies"]] == ["H40.01"]


def test_api_of_the_procedure_answers_304_to_its_etag_until_a_publish(
    fixture, wide_period, settings, client, procedure
):
    url = reverse("api:procedure-completion-time", args=[procedure.code])
    etag = client.get(url)["ETag"]
    assert etag
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # The settings are in the figures, so in the tag.
    settings.PREDICTION_MIN_DOSSIERS = 1
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    etag = client.get(url)["ETag"]
    procedure.save_revision().publish()  # the catalogue changed
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again.json()["overall"]["count"] == 9


def test_api_of_an_unknown_procedure_is_a_problem(client, db):
    response = client.get(reverse("api:procedure-completion-time", args=["9.999"]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_dossier_lookup_carries_its_agency_estimate(fixture, wide_period, client):
    code = fixture["A10"].code
    body = client.get(reverse("api:dossier-detail", args=[code])).json()
    estimate = body["completion_estimate"]
    assert estimate["scope"] == "agency"
    assert estimate["count"] == 7  # A1-A6 and A8
    # B's dossiers fall back to the procedure's figures.
    code = fixture["B1"].code
    body = client.get(reverse("api:dossier-detail", args=[code])).json()
    assert body["completion_estimate"]["scope"] == "procedure"
    assert body["completion_estimate"]["count"] == 9


def test_dossier_lookup_without_enough_dossiers_has_none(fixture, wide_period, client):
    from dossiers.models import Dossier

    dossier = Dossier.objects.filter(procedure=fixture["other"]).first()
    body = client.get(reverse("api:dossier-detail", args=[dossier.code])).json()
    assert body["completion_estimate"] is None
