"""Online filing as a business, and the interactive e-form filled in online.

Written from what a business user types: the company's name as on its
registration certificate, its enterprise code with or without the branch
suffix (and with the spaces and dots people copy from invoices), the legal
representative; and, often, their own name with the company in brackets.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from core.masking import mask_text, split_organisation
from dossiers.models import Dossier
from dossiers.services import mask_name
from tests.feedback.conftest import pdf_bytes, png_bytes

from .factories import online_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/online-filing/{}/"
PROBLEM = "application/problem+json"
COMPANY = "Công ty TNHH Thương mại Hoa Sen"
# Real-format codes whose tenth digit is the check digit.
CODE = "0100233488"
BRANCH = "0314409058-002"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path, fresh_throttle):
    settings.DOSSIER_PRIVATE_ROOT = tmp_path / "private"
    settings.FRONTEND_URL = "https://dichvucong.example.vn"


@pytest.fixture
def pilot(agency_a):
    return online_procedure(agency_a, code="1.001193", title="Đăng ký khai sinh")


@pytest.fixture
def birth(agency_a):
    return online_procedure(
        agency_a, code="1.001194", title="Đăng ký khai sinh", eform=True
    )


def business(**overrides) -> dict:
    data = {
        "applicant_kind": "organisation",
        "applicant_name": f"Lê Thị Hoa ({COMPANY})",
        "applicant_phone": "0912 345 678",
        "applicant_email": "hoa.le@hoasen.example.vn",
        "applicant_id_number": "001190012345",
        "applicant_address": "Số 12 đường Lê Lợi, phường Điện Biên",
        "organisation_name": COMPANY,
        "enterprise_code": CODE,
        "representative_name": "Lê Thị Hoa",
        "representative_position": "Giám đốc",
        "confirm": "true",
        "doc-1": SimpleUploadedFile("to-khai.pdf", pdf_bytes(), "application/pdf"),
        "doc-2": SimpleUploadedFile("chung-sinh.png", png_bytes(), "image/png"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_asks_who_files_and_the_organisations_details(client, pilot):
    body = client.get(URL.format("1.001193")).json()
    fields = {f["name"]: f for f in body["applicant_fields"]}
    kind = fields["applicant_kind"]
    assert kind["type"] == "radio"
    assert [c["value"] for c in kind["choices"]] == ["person", "organisation"]
    for name in (
        "organisation_name",
        "enterprise_code",
        "representative_name",
        "representative_position",
    ):
        assert fields[name]["group"] == "organisation"
        assert fields[name]["required_when"] == {
            "field": "applicant_kind",
            "value": "organisation",
        }
    assert "0101234567-001" in fields["enterprise_code"]["hint"]


def test_a_business_files_and_its_details_are_stored(client, pilot):
    response = client.post(URL.format("1.001193"), business())
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert dossier.applicant_kind == "organisation"
    assert dossier.organisation_name == COMPANY
    assert dossier.enterprise_code == CODE
    assert dossier.representative_name == "Lê Thị Hoa"
    assert dossier.representative_position == "Giám đốc"
    assert dossier.applicant_name == f"Lê Thị Hoa ({COMPANY})"


@pytest.mark.parametrize(
    "typed, stored",
    [
        (BRANCH, BRANCH),
        ("0314409058 - 002", BRANCH),
        ("01.00.233.488", CODE),
        (" 0100233488 ", CODE),
    ],
)
def test_enterprise_codes_as_people_copy_them(client, pilot, typed, stored):
    response = client.post(URL.format("1.001193"), business(enterprise_code=typed))
    assert response.status_code == 201, response.content
    assert Dossier.objects.get().enterprise_code == stored


@pytest.mark.parametrize(
    "typed, words",
    [
        ("0100233480", "chữ số kiểm tra"),  # one digit mistyped
        ("010023348", "10 chữ số"),  # one digit missing
        ("0314409058-00", "13 chữ số"),
        ("0314409058-000", "13 chữ số"),  # no branch numbered 000
        ("MST0100233488", "10 chữ số"),
        ("01002334881234", "10 chữ số"),
    ],
)
def test_wrong_enterprise_codes_are_400_in_vietnamese(client, pilot, typed, words):
    response = client.post(URL.format("1.001193"), business(enterprise_code=typed))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    message = " ".join(response.json()["errors"]["enterprise_code"])
    assert words in message
    assert not Dossier.objects.exists()


def test_an_organisation_without_its_details_is_told_each_missing(client, pilot):
    response = client.post(
        URL.format("1.001193"),
        business(
            organisation_name="  ",
            enterprise_code=None,
            representative_name=None,
            representative_position="",
        ),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["organisation_name"] == ["Cần điền tên tổ chức, doanh nghiệp."]
    assert "mã số doanh nghiệp" in errors["enterprise_code"][0]
    assert "người đại diện" in errors["representative_name"][0]
    assert "chức vụ" in errors["representative_position"][0]
    assert not Dossier.objects.exists()


def test_a_person_filing_keeps_no_organisation_details(client, pilot):
    response = client.post(
        URL.format("1.001193"),
        business(applicant_kind="person", applicant_name="Nguyễn Văn An"),
    )
    assert response.status_code == 201
    dossier = Dossier.objects.get()
    assert dossier.applicant_kind == "person"
    assert dossier.organisation_name == dossier.enterprise_code == ""
    assert (
        client.get(f"/api/v1/dossiers/{dossier.code}/").json()["organisation"] is None
    )
    # Without the field at all (an older client): a person.
    response = client.post(
        URL.format("1.001193"),
        business(applicant_kind=None, organisation_name=None, enterprise_code=None),
    )
    assert response.status_code == 201
    assert Dossier.objects.get(code=response.json()["code"]).applicant_kind == "person"


def test_unknown_applicant_kind_is_400(client, pilot):
    response = client.post(URL.format("1.001193"), business(applicant_kind="company"))
    assert response.status_code == 400
    assert "tổ chức" in response.json()["errors"]["applicant_kind"][0]


def test_the_receipt_masks_the_person_and_keeps_the_company(client, pilot):
    code = client.post(URL.format("1.001193"), business()).json()["code"]
    lookup = client.get(f"/api/v1/dossiers/{code}/").json()
    # Not "Lê T. H. (. t. T. T. m. H. S."
    assert lookup["applicant"] == f"Lê T. H. ({COMPANY})"
    assert lookup["organisation"] == {
        "name": COMPANY,
        "enterprise_code": CODE,
        "representative": "Lê T. H.",
        "representative_position": "Giám đốc",
    }
    receipt = client.get(f"/api/v1/dossiers/{code}/receipt/").json()
    assert receipt["applicant"] == lookup["applicant"]
    text = (
        PdfReader(
            io.BytesIO(client.get(f"/api/v1/dossiers/{code}/receipt.pdf").content)
        )
        .pages[0]
        .extract_text()
    )
    for expected in (COMPANY, CODE, "Lê T. H.", "Giám đốc", "Tổ chức, doanh nghiệp"):
        assert expected in text, expected
    for private in ("Lê Thị Hoa", "0912", "001190012345", "hoa.le@", "Lê Lợi"):
        assert private not in text, private
        assert private not in str(lookup), private


def test_an_officials_note_keeps_the_company_and_hides_the_person(client, pilot):
    from dossiers import services

    code = client.post(URL.format("1.001193"), business()).json()["code"]
    dossier = Dossier.objects.get(code=code)
    note = services.public_note(
        dossier, f"Đề nghị bà Lê Thị Hoa, {COMPANY}, bổ sung giấy chứng sinh."
    )
    assert note == f"Đề nghị bà [họ tên đã ẩn], {COMPANY}, bổ sung giấy chứng sinh."


@pytest.fixture
def official_client(django_user_model):
    from django.test import Client

    user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    official = Client()
    official.force_login(user)
    return official


def handle_page(official_client, dossier) -> str:
    from django.urls import reverse

    page = official_client.get(reverse("dossiers:edit", args=[dossier.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_the_officials_see_the_organisation_in_full(client, pilot, official_client):
    code = client.post(URL.format("1.001193"), business()).json()["code"]
    html = handle_page(official_client, Dossier.objects.get(code=code))
    for expected in (COMPANY, CODE, "Lê Thị Hoa", "Giám đốc"):
        assert expected in html


@pytest.mark.parametrize(
    "name, person, organisation",
    [
        (f"Lê Thị Hoa ({COMPANY})", "Lê Thị Hoa", COMPANY),
        ("Lê Thị Hoa - Công ty CP Sen Vàng", "Lê Thị Hoa", "Công ty CP Sen Vàng"),
        ("Trần Văn Bình (HTX Nông nghiệp Tân Phú)", "Trần Văn Bình", None),
        ("Phạm Minh (CTY TNHH ABC", "Phạm Minh", "CTY TNHH ABC"),
        ("Nguyễn Văn An", "Nguyễn Văn An", ""),
        ("Nguyễn Văn An (bố của cháu)", "Nguyễn Văn An (bố của cháu)", ""),
    ],
)
def test_split_organisation(name, person, organisation):
    got = split_organisation(name)
    assert got[0] == person
    if organisation is not None:
        assert got[1] == organisation
    else:
        assert got[1].startswith("HTX")


@pytest.mark.parametrize(
    "name, masked",
    [
        (f"Lê Thị Hoa ({COMPANY})", f"Lê T. H. ({COMPANY})"),
        ("Nguyễn Văn An", "Nguyễn V. A."),
        ("Nguyễn Văn An (bố của cháu)", "Nguyễn V. A."),
        ("Lê Thị Hoa - Công ty CP Sen Vàng", "Lê T. H. (Công ty CP Sen Vàng)"),
        ("An", "A."),
        ("", ""),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_text_keeps_an_organisation_that_shares_the_persons_words():
    # "Hoa Lê" in the company's name is also two parts of the person's name.
    text = "Công ty TNHH Hoa Lê đã nộp; bà Lê Thị Hoa ký thay."
    masked = mask_text(text, names=["Lê Thị Hoa (Công ty TNHH Hoa Lê)"])
    assert masked == "Công ty TNHH Hoa Lê đã nộp; bà [họ tên đã ẩn] ký thay."


# --- the interactive e-form -------------------------------------------------------

BIRTH = {
    "doc-4-child_name": "Trần Minh Khang",
    "doc-4-child_birth_date": "2026-11-20",
    "doc-4-child_sex": "Nam",
    "doc-4-child_birth_place": "Bệnh viện Sản Nhi tỉnh Điện Biên",
    "doc-4-child_ethnicity": "Kinh",
    "doc-4-child_nationality": "Việt Nam",
    "doc-4-mother_name": "Nguyễn Thị Mai",
    "doc-4-father_name": "Trần Văn Hùng",
    "doc-4-relationship": "Mẹ",
}


def person(**overrides):
    if "doc_4" in overrides:
        overrides["doc-4"] = overrides.pop("doc_4")
    return business(
        applicant_kind="person",
        applicant_name="Nguyễn Thị Mai",
        **{**BIRTH, **overrides},
    )


def test_the_e_form_is_a_web_form_not_an_upload(client, birth):
    documents = client.get(URL.format("1.001194")).json()["documents"]
    eform_doc = documents[3]
    assert eform_doc["name"].startswith("Mẫu hộ tịch điện tử tương tác")
    assert eform_doc["required"] is True
    assert eform_doc["forms"] == []
    eform = eform_doc["eform"]
    assert eform["form"] == "khai-sinh"
    names = {f["name"]: f for f in eform["fields"]}
    for field in (
        "child_name",
        "child_birth_date",
        "child_sex",
        "child_birth_place",
        "child_ethnicity",
        "child_nationality",
        "mother_name",
        "father_name",
    ):
        assert f"doc-4-{field}" in names
    assert names["doc-4-child_birth_date"]["type"] == "date"
    assert [c["value"] for c in names["doc-4-child_sex"]["choices"]] == ["Nam", "Nữ"]
    assert "personal" not in names["doc-4-child_name"]
    assert all(d["eform"] is None for d in documents[:3])


def test_the_e_form_values_are_stored_and_printed(client, birth):
    response = client.post(URL.format("1.001194"), person())
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get()
    assert not dossier.documents.filter(key="doc-4").exists()
    [eform] = dossier.eforms
    assert eform["form"] == "khai-sinh" and eform["key"] == "doc-4"
    values = {f["name"]: f["value"] for f in eform["fields"]}
    assert values["child_name"] == "Trần Minh Khang"
    assert values["child_birth_date"] == "2026-11-20"
    assert values["child_sex"] == "Nam"

    lookup = client.get(f"/api/v1/dossiers/{dossier.code}/").json()
    shown = {f["label"]: f["value"] for f in lookup["eforms"][0]["fields"]}
    assert shown["Họ, chữ đệm, tên người được khai sinh"] == "Trần M. K."
    assert shown["Ngày, tháng, năm sinh"] == "năm 2026"
    assert shown["Giới tính"] == "Nam"
    assert shown["Nơi sinh"] == "Bệnh viện Sản Nhi tỉnh Điện Biên"
    assert shown["Họ, chữ đệm, tên người mẹ"] == "Nguyễn T. M."
    text = (
        PdfReader(
            io.BytesIO(
                client.get(f"/api/v1/dossiers/{dossier.code}/receipt.pdf").content
            )
        )
        .pages[0]
        .extract_text()
    )
    for expected in (
        "Tờ khai đăng ký khai sinh (điện tử)",
        "Trần M. K.",
        "năm 2026",
        "Bệnh viện Sản Nhi tỉnh Điện Biên",
        "Kinh",
        "Việt Nam",
    ):
        assert expected in text, expected
    for private in ("Trần Minh Khang", "20/11/2026", "Nguyễn Thị Mai", "Trần Văn Hùng"):
        assert private not in text, private


def test_the_e_form_date_is_accepted_as_typed_by_hand(client, birth):
    response = client.post(
        URL.format("1.001194"), person(**{"doc-4-child_birth_date": "20/11/2026"})
    )
    assert response.status_code == 201, response.content
    values = {f["name"]: f["value"] for f in Dossier.objects.get().eforms[0]["fields"]}
    assert values["child_birth_date"] == "2026-11-20"


def test_e_form_mistakes_are_400_with_each_field_named(client, birth):
    response = client.post(
        URL.format("1.001194"),
        person(
            **{
                "doc-4-child_name": "",
                "doc-4-child_birth_date": "31/02/2026",
                "doc-4-child_sex": "Trai",
                "doc-4-child_nationality": None,
            }
        ),
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    errors = response.json()["errors"]
    assert errors["doc-4-child_name"] == [
        "Cần điền: Họ, chữ đệm, tên người được khai sinh."
    ]
    assert "ngày không hợp lệ" in errors["doc-4-child_birth_date"][0]
    assert "Nam" in errors["doc-4-child_sex"][0]
    assert "Quốc tịch" in errors["doc-4-child_nationality"][0]
    assert not Dossier.objects.exists()


def test_a_birth_date_in_the_future_is_refused(client, birth):
    response = client.post(
        URL.format("1.001194"), person(**{"doc-4-child_birth_date": "2099-01-01"})
    )
    assert response.status_code == 400
    assert "hôm nay" in response.json()["errors"]["doc-4-child_birth_date"][0]


def test_a_file_for_the_e_form_is_refused(client, birth):
    response = client.post(
        URL.format("1.001194"),
        person(doc_4=SimpleUploadedFile("x.pdf", pdf_bytes(), "application/pdf")),
    )
    assert response.status_code == 400
    assert "điền trực tuyến" in response.json()["errors"]["doc-4"][0]


def test_markup_in_the_e_form_is_stored_as_plain_text(client, birth):
    response = client.post(
        URL.format("1.001194"),
        person(**{"doc-4-child_birth_place": "<b>Trạm y tế</b><script>x</script>"}),
    )
    assert response.status_code == 201
    values = {f["name"]: f["value"] for f in Dossier.objects.get().eforms[0]["fields"]}
    assert values["child_birth_place"] == "Trạm y tế"


def test_the_officials_read_the_e_form_in_full(client, birth, official_client):
    code = client.post(URL.format("1.001194"), person()).json()["code"]
    html = handle_page(official_client, Dossier.objects.get(code=code))
    for expected in ("Trần Minh Khang", "20/11/2026", "Nguyễn Thị Mai", "Kinh"):
        assert expected in html


def test_checking_the_fields_stores_nothing_and_uses_no_allowance(
    client, birth, settings
):
    check = URL.format("1.001194") + "?check=fields"
    typed = {k: v for k, v in person().items() if k not in ("doc-1", "doc-2")}
    typed.pop("confirm")
    for _ in range(12):  # more than the filing allowance
        response = client.post(check, typed)
        assert response.status_code == 200, response.content
        assert response.json() == {"valid": True}
    wrong = client.post(check, {**typed, "enterprise_code": "0100233480"})
    assert wrong.status_code == 200  # a person: the code is not read
    wrong = client.post(
        check,
        {**typed, "applicant_kind": "organisation", "enterprise_code": "0100233480"},
    )
    assert wrong.status_code == 400
    assert "chữ số kiểm tra" in wrong.json()["errors"]["enterprise_code"][0]
    assert not Dossier.objects.exists()
    # The real filing still goes through.
    assert client.post(URL.format("1.001194"), person()).status_code == 201


def test_the_english_site_reads_the_enterprise_code_errors_in_english(client, pilot):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    wrong = client.post(
        URL.format("1.001193"), business(enterprise_code="0100233480"), **english
    )
    assert wrong.status_code == 400
    assert wrong.json()["errors"]["enterprise_code"] == [
        "The enterprise code is wrong: its last digit (the check digit) does not"
        " match. Check it against the enterprise registration certificate."
    ]
    short = client.post(
        URL.format("1.001193"),
        business(enterprise_code="010023348", organisation_name=""),
        **english,
    )
    errors = short.json()["errors"]
    assert errors["enterprise_code"][0].startswith("An enterprise code has 10 digits")
    assert errors["organisation_name"] == [
        "Fill in the name of the organisation or business."
    ]
    assert not Dossier.objects.exists()


def test_e_form_and_filing_mistakes_are_english_for_the_english_site(client, birth):
    """The messages' words in English (the e-form's labels are the form's own)."""
    response = client.post(
        URL.format("1.001194"),
        person(
            **{
                "doc-4-child_name": "",
                "doc-4-child_birth_date": "31/02/2026",
                "doc-4-child_sex": "Trai",
                "confirm": "false",
            }
        ),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "Invalid data"
    errors = body["errors"]
    assert errors["doc-4-child_name"] == [
        "Required: Họ, chữ đệm, tên người được khai sinh."
    ]
    assert errors["doc-4-child_birth_date"][0].endswith(
        ": invalid date (day/month/year)."
    )
    assert ": choose one of " in errors["doc-4-child_sex"][0]
    assert errors["confirm"] == ["Confirm the pledge before filing the dossier."]
    assert not Dossier.objects.exists()
