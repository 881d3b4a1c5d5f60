"""Alert tasks: thin entry points around alerts.services."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from core.celery import requeue, retrying

from . import services

TRANSIENT = (OperationalError, SMTPException, ConnectionError)


@shared_task(**retrying(*TRANSIENT, acks_late=True))
def send_change_digests(self, version_id: int) -> int:
    """Idempotent, hence ``acks_late``: each digest is recorded once."""
    return services.send_digests(version_id)


@shared_task(**retrying(*TRANSIENT))
def send_confirmation(self, follow_id: int) -> bool:
    return services.send_confirmation(follow_id)


@shared_task(**retrying(OperationalError, max_retries=3))
def sweep_unsent(self) -> int:
    """Queue again the digests and confirmations that have not gone in time.

    A digest queued twice is sent once: each (subscriber, version) is a
    ``Delivery`` row, made in the transaction that sends its e-mail.
    """
    return requeue(
        settings.ALERTS_SWEEP_AFTER_SECONDS,
        (send_change_digests, services.undigested),
        (send_confirmation, services.unconfirmed_unsent),
    )
