"""No public endpoint returns a personal value the citizen typed (issue 12).

Through the real API on PostgreSQL: petitions and dossiers are submitted with
the variants of the personal-data corpus (``tests/core/pii-corpus/``) and the
citizen's own details written again in other forms, taken through intake,
answer, rejection and publication by the services the officials' screens
call, and then every public endpoint is read: the petitions list, the
tracking page, the dossier lookup, its receipt and the receipt's PDF. A value
counts as returned when it can still be read after folding case and
diacritics and stripping separators (``tests.core.pii_eval``), so a leak in
another format fails too.
"""

from __future__ import annotations

import io
import json
import re
from itertools import cycle
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from feedback import services as feedback
from feedback.models import Petition, PetitionStatus
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory
from tests.core import pii_eval
from tests.dossiers.factories import token_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

PETITIONS = 12
DOSSIERS = 6
# A line the public must still read in an answer (an agency's hotline).
HOTLINE = "Đường dây nóng của Sở Tư pháp tỉnh Điện Biên: 0215.3826.456."


@pytest.fixture(autouse=True)
def limits(settings):
    """Many submissions from one test client: raise the abuse limits."""
    settings.FEEDBACK_RATE_PER_IP = "10000/hour"
    settings.FEEDBACK_RATE_PER_PHONE = "10000/day"
    settings.FEEDBACK_SCREEN_PER_IP_PER_HOUR = 10000
    settings.FEEDBACK_SCREEN_PER_PHONE_PER_DAY = 10000
    settings.DOSSIER_LOOKUP_RATE = "10000/min"
    settings.FEEDBACK_SMS_BACKEND = "feedback.sms.MemorySmsSender"
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def official(db):
    return get_user_model().objects.create_superuser("lead", "lead@example.com", "pw")


def corpus() -> tuple[list[dict], list[dict]]:
    items = [i for i in pii_eval.load_corpus() if i["kind"] == "personal"]
    named = [i for i in items if i["names"]]
    others = [i for i in items if not i["names"]]
    return named, others


def regroup(phone: str) -> str:
    """The same number as the citizen writes it again elsewhere."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("84"):
        digits = "0" + digits[2:]
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def strings(value) -> list[str]:
    """Every string in a decoded JSON document (keys too)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def exposed(secret: str, text: str, names: list[str]) -> bool:
    """Whether ``secret`` can be read in ``text`` in any form."""
    if pii_eval.is_name(secret, names):
        return pii_eval.name_leaked(secret, text, names)
    if pii_eval.survived(secret, text):
        return True
    wanted = pii_eval.digits(secret)
    return len(wanted) >= 6 and any(
        wanted in pii_eval.digits(run) for run in pii_eval._DIGIT_RUN.findall(text)
    )


def assert_nothing_exposed(documents: dict[str, str], secrets: list[tuple]) -> None:
    found = [
        (where, secret)
        for where, text in documents.items()
        for secret, names in secrets
        if exposed(secret, text, names)
    ]
    assert not found, "\n".join(f"{where}: {secret!r}" for where, secret in found)


def submit_petition(client, index: int, named: dict, others: list[dict]) -> dict:
    name = named["names"][-1]
    phone = f"+84 9{index % 10}1 {index:03d} 4{index % 10}7"
    email = f"cong.dan{index}@gmail.com"
    body = " ".join(
        [
            named["text"],
            *(item["text"] for item in others),
            f"Số của tôi: {regroup(phone)}, thư {email.upper()}.",
        ]
    )
    response = client.post(
        "/api/v1/petitions/",
        json.dumps(
            {
                "kind": "suggestion",
                "title": f"Phản ánh của {name.strip()} - {regroup(phone)}",
                "body": body,
                "name": name,
                "phone": phone,
                "email": email,
                "consent_publish": True,
            }
        ),
        content_type="application/json",
        REMOTE_ADDR=f"10.1.0.{index + 1}",
    )
    assert response.status_code == 202, response.content
    secrets = [(s, item["names"]) for item in (named, *others) for s in item["secrets"]]
    secrets += [(name.strip(), [name]), (phone, []), (email, [])]
    return {
        "code": response.json()["tracking_code"],
        "name": name,
        "phone": phone,
        "secrets": secrets,
    }


