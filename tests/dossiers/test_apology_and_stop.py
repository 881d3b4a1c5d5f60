"""Stopping a dossier at the applicant's request, the apology with a new date
(form 04), and the warning on a second supplement request (docs/legal.md §3
item 9: Decree 118/2025 arts 11 and 21, Circular 03/2025 art. 7).

Written from what happens at a desk: the desk system reports an apology with
the new date, or forgets the date, or sends it twice; an official records a
stop with the applicant's request, an apology, a second supplement request.
The statistics must keep the first promised date.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from core.models import OfficialProfile
from core.periods import parse_period
from dossiers import services, statistics
from dossiers.models import DossierEvent

from .factories import at, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PROBLEM = "application/problem+json"


@pytest.fixture
def official(django_user_model, agency_a):
    """An official of the one-stop desk of agency H40.01."""
    group = Group.objects.create(name="Cán bộ một cửa")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["dossiers", "wagtailadmin"],
            codename__in=["access_admin", "view_dossier", "change_dossier"],
        )
    )
    user = django_user_model.objects.create_user("motcua", "m@example.com", "pw")
    user.groups.add(group)
    OfficialProfile.objects.create(user=user, agency=agency_a)
    return user


def file_dossier(agency, procedure):
    return services.ingest_dossier(
        agency,
        received_at=timezone.now() - dt.timedelta(hours=1),
        applicant_name="Nguyễn Văn An",
        procedure=procedure,
    ).obj


def post(client, url, data, token):
    return client.post(
        url,
        json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )


@pytest.fixture
def filed(client, agency_a, procedure):
    """A dossier received Mon 1/6/2026 at the desk, promised Mon 8/6."""
    token = token_for(agency_a)
    response = post(
        client,
        "/api/v1/dossiers/",
        {
            "procedure": procedure.code,
            "applicant_name": "Lò Thị Mai",
            "received_at": "2026-06-01T09:00:00+07:00",
        },
        token,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["promised_at"] == "2026-06-08"
    return body["code"], token


def _event(event_id, kind, day, **extra):
    return {
        "event_id": event_id,
        "kind": kind,
        "occurred_at": f"2026-06-{day:02d}T10:00:00+07:00",
        **extra,
    }


def test_the_desk_reports_an_apology_with_a_new_date_once(client, filed):
    code, token = filed
    url = f"/api/v1/dossiers/{code}/events/"
    # Forgot the date; a date not after the promised one; a date with a wrong kind.
    for event, field in (
        (_event("a1", "apologised", 5, note="Chờ xác minh"), "new_date"),
        (_event("a2", "apologised", 5, new_date="2026-06-08"), "new_date"),
        (_event("a3", "handling", 5, new_date="2026-06-20"), "new_date"),
        (_event("a4", "apologised", 5, new_date="0001-01-01"), "new_date"),
    ):
        refused = post(client, url, event, token)
        assert refused.status_code == 400, (event, refused.content)
        assert refused["Content-Type"] == PROBLEM
        assert field in refused.json()["errors"]
    assert DossierEvent.objects.filter(dossier__code=code).count() == 1

    ok = post(
        client,
        url,
        _event("a5", "apologised", 5, note="Chờ xác minh", new_date="2026-06-12"),
        token,
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["new_date"] == "2026-06-12"
    again = post(
        client, url, _event("a6", "apologised", 9, new_date="2026-06-19"), token
    )
    assert again.status_code == 409
    assert "một lần" in again.json()["detail"]

    # Handling goes on after the apology; the lookup shows the new date.
    assert post(client, url, _event("a7", "resolved", 10), token).status_code == 201
    lookup = client.get(f"/api/v1/dossiers/{code}/").json()
    assert lookup["promised_at"] == "2026-06-08"
    assert lookup["new_date"] == "2026-06-12"
    apology = [h for h in lookup["history"] if h["kind"] == "apologised"]
    assert apology[0]["label"] == "Xin lỗi và hẹn lại ngày trả kết quả"
    assert apology[0]["new_date"] == "2026-06-12"


def test_the_statistics_keep_the_first_promised_date(client, filed, agency_a):
    code, token = filed
    url = f"/api/v1/dossiers/{code}/events/"
    post(client, url, _event("b1", "apologised", 5, new_date="2026-06-12"), token)
    # Resolved Wed 10/6: before the new date, after the promised one (8/6).
    assert post(client, url, _event("b2", "resolved", 10), token).status_code == 201
    figures = statistics.dossier_stats(
        parse_period("2026-06"), agency_a, today=dt.date(2026, 7, 1)
    )
    assert (figures.resolved, figures.resolved_late) == (1, 1)
    assert figures.indicator_2_1_on_time == 0


def test_an_official_stops_a_dossier_at_the_request_and_apologises_once(
    client, official, agency_a, procedure
):
    client.force_login(official)
    stopped = file_dossier(agency_a, procedure)
    url = reverse("dossiers:edit", args=[stopped.pk])
    page = client.get(url).content.decode()
    assert "Dừng giải quyết theo yêu cầu" in page
    # A stop needs the request it answers.
    refused = client.post(url, {"action": "withdrawn", "note": " "}, follow=True)
    assert any(m.level_tag == "error" for m in refused.context["messages"])
    client.post(url, {"action": "withdrawn", "note": "Đơn đề nghị dừng ngày 2/6"})
    stopped.refresh_from_db()
    assert stopped.status == "withdrawn"
    assert stopped.get_status_display() == "Dừng giải quyết hồ sơ (theo yêu cầu)"

    late = file_dossier(agency_a, procedure)
    url = reverse("dossiers:edit", args=[late.pk])
    no_date = client.post(
        url, {"action": "apologised", "note": "Chờ kết quả xác minh"}, follow=True
    )
    assert "ngày hẹn trả kết quả mới" in " ".join(
        str(m) for m in no_date.context["messages"]
    )
    earlier = (late.promised_at - dt.timedelta(days=1)).isoformat()
    too_early = client.post(
        url,
        {"action": "apologised", "note": "Chờ xác minh", "new_date": earlier},
        follow=True,
    )
    assert "phải sau ngày hẹn trả" in " ".join(
        str(m) for m in too_early.context["messages"]
    )
    new_date = late.promised_at + dt.timedelta(days=7)
    client.post(
        url,
        {
            "action": "apologised",
            "note": "Chờ kết quả xác minh",
            "new_date": new_date.strftime("%d/%m/%Y"),
        },
    )
    event = DossierEvent.objects.get(dossier=late, kind="apologised")
    assert (event.new_date, event.actor) == (new_date, official)
    late.refresh_from_db()
    assert late.promised_at == new_date - dt.timedelta(days=7)
    page = client.get(url).content.decode()
    # Offered once: after it, the other steps, not a second apology.
    assert 'value="apologised"' not in page
    assert 'value="resolved"' in page
    assert f"{new_date:%d/%m/%Y}" in page


def test_a_second_supplement_request_is_recorded_with_a_warning(
    client, official, agency_a, procedure
):
    client.force_login(official)
    dossier = file_dossier(agency_a, procedure)
    url = reverse("dossiers:edit", args=[dossier.pk])
    first = client.post(
        url, {"action": "supplement_requested", "note": "Bản sao CCCD"}, follow=True
    )
    assert not any(m.level_tag == "warning" for m in first.context["messages"])
    client.post(url, {"action": "supplement_received"})
    page = client.get(url).content.decode()
    assert "chỉ yêu cầu bổ sung một lần" in page
    second = client.post(
        url, {"action": "supplement_requested", "note": "Giấy chứng sinh"}, follow=True
    )
    warnings = [str(m) for m in second.context["messages"] if m.level_tag == "warning"]
    assert warnings and "tính là quá hạn" in warnings[0]
    dossier.refresh_from_db()
    assert dossier.supplement_requests == 2
    assert services.second_supplement_warning(dossier)


def test_events_received_from_the_feed_still_stand_without_a_new_date(
    agency_a, procedure
):
    """Every other kind goes on being stored without a date."""
    dossier = services.ingest_dossier(
        agency_a,
        received_at=at(2026, 6, 1),
        applicant_name="Lò Văn Hùng",
        procedure=procedure,
    ).obj
    stored = services.ingest_event(
        agency_a, dossier, event_id="c1", kind="handling", occurred_at=at(2026, 6, 2)
    )
    assert stored.obj.new_date is None
