"""The cost of one intake request, measured in one process, without a network.

Starts PostgreSQL and Redis (as the test suite does, unless ``DATABASE_URL`` /
``REDIS_URL`` are set), then sends petitions and counter ratings through
Django's whole request path (every middleware, DRF, the view, the services,
the queueing after commit) with Django's test client, one after another in
one thread. It prints, per request: the CPU milliseconds of this process, the
SQL queries, the Redis commands (cache and broker), and beside them the same
for a trivial request through the same stack (``/healthz/live``) as the floor.
With ``--cprofile`` it also prints the functions that cost the most.

A load test (``bench_feedback.py``) shows what the machine does under
concurrency; this shows what one request costs, whatever the load of the
machine (CPU time, not wall time).

    python scripts/profile_intake.py [--count 500] [--cprofile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu() -> tuple[float, float]:
    """User and system CPU seconds of this process."""
    times = os.times()
    return times.user, times.system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()

    from tests.services import start_postgres, start_redis

    workdir = Path(tempfile.mkdtemp(prefix="profile-intake-"))
    with ExitStack() as stack:
        os.environ["DATABASE_URL"] = os.environ.get("DATABASE_URL") or start_postgres(
            stack, workdir
        )
        os.environ["REDIS_URL"] = os.environ.get("REDIS_URL") or start_redis(
            stack, workdir
        )
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                "DATABASE_CONN_MAX_AGE": "60",
                "OPENSEARCH_URL": "http://127.0.0.1:1",
                "PORTAL_DATA_DIR": str(workdir),
                "FEEDBACK_RATE_PER_IP": "10000000/hour",
                "FEEDBACK_RATE_PER_PHONE": "10000000/day",
                "FEEDBACK_RATE_RATINGS_PER_IP": "10000000/hour",
            }
        )
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        return measure(args)


class RedisCounter:
    """Counts the commands every Redis connection of this process sends."""

    def __init__(self) -> None:
        from redis.connection import AbstractConnection

        self.count = 0
        original = AbstractConnection.send_packed_command

        def counted(connection, command, check_health=True):
            # A pipeline is one round trip, whatever it holds.
            self.count += 1
            return original(connection, command, check_health)

        AbstractConnection.send_packed_command = counted


def measure(args) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Agency

    agency, _ = Agency.objects.get_or_create(name="Trung tâm Phục vụ hành chính công")
    redis_calls = RedisCounter()
    client = Client(REMOTE_ADDR="203.0.113.9")
    run = uuid.uuid4().hex[:8]

    def petition(i: int):
        return client.post(
            "/api/v1/petitions/",
            {
                "kind": "suggestion",
                "agency": agency.pk,
                "title": f"Kiến nghị đo chi phí {run}-{i}",
                "body": f"Nội dung kiến nghị số {i}: đề nghị niêm yết thêm mẫu tờ "
                f"khai {i * 7919 % 10007} tại quầy và hướng dẫn nộp hồ sơ.",
                "name": f"Người dân {i}",
                "phone": f"09{i:08d}",
                "consent_publish": i % 2 == 0,
            },
            content_type="application/json",
            headers={"Idempotency-Key": f"p-{run}-{i}"},
        )

    def rating(i: int):
        return client.post(
            "/api/v1/satisfaction/counter-ratings/",
            {"agency": agency.pk, "level": "satisfied"},
            content_type="application/json",
            headers={"Idempotency-Key": f"r-{run}-{i}"},
        )

    def health(i: int):
        return client.get("/healthz/live")

    kinds = {"petition": (petition, 202), "rating": (rating, 201)}
    kinds["healthz/live"] = (health, 200)
    # Warm up: imports, connections, the first compiled queries.
    for send, _ in kinds.values():
        for i in range(20):
            send(-1 - i)
    profiler = cProfile.Profile() if args.cprofile else None
    rows = []
    for name, (send, expected) in kinds.items():
        with CaptureQueriesContext(connection) as queries:
            redis_before = redis_calls.count
            started, wall = cpu(), time.perf_counter()
            if profiler and name != "healthz/live":
                profiler.enable()
            for i in range(args.count):
                response = send(i)
                if response.status_code != expected:
                    print(name, response.status_code, response.content[:300])
                    return 1
            if profiler:
                profiler.disable()
            ended, wall = cpu(), time.perf_counter() - wall
            user, system = ended[0] - started[0], ended[1] - started[1]
        rows.append(
            (
                name,
                1000 * user / args.count,
                1000 * system / args.count,
                1000 * wall / args.count,
                len(queries.captured_queries) / args.count,
                (redis_calls.count - redis_before) / args.count,
            )
        )
    print(f"{args.count} requests each, one thread, load {os.getloadavg()[0]:.2f}")
    print(
        f"{'request':<16}{'user ms':>9}{'sys ms':>8}{'wall ms':>9}"
        f"{'queries':>9}{'redis':>7}"
    )
    for name, user, system, wall, queries, redis in rows:
        print(
            f"{name:<16}{user:>9.2f}{system:>8.2f}{wall:>9.2f}"
            f"{queries:>9.1f}{redis:>7.1f}"
        )
    if profiler:
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
