"""The e-mails' links: a button to press, then the way back to the page; a
link used up or cut short says so (404), never a bare "not found"."""

from __future__ import annotations

import pytest
from django.conf import settings

from alerts import services
from alerts.models import Follow

from .factories import procedure

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def test_confirm_then_stop_then_the_link_is_used_up(client):
    page = procedure()
    follow = services.follow("an@example.com", procedure=page)

    shown = client.get(f"/alerts/confirm/{follow.token}")
    assert shown.status_code == 200
    assert b'<form method="post"><button type="submit">' in shown.content
    follow.refresh_from_db()
    assert follow.confirmed_at is None  # a scanner's GET confirms nobody

    done = client.post(f"/alerts/confirm/{follow.token}").content.decode()
    assert "Đã xác nhận." in done
    back = f'href="{settings.FRONTEND_URL}/thu-tuc/{page.code}"'
    assert back in done
    assert f"Xem trang thủ tục {page.code}" in done
    assert Follow.objects.get(pk=follow.pk).confirmed_at is not None

    assert client.post(f"/alerts/stop/{follow.token}").status_code == 200
    for path in (f"/alerts/stop/{follow.token}", f"/alerts/confirm/{follow.token}"):
        gone = client.post(path)
        assert gone.status_code == 404
        assert "Liên kết này không còn dùng được" in gone.content.decode()
        assert "<form" not in gone.content.decode()
    assert client.get("/alerts/unsubscribe/cut-sho").status_code == 404


def test_an_english_followers_links_are_in_english(client):
    page = procedure()
    follow = services.follow("an@example.com", procedure=page, language="en")

    shown = client.get(f"/alerts/confirm/{follow.token}").content.decode()
    assert '<html lang="en">' in shown
    assert '<button type="submit">Confirm following</button>' in shown
    done = client.post(f"/alerts/confirm/{follow.token}").content.decode()
    assert "Confirmed. You will get an e-mail when a change is published." in done
    assert f"See the page of procedure {page.code}" in done
    assert client.post(f"/alerts/stop/{follow.token}").status_code == 200
    gone = client.post(f"/alerts/stop/{follow.token}")
    assert gone.status_code == 404
    assert "This link can no longer be used" in gone.content.decode()
