"""Officials in the admin: API tokens, the dossier queue, statistics, e-mails."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import public_cache
from core.models import OfficialProfile
from core.periods import parse_period
from dossiers import services, statistics, tasks
from dossiers.models import AgencyToken, Dossier, DossierEvent, hash_token

from .factories import token_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

QUEUE = "/admin/dossiers/"


@pytest.fixture
def admin_client(django_user_model):
    """A logged-in administrator, apart from the anonymous ``client``."""
    from django.test import Client

    user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    admin = Client()
    admin.force_login(user)
    return admin


@pytest.fixture
def officials_group():
    group = Group.objects.create(name="Cán bộ một cửa")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["dossiers", "wagtailadmin"],
            codename__in=["access_admin", "view_dossier", "change_dossier"],
        )
    )
    return group


@pytest.fixture
def official(django_user_model, officials_group, agency_a):
    user = django_user_model.objects.create_user("motcua", "m@example.com", "pw")
    user.groups.add(officials_group)
    OfficialProfile.objects.create(user=user, agency=agency_a)
    return user


def file_dossier(agency, procedure, *, channel="direct", day=None, email="", name=""):
    received = day or timezone.now() - dt.timedelta(hours=1)
    return services.ingest_dossier(
        agency,
        received_at=received,
        applicant_name=name or "Nguyễn Văn An",
        applicant_email=email,
        channel=channel,
        procedure=procedure,
    ).obj


# --- API tokens -----------------------------------------------------------------


def test_admin_creates_a_token_shown_once_and_revokes_it(
    admin_client, client, agency_a, procedure
):
    viewset = AgencyToken.snippet_viewset
    response = admin_client.post(
        reverse(viewset.get_url_name("add")),
        {"agency": agency_a.pk, "name": "Phần mềm một cửa xã", "active": "on"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    raw = re.search(r'id="raw-token"[^>]*value="([^"]+)"', page)[1]
    record = AgencyToken.objects.get()
    assert record.token_hash == hash_token(raw)
    assert record.agency == agency_a
    # The token works on the feed, and is never shown again.
    headers = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    payload = {
        "procedure": procedure.code,
        "applicant_name": "Nguyễn Văn An",
        "received_at": "2026-04-06T09:00:00+07:00",
    }
    feed = client.post(
        "/api/v1/dossiers/", json.dumps(payload), "application/json", **headers
    )
    assert feed.status_code == 201
    listing = admin_client.get(reverse(viewset.get_url_name("list")))
    edit_url = reverse(viewset.get_url_name("edit"), args=[record.pk])
    assert raw not in listing.content.decode()
    assert raw not in admin_client.get(edit_url).content.decode()
    revoked = admin_client.post(
        edit_url, {"agency": agency_a.pk, "name": "Phần mềm một cửa xã"}
    )
    assert revoked.status_code == 302
    payload["received_at"] = "2026-04-07T09:00:00+07:00"
    refused = client.post(
        "/api/v1/dossiers/", json.dumps(payload), "application/json", **headers
    )
    assert refused.status_code == 401
    assert Dossier.objects.count() == 1


def test_tokens_are_listed_per_agency(admin_client, agency_a, agency_b):
    token_for(agency_a, name="Một cửa A")
    token_for(agency_b, name="Một cửa B")
    viewset = AgencyToken.snippet_viewset
    listing = admin_client.get(
        reverse(viewset.get_url_name("list")), {"agency": agency_b.pk}
    )
    text = listing.content.decode()
    assert "Một cửa B" in text and "Một cửa A" not in text


# --- The queue --------------------------------------------------------------------


def test_queue_shows_own_agency_online_first(
    client, official, agency_a, agency_b, procedure
):
    direct = file_dossier(agency_a, procedure)
    online = file_dossier(
        agency_a,
        procedure,
        channel="online",
        day=timezone.now() - dt.timedelta(days=3),
    )
    other = file_dossier(agency_b, procedure)
    client.force_login(official)
    page = client.get(QUEUE).content.decode()
    assert other.code not in page
    assert page.index(online.code) < page.index(direct.code)
    assert client.get(reverse("dossiers:edit", args=[other.pk])).status_code == 404


def test_overdue_filter_uses_the_deadline(client, official, agency_a, procedure):
    late = file_dossier(agency_a, procedure, day=timezone.now() - dt.timedelta(days=30))
    fresh = file_dossier(agency_a, procedure)
    client.force_login(official)
    page = client.get(QUEUE, {"overdue": "true"}).content.decode()
    assert late.code in page and fresh.code not in page
    # Waiting for the applicant's supplement stops the clock.
    services.record_action(official, late.pk, "supplement_requested", "Thiếu ảnh")
    page = client.get(QUEUE, {"overdue": "true"}).content.decode()
    assert late.code not in page


def test_actions_record_events_and_statistics_follow(
    client, official, agency_a, procedure
):
    dossier = file_dossier(agency_a, procedure)
    client.force_login(official)
    url = reverse("dossiers:edit", args=[dossier.pk])
    steps = [
        {"action": "handling"},
        {"action": "supplement_requested", "note": "Bổ sung bản sao giấy chứng sinh"},
        {"action": "supplement_received"},
        {"action": "resolved", "result": "Giấy khai sinh số 12/2026"},
        {"action": "returned"},
    ]
    for step in steps:
        assert client.post(url, step).status_code == 302
    kinds = list(
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("occurred_at", "pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["received"] + [step["action"] for step in steps]
    assert DossierEvent.objects.filter(actor=official).count() == 5
    dossier.refresh_from_db()
    assert dossier.status == "returned"
    assert dossier.result == "Giấy khai sinh số 12/2026"
    today = timezone.localdate()
    period = parse_period(f"{today:%Y}-{today:%m}")
    figures = statistics.dossier_stats(period, agency_a)
    assert figures.resolved == 1
    assert figures.resolved_early + figures.resolved_on_time == 1
    page = client.get(url).content.decode()
    assert "Hồ sơ đã kết thúc xử lý" in page


def test_refused_actions_change_nothing(client, official, agency_a, procedure):
    dossier = file_dossier(agency_a, procedure)
    client.force_login(official)
    url = reverse("dossiers:edit", args=[dossier.pk])
    for step in (
        {"action": "returned"},  # not resolved yet
        {"action": "supplement_requested", "note": "  "},  # says nothing
        {"action": "rejected"},
        {"action": "delete"},
    ):
        response = client.post(url, step, follow=True)
        assert response.status_code == 200
        assert any(m.level_tag == "error" for m in response.context["messages"])
    assert DossierEvent.objects.filter(dossier=dossier).count() == 1


def test_statistics_page_has_a_chart_and_a_table(admin_client, agency_a, procedure):
    dossier = file_dossier(agency_a, procedure)
    services.ingest_event(
        agency_a,
        dossier,
        event_id="r",
        kind="resolved",
        occurred_at=timezone.now(),
    )
    today = timezone.localdate()
    response = admin_client.get(
        reverse("dossiers:statistics"), {"period": f"{today:%Y}-{today:%m}"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    chart = page[page.index("<figure") : page.index("</figure>")]
    assert "<svg" in chart and "<script" not in chart
    assert "UBND xã Hòa An" in page and "Toàn tỉnh" in page
    table = page[page.index('id="dossier-stats-table"') :]
    row = table[table.index("UBND xã Hòa An") :].split("</tr>")[0]
    cells = re.findall(r"<td>([^<]*)</td>", row)
    assert cells[:2] == ["1", "1"] and cells[4] == "1"  # received 1, resolved 1


def test_official_without_an_agency_sees_nothing(
    client, django_user_model, officials_group, agency_a, procedure
):
    file_dossier(agency_a, procedure)
    user = django_user_model.objects.create_user("lost", "l@example.com", "pw")
    user.groups.add(officials_group)
    client.force_login(user)
    assert "H40.01-" not in client.get(QUEUE).content.decode()


# --- E-mails to online applicants ---------------------------------------------------


def test_status_changes_of_online_dossiers_are_emailed_once(
    official, agency_a, procedure, django_capture_on_commit_callbacks, settings
):
    settings.FRONTEND_URL = "https://dichvucong.example.vn"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        online = file_dossier(
            agency_a, procedure, channel="online", email="an@example.com"
        )
        direct = file_dossier(agency_a, procedure, email="binh@example.com")
        services.record_action(
            official, online.pk, "supplement_requested", "Bổ sung giấy chứng sinh"
        )
        services.record_action(official, direct.pk, "handling")
    # The received and the supplement request of the online dossier only.
    callbacks = [c for c in callbacks if not public_cache.is_bump(c)]
    assert len(callbacks) == 2
    events = DossierEvent.objects.filter(dossier=online).order_by("occurred_at")
    for event in events:
        assert tasks.notify_applicant.apply(args=[event.pk]).get() is True
        assert tasks.notify_applicant.apply(args=[event.pk]).get() is False
    assert [m.to for m in mail.outbox] == [["an@example.com"]] * 2
    # The first tells the promised date and links the receipt to print.
    received = mail.outbox[0].body
    assert f"{online.promised_at:%d/%m/%Y}" in received
    assert (
        f"https://dichvucong.example.vn/ho-so/{online.code}/bien-nhan.pdf" in received
    )
    request = mail.outbox[1]
    assert online.code in request.subject
    assert "Yêu cầu bổ sung hồ sơ" in request.body
    assert "Bổ sung giấy chứng sinh" in request.body
    assert f"https://dichvucong.example.vn/ho-so/{online.code}" in request.body
    assert not services.unnotified(dt.timedelta(0)).exists()
