"""The dossiers API: the desk feed, the public lookup and its rate limit."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from dossiers.models import AgencyToken, Dossier, DossierEvent

from .factories import at, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

PROBLEM = "application/problem+json"
PRIVATE = ("0912345678", "an.nguyen@example.com", "012345678901", "Văn An")


def post(client, url, data, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    return client.post(
        url, json.dumps(data), content_type="application/json", **headers
    )


def dossier_payload(**overrides) -> dict:
    return {
        "procedure": "1.001193",
        "channel": "direct",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "applicant_email": "an.nguyen@example.com",
        "applicant_id_number": "012345678901",
        "received_at": "2026-04-06T09:00:00+07:00",
        **overrides,
    }


@pytest.fixture
def token_a(agency_a):
    return token_for(agency_a)


@pytest.fixture
def token_b(agency_b):
    return token_for(agency_b)


@pytest.fixture
def dossier(client, token_a, procedure):
    response = post(client, "/api/v1/dossiers/", dossier_payload(), token_a)
    assert response.status_code == 201, response.json()
    return response.json()


def test_desk_files_a_dossier_and_gets_code_and_promised_date(dossier):
    assert dossier["code"] == "H40.01-260406-0001"
    assert dossier["promised_at"] == "2026-04-13"
    assert dossier["status"] == "received"


def test_same_code_sent_again_is_stored_once(client, token_a, procedure):
    payload = dossier_payload(code="H40.01-260406-0042")
    first = post(client, "/api/v1/dossiers/", payload, token_a)
    again = post(client, "/api/v1/dossiers/", payload, token_a)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Dossier.objects.count() == 1


def test_feed_needs_a_valid_active_token(client, agency_a, procedure):
    missing = post(client, "/api/v1/dossiers/", dossier_payload())
    assert missing.status_code == 401
    assert missing["Content-Type"] == PROBLEM
    assert missing["WWW-Authenticate"] == "Token"
    assert post(client, "/api/v1/dossiers/", dossier_payload(), "nope").status_code == (
        401
    )
    token = token_for(agency_a)
    AgencyToken.objects.update(active=False)
    assert post(client, "/api/v1/dossiers/", dossier_payload(), token).status_code == (
        401
    )
    assert not Dossier.objects.exists()


def test_bad_dossier_payload_is_400_with_field_errors(client, token_a, procedure):
    response = post(
        client,
        "/api/v1/dossiers/",
        dossier_payload(
            procedure="0.000000",
            channel="fax",
            applicant_id_number="12",
            received_at="yesterday",
        ),
        token_a,
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert set(response.json()["errors"]) == {
        "procedure",
        "channel",
        "applicant_id_number",
        "received_at",
    }
    wrong_code = post(
        client,
        "/api/v1/dossiers/",
        dossier_payload(code="H40.02-260406-0001"),
        token_a,
    )
    assert wrong_code.status_code == 400
    assert "code" in wrong_code.json()["errors"]
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()


def test_events_are_idempotent(client, token_a, dossier):
    url = f"/api/v1/dossiers/{dossier['code']}/events/"
    event = {
        "event_id": "desk-77",
        "kind": "supplement_requested",
        "occurred_at": "2026-04-07T10:00:00+07:00",
        "note": "Thiếu bản sao giấy chứng sinh",
    }
    first = post(client, url, event, token_a)
    again = post(client, url, event, token_a)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert first.json()["dossier_status"] == "supplement_requested"
    assert DossierEvent.objects.filter(event_id="desk-77").count() == 1
    conflict = post(client, url, {**event, "kind": "resolved"}, token_a)
    assert conflict.status_code == 409
    assert conflict["Content-Type"] == PROBLEM


def test_out_of_order_events_give_the_latest_status(client, token_a, dossier):
    url = f"/api/v1/dossiers/{dossier['code']}/events/"
    for event_id, kind, day in (
        ("3", "returned", 10),
        ("1", "handling", 7),
        ("2", "resolved", 9),
    ):
        response = post(
            client,
            url,
            {
                "event_id": event_id,
                "kind": kind,
                "occurred_at": f"2026-04-{day:02d}T09:00:00+07:00",
            },
            token_a,
        )
        assert response.status_code == 201
    stored = Dossier.objects.get()
    assert stored.status == "returned"
    assert stored.resolved_at == at(2026, 4, 9)


def test_an_agency_writes_only_its_own_dossiers(client, token_a, token_b, dossier):
    url = f"/api/v1/dossiers/{dossier['code']}/events/"
    event = {
        "event_id": "b-1",
        "kind": "handling",
        "occurred_at": "2026-04-07T09:00:00+07:00",
    }
    refused = post(client, url, event, token_b)
    assert refused.status_code == 403
    assert refused["Content-Type"] == PROBLEM
    assert not DossierEvent.objects.filter(event_id="b-1").exists()
    transfer = {
        "event_id": "a-1",
        "kind": "transferred",
        "occurred_at": "2026-04-07T08:00:00+07:00",
        "agency": "H40.02",
    }
    assert post(client, url, transfer, token_a).status_code == 201
    assert post(client, url, event, token_b).status_code == 201


def test_bad_event_payload_is_400_and_writes_nothing(client, token_a, dossier):
    url = f"/api/v1/dossiers/{dossier['code']}/events/"
    bad = post(
        client,
        url,
        {"event_id": "", "kind": "lost", "occurred_at": "soon"},
        token_a,
    )
    assert bad.status_code == 400
    assert bad["Content-Type"] == PROBLEM
    assert set(bad.json()["errors"]) == {"event_id", "kind", "occurred_at"}
    no_target = post(
        client,
        url,
        {
            "event_id": "t",
            "kind": "transferred",
            "occurred_at": "2026-04-07T09:00:00+07:00",
        },
        token_a,
    )
    assert no_target.status_code == 400
    assert "agency" in no_target.json()["errors"]
    assert DossierEvent.objects.count() == 1  # the receipt only
    missing = post(client, "/api/v1/dossiers/NOPE/events/", {}, token_a)
    assert missing.status_code == 404


def test_public_lookup_masks_personal_data(client, token_a, dossier, fresh_throttle):
    url = f"/api/v1/dossiers/{dossier['code']}/events/"
    post(
        client,
        url,
        {
            "event_id": "s",
            "kind": "supplement_requested",
            "occurred_at": "2026-04-08T09:00:00+07:00",
            "note": "Gọi ông Nguyễn Văn An số 0912345678 để bổ sung",
        },
        token_a,
    )
    response = client.get(f"/api/v1/dossiers/{dossier['code']}/")
    assert response.status_code == 200
    body = response.json()
    assert body["applicant"] == "Nguyễn V. A."
    assert body["status"] == "supplement_requested"
    assert body["promised_at"] == "2026-04-13"
    assert [event["kind"] for event in body["history"]] == [
        "received",
        "supplement_requested",
    ]
    text = response.content.decode()
    for private in PRIVATE:
        assert private not in text


def test_unknown_code_is_a_404_problem(client, db, fresh_throttle):
    response = client.get("/api/v1/dossiers/H40.01-260406-9999/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_lookup_is_rate_limited_per_ip(client, db, settings, fresh_throttle):
    settings.DOSSIER_LOOKUP_RATE = "3/min"
    codes = [f"H40.01-260406-{n:04d}" for n in range(5)]
    statuses = [client.get(f"/api/v1/dossiers/{code}/").status_code for code in codes]
    assert statuses == [404, 404, 404, 429, 429]
    limited = client.get("/api/v1/dossiers/x/")
    assert limited["Content-Type"] == PROBLEM
    assert int(limited["Retry-After"]) > 0
    other_ip = client.get("/api/v1/dossiers/x/", REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 404


def test_create_agency_token_command_prints_a_working_token(
    client, agency_a, procedure
):
    out = io.StringIO()
    call_command("create_agency_token", str(agency_a.pk), stdout=out)
    token = out.getvalue().strip()
    assert AgencyToken.objects.get().token_hash != token
    response = post(client, "/api/v1/dossiers/", dossier_payload(), token)
    assert response.status_code == 201


def test_stats_endpoint_validates_its_parameters(client, db):
    # Without a period: the current quarter (test_statistics.py).
    assert client.get("/api/v1/stats/dossiers/").status_code == 200
    bad = client.get("/api/v1/stats/dossiers/?period=2026-Q5")
    assert bad.status_code == 400
    assert "period" in bad.json()["errors"]
    unknown = client.get("/api/v1/stats/dossiers/?period=2026-Q2&agency=ZZZ")
    assert unknown.status_code == 400
    assert "agency" in unknown.json()["errors"]
