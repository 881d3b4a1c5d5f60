"""Dossier tasks: thin entry points around dossiers.services."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from core.celery import requeue, retrying

from . import services

# Failures worth retrying: the database or the mail server was away.
TRANSIENT = (OperationalError, SMTPException, ConnectionError)


@shared_task(**retrying(OperationalError, max_retries=3))
def sweep_notifications(self) -> int:
    """Queue again the status e-mails that have not gone in time."""
    return requeue(
        settings.DOSSIER_NOTIFY_SWEEP_AFTER_SECONDS,
        (notify_applicant, services.unnotified),
    )


@shared_task(**retrying(*TRANSIENT, acks_late=True))
def notify_applicant(self, event_id: int) -> bool:
    """E-mail an online applicant about a status change of their dossier.

    Idempotent, hence ``acks_late``: the event row is stamped when the mail
    has gone, and a stamped event is skipped.
    """
    return services.notify_applicant(event_id)
