"""Petitions and lookups through the built SvelteKit server and the real API.

As citizens use them without JavaScript: a tracking code typed the way the
confirmation page groups it, a dossier code in small letters with spaces, and
the petition form refused by the rate limit keeping what was typed and saying
the wait in words.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from html import unescape
from unittest import mock

import pytest

from feedback.models import Petition
from tests.feedback.conftest import clear_throttles
from tests.feedback.factories import PetitionFactory
from tests.frontend.test_ssr import fetch, frontend_server, start_frontend  # noqa: F401

pytestmark = [pytest.mark.frontend, pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture(autouse=True)
def _fresh_throttles():
    clear_throttles()
    yield
    clear_throttles()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "typed", ["{a} {b} {c}", "{a}{b}{c}", " {a} - {b} - {c} ", "{a}-{b}-{c}"]
)
def test_tracking_page_finds_the_code_as_typed(frontend_server, typed):  # noqa: F811
    petition = PetitionFactory()
    a, b, c = petition.tracking_code.lower().split("-")
    query = urllib.parse.urlencode({"ma": typed.format(a=a, b=b, c=c)})

    status, html = fetch(f"{frontend_server}/phan-anh/tra-cuu?{query}")

    assert status == 200
    assert petition.tracking_code in html
    assert "Không tìm thấy" not in html


@pytest.mark.django_db(transaction=True)
def test_dossier_pages_find_a_code_in_small_letters_with_spaces(
    frontend_server,  # noqa: F811
):
    from dossiers import services
    from tests.dossiers.factories import agency, at, procedure

    desk = agency("H40.01", name="UBND xã Hòa An")
    ingested = services.ingest_dossier(
        desk,
        received_at=at(2026, 4, 6),
        procedure=procedure(code="1.001193", title="Đăng ký khai sinh"),
        channel="direct",
        applicant_name="Nguyễn Văn An",
        applicant_phone="0912345678",
    )
    code = ingested.obj.code
    typed = f" {code.lower()[:6]} {code.lower()[6:]} "

    lookup_status, lookup = fetch(
        f"{frontend_server}/ho-so?{urllib.parse.urlencode({'ma': typed})}"
    )
    page_status, page = fetch(f"{frontend_server}/ho-so/{urllib.parse.quote(typed)}")

    assert (lookup_status, page_status) == (200, 200)
    assert code in lookup and code in page
    assert "Đăng ký khai sinh" in page


def post_form(
    url: str, fields: dict[str, str], headers: dict[str, str] | None = None
) -> tuple[int, str]:
    body = urllib.parse.urlencode(fields).encode()
    origin = "/".join(url.split("/")[:3])
    request = urllib.request.Request(  # noqa: S310
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Accept": "text/html",
            **(headers or {}),
        },
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db(transaction=True)
def test_the_form_keeps_what_was_typed_and_says_the_wait_in_words(
    frontend_server,  # noqa: F811
    settings,
):
    settings.FEEDBACK_RATE_PER_PHONE = "1/day"
    typed = {
        "kind": "suggestion",
        "title": "Đề nghị mở thêm quầy vào sáng thứ bảy",
        "body": "Người đi làm không kịp nộp hồ sơ trong giờ hành chính, xin mở thêm.",
        "name": "Trần Thị Bình",
        "phone": "0912 345 678",
        "email": "binh@example.com",
        "consent_publish": "on",
    }
    with mock.patch("feedback.services.submission.queue_intake"):
        first, _ = post_form(
            f"{frontend_server}/phan-anh/gui", {**typed, "idempotency_key": "k1-abcdef"}
        )
        status, html = post_form(
            f"{frontend_server}/phan-anh/gui", {**typed, "idempotency_key": "k2-abcdef"}
        )

    assert first == 303
    assert status == 429
    text = unescape(html)
    assert "khoảng 1 ngày" in text or "khoảng 23 giờ" in text, text[:2000]
    assert "giây" not in text.split("Bạn đã gửi quá nhiều lần")[1][:80]
    for value in (typed["title"], typed["body"], typed["name"], typed["phone"]):
        assert value in text
    assert Petition.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_english_form_says_the_wait_in_english(frontend_server, settings):  # noqa: F811
    settings.FEEDBACK_RATE_PER_PHONE = "1/day"
    fields = {
        "kind": "suggestion",
        "title": "Open a counter on Saturday mornings",
        "body": "Working people cannot file during office hours, please open one.",
        "name": "Tran Thi Binh",
        "phone": "0912 345 679",
    }
    english = {"Cookie": "lang=en"}
    url = f"{frontend_server}/phan-anh/gui"
    with mock.patch("feedback.services.submission.queue_intake"):
        post_form(url, {**fields, "idempotency_key": "e1-abcdef"}, english)
        status, html = post_form(
            url, {**fields, "idempotency_key": "e2-abcdef"}, english
        )

    assert status == 429
    text = unescape(html)
    assert "about 1 day" in text or "about 23 hours" in text, text[:2000]
    assert fields["body"] in text
