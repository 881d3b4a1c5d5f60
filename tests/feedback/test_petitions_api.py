"""The petitions API: submission, attachments, idempotency, limits, reading."""

from __future__ import annotations

import json
import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from catalogue.models import ProcedureAgency
from feedback import services
from feedback.models import Petition, PetitionAttachment, PetitionStatus, Screening
from feedback.services import submission as submission_module
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory
from tests.feedback.conftest import jpeg_bytes, pdf_bytes, png_bytes
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/petitions/"
CODE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$")


@pytest.fixture(autouse=True)
def _no_broker_needed(fresh_cache):
    """Submission tests check what the API stores; the worker is tested apart."""
    with mock.patch("feedback.services.submission.queue_intake") as queue:
        yield queue


def payload(**overrides) -> dict:
    data = {
        "kind": "suggestion",
        "title": "Đề nghị kéo dài giờ tiếp nhận hồ sơ",
        "body": "Bộ phận một cửa nên làm việc thêm sáng thứ bảy cho người đi làm.",
        "name": "Trần Thị Bình",
        "phone": "0912 345 678",
        "email": "binh@example.com",
        "consent_publish": True,
    }
    data.update(overrides)
    return data


def post_json(client, data, **headers):
    return client.post(
        URL, json.dumps(data), content_type="application/json", headers=headers
    )


def test_submit_returns_202_with_tracking_code_and_deadlines(
    client, _no_broker_needed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, payload())

    assert response.status_code == 202, response.content
    body = response.json()
    assert CODE.match(body["tracking_code"])
    assert not set("01258BIOLSZ") & set(body["tracking_code"].replace("-", ""))
    assert body["status"] == "received"
    names = [d["name"] for d in body["deadlines"]]
    assert names == ["acceptance", "answer"]
    assert body["deadlines"][0]["working_days_left"] == 2
    petition = Petition.objects.get()
    assert petition.phone_normalised == "0912345678"
    assert petition.events.filter(action="submitted").exists()
    _no_broker_needed.assert_called_once_with(petition.pk)


def test_no_private_data_in_any_response(client):
    body = post_json(client, payload()).content.decode()
    for secret in ("0912", "binh@example.com", "Trần Thị Bình"):
        assert secret not in body


def test_validation_errors_are_vietnamese_problem_json(client):
    response = post_json(
        client, {"kind": "xyz", "title": "a", "phone": "12ab", "email": "x@"}
    )

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert set(errors) >= {"kind", "title", "body", "name", "phone", "email"}
    assert "bắt buộc" in errors["body"][0]
    assert "Số điện thoại" in errors["phone"][0]
    assert Petition.objects.count() == 0


def test_procedure_petition_needs_procedure_or_agency(client):
    response = post_json(client, payload(kind="procedure"))
    assert response.status_code == 400
    assert "procedure" in response.json()["errors"]


def test_markup_is_stripped(client):
    post_json(
        client,
        payload(body="<script>alert(1)</script><b>Nội dung</b> đủ dài để gửi đi."),
    )
    assert Petition.objects.get().body == "Nội dung đủ dài để gửi đi."


def test_attachments_are_checked_by_content_and_stored_privately(client, settings):
    files = [
        SimpleUploadedFile("anh.png", png_bytes(), "image/png"),
        SimpleUploadedFile("scan.jpg", jpeg_bytes(), "image/jpeg"),
        SimpleUploadedFile("don.pdf", pdf_bytes(), "application/pdf"),
    ]
    response = client.post(URL, {**payload(), "attachments": files})

    assert response.status_code == 202, response.content
    stored = PetitionAttachment.objects.order_by("pk")
    assert [a.content_type for a in stored] == [
        "image/png",
        "image/jpeg",
        "application/pdf",
    ]
    for attachment in stored:
        path = attachment.file.path
        assert path.startswith(str(settings.FEEDBACK_PRIVATE_ROOT))
        assert not path.startswith(str(settings.MEDIA_ROOT))
        with pytest.raises(ValueError):
            attachment.file.url  # noqa: B018 - no public URL exists


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.png", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows executable
        ("ghi-chu.pdf", b"chi la van ban thuong " * 20),  # text named .pdf
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 50),  # fake PNG header
        ("trang.html", b"<html><body>hi</body></html>"),
        ("cat.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n"),  # truncated, no %%EOF
    ],
)
def test_disguised_attachments_are_refused_and_nothing_is_stored(
    client, settings, name, content
):
    files = [
        SimpleUploadedFile("ok.png", png_bytes(), "image/png"),
        SimpleUploadedFile(name, content, "image/png"),
    ]
    response = client.post(URL, {**payload(), "attachments": files})

    assert response.status_code == 400
    assert "attachments" in response.json()["errors"]
    assert Petition.objects.count() == 0
    assert PetitionAttachment.objects.count() == 0
    root = settings.FEEDBACK_PRIVATE_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_oversized_and_too_many_attachments_are_refused(client, settings):
    settings.FEEDBACK_MAX_ATTACHMENT_BYTES = 1024
    big = SimpleUploadedFile("big.png", png_bytes((400, 400)), "image/png")
    response = client.post(URL, {**payload(), "attachments": [big]})
    assert response.status_code == 400
    assert "MB" in json.dumps(response.json(), ensure_ascii=False)

    settings.FEEDBACK_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
    four = [SimpleUploadedFile(f"{i}.png", png_bytes(), "image/png") for i in range(4)]
    response = client.post(URL, {**payload(), "attachments": four})
    assert response.status_code == 400
    assert "Tối đa 3" in response.json()["errors"]["attachments"][0]
    assert Petition.objects.count() == 0


