"""Queue the workers' tasks for what the services announce (``signals``).

A broker failure is raised to the caller, the service's ``on_commit`` hook,
which logs it; the periodic sweep queues the e-mail again later.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core import public_cache

from . import signals, tasks
from .models import Dossier, DossierEvent


def queue_applicant_notice(sender, event_id: int, **kwargs) -> None:
    tasks.notify_applicant.delay(event_id)


def forget_statistics(**kwargs) -> None:
    """A dossier or an event changed: cached statistics are recomputed."""
    public_cache.bump(public_cache.DOSSIERS)


def register() -> None:
    for model in (Dossier, DossierEvent):
        post_save.connect(forget_statistics, sender=model, dispatch_uid=f"d-s-{model}")
        post_delete.connect(
            forget_statistics, sender=model, dispatch_uid=f"d-d-{model}"
        )
    signals.applicant_notice_due.connect(
        queue_applicant_notice, dispatch_uid="dossiers.queue_applicant_notice"
    )
