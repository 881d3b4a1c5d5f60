"""What the API tells people: waits in words, in the language they asked for."""

from __future__ import annotations

import json
import re
from unittest import mock

import pytest

from core.api import wait_in_words
from feedback.models import Petition

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/petitions/"


@pytest.fixture(autouse=True)
def _no_broker_needed(fresh_cache):
    with mock.patch("feedback.services.submission.queue_intake"):
        yield


def payload(**overrides) -> dict:
    return {
        "kind": "suggestion",
        "title": "Đề nghị kéo dài giờ tiếp nhận hồ sơ",
        "body": "Bộ phận một cửa nên làm việc thêm sáng thứ bảy cho người đi làm.",
        "name": "Trần Thị Bình",
        "phone": "0912 345 678",
        **overrides,
    }


def post(client, data, language=None):
    headers = {"Accept-Language": language} if language else {}
    return client.post(
        URL, json.dumps(data), content_type="application/json", headers=headers
    )


@pytest.mark.parametrize(
    ("seconds", "vi", "en"),
    [
        (85186, "khoảng 23 giờ 40 phút", "about 23 hours 40 minutes"),
        (300, "khoảng 5 phút", "about 5 minutes"),
        (241, "khoảng 5 phút", "about 5 minutes"),
        (61, "khoảng 2 phút", "about 2 minutes"),
        (45, "khoảng 45 giây", "about 45 seconds"),
        (3600, "khoảng 1 giờ", "about 1 hour"),
        (2 * 86400 + 7 * 3600 + 1, "khoảng 2 ngày 8 giờ", "about 2 days 8 hours"),
    ],
)
def test_waits_are_said_in_words(seconds, vi, en):
    assert wait_in_words(seconds, "vi") == vi
    assert wait_in_words(seconds, "en") == en


def test_a_phone_over_its_day_is_told_the_hours_in_words(client, settings):
    settings.FEEDBACK_RATE_PER_PHONE = "1/day"
    assert post(client, payload()).status_code == 202

    refused = post(client, payload(title="Một kiến nghị khác nữa"))

    assert refused.status_code == 429
    detail = refused.json()["detail"]
    assert re.search(r"khoảng (1 ngày|2[34] giờ)", detail), detail
    assert "giây" not in detail and not re.search(r"\d{3,}", detail)
    assert int(refused["Retry-After"]) > 80_000
    assert Petition.objects.count() == 1


def test_the_english_site_gets_the_wait_in_english(client, settings):
    settings.FEEDBACK_RATE_PER_IP = "1/min"
    assert post(client, payload()).status_code == 202

    refused = post(client, payload(phone="0987 654 321"), language="en")

    assert refused.status_code == 429
    body = refused.json()
    assert body["title"] == "Too many requests"
    assert re.search(r"about (1 minute|\d+ seconds?)\.$", body["detail"]), body
    assert "giây" not in body["detail"] and "Expected" not in body["detail"]


def test_validation_errors_follow_accept_language(client):
    bad = payload(title="Ab", phone="12", kind="nonsense")

    vi = post(client, bad).json()
    en = post(client, bad, language="en-GB,en;q=0.9").json()

    assert vi["title"] == "Dữ liệu không hợp lệ"
    assert vi["errors"]["phone"] == ["Số điện thoại không hợp lệ (ví dụ 0912 345 678)."]
    assert en["title"] == "Invalid data"
    assert en["detail"] == "Please check the fields listed in 'errors'."
    assert en["errors"]["phone"] == ["Invalid phone number (for example 0912 345 678)."]
    assert en["errors"]["title"] == ["The title must have at least 5 characters."]
    assert en["errors"]["kind"] == ["Kind “nonsense” is not valid."]
    assert set(en["errors"]) == set(vi["errors"])


def test_not_found_follows_accept_language(client):
    vi = client.get(f"{URL}AAAA-AAAA-AAAA/")
    en = client.get(f"{URL}AAAA-AAAA-AAAA/", headers={"Accept-Language": "en"})

    assert (vi.status_code, en.status_code) == (404, 404)
    assert vi.json()["title"] == "Không tìm thấy"
    assert en.json()["title"] == "Not found"


def test_the_admin_names_deadlines_in_vietnamese_not_by_key(client):
    from django.contrib.auth import get_user_model

    from tests.feedback.factories import PetitionFactory

    petition = PetitionFactory()
    admin = get_user_model().objects.create_superuser("lead", "l@example.com", "pw")
    client.force_login(admin)

    page = client.get(
        f"/admin/petitions/edit/{petition.pk}/",
        headers={"Accept-Language": "en-US,en;q=0.9"},
    ).content.decode()

    assert "Tiếp nhận hoặc từ chối:" in page and "Trả lời:" in page
    assert "acceptance:" not in page and "answer:" not in page
