"""The follow form cannot flood a mailbox: at most
``ALERTS_CONFIRMATIONS_PER_ADDRESS`` confirmation e-mails an address a day,
however many things are followed, from however many client addresses."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from alerts import services
from alerts.models import Follow
from tests.catalogue.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def test_an_address_gets_at_most_the_days_confirmations(settings):
    settings.ALERTS_CONFIRMATIONS_PER_ADDRESS = 3
    agencies = [AgencyFactory(name=f"UBND xã {n}") for n in range(4)]
    follows = [services.follow("nan-nhan@example.com", agency=a) for a in agencies]

    sent = [services.send_confirmation(follow.pk) for follow in follows]

    assert sent == [True, True, True, False]
    assert [m.to for m in mail.outbox] == [["nan-nhan@example.com"]] * 3
    # The refused one is not queued again by the sweep, every minute, all day.
    for follow in Follow.objects.filter(pk__in=[f.pk for f in follows]):
        follow.created_at = timezone.now() - timezone.timedelta(minutes=10)
        follow.save(update_fields=["created_at"])
    assert not services.unconfirmed_unsent(timezone.timedelta(minutes=5)).exists()
    # Asking again the same day sends nothing more; another address is not held up.
    again = services.follow("nan-nhan@example.com", agency=agencies[0])
    assert not services.send_confirmation(again.pk)
    other = services.follow("khac@example.com", agency=agencies[0])
    assert services.send_confirmation(other.pk)
    assert len(mail.outbox) == 4
