"""SMS senders behind one interface.

The portal talks to whatever SMS gateway the province contracts through a
class named by ``FEEDBACK_SMS_BACKEND`` with a ``send(phone, text)`` method
that raises :class:`SmsError` on a failure worth retrying.
"""

from __future__ import annotations

import logging
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The gateway did not take the message; the caller may retry."""


class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LoggingSmsSender:
    """Default: writes the message to the log (no gateway configured)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s…%s: %s", phone[:3], phone[-2:], text)


class MemorySmsSender:
    """Keeps messages in ``outbox`` (tests, in-process only)."""

    outbox: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        self.outbox.append((phone, text))


def get_sms_sender() -> SmsSender:
    return import_string(settings.FEEDBACK_SMS_BACKEND)()
