"""Text at the input edge, through the real API: what a person sends, what is stored.

Inputs are generated the ways they reach the portal: names typed with input
methods that emit NFD, names pasted with a zero-width joiner or space inside,
text spoofed with a right-to-left override, titles with control characters
from a copy out of a terminal or a PDF, and values made of nothing but such
characters. Each is posted as JSON, as a urlencoded form and as multipart (the
frontend's form action), and the test reads what the database holds.
"""

from __future__ import annotations

import json
import random
import unicodedata
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from feedback.models import Petition, PetitionAttachment
from tests.feedback.conftest import png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/petitions/"

NAMES = [
    "Trần Thị Bích Ngọc",
    "Nguyễn Văn Hưởng",
    "Lê Hoàng Yến",
    "Phạm Đức Thắng",
    "Hoàng Thị Ánh Tuyết",
    "Vũ Quốc Khánh",
    "Đặng Thùy Dương",
    "Bùi Ngọc Ẩn",
    "Đỗ Mỹ Hạnh",
    "Ngô Thị Xuân Phượng",
]
TITLES = [
    "Đề nghị kéo dài giờ tiếp nhận hồ sơ",
    "Phản ánh thái độ cán bộ một cửa",
    "Hồ sơ cấp đổi giấy phép lái xe bị chậm",
    "Kiến nghị bổ sung quầy hướng dẫn",
]
BODY = (
    "Tôi nộp hồ sơ đăng ký khai sinh ngày 3/11 nhưng đến nay chưa có kết quả.\n"
    "Đề nghị cơ quan kiểm tra và trả lời."
)

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067"]
BIDI += ["\u2068", "\u2069"]
CONTROLS = ["\x00", "\x07", "\x08", "\x1b", "\x1f", "\x7f", "\x85", "\x9b"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def insert_at_random(rng: random.Random, text: str, chars: list[str], n: int) -> str:
    out = list(text)
    for _ in range(n):
        out.insert(rng.randrange(1, len(out)), rng.choice(chars))
    return "".join(out)


def generated_cases(seed: int = 20261203) -> list[tuple[str, dict, dict]]:
    """(label, what is sent, what must be stored), as people and attackers send it."""
    rng = random.Random(seed)
    cases = []
    for name in NAMES:
        title = rng.choice(TITLES)
        cases.append(
            (
                "NFD name and title",
                {"name": nfd(name), "title": nfd(title), "body": nfd(BODY)},
                {"name": name, "title": title, "body": BODY},
            )
        )
        cases.append(
            (
                "zero-width inside the name",
                {"name": insert_at_random(rng, nfd(name), ZERO_WIDTH, 3)},
                {"name": name},
            )
        )
        cases.append(
            (
                "RLO-spoofed title and name",
                {
                    "name": "\u202e" + name + "\u202c",
                    "title": rng.choice(BIDI) + title + "\u2069",
                },
                {"name": name, "title": title},
            )
        )
        cases.append(
            (
                "control characters in the title",
                {"title": insert_at_random(rng, title, CONTROLS, 4)},
                {"title": title},
            )
        )
        cases.append(
            (
                "line breaks in a title, kept in the body",
                {
                    "title": title.replace(" ", "\r\n", 1),
                    "body": BODY.replace("\n", "\r\n") + "\t(xem\u00a0tệp)",
                },
                {"title": title, "body": BODY + "\t(xem\u00a0tệp)"},
            )
        )
    return cases


CASES = generated_cases()


def payload(**overrides) -> dict:
    data = {
        "kind": "suggestion",
        "title": "Đề nghị kéo dài giờ tiếp nhận hồ sơ",
        "body": BODY,
        "name": "Trần Thị Bình",
        "phone": "0912 345 678",
        "email": "binh@example.com",
        "consent_publish": "true",
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _api(settings, fresh_cache):
    settings.FEEDBACK_RATE_PER_IP = "100000/hour"
    settings.FEEDBACK_RATE_PER_PHONE = "100000/day"
    with mock.patch("feedback.services.submission.queue_intake"):
        yield


def send(client, encoding: str, data: dict):
    if encoding == "json":
        return client.post(URL, json.dumps(data), content_type="application/json")
    if encoding == "form":
        from urllib.parse import urlencode

        return client.post(
            URL, urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    return client.post(URL, data)  # multipart, as the frontend's action sends it


@pytest.mark.parametrize("encoding", ["json", "form", "multipart"])
def test_generated_inputs_are_stored_nfc_and_without_invisible_characters(
    client, encoding
):
    assert len(CASES) >= 50
    wrong = []
    for label, sent, expected in CASES:
        response = send(client, encoding, payload(**sent))
        assert response.status_code == 202, (label, sent, response.content)
        stored = Petition.objects.latest("pk")
        for field, value in expected.items():
            if getattr(stored, field) != value:
                wrong.append((label, field, ascii(getattr(stored, field)), value))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("encoding", ["json", "form", "multipart"])
@pytest.mark.parametrize(
    "value", ["\u200b\u200d", "\u202e", "\x00\x1b", " \ufeff ", "\u2066\u2069"]
)
def test_a_name_of_nothing_but_invisible_characters_is_refused_naming_the_field(
    client, encoding, value
):
    response = send(client, encoding, payload(name=value))

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    message = response.json()["errors"]["name"][0]
    assert "“name”" in message and "ký tự vô hình" in message
    assert Petition.objects.count() == 0


def test_an_empty_name_is_still_the_usual_required_error(client):
    response = send(client, "json", payload(name="   "))
    assert response.status_code == 400
    assert "ký tự vô hình" not in response.json()["errors"]["name"][0]


def test_the_phone_typed_with_invisible_characters_is_read_as_typed(client):
    response = send(client, "json", payload(phone="0912\u200b345\u202e678"))
    assert response.status_code == 202, response.content
    assert Petition.objects.get().phone_normalised == "0912345678"


def test_an_attachment_name_spoofed_with_an_override_is_stored_as_it_reads(client):
    upload = SimpleUploadedFile("don\u202egnp.exe.png", png_bytes(), "image/png")
    response = client.post(URL, {**payload(), "attachments": [upload]})

    assert response.status_code == 202, response.content
    assert PetitionAttachment.objects.get().original_name == "dongnp.exe.png"


def test_query_strings_are_cleaned_before_the_view_reads_them(client):
    # "2025" with a zero-width space and a BOM would be an invalid period.
    response = client.get(URL, {"period": "20\u200b25\ufeff"})
    assert response.status_code == 200, response.content


def test_a_query_value_of_nothing_but_invisible_characters_is_refused(client):
    response = client.get(URL, {"procedure": "\u200b\u200b"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "“procedure”" in response.json()["errors"]["procedure"][0]
