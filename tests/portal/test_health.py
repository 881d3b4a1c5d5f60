"""/healthz tells the truth about each service.

"Down" cases stop a real server: each test starts its own throwaway
PostgreSQL or Redis with the same code ``make test`` uses, checks the portal
sees it up, stops it, and checks the portal names it as down. The report runs
in a fresh process (``manage.py healthcheck``) with the environment pointing
at that server, as an operator would run it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests import services

ROOT = Path(__file__).resolve().parents[2]


def healthcheck(**env: str) -> tuple[int, dict]:
    completed = subprocess.run(
        [sys.executable, "manage.py", "healthcheck"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    body = json.loads(completed.stdout)
    return completed.returncode, body


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.opensearch
@pytest.mark.worker
def test_healthz_all_up(client, celery_worker_process):
    response = client.get("/healthz")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["down"] == []
    assert body["services"]["database"]["detail"]["vendor"] == "postgresql"
    assert body["services"]["broker"]["detail"]["transport"] == "redis"
    assert body["services"]["search"]["detail"]["version"].startswith("3.")
    assert body["services"]["search"]["detail"]["engine"] == "opensearch"
    assert (
        celery_worker_process["hostname"]
        in body["services"]["worker"]["detail"]["workers"]
    )


@pytest.mark.redis
@pytest.mark.opensearch
def test_database_stopped_is_reported(tmp_path):
    with ExitStack() as stack:
        url = services.start_postgres(stack, tmp_path)
        code, body = healthcheck(DATABASE_URL=url)
        assert body["services"]["database"]["status"] == "up"
    # The server is stopped now.
    code, body = healthcheck(DATABASE_URL=url)

    assert code != 0
    assert "database" in body["down"]
    assert "OperationalError" in body["services"]["database"]["error"]


@pytest.mark.postgres
@pytest.mark.opensearch
def test_broker_stopped_is_reported(tmp_path):
    with ExitStack() as stack:
        url = services.start_redis(stack, tmp_path)
        code, body = healthcheck(REDIS_URL=url)
        assert body["services"]["broker"]["status"] == "up"
    code, body = healthcheck(REDIS_URL=url)

    assert code != 0
    assert "broker" in body["down"]
    # The worker heartbeat lives in the same Redis: it cannot be read either.
    assert "worker" in body["down"]


@pytest.mark.postgres
@pytest.mark.redis
def test_search_engine_down_is_reported():
    closed = services.free_port()

    code, body = healthcheck(OPENSEARCH_URL=f"http://127.0.0.1:{closed}")

    assert code != 0
    assert "search" in body["down"]
    assert body["services"]["database"]["status"] == "up"


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@pytest.mark.redis
def test_stopped_worker_is_reported(client, django_db_setup, django_db_blocker):
    """A worker that stops cleanly disappears from the report at once."""
    from portal.celery import live_workers
    from tests.conftest import start_worker

    worker = start_worker()
    assert worker["hostname"] in live_workers()
    worker["process"].terminate()
    worker["process"].wait(timeout=30)

    body = client.get("/healthz").json()
    assert worker["hostname"] not in body["services"]["worker"]["detail"].get(
        "workers", []
    )
