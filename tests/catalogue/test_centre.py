"""The Public Administration Centre as a unit of its own (issue 18): its
counters (quầy) and the departments each receives for, in the API; its kiosk
ratings at those counters; its statistics. Read from the Điện Biên sample as
``make run`` loads it."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from catalogue.models import Agency, Counter
from feedback.models import CounterRating
from tests.catalogue.factories import AgencyFactory
from tests.catalogue.province_fixtures import PROVINCE_JSON, load_sample_province

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

CENTRE = "Trung tâm Phục vụ hành chính công tỉnh Điện Biên"
DEPARTMENT = "Sở Công Thương tỉnh Điện Biên"
RATINGS = "/api/v1/satisfaction/counter-ratings/"


@pytest.fixture
def sample(db):
    load_sample_province()
    return Agency.objects.get(name=CENTRE), Agency.objects.get(name=DEPARTMENT)


def rate(client, agency, counter, level="satisfied"):
    return client.post(
        RATINGS,
        json.dumps({"agency": agency.pk, "level": level, "counter": counter}),
        content_type="application/json",
    )


def test_the_centres_counters_and_the_departments_they_receive_for(client, sample):
    centre, department = sample
    response = client.get(f"/api/v1/agencies/{centre.pk}/reception/")
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "public_administration_centre"
    assert body["kind_label"] == "Trung tâm Phục vụ hành chính công tỉnh"
    assert [(c["number"], c["label"]) for c in body["counters"]] == [
        ("1", "Quầy 1 – Sở Công Thương"),
        ("2", "Quầy 2 – Sở Tư pháp"),
        ("3", "Quầy 3 – Thuế, Bảo hiểm xã hội"),
        ("4", "Quầy 4 – Bưu điện (thu phí, chuyển phát kết quả)"),
    ]
    assert body["counters"][0]["departments"] == [
        {"id": department.pk, "name": DEPARTMENT}
    ]
    assert body["received_at"] == [] and body["receives_at"] is None


def test_a_department_says_at_which_centre_and_counter_it_receives(client, sample):
    centre, department = sample
    body = client.get(f"/api/v1/agencies/{department.pk}/reception/").json()
    [place] = body["received_at"]
    assert (place["number"], place["centre"]["name"]) == ("1", CENTRE)
    assert place["centre"]["address"].startswith("Số 867, đường Võ Nguyên Giáp")
    assert body["receives_at"]["name"] == CENTRE
    assert body["counters"] == []


def test_loading_the_sample_again_keeps_one_row_per_counter(sample):
    centre, _ = sample
    call_command("load_province", str(PROVINCE_JSON))
    assert Counter.objects.filter(centre=centre).count() == 4


def test_the_kiosk_rates_the_centres_counters_and_no_other(client, sample):
    centre, _ = sample
    assert rate(client, centre, "1").status_code == 201
    assert rate(client, centre, "3", level="dissatisfied").status_code == 201
    wrong = rate(client, centre, "9")
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    message = wrong.json()["errors"]["counter"][0]
    assert f"{CENTRE} không có quầy “9”: các quầy là 1, 2, 3, 4." == message
    # Without a counter the rating is the centre's as a whole.
    assert rate(client, centre, "").status_code == 201
    assert CounterRating.objects.filter(agency=centre).count() == 3
    # An agency that lists no counters takes any counter name, as before.
    other = AgencyFactory()
    assert rate(client, other, "Quầy 7").status_code == 201

    figures = client.get(f"/api/v1/stats/satisfaction/?agency={centre.pk}").json()
    assert figures["counter"]["responses"] == 3
    assert figures["counter"]["levels"]["satisfied"] == 2
    assert figures["counter"]["levels"]["dissatisfied"] == 1


def test_a_retired_counter_takes_no_more_ratings(client, sample):
    centre, _ = sample
    Counter.objects.filter(centre=centre, number="4").update(active=False)
    assert rate(client, centre, "4").status_code == 400
    numbers = [
        c["number"]
        for c in client.get(f"/api/v1/agencies/{centre.pk}/reception/").json()[
            "counters"
        ]
    ]
    assert numbers == ["1", "2", "3"]
