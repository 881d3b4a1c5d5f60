"""The Celery application.

Configuration comes from Django settings under the ``CELERY_`` namespace
(JSON-only messages, time limits, the beat schedule). The application is made
the default one, so that the apps below the project reach it through
``celery.current_app`` (``core.celery``: the retry policy and the periodic-job
hook) without importing it.

Workers announce themselves with a heartbeat in the shared cache (see
:class:`Heartbeat`): remote-control pings need broadcast, which kombu's
SQLAlchemy transport (the embedded broker) does not carry between processes,
while a heartbeat works the same on every broker.
"""

from __future__ import annotations

import os
import time

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
# Current in every thread, not only the one that made it (see core.celery).
app.set_default()
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

HEARTBEAT_INTERVAL = 5.0
# A worker that has not beaten for this long is reported down.
HEARTBEAT_STALE_AFTER = 20.0
_REGISTRY_KEY = "portal:workers"


def _cache():
    """The workers' own cache (not the rate limits': nothing crowds it out)."""
    from django.core.cache import caches

    return caches["workers"]


def _worker_key(hostname: str) -> str:
    return f"portal:worker:{hostname}"


def live_workers() -> dict[str, float]:
    """Workers whose heartbeat is fresh, with its age in seconds."""
    cache = _cache()
    names = cache.get(_REGISTRY_KEY) or []
    beats = cache.get_many([_worker_key(name) for name in names])
    now = time.time()
    return {
        name: round(now - beats[_worker_key(name)], 1)
        for name in names
        if _worker_key(name) in beats
        and now - beats[_worker_key(name)] <= HEARTBEAT_STALE_AFTER
    }


class Heartbeat(bootsteps.StartStopStep):
    """Writes the worker's heartbeat to the cache while it consumes."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.tref = None

    def start(self, worker) -> None:
        self.beat(worker)
        self.tref = worker.timer.call_repeatedly(
            HEARTBEAT_INTERVAL, self.beat, (worker,), priority=10
        )

    def beat(self, worker) -> None:
        cache = _cache()
        cache.set(_worker_key(worker.hostname), time.time(), 3600)
        # Registered again whenever the name is missing: a cache that lost its
        # data (a Redis restart, a flush) or two workers registering at once
        # (the read-modify-write below) heal on the next beat.
        names = cache.get(_REGISTRY_KEY) or []
        if worker.hostname not in names:
            cache.set(_REGISTRY_KEY, sorted({*names, worker.hostname}), None)

    def stop(self, worker) -> None:
        cache = _cache()
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None
        cache.delete(_worker_key(worker.hostname))

    shutdown = stop


app.steps["worker"].add(Heartbeat)
