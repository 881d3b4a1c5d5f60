"""One 18-point evaluation per dossier; statistics count each dossier once.

A citizen who evaluates the same dossier again (a corrected tap, a second
member of the family) replaces the first evaluation while the revision window
is open; after it the API refuses with a message saying so.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from feedback import satisfaction
from feedback.models import DossierEvaluation
from tests.catalogue.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/satisfaction/evaluations/"
STATS = "/api/v1/stats/satisfaction/"
CODE = "000.00.01.H01-20260105-0001"


@pytest.fixture(autouse=True)
def _clean_cache(fresh_cache):
    return fresh_cache


@pytest.fixture
def agency():
    return AgencyFactory()


def scores(points: int) -> dict:
    return dict.fromkeys(satisfaction.CRITERION_NAMES, points)


def evaluate(client, agency, points, code=CODE, **headers):
    return client.post(
        URL,
        json.dumps({"agency": agency.pk, "dossier_code": code, **scores(points)}),
        content_type="application/json",
        headers=headers,
    )


def test_a_second_evaluation_replaces_the_first(client, agency):
    first = evaluate(client, agency, 0)
    second = evaluate(client, agency, 2)

    assert first.status_code == 201, first.content
    assert second.status_code == 200, second.content
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["replaced"] is True
    assert first.json()["replaced"] is False
    assert second.json()["total"] == 18
    evaluation = DossierEvaluation.objects.get()
    assert (evaluation.total, evaluation.grade) == (18, "rat_tot")


def test_the_same_dossier_typed_differently_is_the_same_dossier(client, agency):
    evaluate(client, agency, 0)
    again = evaluate(client, agency, 1, code=f"  {CODE.lower()} ")
    assert again.status_code == 200
    assert DossierEvaluation.objects.count() == 1


def test_statistics_count_each_dossier_once(client, agency):
    for points in (0, 1, 2):
        evaluate(client, agency, points)
    evaluate(client, agency, 1, code="000.00.01.H01-20260105-0002")

    figures = client.get(STATS, {"agency": agency.pk}).json()["evaluations"]

    assert figures["responses"] == 2
    assert figures["mean_total"]["value"] == (18 + 9) / 2


def test_after_the_window_a_second_evaluation_is_refused_clearly(
    client, agency, settings
):
    assert evaluate(client, agency, 2).status_code == 201
    DossierEvaluation.objects.update(
        created_at=timezone.now()
        - dt.timedelta(days=settings.FEEDBACK_EVALUATION_REVISE_DAYS + 1)
    )

    refused = evaluate(client, agency, 0)

    assert refused.status_code == 409
    assert refused["Content-Type"].startswith("application/problem+json")
    detail = refused.json()["detail"]
    assert CODE in detail
    assert f"{settings.FEEDBACK_EVALUATION_REVISE_DAYS} ngày" in detail
    assert DossierEvaluation.objects.get().total == 18

    english = evaluate(client, agency, 0, **{"Accept-Language": "en"})
    assert "already been evaluated" in english.json()["detail"]


def test_a_retry_with_the_same_key_is_a_replay_not_a_replacement(client, agency):
    first = evaluate(client, agency, 1, **{"Idempotency-Key": "k-1"})
    retry = evaluate(client, agency, 1, **{"Idempotency-Key": "k-1"})

    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json()["replaced"] is False


def test_evaluations_without_a_dossier_are_each_counted(client, agency):
    for points in (0, 2):
        response = evaluate(client, agency, points, code="")
        assert response.status_code == 201
    assert DossierEvaluation.objects.count() == 2


def test_the_database_holds_one_evaluation_per_dossier(agency):
    from django.db import IntegrityError, transaction

    fields = {"agency": agency, "dossier_code": CODE, **scores(1)}
    DossierEvaluation.objects.create(**fields, total=9, grade="dat")
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierEvaluation.objects.create(**fields, total=9, grade="dat")
