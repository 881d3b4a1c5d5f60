"""A citizen asks the API "where do I go?" for a procedure in Điện Biên.

Read from the published sample list (as ``make run`` loads it): the commune
centre of the chosen commune for birth registration, the Centre's counters
for the Department of Industry and Trade, the province's time (with its
decision) where it departs from the national one.
"""

from __future__ import annotations

import pytest

from catalogue.models import Agency, LocalProcedure
from tests.catalogue.province_fixtures import load_sample_province

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def sample():
    load_sample_province()


def where(client, code, xa=None):
    query = {} if xa is None else {"xa": xa}
    return client.get(f"/api/v1/procedures/{code}/where/", query)


def test_birth_registration_in_a_commune_of_dien_bien(client, sample):
    first = where(client, "1.001193")
    assert first.status_code == 200
    data = first.json()
    assert data["applies"] and data["needs_commune"] and data["units"] == []
    assert "Chọn xã, phường" in data["message"]
    names = [c["name"] for c in data["communes"]]
    assert {"Phường Điện Biên Phủ", "Phường Mường Lay", "Xã Mường Ảng"} <= set(names)

    data = where(client, "1.001193", "muong-ang").json()
    assert data["commune"]["name"] == "Xã Mường Ảng"
    [unit] = data["units"]
    assert unit["name"] == "Trung tâm Phục vụ hành chính công xã Mường Ảng"
    assert "Mường Ảng" in unit["address"]
    assert unit["opening_hours"].startswith("Thứ Hai đến thứ Sáu")
    assert unit["map_url"].startswith("https://www.openstreetmap.org/search?query=")
    assert unit["map_basis"] == "address_search"
    # No Điện Biên fee or time was read: the national ones, said to be so.
    assert data["fee"] == {
        "source": "national",
        "text": "Miễn phí",
        "decision": None,
        "national_text": "Miễn phí",
    }
    assert data["time"]["source"] == "national" and data["time"]["text"]
    assert data["announced_by"]["is_sample"]


def test_a_former_name_and_a_ward(client, sample):
    data = where(client, "1.001193", "Him Lam").json()
    assert data["commune"]["slug"] == "dien-bien-phu"
    assert data["units"][0]["name"].endswith("phường Điện Biên Phủ")
    ward = where(client, "1.001193", "muong-lay").json()
    assert ward["units"][0]["name"].endswith("phường Mường Lay")


def test_a_commune_whose_centre_is_not_known_says_so(client, sample):
    data = where(client, "1.001193", "muong-phang").json()
    assert data["units"] == []
    assert "Xã Mường Phăng chưa có trong danh mục" in data["message"]


def test_the_province_shortened_time_is_shown_with_its_decision(client, sample):
    data = where(client, "2.000004", "dien-bien-phu").json()
    assert data["time"]["source"] == "local"
    assert data["time"]["text"] == "4 ngày làm việc"
    assert data["time"]["national_text"] == "5 ngày làm việc"
    decision = data["time"]["decision"]
    assert decision["number"] == "SAMPLE/QĐ-UBND" and decision["is_sample"]
    assert decision["label"] == "Quyết định số SAMPLE/QĐ-UBND ngày 01/12/2025"
    # Filed at the Centre's counters, whatever the commune.
    [unit] = data["units"]
    assert unit["name"] == "Trung tâm Phục vụ hành chính công tỉnh Điện Biên"
    assert "867" in unit["address"]
    assert [a["name"] for a in data["implementing"]] == [
        "Sở Công Thương tỉnh Điện Biên"
    ]
    assert data["fee"]["source"] == "national"


def test_an_unknown_commune_is_a_problem_in_vietnamese(client, sample):
    response = where(client, "1.001193", "Hà Đông")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "Không có xã, phường “Hà Đông”" in response.json()["errors"]["xa"][0]
    too_long = where(client, "1.001193", "x" * 500)
    assert too_long.status_code == 400


def test_an_unknown_procedure_is_404(client, sample):
    assert where(client, "9.999999", "muong-ang").status_code == 404


def test_a_procedure_outside_the_list(client, sample):
    LocalProcedure.objects.get(national_code="1.001193").unpublish()
    data = where(client, "1.001193", "muong-ang").json()
    assert not data["applies"] and data["units"] == []
    assert (
        "chưa có trong danh mục thủ tục hành chính của tỉnh Điện Biên"
        in (data["message"])
    )


def test_the_department_lists_its_procedures(client, sample):
    department = Agency.objects.get(name="Sở Công Thương tỉnh Điện Biên")
    response = client.get(f"/api/v1/agencies/{department.pk}/local-procedures/")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 12
    assert {r["code"] for r in rows} >= {"2.000004", "1.013401", "1.000603"}
    promotion = next(r for r in rows if r["code"] == "2.000004")
    assert promotion["url"].endswith("/thu-tuc/2.000004")
    assert promotion["time"] == "4 ngày làm việc"
    # The procedure list of the agency page includes those in the catalogue.
    listed = client.get("/api/v1/procedures/", {"agency": department.pk}).json()
    assert {p["code"] for p in listed["results"]} == {"2.000004", "BCT.KM.01"}


def test_no_district_level_in_the_filters(client, sample):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    level = next(
        p
        for p in schema["paths"]["/api/v1/procedures/"]["get"]["parameters"]
        if p["name"] == "level"
    )
    assert "huyen" not in level["schema"]["enum"]
    assert client.get("/api/v1/procedures/", {"level": "huyen"}).status_code == 400
