"""The dossier lookup and the statistics use the province's units (issue 18).

With the Điện Biên sample loaded as ``make run`` loads it, a dossier filed
online for a procedure in the province's list carries the one-stop unit that
receives it — the Public Administration Centre of the commune the applicant
chose for birth registration, the provincial Centre for a Department of
Industry and Trade procedure — the public lookup shows that unit and its
address, and the dossier statistics count per unit.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.models import Agency
from dossiers.models import Dossier
from tests.catalogue.province_fixtures import load_sample_province
from tests.feedback.conftest import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/online-filing/{}/"
CENTRE = "Trung tâm Phục vụ hành chính công tỉnh Điện Biên"
MUONG_ANG = "Trung tâm Phục vụ hành chính công xã Mường Ảng"
DIEN_BIEN_PHU = "Trung tâm Phục vụ hành chính công phường Điện Biên Phủ"


@pytest.fixture(autouse=True)
def sample(settings, tmp_path, fresh_throttle):
    settings.DOSSIER_PRIVATE_ROOT = tmp_path / "private"
    settings.FRONTEND_URL = "https://dichvucong.example.vn"
    load_sample_province()
    # The national records name no agency with a code: the province's online
    # desk (its Centre) gives the dossiers their codes.
    settings.DOSSIER_ONLINE_AGENCY_CODE = Agency.objects.get(name=CENTRE).code


def filled_form(client, code: str, **overrides) -> dict:
    """What an applicant sends: every required field of the form the API
    describes, a PDF for every required document, the e-forms filled in."""
    schema = client.get(URL.format(code)).json()
    data: dict = {
        "applicant_name": "Lò Thị Mai",
        "applicant_phone": "0912 345 678",
        "applicant_email": "mai.lo@example.com",
        "applicant_id_number": "011190012345",
        "confirm": "true",
    }
    for document in schema["documents"]:
        if document["eform"]:
            for field in document["eform"]["fields"]:
                if not field["required"]:
                    continue
                if field["type"] == "radio":
                    data[field["name"]] = field["choices"][0]["value"]
                elif field["type"] == "date":
                    data[field["name"]] = "2026-11-20"
                else:
                    data[field["name"]] = "Lò Văn Bình"
        elif document["required"]:
            data[document["key"]] = SimpleUploadedFile(
                f"{document['key']}.pdf", pdf_bytes(), "application/pdf"
            )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def file_online(client, code: str, **overrides):
    return client.post(URL.format(code), filled_form(client, code, **overrides))


def test_birth_registration_asks_for_the_commune_among_the_provinces(client):
    fields = {
        f["name"]: f
        for f in client.get(URL.format("1.001193")).json()["applicant_fields"]
    }
    commune = fields["commune"]
    assert commune["type"] == "select" and commune["required"] is True
    assert commune["label"] == "Xã, phường nơi nộp hồ sơ"
    assert {"value": "muong-ang", "label": "Xã Mường Ảng"} in commune["choices"]
    assert len(commune["choices"]) == 7
    # The pledge stays the last field.
    assert list(fields)[-1] == "confirm"
    # A department's procedure is received at the provincial Centre: no choice.
    names = [
        f["name"] for f in client.get(URL.format("2.000004")).json()["applicant_fields"]
    ]
    assert "commune" not in names


def test_a_dossier_carries_the_centre_of_the_commune_chosen(client):
    response = file_online(client, "1.001193", commune="muong-ang")
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert dossier.receiving_unit.name == MUONG_ANG

    lookup = client.get(f"/api/v1/dossiers/{dossier.code}/")
    assert lookup.status_code == 200
    unit = lookup.json()["receiving_unit"]
    assert unit["name"] == MUONG_ANG
    assert unit["address"].startswith("Trụ sở Ủy ban nhân dân xã Mường Ảng")
    assert unit["opening_hours"].startswith("Thứ Hai đến thứ Sáu")
    assert unit["map_url"].startswith("https://www.openstreetmap.org/search?query=")
    receipt = client.get(f"/api/v1/dossiers/{dossier.code}/receipt/")
    assert receipt.json()["receiving_unit"]["name"] == MUONG_ANG


def test_a_former_communes_name_finds_the_commune_it_became(client):
    # "Him Lam" was merged into Phường Điện Biên Phủ on 1/7/2025.
    response = file_online(client, "1.001193", commune="Him Lam")
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert dossier.receiving_unit.name == DIEN_BIEN_PHU


@pytest.mark.parametrize(
    ("commune", "message"),
    [
        (None, "Chọn xã, phường nơi nộp hồ sơ."),
        ("", "Chọn xã, phường nơi nộp hồ sơ."),
        ("Hà Đông", "Không có xã, phường “Hà Đông” trong danh mục của tỉnh"),
        ("x" * 201, "200"),
    ],
)
def test_no_commune_or_one_of_another_province_is_refused(client, commune, message):
    response = file_online(client, "1.001193", commune=commune)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert message in " ".join(response.json()["errors"]["commune"])
    assert not Dossier.objects.exists()


def test_a_department_procedure_is_received_at_the_provincial_centre(client):
    response = file_online(client, "2.000004")
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert dossier.receiving_unit.name == CENTRE
    unit = client.get(f"/api/v1/dossiers/{dossier.code}/").json()["receiving_unit"]
    assert unit["address"] == (
        "Số 867, đường Võ Nguyên Giáp, phường Điện Biên Phủ, tỉnh Điện Biên"
    )


def test_dossier_statistics_count_per_receiving_unit(client):
    for commune in ("muong-ang", "muong-ang", "dien-bien-phu"):
        response = file_online(client, "1.001193", commune=commune)
        assert response.status_code == 201, response.json()
    assert file_online(client, "2.000004").status_code == 201

    response = client.get("/api/v1/stats/dossiers/units/")
    assert response.status_code == 200
    counted = {row["unit"]["name"]: row["figures"] for row in response.json()}
    assert {name: f["received_new"] for name, f in counted.items()} == {
        DIEN_BIEN_PHU: 1,
        CENTRE: 1,
        MUONG_ANG: 2,
    }
    assert all(f["received_online"] == f["received_new"] for f in counted.values())
    assert all(f["pending"] == f["received"] for f in counted.values())

    muong_ang = Agency.objects.get(name=MUONG_ANG)
    one = client.get(f"/api/v1/stats/dossiers/?unit={muong_ang.code}").json()
    assert (one["receiving_unit"], one["received_new"]) == (muong_ang.code, 2)
    by_id = client.get(f"/api/v1/stats/dossiers/?unit={muong_ang.pk}").json()
    assert by_id["received_new"] == 2
    # The whole province counts them all, wherever they were handed in.
    assert client.get("/api/v1/stats/dossiers/").json()["received_new"] == 4


def test_an_unknown_unit_or_period_is_a_clear_400(client):
    response = client.get("/api/v1/stats/dossiers/?unit=KHONG.CO")
    assert response.status_code == 400
    assert "Không có cơ quan “KHONG.CO”" in str(response.json()["errors"]["unit"])
    response = client.get("/api/v1/stats/dossiers/units/?period=2025-13")
    assert response.status_code == 400
    assert "period" in response.json()["errors"]
