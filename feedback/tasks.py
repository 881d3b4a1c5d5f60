"""Feedback intake tasks: thin entry points around feedback.services."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from core.celery import requeue, retrying

from . import satisfaction, services
from .sms import SmsError

# Failures worth retrying: the database or the mail/SMS gateway was away.
TRANSIENT = (OperationalError, SMTPException, SmsError, ConnectionError)


@shared_task(**retrying(*TRANSIENT, acks_late=True))
def process_petition(self, petition_id: int) -> bool:
    """Take a petition in: screen, mask, route, acknowledge, count.

    Idempotent, hence ``acks_late``: each step is done under a row lock and
    stamped in the same transaction, and skipped when its stamp is set, so a
    message redelivered after a worker died (or a duplicate from the sweep)
    only finishes the steps still missing.
    """
    return services.run_intake(petition_id)


@shared_task(**retrying(*TRANSIENT, acks_late=True))
def notify_page_editor(self, feedback_id: int) -> bool:
    """Mail a "not useful" comment to the page's editor.

    Idempotent, hence ``acks_late``: the feedback row is stamped when the mail
    has gone, and a stamped row is skipped.
    """
    return satisfaction.notify_editor(feedback_id)


@shared_task(**retrying(OperationalError, max_retries=3))
def sweep_unprocessed(self) -> int:
    """Queue again every submission whose processing has not finished in time."""
    return requeue(
        settings.FEEDBACK_SWEEP_AFTER_SECONDS,
        (process_petition, services.unprocessed),
        (notify_page_editor, satisfaction.unnotified),
    )
