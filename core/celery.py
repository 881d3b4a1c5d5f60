"""The task policy every app's Celery tasks follow, and the periodic-job hook.

Apps declare their tasks with ``@shared_task`` and never import the project's
Celery application (``portal/celery.py`` sits above them): the options come
from :func:`retrying`, and a periodic job is added with
:func:`register_periodic` from the app's ``AppConfig.ready`` so that its
schedule lives beside its code. The project's application is the current
(and default) Celery app by the time any app is ready.
"""

from __future__ import annotations

from typing import Any

from celery import current_app


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
