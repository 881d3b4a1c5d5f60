"""Health of the services the portal depends on.

Each check returns a :class:`Check`; none raises. The view turns them into one
JSON document, 200 when everything is up and 503 naming what is down.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection

from .celery import HEARTBEAT_STALE_AFTER, live_workers
from .celery import app as celery_app


@dataclass
class Check:
    name: str
    ok: bool
    latency_ms: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = "up" if self.ok else "down"
        if data["error"] is None:
            del data["error"]
        return data


def _timed(name: str, probe: Callable[[], dict[str, Any]]) -> Check:
    started = time.perf_counter()
    try:
        detail = probe()
    except Exception as exc:  # noqa: BLE001 - a health check reports, never raises
        return Check(
            name,
            False,
            round((time.perf_counter() - started) * 1000, 1),
            error=f"{type(exc).__name__}: {exc}"[:300],
        )
    return Check(name, True, round((time.perf_counter() - started) * 1000, 1), detail)


def check_database() -> Check:
    def probe() -> dict[str, Any]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"vendor": connection.vendor}

    return _timed("database", probe)


def check_broker() -> Check:
    def probe() -> dict[str, Any]:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            channel = conn.default_channel
            # Virtual transports "connect" without touching their store, so
            # ask the store itself: PING for Redis, a query for SQLAlchemy.
            if hasattr(channel, "session"):
                from sqlalchemy import text

                channel.session.execute(text("SELECT 1"))
            else:
                channel.client.ping()
            return {"transport": conn.transport_cls}

    return _timed("broker", probe)


def check_search() -> Check:
    from search.client import get_client

    def probe() -> dict[str, Any]:
        info = get_client(timeout=2, max_retries=0).info()
        return {
            "engine": info.get("version", {}).get("distribution", "elasticsearch"),
            "version": info.get("version", {}).get("number"),
            "cluster": info.get("cluster_name"),
        }

    return _timed("search", probe)


def check_worker() -> Check:
    def probe() -> dict[str, Any]:
        workers = live_workers()
        if not workers:
            raise RuntimeError(
                f"no Celery worker has sent a heartbeat in the last "
                f"{HEARTBEAT_STALE_AFTER:.0f} s"
            )
        return {"workers": sorted(workers), "heartbeat_age_s": workers}

    return _timed("worker", probe)


CHECKS: tuple[Callable[[], Check], ...] = (
    check_database,
    check_broker,
    check_search,
    check_worker,
)


def report() -> tuple[bool, dict[str, Any]]:
    """Run every check; return (all up, JSON-ready report)."""
    results = [run() for run in CHECKS]
    healthy = all(c.ok for c in results)
    body = {
        "status": "ok" if healthy else "degraded",
        "down": [c.name for c in results if not c.ok],
        "services": {c.name: c.as_dict() for c in results},
        "version": getattr(settings, "PORTAL_VERSION", "dev"),
    }
    return healthy, body
