"""A task makes the round trip through the real broker and a real worker."""

import pytest

from portal.tasks import echo

pytestmark = [pytest.mark.redis, pytest.mark.worker]


def test_task_round_trip_through_broker_and_worker(celery_worker_process):
    result = echo.delay("xin chào").get(timeout=30)

    assert result["echo"] == "xin chào"
    # The answer came from a worker process, not from an eager call.
    assert celery_worker_process["process"].poll() is None
