"""The province's communes, the Centre's counters and alert targets answer in
English for the English site (issue 18's refusals, Accept-Language: en).

With the Điện Biên sample loaded: a kiosk rating for a counter the Centre does
not have, online filing with no commune or one of another province, and a
follow naming two things or an unknown field, each asked in English, come back
as problem+json whose field errors are English sentences (the agency's own
name is the only Vietnamese left), and stay Vietnamese without English.
"""

from __future__ import annotations

import json

import pytest

from catalogue.models import Agency
from dossiers.models import Dossier
from tests.dossiers.conftest import fresh_throttle  # noqa: F401
from tests.dossiers.test_receiving_unit import CENTRE, URL, filled_form
from tests.feedback.conftest import clear_throttles
from tests.portal.test_api_english import ENGLISH, VIETNAMESE

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture(autouse=True)
def sample(settings, tmp_path, fresh_throttle):  # noqa: F811
    from tests.catalogue.province_fixtures import load_sample_province

    clear_throttles()
    settings.DOSSIER_PRIVATE_ROOT = tmp_path / "private"
    load_sample_province()
    settings.DOSSIER_ONLINE_AGENCY_CODE = Agency.objects.get(name=CENTRE).code


def problem(response) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_a_counter_the_centre_does_not_have_is_refused_in_english(client):
    centre = Agency.objects.get(name=CENTRE)
    body = json.dumps({"agency": centre.pk, "level": "satisfied", "counter": "9"})
    path = "/api/v1/satisfaction/counter-ratings/"
    english = problem(
        client.post(path, body, content_type="application/json", **ENGLISH)
    )
    [message] = english["errors"]["counter"]
    assert message == f"{CENTRE} has no counter “9”: its counters are 1, 2, 3, 4."
    assert not VIETNAMESE.search(english["title"] + english["detail"])
    vietnamese = problem(client.post(path, body, content_type="application/json"))
    assert vietnamese["errors"]["counter"] == [
        f"{CENTRE} không có quầy “9”: các quầy là 1, 2, 3, 4."
    ]


@pytest.mark.parametrize(
    ("commune", "english"),
    [
        (None, "Choose the commune or ward where you file the dossier."),
        (
            "Ha Dong",
            "There is no commune or ward “Ha Dong” in the province's list",
        ),
    ],
)
def test_online_filing_refuses_a_missing_or_foreign_commune_in_english(
    client, commune, english
):
    data = filled_form(client, "1.001193", commune=commune)
    body = problem(client.post(URL.format("1.001193"), data, **ENGLISH))
    [message] = body["errors"]["commune"]
    assert message.startswith(english)
    assert not VIETNAMESE.search(message)
    assert not Dossier.objects.exists()


def test_a_follow_naming_two_things_or_an_unknown_field_is_refused_in_english(
    client,
):
    centre = Agency.objects.get(name=CENTRE)
    path = "/api/v1/alerts/follows/"
    two = {"email": "an@example.com", "procedure": "1.001193", "agency": centre.pk}
    body = problem(
        client.post(path, json.dumps(two), content_type="application/json", **ENGLISH)
    )
    assert body["errors"]["procedure"] == [
        "Choose exactly one thing to follow: a procedure, a field or an agency."
    ]
    unknown = {"email": "an@example.com", "field": "no-such-field"}
    body = problem(
        client.post(
            path, json.dumps(unknown), content_type="application/json", **ENGLISH
        )
    )
    assert body["errors"]["field"] == ["There is no field “no-such-field”."]
    body = problem(
        client.post(path, json.dumps(unknown), content_type="application/json")
    )
    assert body["errors"]["field"] == ["Không có lĩnh vực “no-such-field”."]