def test_petitions_list_and_tracking_pages_show_no_personal_data(client, official):
    named, others = corpus()
    rest = cycle(others)
    AgencyFactory(code="H12.22", name="UBND xã Mường Phăng")
    submitted = []
    with mock.patch("feedback.services.submission.queue_intake"):
        for index in range(PETITIONS):
            extra = [next(rest) for _ in range(4)]
            submitted.append(submit_petition(client, index, named[index * 7], extra))

    for index, sent in enumerate(submitted):
        petition = Petition.objects.get(tracking_code=sent["code"])
        assert feedback.run_intake(petition.pk)
        if index == PETITIONS - 1:
            feedback.reject(
                petition.pk,
                official,
                f"Ông/bà {sent['name']} ({regroup(sent['phone'])}) gửi trùng nội dung.",
            )
            continue
        feedback.accept(petition.pk, official)
        feedback.write_answer(
            petition.pk,
            official,
            f"Kính gửi ông/bà {pii_eval.fold(sent['name']).title()}: hồ sơ đã được "
            f"giải quyết; cán bộ sẽ gọi số {regroup(sent['phone'])}. {HOTLINE}",
        )
        feedback.publish(petition.pk, official)

    published = Petition.objects.filter(status=PetitionStatus.PUBLISHED).count()
    assert published == PETITIONS - 1
    documents: dict[str, str] = {}
    url = "/api/v1/petitions/?page_size=100"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.json()
        documents[url] = "\n".join(strings(page))
        url = page.get("next") if isinstance(page, dict) else None
    listed = "\n".join(documents.values())
    for sent in submitted[:-1]:
        assert sent["code"] in listed  # the list is what is being checked
    assert listed.count("0215.3826.456") == PETITIONS - 1  # the hotline stays
    for sent in submitted:
        response = client.get(f"/api/v1/petitions/{sent['code']}/")
        assert response.status_code == 200
        documents[sent["code"]] = "\n".join(strings(response.json()))
    rejected = client.get(f"/api/v1/petitions/{submitted[-1]['code']}/").json()
    assert "gửi trùng nội dung" in rejected["reject_reason"]
    # The same petitions through Open311 GeoReport v2 (open311/).
    for fmt in ("json", "xml"):
        response = client.get(f"/open311/v2/requests.{fmt}")
        assert response.status_code == 200
        documents[f"open311 list {fmt}"] = response.content.decode()
    assert documents["open311 list json"].count("service_request_id") == (PETITIONS - 1)
    for sent in submitted:
        response = client.get(f"/open311/v2/requests/{sent['code']}.json")
        assert response.status_code == 200
        documents[f"open311 {sent['code']}"] = "\n".join(strings(response.json()))

    assert_nothing_exposed(
        documents, [secret for sent in submitted for secret in sent["secrets"]]
    )


def test_dossier_lookup_receipt_and_pdf_show_no_personal_data(client):
    named, others = corpus()
    rest = cycle(others)
    agency = AgencyFactory(code="H40.01", name="UBND xã Mường Phăng")
    ProcedurePageFactory(code="1.001193", title="Đăng ký khai sinh")
    token = token_for(agency)
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    documents: dict[str, str] = {}
    secrets: list[tuple] = []
    for index in range(DOSSIERS):
        item = named[index * 11 + 3]
        name = item["names"][-1]
        phone = f"+84 98{index} 123 45{index}"
        id_number = f"00109901{index:04d}"
        address = f"số {index + 12} ngõ {index + 40} phố Kim Mã, phường Ngọc Hà"
        response = client.post(
            "/api/v1/dossiers/",
            json.dumps(
                {
                    "procedure": "1.001193",
                    "applicant_name": name,
                    "applicant_phone": phone,
                    "applicant_email": f"nguoi.nop{index}@example.com",
                    "applicant_id_number": id_number,
                    "applicant_address": address,
                    "received_at": "2026-04-06T09:00:00+07:00",
                    "promised_at": "2026-04-20",
                }
            ),
            content_type="application/json",
            **auth,
        )
        assert response.status_code == 201, response.content
        code = response.json()["code"]
        extra = [next(rest) for _ in range(3)]
        notes = [
            f"Đã gọi {pii_eval.fold(name).upper()} theo số {regroup(phone)}. "
            + item["text"],
            f"Thiếu bản sao CCCD {id_number[:3]} {id_number[3:6]} {id_number[6:9]} "
            f"{id_number[9:]}; gửi về {address.split(',')[0]}. " + extra[0]["text"],
            f"Đã nhận bổ sung. {extra[1]['text']} "
            "Thủ tục 1.001193, lệ phí 50.000 đồng.",
            extra[2]["text"],
        ]
        kinds = ["supplement_requested", "supplement_received", "handling", "resolved"]
        for number, (kind, note) in enumerate(zip(kinds, notes, strict=True)):
            event = client.post(
                f"/api/v1/dossiers/{code}/events/",
                json.dumps(
                    {
                        "event_id": f"desk-{index}-{number}",
                        "kind": kind,
                        "occurred_at": f"2026-04-{7 + number:02d}T10:00:00+07:00",
                        "note": note,
                    }
                ),
                content_type="application/json",
                **auth,
            )
            assert event.status_code == 201, event.content
        lookup = client.get(f"/api/v1/dossiers/{code}/")
        assert lookup.status_code == 200
        body = lookup.json()
        assert len(body["history"]) == 5
        assert "1.001193" in body["history"][3]["note"]  # notes are shown, masked
        assert "50.000 đồng" in body["history"][3]["note"]
        documents[f"{code} lookup"] = "\n".join(strings(body))
        receipt = client.get(f"/api/v1/dossiers/{code}/receipt/")
        assert receipt.status_code == 200
        documents[f"{code} receipt"] = "\n".join(strings(receipt.json()))
        pdf = client.get(f"/api/v1/dossiers/{code}/receipt.pdf")
        assert pdf.status_code == 200
        reader = PdfReader(io.BytesIO(pdf.content))
        documents[f"{code} pdf"] = "\n".join(p.extract_text() for p in reader.pages)
        secrets += [(s, i["names"]) for i in (item, *extra) for s in i["secrets"]]
        secrets += [
            (name.strip(), [name]),
            (phone, []),
            (id_number, []),
            (f"nguoi.nop{index}@example.com", []),
            (address.split(",")[0], []),
            (f"ngõ {index + 40}", []),
        ]
    assert_nothing_exposed(documents, secrets)
