"""Satisfaction: evaluation scoring, counter and page ratings, figures with CIs."""

from __future__ import annotations

import json
import math

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import periods, public_cache
from feedback import satisfaction
from feedback.models import CounterRating, DossierEvaluation, PageFeedback
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

ALL_TWO = dict.fromkeys(satisfaction.CRITERION_NAMES, 2)


@pytest.fixture(autouse=True)
def _clean_cache(fresh_cache):
    return fresh_cache


def post(client, url, data, **headers):
    return client.post(
        url, json.dumps(data), content_type="application/json", headers=headers
    )


def test_wilson_interval_matches_reference_values():
    low, high = satisfaction.wilson_interval(8, 10)
    assert math.isclose(low, 0.4902, abs_tol=1e-3)
    assert math.isclose(high, 0.9433, abs_tol=1e-3)
    assert satisfaction.wilson_interval(0, 0) is None


def test_t_critical_values():
    assert satisfaction.t_critical(1) == 12.706
    assert math.isclose(satisfaction.t_critical(60), 2.000, abs_tol=0.003)
    assert math.isclose(satisfaction.t_critical(10_000), 1.960, abs_tol=0.001)


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (18, "rat_tot"),
        (17, "rat_tot"),
        (15, "tot"),
        (9, "dat"),
        (8, "khong_dat"),
        (0, "khong_dat"),
    ],
)
def test_grade_bands(total, grade):
    assert satisfaction.grade_for(total) == grade