def test_idempotency_key_returns_the_same_petition(client):
    first = post_json(client, payload(), **{"Idempotency-Key": "k-123"})
    second = post_json(client, payload(), **{"Idempotency-Key": "k-123"})

    assert first.status_code == second.status_code == 202
    assert first.json()["tracking_code"] == second.json()["tracking_code"]
    assert second["Idempotent-Replayed"] == "true"
    assert Petition.objects.count() == 1


def test_idempotency_key_reused_for_other_content_is_a_conflict(client):
    post_json(client, payload(), **{"Idempotency-Key": "k-9"})
    response = post_json(
        client, payload(title="Một kiến nghị khác hẳn"), **{"Idempotency-Key": "k-9"}
    )
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert Petition.objects.count() == 1


def test_concurrent_retry_race_returns_existing(client):
    """The unique key settles a race that the first look-up missed."""
    first = post_json(client, payload(), **{"Idempotency-Key": "race"})
    stored = Petition.objects.get()
    real = submission_module._existing_for_key
    calls = []

    def missed_first(key, fingerprint):
        calls.append(key)
        return None if len(calls) == 1 else real(key, fingerprint)

    data = {k: v for k, v in payload().items() if k != "consent_publish"}
    data["consent_publish"] = True
    with mock.patch.object(submission_module, "_existing_for_key", missed_first):
        submission = services.submit_petition(
            data=data, files=[], client_address="10.0.0.1", idempotency_key="race"
        )

    assert first.status_code == 202
    assert len(calls) == 2
    assert not submission.created
    assert submission.petition.pk == stored.pk
    assert Petition.objects.count() == 1


