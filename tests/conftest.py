"""Shared fixtures: service requirements, a real Celery worker, the frontend.

Tests that need a service carry a marker (``postgres``, ``redis``,
``opensearch``, ``worker``, ``frontend``). When the service is missing the
test is skipped with the reason, except under ``CI`` where it fails: CI must
never pass by skipping. ``make test`` runs the suite inside
``tests/services.py``, which provides every service.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SERVICE_ENV = {
    "postgres": "DATABASE_URL",
    "redis": "REDIS_URL",
    "opensearch": "OPENSEARCH_URL",
    "worker": "REDIS_URL",
}


def missing_service(reason: str) -> None:
    """Fail under CI, skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"required service missing under CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _require_services(request: pytest.FixtureRequest) -> None:
    for marker, variable in SERVICE_ENV.items():
        if request.node.get_closest_marker(marker) and not os.environ.get(variable):
            missing_service(
                f"{marker} test needs {variable} (run it through `make test`)"
            )
    built = (ROOT / "frontend" / "build" / "index.js").exists()
    if request.node.get_closest_marker("frontend") and not built:
        missing_service("frontend not built (make frontend-build)")


def _database_url_for(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def start_worker(extra_env: dict[str, str] | None = None) -> dict:
    """Start a real ``celery worker`` on the test database; wait for it.

    Call with the test database set up (inside a db-enabled test or fixture).
    ``extra_env`` changes the worker's environment (e.g. no Redis, as under
    ``make run``).
    """
    from django.db import connection

    from portal.celery import live_workers

    hostname = f"test-{uuid.uuid4().hex[:8]}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url_for(connection.settings_dict),
        **(extra_env or {}),
    }
    log_dir = Path(os.environ.get("PORTAL_SERVICES_DIR") or ROOT / "var")
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"worker-{hostname.split('@')[0]}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "-n",
                hostname,
                "-c",
                "2",
                "-l",
                "info",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while hostname not in live_workers():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(
                f"Celery worker did not start; log: {log_path}\n"
                + log_path.read_text()[-3000:]
            )
        time.sleep(0.3)
    started = {"process": process, "hostname": hostname, "log": log_path}
    _RUNNING.append(started)
    return started


# The workers this test process started and has not stopped (the session's,
# a test's own).
_RUNNING: list[dict] = []


@contextlib.contextmanager
def other_workers_paused():
    """The workers already running (the session's) stop taking tasks while
    the block runs, and take them again after it.

    A test that starts a worker of its own with other settings (e-mails
    written to its folder), or that needs no worker at all for a while, would
    otherwise see the session's worker take its tasks: in the full suite, the
    alerts' e-mails went to another folder and the test timed out.
    """
    from portal.celery import app

    queue = app.conf.task_default_queue
    paused = [w["hostname"] for w in _RUNNING if w["process"].poll() is None]
    if paused:
        app.control.cancel_consumer(queue, destination=paused, reply=True, timeout=15)
    try:
        yield
    finally:
        alive = [
            w["hostname"]
            for w in _RUNNING
            if w["hostname"] in paused and w["process"].poll() is None
        ]
        if alive:
            app.control.add_consumer(queue, destination=alive, reply=True, timeout=15)


def stop_worker(worker: dict) -> None:
    if worker in _RUNNING:
        _RUNNING.remove(worker)
    worker["process"].terminate()
    try:
        worker["process"].wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker["process"].kill()


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real worker shared by the session, on the test database and broker.

    Tests that need it use ``transactional_db`` so that their rows are
    committed and visible to the worker.
    """
    if not os.environ.get("REDIS_URL"):
        missing_service("worker needs REDIS_URL (run it through `make test`)")
    with django_db_blocker.unblock():
        worker = start_worker()
    yield worker
    stop_worker(worker)


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """Each test starts with new versions of the shared cache of public reads,
    no buffered view counts and no confirmation e-mails counted: the database
    is rolled back between tests, Redis is not."""
    if not os.environ.get("REDIS_URL"):
        yield
        return
    from django.core.cache import cache

    from core import public_cache

    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("catalogue:views:*")):
        client.delete(key)
    # Nor the confirmation e-mails counted per address today (alerts).
    for key in client.scan_iter(match=cache.make_key("alerts-confirmations:*")):
        client.delete(key)
    public_cache.bump(*public_cache.ALL)
    yield