def test_evaluation_is_scored_out_of_18(client):
    agency = AgencyFactory()
    response = post(
        client,
        "/api/v1/satisfaction/evaluations/",
        {
            "agency": agency.pk,
            "dossier_code": "000.00.01.H01-250101-0001",
            **ALL_TWO,
            "attitude": 1,
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["total"] == 17
    assert response.json()["grade"] == "rat_tot"


def test_evaluation_scores_out_of_range_are_400(client):
    agency = AgencyFactory()
    response = post(
        client,
        "/api/v1/satisfaction/evaluations/",
        {"agency": agency.pk, **ALL_TWO, "attitude": 3, "contacts": -1},
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["attitude"] == ["Điểm từ 0 đến 2."]
    assert "contacts" in errors
    assert not DossierEvaluation.objects.exists()


def test_counter_rating_with_idempotency_key(client):
    agency = AgencyFactory()
    url = "/api/v1/satisfaction/counter-ratings/"
    data = {"agency": agency.pk, "level": "satisfied"}
    first = post(client, url, data, **{"Idempotency-Key": "kiosk-1-000042"})
    again = post(client, url, data, **{"Idempotency-Key": "kiosk-1-000042"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert CounterRating.objects.count() == 1
    bad = post(client, url, {"agency": agency.pk, "level": "meh"})
    assert bad.status_code == 400 and "Mức đánh giá" in bad.json()["errors"]["level"][0]


def test_counter_rating_names_its_counter(client):
    agency = AgencyFactory()
    url = "/api/v1/satisfaction/counter-ratings/"
    ok = post(
        client, url, {"agency": agency.pk, "level": "satisfied", "counter": " Quầy  3 "}
    )
    assert ok.status_code == 201
    assert CounterRating.objects.get().counter == "Quầy 3"
    for bad in ("<b>3</b>", "x" * 21, "quầy_3"):
        response = post(
            client, url, {"agency": agency.pk, "level": "satisfied", "counter": bad}
        )
        assert response.status_code == 400, bad
        assert response["Content-Type"] == "application/problem+json"
        assert "Tên quầy" in response.json()["errors"]["counter"][0]
    assert CounterRating.objects.count() == 1


def test_counter_breakdown_per_counter_with_intervals(admin_client):
    agency, other = AgencyFactory(name="UBND xã Hòa An"), AgencyFactory()
    for counter, level in [
        ("2", "very_satisfied"),
        ("2", "satisfied"),
        ("2", "dissatisfied"),
        ("1", "dissatisfied"),
        ("", "satisfied"),
        ("10", "satisfied"),
    ]:
        CounterRating.objects.create(agency=agency, counter=counter, level=level)
    CounterRating.objects.create(agency=other, counter="1", level="satisfied")
    period = periods.parse_period(f"{timezone.localdate():%Y}")

    rows = satisfaction.counter_breakdown(agency.pk, period)
    # By name, the unnamed kiosk last; another agency's counter "1" apart.
    assert [(r["counter"], r["responses"]) for r in rows] == [
        ("1", 1),
        ("10", 1),
        ("2", 3),
        ("", 1),
    ]
    two = rows[2]
    assert two["levels"] == {"very_satisfied": 1, "satisfied": 1, "dissatisfied": 1}
    assert two["share_satisfied"]["value"] == pytest.approx(2 / 3, abs=1e-4)
    low, high = two["share_satisfied"]["ci95"]
    assert low < 2 / 3 < high
    assert rows[0]["share_satisfied"]["value"] == 0

    page = admin_client.get(reverse("petitions:satisfaction"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Theo quầy" in text and "không ghi quầy" in text
    assert text.count("UBND xã Hòa An") == 1 + len(rows)


def test_ratings_are_rate_limited(client, settings):
    settings.FEEDBACK_RATE_RATINGS_PER_IP = "2/minute"
    agency = AgencyFactory()
    url = "/api/v1/satisfaction/counter-ratings/"
    codes = [
        post(client, url, {"agency": agency.pk, "level": "satisfied"}).status_code
        for _ in range(3)
    ]
    assert codes == [201, 201, 429]


def test_page_no_with_comment_reaches_the_editor(
    client, admin_user, django_capture_on_commit_callbacks
):
    page = ProcedurePageFactory()
    revision = page.save_revision(user=admin_user)
    revision.publish()
    url = "/api/v1/satisfaction/page-feedback/"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        useful = post(client, url, {"procedure": page.code, "useful": True})
        no = post(
            client,
            url,
            {"procedure": page.code, "useful": False, "comment": "Thiếu mẫu đơn"},
        )
    assert (useful.status_code, no.status_code) == (201, 201)
    callbacks = [c for c in callbacks if not public_cache.is_bump(c)]
    assert len(callbacks) == 1  # only the "no" with a comment is queued

    feedback = PageFeedback.objects.get(useful=False)
    assert satisfaction.notify_editor(feedback.pk)
    assert not satisfaction.notify_editor(feedback.pk)  # once
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin_user.email]
    assert "Thiếu mẫu đơn" in mail.outbox[0].body


def test_stats_endpoint_counts_shares_means_and_intervals(client):
    agency = AgencyFactory(code="H01")
    other = AgencyFactory()
    for level in ["very_satisfied"] * 3 + ["satisfied"] * 5 + ["dissatisfied"] * 2:
        CounterRating.objects.create(agency=agency, level=level)
    CounterRating.objects.create(agency=other, level="dissatisfied")
    for score in (2, 2, 1, 1):
        satisfaction.record_evaluation({"agency": agency, **ALL_TWO, "attitude": score})

    response = client.get(
        "/api/v1/stats/satisfaction/?agency=H01&period=" + f"{timezone.localdate():%Y}"
    )
    assert response.status_code == 200
    body = response.json()
    counter = body["counter"]
    assert counter["responses"] == 10
    assert counter["share_satisfied"]["value"] == 0.8
    low, high = counter["share_satisfied"]["ci95"]
    assert low == pytest.approx(0.4902, abs=1e-3) and high == pytest.approx(
        0.9433, abs=1e-3
    )
    evaluations = body["evaluations"]
    assert evaluations["responses"] == 4
    attitude = evaluations["criteria"]["attitude"]
    assert attitude["value"] == 1.5
    # mean 1.5, sd 0.577, t(3) = 3.182: 1.5 ± 0.919
    assert attitude["ci95"] == pytest.approx([0.581, 2.419], abs=1e-3)
    assert evaluations["criteria"]["contacts"]["value"] == 2
    assert evaluations["grades"]["rat_tot"] == 4

    everyone = client.get("/api/v1/stats/satisfaction/").json()
    assert everyone["counter"]["responses"] == 11


def test_stats_period_and_agency_errors(client):
    assert client.get("/api/v1/stats/satisfaction/?period=2025-13").status_code == 400
    response = client.get("/api/v1/stats/satisfaction/?agency=nope")
    assert response.status_code == 400
    assert "agency" in response.json()["errors"]


def test_empty_figures_have_no_interval(client):
    body = client.get("/api/v1/stats/satisfaction/?period=2019").json()
    assert body["counter"]["responses"] == 0
    assert body["counter"]["share_satisfied"] == {"value": None, "ci95": None}
