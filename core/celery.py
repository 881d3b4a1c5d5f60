"""The task policy every app's Celery tasks follow, and the periodic-job hook.

Apps declare their tasks with ``@shared_task`` and never import the project's
Celery application (``portal/celery.py`` sits above them): the options come
from :func:`retrying`, and a periodic job is added with
:func:`register_periodic` from the app's ``AppConfig.ready`` so that its
schedule lives beside its code. The project's application is the current
(and default) Celery app by the time any app is ready. :func:`requeue` is
the body of every periodic sweep that queues again what a broker outage left
behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from celery import Task, current_app
from django.db.models import QuerySet
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# At most this many rows of each kind are queued again by one sweep run.
SWEEP_BATCH = 1000


def register_periodic(name: str, task: str, schedule: Any, **options: Any) -> None:
    """Add a periodic job to the beat schedule."""
    entry: dict[str, Any] = {"task": task, "schedule": schedule}
    if options:
        entry["options"] = options
    conf = current_app.conf
    conf.beat_schedule = {**(conf.beat_schedule or {}), name: entry}


def retrying(
    *errors: type[BaseException],
    max_retries: int = 8,
    backoff_max: int = 600,
    **options: Any,
) -> dict[str, Any]:
    """Options of a task that retries on ``errors`` with growing, jittered delays.

    ``@shared_task(**retrying(OperationalError, acks_late=True))``: the delays
    double from one second up to ``backoff_max`` seconds, each drawn at random
    below its bound so that tasks failing together do not come back together.
    """
    return {
        "bind": True,
        "autoretry_for": errors,
        "retry_backoff": True,
        "retry_jitter": True,
        "retry_backoff_max": backoff_max,
        "max_retries": max_retries,
        **options,
    }


def requeue(
    older_than_seconds: float,
    *jobs: tuple[Task, Callable[[timedelta], QuerySet]],
    batch: int = SWEEP_BATCH,
) -> int:
    """Queue each job's task again for its rows left older than the age given.

    A job pairs a task with the function that finds its rows left undone for
    longer than a ``timedelta``. The body of the periodic sweeps: the tasks
    are idempotent, so a row queued twice does its work once. When the broker
    is away the sweep stops and the next run queues the rest. Returns how
    many were queued.
    """
    older_than = timedelta(seconds=older_than_seconds)
    queued = 0
    try:
        for task, left_undone in jobs:
            for pk in left_undone(older_than).values_list("pk", flat=True)[:batch]:
                task.delay(pk)
                queued += 1
    except BrokerError:
        logger.warning("broker unavailable; the next sweep queues the rest")
    return queued
