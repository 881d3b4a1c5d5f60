"""A publication is recorded at once; the digests go through the workers.

Only ``page_published`` records anything: saving a draft, submitting it for
review or scheduling it changes nothing here until it goes live.
"""

from __future__ import annotations

import logging

from django.db import transaction
from wagtail.signals import page_published

from catalogue.models import ProcedurePage

from . import services

log = logging.getLogger(__name__)


def _queue_digests(version_id: int) -> None:
    from . import tasks

    try:
        tasks.send_change_digests.delay(version_id)
    except Exception:  # noqa: BLE001 - the broker is away: the sweep queues it
        log.exception("alerts: digests of version %s not queued", version_id)


def record(sender, instance, revision=None, **kwargs) -> None:
    version = services.record_publication(instance, revision)
    if version is not None and version.changes and version.digests_sent_at is None:
        transaction.on_commit(lambda: _queue_digests(version.pk), robust=True)


def register() -> None:
    page_published.connect(record, sender=ProcedurePage, dispatch_uid="alerts-pub")
