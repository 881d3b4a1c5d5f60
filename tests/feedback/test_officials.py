"""Officials' work: scoping by agency, transitions, audit trail, inbox, export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from core.models import OfficialProfile
from feedback import services
from feedback.models import (
    Petition,
    PetitionAttachment,
    PetitionStatus,
    Screening,
)
from tests.catalogue.factories import AgencyFactory
from tests.feedback.conftest import png_bytes
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

INBOX = "/admin/petitions/"


@pytest.fixture
def officials_group():
    group = Group.objects.create(name="Cán bộ PAKN")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["feedback", "wagtailadmin"],
            codename__in=["access_admin", "view_petition", "change_petition"],
        )
    )
    return group


@pytest.fixture
def agencies():
    return AgencyFactory(name="Sở Tư pháp"), AgencyFactory(name="Sở Xây dựng")


def make_official(django_user_model, group, agency, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(group)
    OfficialProfile.objects.create(user=user, agency=agency)
    return user


@pytest.fixture
def justice_official(django_user_model, officials_group, agencies):
    return make_official(django_user_model, officials_group, agencies[0], "tuphap")


def clean(**kwargs) -> Petition:
    return PetitionFactory(
        screening=Screening.CLEAN, masked_at=timezone.now(), **kwargs
    )


def test_officials_see_only_their_agency(justice_official, agencies, admin_user):
    mine = clean(agency=agencies[0])
    theirs = clean(agency=agencies[1])

    assert list(services.petitions_for(justice_official)) == [mine]
    assert set(services.petitions_for(admin_user)) == {mine, theirs}
    with pytest.raises(Petition.DoesNotExist):
        services.accept(theirs.pk, justice_official)


def test_user_without_agency_sees_nothing(django_user_model, officials_group):
    user = django_user_model.objects.create_user("khach", "k@example.com", "pw")
    user.groups.add(officials_group)
    clean()
    assert not services.petitions_for(user).exists()


def test_full_workflow_with_audit_trail(justice_official, agencies):
    petition = clean(agency=agencies[0])
    pk = petition.pk

    services.assign(pk, justice_official, justice_official)
    services.accept(pk, justice_official)
    services.start_handling(pk, justice_official)
    services.add_note(pk, justice_official, "Đã gọi điện xác minh.")
    services.write_answer(
        pk, justice_official, "Trả lời ông Nguyễn Văn An: đã mở cửa thứ bảy."
    )
    services.publish(pk, justice_official)

    petition.refresh_from_db()
    assert petition.status == PetitionStatus.PUBLISHED
    assert "Nguyễn Văn An" not in petition.public_answer
    assert petition.publish_due is not None
    events = list(petition.events.values_list("action", "actor__username"))
    assert events == [
        ("assigned", "tuphap"),
        ("accepted", "tuphap"),
        ("handling", "tuphap"),
        ("note", "tuphap"),
        ("answered", "tuphap"),
        ("published", "tuphap"),
    ]
    assert all(e.created_at for e in petition.events.all())


def test_reject_needs_reason_and_only_from_received(justice_official, agencies):
    petition = clean(agency=agencies[0])
    with pytest.raises(services.PetitionError):
        services.reject(petition.pk, justice_official, "  ")
    services.reject(petition.pk, justice_official, "Không thuộc thẩm quyền")
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REJECTED
    assert petition.reject_reason == "Không thuộc thẩm quyền"
    with pytest.raises(services.PetitionError):
        services.accept(petition.pk, justice_official)


def test_cannot_publish_before_answer_or_accept_held(justice_official, agencies):
    petition = clean(agency=agencies[0])
    with pytest.raises(services.PetitionError):
        services.publish(petition.pk, justice_official)
    held = clean(agency=agencies[0])
    Petition.objects.filter(pk=held.pk).update(screening=Screening.HELD)
    with pytest.raises(services.PetitionError):
        services.accept(held.pk, justice_official)


def test_deadline_countdown_and_overdue_filters():
    today = timezone.localdate()
    late = clean(acceptance_due=today - timezone.timedelta(days=3))
    soon = clean(acceptance_due=today)
    later = clean(acceptance_due=today + timezone.timedelta(days=30))

    overdue = set(Petition.objects.filter(services.overdue_q()))
    due_soon = set(Petition.objects.filter(services.due_soon_q()))
    assert overdue == {late}
    assert soon in due_soon and later not in due_soon and late not in due_soon
    row = services.deadlines(late)[0]
    assert row["name"] == "acceptance" and row["working_days_left"] < 0


def test_inbox_lists_own_agency_and_filters(client, justice_official, agencies):
    mine = clean(agency=agencies[0], title="Hồ sơ hộ tịch trả chậm")
    clean(agency=agencies[1], title="Giấy phép xây dựng bị ách tắc")
    client.force_login(justice_official)

    response = client.get(INBOX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hồ sơ hộ tịch trả chậm" in html
    assert "Giấy phép xây dựng" not in html

    filtered = client.get(INBOX, {"status": "answered"}).content.decode()
    assert "Hồ sơ hộ tịch trả chậm" not in filtered
    assert client.get(f"{INBOX}edit/{mine.pk}/").status_code == 200


def test_inbox_actions_go_through_services(client, justice_official, agencies):
    petition = clean(agency=agencies[0])
    client.force_login(justice_official)
    url = f"{INBOX}edit/{petition.pk}/"

    client.post(url, {"action": "accept"})
    client.post(url, {"action": "answer", "text": "Đã giải quyết xong."})
    client.post(url, {"action": "publish"})
    response = client.post(url, {"action": "reject", "text": "muộn rồi"}, follow=True)

    petition.refresh_from_db()
    assert petition.status == PetitionStatus.PUBLISHED
    assert "Không thể thực hiện" in response.content.decode()
    assert petition.events.filter(actor=justice_official).count() == 3


def test_other_agency_petition_is_404_in_admin(client, justice_official, agencies):
    other = clean(agency=agencies[1])
    client.force_login(justice_official)
    assert client.get(f"{INBOX}edit/{other.pk}/").status_code == 404
    client.post(f"{INBOX}edit/{other.pk}/", {"action": "accept"})
    other.refresh_from_db()
    assert other.status == PetitionStatus.RECEIVED


def test_export_csv_and_xlsx(client, justice_official, agencies):
    clean(agency=agencies[0], title="Kiến nghị xuất báo cáo")
    clean(agency=agencies[1], title="Của cơ quan khác")
    client.force_login(justice_official)

    csv_text = b"".join(client.get(INBOX, {"export": "csv"}).streaming_content).decode()
    assert "Kiến nghị xuất báo cáo" in csv_text
    assert "Của cơ quan khác" not in csv_text
    assert "0912" not in csv_text and "@example.com" not in csv_text

    response = client.get(INBOX, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "Kiến nghị xuất báo cáo" in values


def test_attachments_served_to_staff_of_the_agency_only(
    client, justice_official, agencies, django_user_model, officials_group
):
    petition = clean(agency=agencies[0])
    attachment = PetitionAttachment(
        petition=petition,
        original_name="anh.png",
        content_type="image/png",
        size=10,
        sha256="x",
    )
    attachment.file.save("anh.png", ContentFile(png_bytes()), save=True)
    url = f"{INBOX}attachment/{attachment.pk}/"

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(justice_official)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Disposition"].startswith("attachment")

    other = make_official(django_user_model, officials_group, agencies[1], "xaydung")
    client.force_login(other)
    assert client.get(url).status_code == 404