def test_rate_limit_per_ip_answers_429_with_retry_after(client, settings):
    settings.FEEDBACK_RATE_PER_IP = "3/hour"
    statuses = [
        post_json(client, payload(phone=f"091234567{i}")).status_code for i in range(4)
    ]
    assert statuses == [202, 202, 202, 429]
    response = post_json(client, payload(phone="0987654321"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("application/problem+json")
    assert "quá nhiều" in response.json()["detail"]
    assert Petition.objects.count() == 3


def test_rate_limit_per_phone(client, settings):
    settings.FEEDBACK_RATE_PER_PHONE = "2/day"
    statuses = [
        client.post(
            URL,
            json.dumps(payload(phone=phone)),
            content_type="application/json",
            REMOTE_ADDR=ip,
        ).status_code
        for ip, phone in [
            ("10.1.0.1", "0912.345.678"),
            ("10.1.0.2", "+84 912 345 678"),
            ("10.1.0.3", "0912345678"),
        ]
    ]
    assert statuses == [202, 202, 429]


def test_retry_of_a_stored_petition_is_never_throttled(client, settings):
    settings.FEEDBACK_RATE_PER_IP = "1/hour"
    first = post_json(client, payload(), **{"Idempotency-Key": "again"})
    retry = post_json(client, payload(), **{"Idempotency-Key": "again"})
    assert (first.status_code, retry.status_code) == (202, 202)


def test_broker_down_at_submission_still_stores_and_sweep_finds_it(
    client, _no_broker_needed, django_capture_on_commit_callbacks
):
    _no_broker_needed.side_effect = BrokerError("connection refused")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, payload())

    assert response.status_code == 202
    assert _no_broker_needed.call_count == 1
    petition = Petition.objects.get()
    Petition.objects.filter(pk=petition.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(minutes=10)
    )
    assert list(services.unprocessed(timezone.timedelta(minutes=2))) == [petition]


def test_status_by_tracking_code_is_forgiving_about_case_and_dashes(client):
    petition = PetitionFactory(title="Bị hẹn lại nhiều lần", public_title="Bị hẹn lại")
    typed = petition.tracking_code.replace("-", " ").lower()

    response = client.get(f"{URL}{typed.replace(' ', '')}/")

    assert response.status_code == 200
    body = response.json()
    assert body["tracking_code"] == petition.tracking_code
    assert body["title"] == "Bị hẹn lại"
    assert body["answer"] is None
    assert "phone" not in body and "email" not in body and "name" not in body


def test_unknown_tracking_code_is_404_problem(client):
    response = client.get(f"{URL}AAAA-AAAA-AAAA/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def published(**kwargs) -> Petition:
    fields = {
        "status": PetitionStatus.PUBLISHED,
        "screening": Screening.CLEAN,
        "public_title": "Tiêu đề đã che",
        "public_body": "Nội dung đã che [số điện thoại đã ẩn]",
        "answer": "Trả lời gửi ông Nguyễn Văn An",
        "public_answer": "Trả lời gửi ông [họ tên đã ẩn]",
        "answered_at": timezone.now(),
        "published_at": timezone.now(),
        "masked_at": timezone.now(),
    }
    return PetitionFactory(**{**fields, **kwargs})


def test_public_list_shows_only_published_consented_masked(client):
    shown = published()
    published(consent_publish=False)
    published(screening=Screening.HELD)
    PetitionFactory(status=PetitionStatus.ANSWERED)

    response = client.get(URL)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["tracking_code"] for r in results] == [shown.tracking_code]
    assert results[0]["answer"] == "Trả lời gửi ông [họ tên đã ẩn]"
    text = response.content.decode()
    for secret in ("Nguyễn Văn An", "an@example.com", shown.phone):
        assert secret not in text


def test_public_list_filters(client):
    agency = AgencyFactory(code="000.00.01.H01")
    procedure = ProcedurePageFactory(code="1.001193", title="Đăng ký khai sinh")
    a = published(agency=agency, procedure=procedure)
    b = published()
    Petition.objects.filter(pk=b.pk).update(
        published_at=timezone.make_aware(timezone.datetime(2024, 3, 5))
    )

    def codes(query):
        return {
            r["tracking_code"] for r in client.get(f"{URL}?{query}").json()["results"]
        }

    assert codes(f"agency={agency.pk}") == {a.tracking_code}
    assert codes("agency=000.00.01.H01") == {a.tracking_code}
    assert codes("procedure=1.001193") == {a.tracking_code}
    assert codes("period=2024-03") == {b.tracking_code}
    assert codes("period=2024-Q1") == {b.tracking_code}
    assert client.get(f"{URL}?period=tháng-3").status_code == 400


def test_reader_can_like_or_dislike_once(client):
    petition = published()
    url = f"{URL}{petition.tracking_code}/reactions/"

    first = client.post(url, {"value": "like"}, content_type="application/json")
    reader = first.json()["reader"]
    again = client.post(
        url, {"value": "dislike", "reader": reader}, content_type="application/json"
    )
    other = client.post(url, {"value": "dislike"}, content_type="application/json")

    assert first.status_code == 201
    assert first.json() == {"likes": 1, "dislikes": 0, "reader": reader}
    assert again.status_code == 409
    assert other.status_code == 201
    assert other.json()["reader"] != reader
    assert (other.json()["likes"], other.json()["dislikes"]) == (1, 1)


def test_unpublished_answer_cannot_be_rated(client):
    petition = PetitionFactory()
    response = client.post(
        f"{URL}{petition.tracking_code}/reactions/",
        {"value": "like"},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_routing_uses_procedure_agency(client):
    agency = AgencyFactory()
    procedure = ProcedurePageFactory()
    ProcedureAgency.objects.create(page=procedure, agency=agency, role="implementing")
    response = post_json(client, payload(kind="procedure", procedure=procedure.code))
    assert response.status_code == 202
    petition = Petition.objects.get()
    assert services.responsible_agency(petition).agency == agency
    assert petition.agency == agency
