"""The data migration that masks the existing public copies again (issue 12)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from feedback.models import Petition, PetitionEvent
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

migration = importlib.import_module(
    "feedback.migrations.0005_petition_public_reject_reason_remask"
)


def old_copy(text: str) -> str:
    # What the regex masker of before let through (issue 12's report).
    return text.replace("001 099 012", "[số điện thoại đã ẩn]")


def test_published_copies_are_masked_again_and_the_old_copy_kept_for_officials():
    body = (
        "Tôi là Tran Thi Bich Ngoc, gọi (+84) 912 345 678, CCCD 001 099 012 345, "
        "hồ sơ H12.22-20260315-0001 theo thủ tục 1.001193."
    )
    answer = "Kính gửi bà Bích Ngọc, Sở đã giải quyết; tổ trưởng Hoàng Minh sẽ gọi."
    petition = PetitionFactory(
        name="Trần Thị Bích Ngọc",
        title="Phản ánh của Trần Thị Bích Ngọc",
        body=body,
        answer=answer,
        public_title="Phản ánh của [họ tên đã ẩn]",
        public_body=old_copy(body),
        public_answer=answer,
        status="published",
        masked_at=timezone.now(),
        published_at=timezone.now(),
        extra_masks=["Hoàng Minh"],
    )
    untouched = PetitionFactory(masked_at=None, body="gọi 0912 345 678")

    migration.remask_public_copies(apps, None)

    petition.refresh_from_db()
    for secret in ("Bich Ngoc", "912 345 678", "345", "Bích Ngọc", "Hoàng Minh"):
        assert secret not in petition.public_body + petition.public_answer
    assert "H12.22-20260315-0001" in petition.public_body
    assert "1.001193" in petition.public_body
    assert "[thông tin đã ẩn]" in petition.public_answer  # the hand mask stays
    event = PetitionEvent.objects.get(petition=petition, action="remasked")
    assert event.data["previous"]["public_body"] == old_copy(body)
    assert event.data["previous"]["public_answer"] == answer
    assert "public_title" not in event.data["previous"]  # it did not change
    assert not PetitionEvent.objects.filter(petition=untouched).exists()
    assert Petition.objects.get(pk=untouched.pk).public_body == ""


def test_running_it_again_changes_nothing():
    PetitionFactory(
        body="CCCD 001 099 012 345",
        public_body="CCCD 001 099 012 345",
        masked_at=timezone.now(),
    )
    migration.remask_public_copies(apps, None)
    migration.remask_public_copies(apps, None)
    assert PetitionEvent.objects.filter(action="remasked").count() == 1
