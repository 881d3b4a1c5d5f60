"""Online filing: the form of a pilot procedure and the multipart submission."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers.models import Dossier, DossierDocument, DossierEvent
from tests.feedback.conftest import jpeg_bytes, pdf_bytes, png_bytes

from .factories import online_procedure, procedure

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

PROBLEM = "application/problem+json"
URL = "/api/v1/online-filing/{}/"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path, fresh_throttle):
    settings.DOSSIER_PRIVATE_ROOT = tmp_path / "private"
    settings.FRONTEND_URL = "https://dichvucong.example.vn"


@pytest.fixture
def pilot(agency_a):
    return online_procedure(agency_a, code="1.001193", title="Đăng ký khai sinh")


def noisy_png(side: int = 100) -> bytes:
    """A PNG that does not compress: about 3 bytes per pixel."""
    import io
    import random

    from PIL import Image

    rng = random.Random(side)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def stored_files(settings) -> list:
    root = settings.DOSSIER_PRIVATE_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def form(**overrides) -> dict:
    data = {
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912 345 678",
        "applicant_email": "an.nguyen@example.com",
        "applicant_id_number": "012345678901",
        "applicant_address": "Thôn 3, xã Hòa An",
        "confirm": "true",
        "doc-1": SimpleUploadedFile("to-khai.pdf", pdf_bytes(), "application/pdf"),
        "doc-2": SimpleUploadedFile("chung-sinh.png", png_bytes(), "image/png"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def file_it(client, code="1.001193", key=None, **overrides):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(URL.format(code), form(**overrides), **headers)


def test_form_schema_lists_fields_and_documents(client, pilot, agency_a):
    response = client.get(URL.format("1.001193"))
    assert response.status_code == 200
    body = response.json()
    assert body["procedure"]["code"] == "1.001193"
    assert body["procedure"]["agency"] == {
        "id": agency_a.pk,
        "code": "H40.01",
        "name": "UBND xã Hòa An",
    }
    assert body["processing_time"] == {"amount": "3", "unit": "ngày làm việc"}
    fields = {f["name"]: f for f in body["applicant_fields"]}
    assert fields["applicant_email"]["required"] is True
    assert fields["confirm"]["type"] == "checkbox"
    assert fields["applicant_address"]["required"] is False
    documents = body["documents"]
    assert [(d["key"], d["required"]) for d in documents] == [
        ("doc-1", True),
        ("doc-2", True),
        ("doc-3", False),
    ]
    assert documents[0]["forms"] == [
        {"name": "Mẫu tờ khai đăng ký khai sinh", "url": None}
    ]
    assert documents[0]["accept"] == ["application/pdf", "image/jpeg", "image/png"]
    assert documents[0]["max_bytes"] == 5 * 1024 * 1024


def test_procedures_not_in_the_pilot_are_404(client, agency_a, pilot):
    closed = online_procedure(agency_a, online_filing=False, code="1.000001")
    draft = online_procedure(agency_a, code="1.000002")
    draft.unpublish()
    for code in (closed.code, draft.code, "0.000000"):
        assert client.get(URL.format(code)).status_code == 404
        response = file_it(client, code)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
        assert "trực tuyến" in response.json()["detail"]
    assert not Dossier.objects.exists()


def test_procedure_without_a_coded_agency_uses_the_online_desk(
    client, settings, agency_b
):
    lone = procedure(code="1.000003", online_filing=True)
    assert client.get(URL.format(lone.code)).status_code == 404
    settings.DOSSIER_ONLINE_AGENCY_CODE = agency_b.code
    response = client.get(URL.format(lone.code))
    assert response.json()["procedure"]["agency"]["code"] == "H40.02"


def test_filing_creates_an_online_dossier_with_its_files(client, pilot, settings):
    response = file_it(
        client,
        **{"doc-3": SimpleUploadedFile("uy-quyen.jpg", jpeg_bytes(), "image/jpeg")},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    code = body["code"]
    assert code.startswith("H40.01-")
    assert body["receipt_url"] == f"/api/v1/dossiers/{code}/receipt/"
    assert body["lookup_url"] == f"https://dichvucong.example.vn/ho-so/{code}"
    dossier = Dossier.objects.get(code=code)
    assert dossier.channel == "online"
    assert dossier.procedure == pilot
    assert dossier.applicant_email == "an.nguyen@example.com"
    assert dossier.applicant_address == "Thôn 3, xã Hòa An"
    assert str(dossier.promised_at) == body["promised_at"]
    assert dossier.promised_at > dossier.received_at.date()
    assert list(dossier.events.values_list("kind", flat=True)) == ["received"]
    documents = {d.key: d for d in DossierDocument.objects.filter(dossier=dossier)}
    assert {k: d.content_type for k, d in documents.items()} == {
        "doc-1": "application/pdf",
        "doc-2": "image/png",
        "doc-3": "image/jpeg",
    }
    assert documents["doc-2"].name == "Giấy chứng sinh"
    assert documents["doc-1"].file.read() == pdf_bytes()
    assert len(stored_files(settings)) == 3
    assert str(settings.MEDIA_ROOT) not in documents["doc-1"].file.path
    receipt = client.get(body["receipt_url"])
    assert receipt.status_code == 200
    assert receipt.json()["channel"] == "online"


def test_wrong_type_is_400_and_nothing_is_written(client, pilot, settings):
    exe = SimpleUploadedFile("chung-sinh.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    response = file_it(client, **{"doc-2": exe})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    errors = response.json()["errors"]
    assert list(errors) == ["doc-2"]
    assert "PDF, JPEG hoặc PNG" in errors["doc-2"][0]
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()
    assert stored_files(settings) == []


def test_too_big_files_are_refused(client, pilot, settings):
    settings.DOSSIER_MAX_FILE_BYTES = 20_000
    big = SimpleUploadedFile("to-khai.png", noisy_png(100), "image/png")
    response = file_it(client, **{"doc-1": big})
    assert response.status_code == 400
    assert "vượt quá" in response.json()["errors"]["doc-1"][0]
    settings.DOSSIER_MAX_FILE_BYTES = 5 * 1024 * 1024
    settings.DOSSIER_MAX_TOTAL_BYTES = 2 * len(noisy_png(100)) - 1
    response = file_it(
        client,
        **{
            "doc-1": SimpleUploadedFile("a.png", noisy_png(100), "image/png"),
            "doc-2": SimpleUploadedFile("b.png", noisy_png(100), "image/png"),
        },
    )
    assert response.status_code == 400
    assert "Tổng dung lượng" in response.json()["errors"]["documents"][0]
    assert not Dossier.objects.exists()
    assert stored_files(settings) == []


def test_missing_document_confirm_and_fields_are_reported_together(client, pilot):
    response = file_it(
        client,
        **{
            "doc-2": None,
            "confirm": None,
            "applicant_email": "",
            "applicant_id_number": "12",
            "doc-9": SimpleUploadedFile("x.pdf", pdf_bytes(), "application/pdf"),
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {
        "doc-2",
        "doc-9",
        "confirm",
        "applicant_email",
        "applicant_id_number",
    }
    assert errors["doc-2"] == ["Cần nộp: Giấy chứng sinh"]
    # An unticked checkbox is absent from a form post: refused the same way.
    assert errors["confirm"] == ["Cần xác nhận cam đoan trước khi nộp hồ sơ."]
    refused = file_it(client, confirm="false")
    assert refused.json()["errors"]["confirm"] == [
        "Cần xác nhận cam đoan trước khi nộp hồ sơ."
    ]
    assert not Dossier.objects.exists()


def test_idempotency_key_replays_and_conflicts(client, pilot, settings):
    first = file_it(client, key="filing-1")
    again = file_it(client, key="filing-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Dossier.objects.count() == 1
    assert len(stored_files(settings)) == 2
    other = file_it(client, key="filing-1", applicant_name="Trần Thị Bình")
    assert other.status_code == 409
    assert other["Content-Type"] == PROBLEM
    assert Dossier.objects.count() == 1


def test_failure_after_files_were_written_leaves_nothing(
    client, pilot, settings, monkeypatch
):
    from dossiers import filing

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(filing, "_flat", _flat_then(filing._flat, broken))
    with pytest.raises(RuntimeError):
        file_it(client)
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()
    assert stored_files(settings) == []


def _flat_then(original, fail):
    """Yield the first file, then fail: the first file is on disk by then."""

    def flat(files):
        iterator = original(files)
        yield next(iterator)
        fail()

    return flat


def test_filing_is_rate_limited(client, pilot, settings):
    settings.DOSSIER_FILING_RATE = "1/hour"
    assert file_it(client, key="a").status_code == 201
    limited = file_it(client, key="b")
    assert limited.status_code == 429
    assert limited["Content-Type"] == PROBLEM
    assert file_it(client, key="a").status_code == 200  # a retry is answered


def test_pilot_promotion_procedures_import_open_and_file(client, settings, agency_b):
    from catalogue.importer import ProcedureImporter, iter_records
    from catalogue.models import ProcedurePage

    extra = settings.BASE_DIR / "catalogue" / "fixtures" / "procedures-extra.jsonl"
    ProcedureImporter().run(iter_records(str(extra)))
    pages = ProcedurePage.objects.filter(code__in=["BCT.KM.01", "2.000004"])
    assert {p.code: p.online_filing for p in pages} == {
        "BCT.KM.01": True,
        "2.000004": True,
    }
    # "Sở Công Thương" has no agency code yet: the province's online desk takes it.
    settings.DOSSIER_ONLINE_AGENCY_CODE = agency_b.code
    registration = client.get(URL.format("2.000004")).json()
    assert registration["processing_time"] == {"amount": "5", "unit": "ngày làm việc"}
    # The four documents of the published procedure, none of them conditional.
    assert [(d["name"][:24], d["required"]) for d in registration["documents"]] == [
        ("Đăng ký thực hiện chương", True),
        ("Thể lệ chương trình khuy", True),
        ("Mẫu bằng chứng xác định ", True),
        ("Bản sao không cần chứng ", True),
    ]
    notice = client.get(URL.format("BCT.KM.01")).json()
    assert notice["processing_time"] is None
    response = client.post(
        URL.format("BCT.KM.01"),
        form(**{"doc-2": None, "doc-1": SimpleUploadedFile("tb.pdf", pdf_bytes())}),
    )
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert dossier.agency == agency_b
    # No legal deadline: the receipt is confirmed within one working day.
    from core.workdays import default_calendar

    assert dossier.promised_at == default_calendar().add_working_days(
        timezone.localdate(dossier.received_at), 1
    )


@pytest.mark.parametrize(
    ("name", "required"),
    [
        ("Giấy chứng sinh", True),
        (
            "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản "
            "của người làm chứng xác nhận về việc sinh; nếu không có người làm "
            "chứng thì phải có giấy cam đoan về việc sinh.",
            True,
        ),
        ("Tờ khai đăng ký khai sinh", True),
        (
            "Tờ khai đăng ký khai sinh (nếu người yêu cầu nộp hồ sơ theo hình thức "
            "trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)",
            False,
        ),
        ("Trường hợp trẻ em bị bỏ rơi: biên bản xác nhận", False),
        ("Văn bản ủy quyền (nếu có)", False),
    ],
)
def test_documents_needed_only_in_some_cases_are_not_required_online(name, required):
    from dossiers.filing import _is_conditional

    assert _is_conditional("", name, 1, 0) is not required
