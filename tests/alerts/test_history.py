"""The change history, computed from the revisions each publication put live."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from alerts import services
from alerts.models import ProcedureVersion
from catalogue.models import EffectiveStatus

from .factories import channel, documents, edit, procedure

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def _texts(page) -> list[list[str]]:
    return [
        [change["text"] for change in version["changes"]]
        for version in services.history(page)
    ]


def test_a_fee_abolished_reads_as_the_issue_says():
    page = procedure()
    assert services.history(page) == []  # the first publication: nothing yet
    edit(
        page,
        publish=True,
        channels=[channel("direct", 5, None), channel("online", 5, None)],
    )
    assert _texts(page) == [["lệ phí 50.000 đ → miễn phí"]]


def test_each_part_and_channel_is_said_once_newest_first():
    page = procedure()
    edit(
        page,
        publish=True,
        channels=[channel("direct", 5, Decimal(50000)), channel("online", 3, None)],
    )
    edit(
        page,
        publish=True,
        channels=[channel("direct", 5, Decimal(50000)), channel("online", 3, None)],
        dossier=documents("Tờ khai theo mẫu", "Giấy ủy quyền"),
        legal_basis=[
            (
                "document",
                {"title": "Nghị định", "number": "123/2015/NĐ-CP", "issued": ""},
            )
        ],
        status=EffectiveStatus.ABOLISHED,
    )
    newest, older = _texts(page)
    assert older == [
        "Trực tuyến: lệ phí 50.000 đ → miễn phí",
        "Trực tuyến: thời hạn 5 ngày làm việc → 3 ngày làm việc",
    ]
    assert newest == [
        "thêm giấy tờ: Giấy ủy quyền",
        "bỏ giấy tờ: Bản sao giấy tờ tùy thân",
        "thêm căn cứ pháp lý: 123/2015/NĐ-CP Nghị định",
        "bỏ căn cứ pháp lý: 60/2014/QH13 Luật Hộ tịch",
        "tình trạng: Còn hiệu lực → Đã bãi bỏ",
    ]


def test_a_draft_and_an_unchanged_publication_add_nothing():
    page = procedure()
    edit(page, publish=False, channels=[channel("direct", 1, None)])
    assert ProcedureVersion.objects.filter(procedure=page).count() == 1
    assert services.history(page) == []
    # The live page published again with its title changed only (the draft
    # left aside): a version, no change.
    edit(
        page,
        publish=True,
        from_live=True,
        title="Cấp bản sao trích lục hộ tịch (sửa tên)",
    )
    assert ProcedureVersion.objects.filter(procedure=page).count() == 2
    assert services.history(page) == []


def test_history_is_rebuilt_from_the_published_revisions():
    page = procedure()
    edit(page, publish=True, channels=[channel("direct", 5, None)])
    edit(page, publish=False, channels=[channel("direct", 9, None)])
    before = _texts(page)
    ProcedureVersion.objects.all().delete()
    assert services.rebuild_history(page) == 2
    assert _texts(page) == before


def test_api_and_atom_feed(client):
    page = procedure()
    edit(
        page,
        publish=True,
        channels=[channel("direct", 5, None), channel("online", 5, None)],
    )
    body = client.get(f"/api/v1/procedures/{page.code}/changes/").json()
    assert body["procedure"] == page.code
    [version] = body["history"]
    assert version["changes"][0]["text"] == "lệ phí 50.000 đ → miễn phí"
    assert version["changes"][0]["part"] == "fees"
    assert version["id"] == ProcedureVersion.objects.exclude(changes=[]).get().pk
    day = dt.datetime.fromisoformat(version["published_at"])
    assert timezone.localdate(day) == timezone.localdate()
    feed = client.get(body["feed_url"])
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "lệ phí 50.000 đ → miễn phí" in feed.content.decode()
    # Readers subscribe to the site's address (the frontend passes the feed on).
    assert f'{settings.FRONTEND_URL}/thu-tuc/{page.code}/thay-doi.atom"' in (
        feed.content.decode()
    )
    field_feed = client.get(f"/alerts/feeds/field/{page.field.slug}.atom")
    assert "lệ phí 50.000 đ → miễn phí" in field_feed.content.decode()
    assert client.get("/api/v1/procedures/0.000000/changes/").status_code == 404
