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


def test_the_e_mails_link_to_the_public_site_not_to_django(client, settings):
    """Confirmation and digest: every link the reader sees is on the citizens'
    site (FRONTEND_URL); only the one-click header, which a mail provider POSTs
    to, is Django's own address."""
    from django.core import mail
    from django.utils import timezone

    from alerts.models import ProcedureVersion

    from .factories import channel, edit

    settings.FRONTEND_URL = "https://dichvucong.example.vn"
    settings.ALERTS_BASE_URL = "https://api.dichvucong.example.vn"
    page = procedure()
    follow = services.follow("an@example.com", procedure=page)
    assert services.send_confirmation(follow.pk)
    [confirmation] = mail.outbox
    assert (
        f"\nhttps://dichvucong.example.vn/theo-doi/xac-nhan/{follow.token}\n"
        in confirmation.body
    )
    assert "api.dichvucong" not in confirmation.body
    assert "/alerts/" not in confirmation.body

    services.confirm(follow.token)
    mail.outbox.clear()
    edit(page, publish=True, from_live=True, channels=[channel("online", 5, None)])
    version = ProcedureVersion.objects.exclude(changes=[]).get(procedure=page)
    assert services.send_digests(version.pk) == 1
    [digest] = mail.outbox
    token = follow.subscriber.token
    site = "https://dichvucong.example.vn"
    assert f"{site}/thu-tuc/{page.code}" in digest.body
    assert f"bỏ theo dõi {site}/theo-doi/bo-theo-doi/{follow.token}" in digest.body
    assert f"Bỏ theo dõi tất cả: {site}/theo-doi/bo-theo-doi-tat-ca/{token}" in (
        digest.body
    )
    assert "api.dichvucong" not in digest.body and "/alerts/" not in digest.body
    assert digest.extra_headers["List-Unsubscribe"] == (
        f"<https://api.dichvucong.example.vn/alerts/unsubscribe/{token}>"
    )
    assert timezone.localdate().strftime("%d/%m/%Y") in digest.subject
