"""The publish screen: the original beside the public copy, masking more by hand.

Driven through the admin with the test client as an official would: the page
in Vietnamese, a preview without JavaScript (the textarea), and publishing
with what the script adds for each selection (hidden ``extra_mask`` inputs)
and what was typed in the textarea; then the public API is read.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import Petition, PetitionStatus, Screening
from tests.feedback.factories import PetitionFactory
from tests.feedback.test_officials import (  # noqa: F401 (fixtures)
    INBOX,
    agencies,
    justice_official,
    officials_group,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

BODY = (
    "Con gái tôi là cháu Su Su, học lớp 3A trường Kim Đồng.\n"
    "Cháu nộp hồ sơ cấp hộ chiếu ngày 3/11 mà đến nay chưa có kết quả,\n"
    "nhà tôi bán tạp hóa Bích   Lan ở đầu chợ."
)
# What no automatic masking can know is personal: a pet name, a class, a shop.
SELECTED = ["cháu Su Su", "lớp 3A trường Kim Đồng"]
TYPED = "tạp hóa bích lan\n\n  \nx"


@pytest.fixture
def answered(agencies, justice_official):  # noqa: F811
    petition = PetitionFactory(
        agency=agencies[0],
        title="Hồ sơ hộ chiếu của cháu Su Su bị chậm",
        body=BODY,
        screening=Screening.CLEAN,
    )
    services.mask(petition.pk)
    petition.refresh_from_db()
    petition.status = PetitionStatus.HANDLING
    petition.accepted_at = timezone.now()
    petition.save()
    services.write_answer(
        petition.pk,
        justice_official,
        "Sở đã liên hệ gia đình cháu Su Su và trả hộ chiếu.",
    )
    petition.refresh_from_db()
    return petition


def url(petition: Petition) -> str:
    return f"{INBOX}edit/{petition.pk}/"


def public_text(petition: Petition) -> str:
    return " ".join(
        [petition.public_title, petition.public_body, petition.public_answer]
    )


def test_the_page_shows_original_and_public_copy_side_by_side_in_vietnamese(
    client,
    justice_official,  # noqa: F811
    answered,
):
    client.force_login(justice_official)
    page = client.get(url(answered)).content.decode()

    assert re.search(r'<html[^>]*lang="vi"', page)
    for label in (
        "Bản gốc và bản công khai",
        "Bản gốc (chỉ cán bộ xem)",
        "Bản công khai",
        "Che đoạn đã chọn",
        "Các đoạn cần che thêm",
        "Xem trước bản công khai",
        "Công khai trả lời",
    ):
        assert label in page, label
    original, public = page.split('id="public-copy"', 1)
    assert "cháu Su Su" in original and "cháu Su Su" in public  # not masked yet
    assert "publish-masks.js" in page
    assert "Tiếp nhận hoặc từ chối:" in page and "acceptance:" not in page


def test_preview_without_javascript_masks_in_the_page_but_stores_nothing(
    client,
    justice_official,  # noqa: F811
    answered,
):
    client.force_login(justice_official)
    before = public_text(answered)
    response = client.post(
        url(answered), {"action": "preview", "extra_masks_text": "cháu Su Su"}
    )

    assert response.status_code == 200
    public = response.content.decode().split('id="public-copy"', 1)[1]
    public = public.split("</section>", 1)[0]
    assert "cháu Su Su" not in public
    assert services.EXTRA_MASK in public
    answered.refresh_from_db()
    assert answered.status == PetitionStatus.ANSWERED
    assert public_text(answered) == before


def test_publishing_stores_the_public_copy_without_what_the_official_marked(
    client,
    justice_official,  # noqa: F811
    answered,
):
    client.force_login(justice_official)
    response = client.post(
        url(answered),
        {"action": "publish", "extra_mask": SELECTED, "extra_masks_text": TYPED},
        follow=True,
    )

    assert "Đã ghi nhận" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == PetitionStatus.PUBLISHED
    assert answered.published_by == justice_official
    stored = public_text(answered)
    for gone in ("Su Su", "lớp 3A", "Kim Đồng", "Bích   Lan", "Bích Lan"):
        assert gone.casefold() not in stored.casefold(), gone
    # "cháu Su Su" in the title, the body and the answer, at least.
    assert stored.count(services.EXTRA_MASK) >= 3
    # What survives: the rest of the text, and the original for officials.
    assert "cấp hộ chiếu ngày 3/11" in stored
    assert "cháu Su Su" in answered.body
    assert sorted(answered.extra_masks) == sorted([*SELECTED, "tạp hóa bích lan"])
    event = answered.events.get(action="published")
    assert event.actor == justice_official and event.data == {"extra_masks": 3}

    api = client.get("/api/v1/petitions/").content.decode()
    assert answered.tracking_code in api
    for gone in ("Su Su", "Kim Đồng", "Bích   Lan"):
        assert gone not in api
    page = client.get(url(answered)).content.decode()
    assert "đã che thêm 3 đoạn" in page


def test_too_long_a_mask_is_refused_and_nothing_is_published(
    client,
    justice_official,  # noqa: F811
    answered,
):
    client.force_login(justice_official)
    response = client.post(
        url(answered),
        {"action": "publish", "extra_masks_text": "a" * 301},
        follow=True,
    )

    assert "tối đa 300 ký tự" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == PetitionStatus.ANSWERED


def test_masks_match_any_case_and_any_white_space_between_the_words():
    masks = services.extra_masks_from(["  TRẦN  thị\u200b ", "trần thị", "x", ""])
    assert masks == ["TRẦN thị"]
    text = "Bà Trần\nThị và bà trần   thị"
    assert services.apply_extra_masks(text, masks) == (
        f"Bà {services.EXTRA_MASK} và bà {services.EXTRA_MASK}"
    )


def test_what_officials_type_is_cleaned_like_what_citizens_type(
    client,
    justice_official,  # noqa: F811
    answered,
):
    client.force_login(justice_official)
    typed = "Sở đã trả lời bà Ngọc\u200b.\r\nTrân trọng\u202e."
    nfd = unicodedata.normalize("NFD", typed)
    client.post(url(answered), {"action": "answer", "text": nfd})
    answered.refresh_from_db()
    assert answered.answer == "Sở đã trả lời bà Ngọc.\nTrân trọng."
