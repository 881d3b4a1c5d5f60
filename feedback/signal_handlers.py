"""Queue the workers' tasks for what the services announce (``signals``).

A broker failure is raised to the caller, the service's ``on_commit`` hook,
which logs it; the periodic sweep queues the work again later.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core import public_cache

from . import signals, tasks
from .models import (
    CounterRating,
    DossierEvaluation,
    PageFeedback,
    Petition,
    PetitionStatus,
)


def queue_intake(sender, petition_id: int, **kwargs) -> None:
    tasks.process_petition.delay(petition_id)


def queue_editor_notice(sender, feedback_id: int, **kwargs) -> None:
    tasks.notify_page_editor.delay(feedback_id)


def forget_satisfaction(**kwargs) -> None:
    """A new rating: cached satisfaction figures are recomputed."""
    public_cache.bump(public_cache.SATISFACTION)


def forget_petitions(instance, created: bool = False, **kwargs) -> None:
    """A petition changed (screened, answered, published): cached counts are
    recomputed. A citizen's new one is not public yet: its intake costs no bump."""
    if not created or instance.status == PetitionStatus.PUBLISHED:
        public_cache.bump(public_cache.PETITIONS)


def register() -> None:
    for model in (CounterRating, DossierEvaluation, PageFeedback):
        post_save.connect(
            forget_satisfaction, sender=model, dispatch_uid=f"f-sat-s-{model}"
        )
        post_delete.connect(
            forget_satisfaction, sender=model, dispatch_uid=f"f-sat-d-{model}"
        )
    post_save.connect(forget_petitions, sender=Petition, dispatch_uid="f-p-save")
    post_delete.connect(forget_petitions, sender=Petition, dispatch_uid="f-p-del")
    signals.intake_due.connect(queue_intake, dispatch_uid="feedback.queue_intake")
    signals.editor_notice_due.connect(
        queue_editor_notice, dispatch_uid="feedback.queue_editor_notice"
    )
