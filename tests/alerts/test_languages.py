"""The e-mails in the language the follow form was shown in; the changes
quoted in Vietnamese, as the procedure is."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from alerts import services
from alerts.models import Follow, ProcedureVersion, Subscriber
from tests.feedback.conftest import clear_throttles

from .factories import channel, edit, procedure

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def _follow(client, address: str, code: str, language: str) -> None:
    response = client.post(
        "/api/v1/alerts/follows/",
        {"email": address, "procedure": code},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 202, response.content


def test_an_english_follower_gets_english_e_mails(client):
    clear_throttles()
    page = procedure()
    _follow(client, "an@example.com", page.code, "en-GB,en;q=0.9")
    _follow(client, "binh@example.com", page.code, "vi")
    assert Subscriber.objects.get(email="an@example.com").language == "en"
    assert Subscriber.objects.get(email="binh@example.com").language == "vi"

    for follow in Follow.objects.order_by("pk"):
        assert services.send_confirmation(follow.pk)
        services.confirm(follow.token)
    english, vietnamese = mail.outbox
    assert english.subject == (
        "Confirm you want to follow changes to administrative procedures"
    )
    assert (
        f"asked to be e-mailed when procedure {page.code} {page.title} changes"
        in english.body
    )
    assert vietnamese.subject == "Xác nhận theo dõi thay đổi thủ tục hành chính"

    mail.outbox.clear()
    edit(
        page,
        publish=True,
        from_live=True,
        channels=[channel("direct", 5, None), channel("online", 5, None)],
    )
    version = ProcedureVersion.objects.exclude(changes=[]).get(procedure=page)
    assert services.send_digests(version.pk) == 2
    day = timezone.localdate().strftime("%d/%m/%Y")
    by_address = {m.to[0]: m for m in mail.outbox}
    en, vi = by_address["an@example.com"], by_address["binh@example.com"]
    assert en.subject == f"Procedure {page.code} changes from {day}"
    assert f"- From {day}: lệ phí 50.000 đ → miễn phí" in en.body
    assert "You receive this e-mail because you follow:" in en.body
    assert vi.subject == f"Thủ tục {page.code} thay đổi từ {day}"
    assert f"- Từ {day}: lệ phí 50.000 đ → miễn phí" in vi.body
