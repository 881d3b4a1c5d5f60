"""The desk feed's event sequences: impossible histories are refused with 409.

Before issue 16 the feed stored whatever it was sent: a dossier resolved
twice, withdrawn after it was resolved, handled after its result was
returned. The rules (dossiers/services/transitions.py, Decree 118/2025
arts. 11 and 21, Circular 03/2025 art. 7) refuse what no history can hold,
while events that merely arrive out of order are still taken.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from dossiers import services
from dossiers.models import Dossier, DossierEvent
from dossiers.services import transitions
from tests.dossiers.factories import at

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

PROBLEM = "application/problem+json"


@pytest.fixture
def feed(client, desk):
    """POST an event to one freshly received dossier; returns its response."""
    created = client.post(
        "/api/v1/dossiers/",
        json.dumps(
            {
                "procedure": "1.001193",
                "applicant_name": "Nguyễn Văn An",
                "received_at": "2026-04-06T09:00:00+07:00",
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {desk['token']}",
    )
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    numbers = iter(range(1, 1000))

    def send(kind: str, day: int, hour: int = 9, event_id: str | None = None):
        event = {
            "event_id": event_id or f"e-{next(numbers)}",
            "kind": kind,
            "occurred_at": f"2026-04-{day:02d}T{hour:02d}:00:00+07:00",
        }
        if kind == "transferred":
            event["agency"] = desk["agency"].code
        return client.post(
            f"/api/v1/dossiers/{code}/events/",
            json.dumps(event),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {desk['token']}",
        )

    send.code = code
    return send


def kinds(code: str) -> list[str]:
    dossier = Dossier.objects.get(code=code)
    return [event.kind for event in services.history(dossier)]


def assert_conflict(response) -> dict:
    assert response.status_code == 409, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    return response.json()


def test_the_legal_path_with_supplements_is_taken(feed):
    steps = [
        ("handling", 7),
        ("supplement_requested", 8),
        ("supplement_received", 9),
        ("supplement_requested", 10),
        ("supplement_received", 13),
        ("resolved", 14),
        ("returned", 15),
    ]
    for kind, day in steps:
        assert feed(kind, day).status_code == 201, kind
    assert kinds(feed.code) == ["received", *(kind for kind, _ in steps)]


def test_resolved_twice_is_409_and_stores_nothing(feed):
    assert feed("resolved", 8).status_code == 201
    problem = assert_conflict(feed("resolved", 9))
    assert "lần thứ hai" in problem["detail"]
    assert problem["dossier_status"] == "resolved"
    assert kinds(feed.code) == ["received", "resolved"]


def test_withdrawn_after_resolved_is_409(feed):
    assert feed("resolved", 8).status_code == 201
    assert_conflict(feed("withdrawn", 9))
    assert Dossier.objects.get(code=feed.code).status == "resolved"


@pytest.mark.parametrize("terminal", ["returned", "rejected", "withdrawn"])
@pytest.mark.parametrize(
    "later",
    ["handling", "transferred", "supplement_requested", "resolved", "withdrawn"],
)
def test_nothing_follows_a_terminal_state(feed, terminal, later):
    if terminal == "returned":
        assert feed("resolved", 7).status_code == 201
    assert feed(terminal, 8).status_code == 201
    response = feed(later, 9)
    problem = assert_conflict(response)
    assert "kết thúc" in problem["detail"]
    assert DossierEvent.objects.filter(dossier__code=feed.code).count() == (
        3 if terminal == "returned" else 2
    )


def test_a_second_receipt_is_409(feed):
    assert_conflict(feed("received", 7))


def test_supplement_received_while_nothing_was_asked_waits_for_the_request(feed):
    """Out of order: the request may still arrive, so it is not refused."""
    assert feed("supplement_received", 9).status_code == 201
    assert feed("supplement_requested", 8).status_code == 201
    assert kinds(feed.code) == [
        "received",
        "supplement_requested",
        "supplement_received",
    ]


def test_out_of_order_arrivals_are_still_taken(feed):
    assert feed("returned", 10).status_code == 201
    assert feed("resolved", 9).status_code == 201
    assert feed("handling", 7).status_code == 201
    assert kinds(feed.code) == ["received", "handling", "resolved", "returned"]


def test_an_event_slipped_in_before_a_stored_resolution_is_409(feed):
    assert feed("resolved", 9).status_code == 201
    problem = assert_conflict(feed("withdrawn", 8))
    assert "trước sự kiện" in problem["detail"]
    assert_conflict(feed("resolved", 8))
    assert kinds(feed.code) == ["received", "resolved"]


def test_a_retry_of_a_stored_event_is_answered_not_refused(feed):
    assert feed("resolved", 8, event_id="done").status_code == 201
    assert feed("returned", 9, event_id="out").status_code == 201
    again = feed("resolved", 8, event_id="done")
    assert again.status_code == 200
    assert again.json()["dossier_status"] == "returned"


def test_random_feeds_only_ever_store_possible_histories(desk):
    """Thousands of events drawn at random and sent out of order: every
    history stored can be read along the legal steps, with gaps only."""
    rng = random.Random(16)
    all_kinds = list(services.FOLLOWS)
    refused = stored = 0
    for number in range(40):
        dossier = services.ingest_dossier(
            desk["agency"],
            code=f"H40.01-260406-{number + 1:04d}",
            received_at=at(2026, 4, 6),
            promised_at=dt.date(2026, 4, 20),
            applicant_name="Phạm Minh Châu",
        ).obj
        for step in range(12):
            kind = rng.choice(all_kinds)
            moment = at(2026, 4, 6) + dt.timedelta(hours=rng.randrange(1, 300))
            try:
                services.ingest_event(
                    desk["agency"],
                    dossier,
                    event_id=f"r-{number}-{step}",
                    kind=kind,
                    occurred_at=moment,
                    target_agency=desk["agency"] if kind == "transferred" else None,
                    # An apology names its new date (form 04).
                    new_date=dt.date(2026, 4, 27) if kind == "apologised" else None,
                )
                stored += 1
            except services.TransitionRefused:
                refused += 1
        history = [event.kind for event in services.history(dossier)]
        assert history[0] == "received"
        assert history.count("resolved") <= 1
        assert history.count("apologised") <= 1
        for before, after in zip(history, history[1:], strict=False):
            assert after in transitions.reachable(before), history
        closed = [k for k in history if k in ("returned", "rejected", "withdrawn")]
        assert len(closed) <= 1
        assert not closed or history[-1] == closed[0], history
    assert stored and refused
