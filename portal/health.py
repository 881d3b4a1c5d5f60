"""Health of the services the portal depends on.

Each check returns a :class:`Check`; none raises. Three views read them:

- ``/healthz`` — the full report: 200 when every part is up, 503 naming what
  is down. For monitoring and alerts.
- ``/healthz/ready`` — whether this web process can serve citizens: 503 only
  when the database is down. Search (the database answers, ``degraded``),
  the broker (submissions are stored and swept later) and the workers are
  named under ``degraded`` but keep it 200, so a load balancer keeps the web
  tier through their outages. This is what a load balancer should probe.
- ``/healthz/live`` — the process answers at all (no dependency checked):
  for a supervisor that restarts a hung process.
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


def check_search_ready() -> Check:
    """Search as the citizens' searches see it: through their circuit breaker,
    so that while it is open the probe costs nothing, and when a probe is due
    this one may be it."""
    from search import breaker
    from search.client import get_client

    def probe() -> dict[str, Any]:
        info = breaker.call(get_client(timeout=1, max_retries=0).info)
        return {"version": info.get("version", {}).get("number")}

    check = _timed("search", probe)
    if not check.ok and check.error and check.error.startswith("CircuitBreakerError"):
        check.error = "circuit breaker open: searches answer from the database"
    return check


# Without these a web process cannot serve; without the others it serves
# degraded (search from the database, intake and e-mails delayed).
ESSENTIAL = ("database",)

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


def ready() -> tuple[bool, dict[str, Any]]:
    """Whether this process can serve (the database is up), naming what is
    degraded; (ready, JSON-ready report)."""
    results = [check_database(), check_broker(), check_search_ready(), check_worker()]
    down = [c.name for c in results if not c.ok and c.name in ESSENTIAL]
    degraded = [c.name for c in results if not c.ok and c.name not in ESSENTIAL]
    body = {
        "status": "down" if down else ("degraded" if degraded else "ok"),
        "down": down,
        "degraded": degraded,
        "services": {c.name: c.as_dict() for c in results},
        "version": getattr(settings, "PORTAL_VERSION", "dev"),
    }
    return not down, body
