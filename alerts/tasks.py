"""Alert tasks: thin entry points around alerts.services."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from core.celery import retrying

from . import services

TRANSIENT = (OperationalError, SMTPException, ConnectionError)


@shared_task(**retrying(*TRANSIENT, acks_late=True))
def send_change_digests(self, version_id: int) -> int:
    """Idempotent, hence ``acks_late``: each digest is recorded once."""
    return services.send_digests(version_id)


@shared_task(**retrying(*TRANSIENT))
def send_confirmation(self, follow_id: int) -> bool:
    return services.send_confirmation(follow_id)
