"""The intake steps, called as the worker calls them: once, twice, resumed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from catalogue.models import ProcedureAgency
from core import public_cache
from feedback import services
from feedback.models import Petition, PetitionDailyStat, Screening
from feedback.sms import MemorySmsSender
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def sms(settings):
    settings.FEEDBACK_SMS_BACKEND = "feedback.sms.MemorySmsSender"
    MemorySmsSender.outbox.clear()
    yield MemorySmsSender.outbox
    MemorySmsSender.outbox.clear()


def test_clean_petition_is_masked_routed_acknowledged_and_counted(sms):
    agency = AgencyFactory()
    procedure = ProcedurePageFactory()
    ProcedureAgency.objects.create(page=procedure, agency=agency, role="implementing")
    petition = PetitionFactory(
        agency=None,
        procedure=procedure,
        body="Tôi là Nguyễn Văn An, CCCD 001203004567, gọi 0912 345 678 khi cần.",
    )

    assert services.run_intake(petition.pk)

    petition.refresh_from_db()
    assert petition.screening == Screening.CLEAN
    assert "001203004567" not in petition.public_body
    assert "Nguyễn Văn An" not in petition.public_body
    assert "0912 345 678" not in petition.public_body
    assert petition.agency == agency
    assert petition.intake_completed_at is not None
    assert len(mail.outbox) == 1
    assert petition.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["an@example.com"]
    assert sms == [(petition.phone_normalised, mail.outbox[0].body)]
    stat = PetitionDailyStat.objects.get()
    assert (stat.agency, stat.received) == (agency, 1)
    assert list(petition.events.values_list("action", flat=True)) == [
        "screened",
        "routed",
        "acknowledged",
    ]


def test_intake_twice_does_everything_once(sms):
    petition = PetitionFactory()
    services.run_intake(petition.pk)
    services.run_intake(petition.pk)

    assert len(mail.outbox) == 1
    assert len(sms) == 1
    assert PetitionDailyStat.objects.get().received == 1
    assert petition.events.count() == 3


def test_resumed_intake_finishes_only_the_missing_steps(sms):
    petition = PetitionFactory()
    services.screen(petition.pk)
    services.mask(petition.pk)
    # The worker died here; the sweep or a redelivery runs the intake again.
    services.run_intake(petition.pk)
    assert Petition.objects.get().events.filter(action="screened").count() == 1
    assert len(mail.outbox) == 1


def test_gone_petition_is_nothing_to_do():
    assert services.run_intake(987654) is False


def test_default_agency_when_nothing_is_named(settings):
    default = AgencyFactory(code="H01")
    settings.FEEDBACK_DEFAULT_AGENCY_CODE = "H01"
    petition = PetitionFactory(agency=None)
    services.run_intake(petition.pk)
    assert Petition.objects.get().agency == default


def held(petition: Petition) -> list[str]:
    services.run_intake(petition.pk)
    petition.refresh_from_db()
    assert petition.screening == Screening.HELD
    return petition.screening_reasons


def test_honeypot_is_held_not_deleted_nor_acknowledged(sms):
    petition = PetitionFactory(honeypot_filled=True)
    assert held(petition) == ["honeypot"]
    assert Petition.objects.filter(pk=petition.pk).exists()
    assert mail.outbox == [] and sms == []
    assert not PetitionDailyStat.objects.exists()


def test_links_and_keywords_are_held():
    links = PetitionFactory(
        body="Xem http://a.example http://b.example https://c.example ngay"
    )
    assert "links" in held(links)
    casino = PetitionFactory(body="Khuyến mãi CASINO trực tuyến, nạp ngay hôm nay")
    assert "keywords" in held(casino)


def test_near_duplicate_of_recent_petition_is_held():
    text = (
        "Bộ phận một cửa của phường trả hồ sơ chậm ba tuần so với giấy hẹn, "
        "đề nghị kiểm tra và xử lý cán bộ tiếp nhận"
    )
    first = PetitionFactory(body=text)
    services.run_intake(first.pk)
    copy = PetitionFactory(body=text + "!!")
    assert "near_duplicate" in held(copy)


def test_bursts_from_one_phone_or_address_are_held(settings):
    settings.FEEDBACK_SCREEN_PER_PHONE_PER_DAY = 2
    settings.FEEDBACK_SCREEN_PER_IP_PER_HOUR = 3
    for i in range(2):
        PetitionFactory(phone_normalised="0911111111", body=f"Nội dung riêng số {i}")
    assert "rate_phone" in held(
        PetitionFactory(phone_normalised="0911111111", body="Một nội dung khác")
    )
    address = services.client_hash("203.0.113.9")
    for i in range(3):
        PetitionFactory(client_hash=address, body=f"Ý kiến độc lập thứ {i}")
    assert "rate_ip" in held(PetitionFactory(client_hash=address, body="Thêm nữa"))


def test_release_of_held_petition_acknowledges_and_counts(
    admin_user, django_capture_on_commit_callbacks, sms
):
    petition = PetitionFactory(honeypot_filled=True)
    services.run_intake(petition.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.release(petition.pk, admin_user)
    callbacks = [c for c in callbacks if not public_cache.is_bump(c)]
    assert len(callbacks) == 1
    services.run_intake(petition.pk)  # what the queued task does

    petition.refresh_from_db()
    assert petition.screening == Screening.CLEAN
    assert petition.acknowledged_at is not None
    assert len(mail.outbox) == 1
    assert PetitionDailyStat.objects.get().received == 1
    assert petition.events.filter(action="released", actor=admin_user).exists()


def test_sweep_query_finds_only_stale_unfinished():
    stale = PetitionFactory(submitted_at=timezone.now() - timezone.timedelta(hours=1))
    PetitionFactory()  # fresh: its task is probably still queued
    done = PetitionFactory(submitted_at=timezone.now() - timezone.timedelta(hours=1))
    services.run_intake(done.pk)
    found = list(services.unprocessed(timezone.timedelta(minutes=2)))
    assert found == [stale]
