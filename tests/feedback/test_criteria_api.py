"""The evaluation criteria served by the API, so no client keeps its own copy.

A form built only from ``GET /api/v1/satisfaction/criteria/`` must be one the
evaluation endpoint accepts and scores as the served grades say.
"""

from __future__ import annotations

import json

import pytest
import yaml

from tests.catalogue.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/satisfaction/criteria/"


@pytest.fixture(autouse=True)
def _clean_cache(fresh_cache):
    return fresh_cache


@pytest.fixture
def served(client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    return response.json()


def evaluate(client, agency, points: dict[str, int]):
    return client.post(
        "/api/v1/satisfaction/evaluations/",
        json.dumps({"agency": agency.pk, **points}),
        content_type="application/json",
    )


def test_nine_criteria_each_with_three_worded_options(served):
    criteria = served["criteria"]
    assert len(criteria) == 9
    assert len({c["name"] for c in criteria}) == 9
    for criterion in criteria:
        assert criterion["max_points"] == 2
        assert criterion["label"]["vi"] and criterion["label"]["en"]
        assert [o["points"] for o in criterion["options"]] == [0, 1, 2]
        for option in criterion["options"]:
            assert option["label"]["vi"] and option["label"]["en"]
    assert served["max_points"] == sum(c["max_points"] for c in criteria) == 18


def test_a_form_built_from_the_criteria_is_accepted_and_scored(client, served):
    agency = AgencyFactory()
    best = {c["name"]: c["options"][-1]["points"] for c in served["criteria"]}

    response = evaluate(client, agency, best)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["total"] == served["max_points"]
    assert body["grade"] == served["grades"][0]["code"]
    assert body["grade_label"] == served["grades"][0]["label"]["vi"]


def test_a_criterion_left_out_is_refused_by_name(client, served):
    agency = AgencyFactory()
    names = [c["name"] for c in served["criteria"]]
    partial = dict.fromkeys(names[1:], 2)

    response = evaluate(client, agency, partial)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [names[0]]


def test_each_grade_starts_at_its_served_lowest_total(client, served):
    agency = AgencyFactory()
    names = [c["name"] for c in served["criteria"]]
    grades = served["grades"]
    assert [g["min_total"] for g in grades] == sorted(
        (g["min_total"] for g in grades), reverse=True
    )
    assert grades[-1]["min_total"] == 0
    for grade in grades:
        points = dict.fromkeys(names, 0)
        for name in names[: grade["min_total"] // 2]:
            points[name] = 2
        if grade["min_total"] % 2:
            points[names[grade["min_total"] // 2]] = 1

        response = evaluate(client, agency, points)

        assert response.json()["total"] == grade["min_total"]
        assert response.json()["grade"] == grade["code"], grade


def test_the_criteria_are_cacheable_and_documented(client):
    response = client.get(URL)
    assert "max-age" in response["Cache-Control"]
    assert client.post(URL, {}).status_code == 405

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    operation = schema["paths"][URL]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]
    assert {"criteria", "max_points", "grades"} <= set(component["properties"])
