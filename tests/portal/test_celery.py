"""A task makes the round trip through the real broker and a real worker."""

import time

import pytest

from portal.tasks import echo

pytestmark = [pytest.mark.redis, pytest.mark.worker]


def test_task_round_trip_through_broker_and_worker(celery_worker_process):
    result = echo.delay("xin chào").get(timeout=30)

    assert result["echo"] == "xin chào"
    # The answer came from a worker process, not from an eager call.
    assert celery_worker_process["process"].poll() is None


def test_a_worker_reappears_after_its_registry_is_lost(celery_worker_process):
    # Redis restarted without its data, or a FLUSHDB: the registry is gone,
    # the worker still runs; /healthz must see it again within a few beats
    # instead of reporting it down until it restarts.
    from django.core.cache import caches

    from portal.celery import HEARTBEAT_INTERVAL, live_workers

    hostname = celery_worker_process["hostname"]
    caches["workers"].clear()
    assert hostname not in live_workers()

    deadline = time.monotonic() + 4 * HEARTBEAT_INTERVAL + 10
    while hostname not in live_workers() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert hostname in live_workers()
