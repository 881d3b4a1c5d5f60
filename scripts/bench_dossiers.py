"""Benchmark: the desk feed under load, then the statistics over what it wrote.

``make bench-dossiers`` runs it inside ``tests/services.py`` (throwaway
PostgreSQL and Redis). The script migrates the empty database, creates agencies
and their API tokens, starts gunicorn with the production settings (persistent
database connections, ``DATABASE_CONN_MAX_AGE=60``) as this 2-core machine
would run it in production (``--workers 3 --worker-class gthread --threads 4``
by default: one process more than the cores, threads to overlap the database
round trips, keep-alive connections), and loads ``--dossiers`` dossiers
(default 100,000) through ``POST /api/v1/dossiers/`` and four events each
through ``POST /api/v1/dossiers/{code}/events/`` (five events a dossier with
the ``received`` one the feed writes itself) at ``--concurrency`` clients on
asyncio (a lean keep-alive HTTP/1.1 client, ``Connection``), latencies in HDR
histograms. It prints events/s and p50/p95 per request type, then times ``GET
/api/v1/stats/dossiers/`` for a province-wide quarter beside a plain SQL count
over the same rows in the same run: the count shows what reading the rows alone
costs, the difference is what classifying them costs.

``--preload N`` first writes N dossiers (five events each) straight to the
database (``preload``: the same planning and the same state the feed's service
functions write, bulk inserted, *not* through the API), so that the statistics
can be timed over 100,000 dossiers while the feed rate is still measured
through the API on ``--dossiers`` more; the output labels them.

Usage: ``python scripts/bench_dossiers.py [--dossiers 100000] [--preload 0]
[--concurrency 8] [--agencies 20] [--stats-requests 30] [--workers 3]
[--worker-class gthread] [--threads 4]``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from hdrh.histogram import HdrHistogram
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_import import bench_env, gunicorn_command  # noqa: E402 - after the path insert

from tests.helpers import free_port, wait_for_server  # noqa: E402 - likewise

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DAY = dt.date(2025, 10, 1)
DAYS = 365
QUARTER = "2026-Q2"
QUARTER_START = dt.datetime(2026, 4, 1, tzinfo=TZ)
QUARTER_END = dt.datetime(2026, 7, 1, tzinfo=TZ)


def setup_django(data_dir: str) -> None:
    os.environ.update(bench_env(data_dir))
    import django

    django.setup()


def make_agencies(count: int) -> list[tuple[str, str]]:
    """``count`` agencies with codes, each with an API token: (code, token)."""
    import secrets

    from catalogue.models import Agency
    from dossiers.models import AgencyToken, hash_token

    made = []
    for number in range(1, count + 1):
        agency = Agency.objects.create(
            name=f"Bộ phận một cửa số {number}", code=f"B00.{number:02d}"
        )
        token = secrets.token_urlsafe(32)
        AgencyToken.objects.create(
            agency=agency, name="Bench", token_hash=hash_token(token)
        )
        made.append((agency.code, token))
    return made


def preload(count: int, first_number: int, batch: int = 2000) -> int:
    """``count`` dossiers written straight to the database, not through the API.

    Each is planned as the load plans it (``plan``, numbers from
    ``first_number`` on, so its codes and event ids never meet the API-fed
    ones), its history replayed and summarised by the same functions the feed
    calls (``services.apply`` / ``services.summarise``), and the rows bulk
    inserted: the stored state is the one the feed would have written. The
    agencies' sequence counters are raised past the codes given, so the API
    load that follows numbers its dossiers after them.
    """
    from django.db import connection, transaction

    from catalogue.models import Agency
    from dossiers import services
    from dossiers.models import Dossier, DossierEvent, DossierSequence

    agencies = list(Agency.objects.filter(code__startswith="B00.").order_by("code"))
    sequences: dict[tuple[int, dt.date], int] = {}
    progress = tqdm(
        total=count,
        unit="dossier",
        mininterval=1 if sys.stderr.isatty() else 15,
    )
    numbers = range(first_number, first_number + count)
    for start in range(0, count, batch):
        dossiers, histories = [], []
        for number in numbers[start : start + batch]:
            rng = random.Random(number)  # noqa: S311 - reproducible data
            agency = agencies[number % len(agencies)]
            planned, steps = plan(number, rng)
            received_at = dt.datetime.fromisoformat(planned["received_at"])
            day = received_at.astimezone(TZ).date()
            key = (agency.pk, day)
            sequences[key] = sequences.get(key, 0) + 1
            code = services.dossier_code(agency.code, day, sequences[key])
            events = [
                DossierEvent(
                    source_agency=agency,
                    event_id=f"received:{code}",
                    kind="received",
                    occurred_at=received_at,
                    agency=agency,
                )
            ] + [
                DossierEvent(
                    source_agency=agency,
                    event_id=step["event_id"],
                    kind=step["kind"],
                    occurred_at=dt.datetime.fromisoformat(step["occurred_at"]),
                    agency=agency,
                )
                for step in steps
            ]
            dossier = Dossier(
                code=code,
                agency=agency,
                channel=planned["channel"],
                applicant_name=planned["applicant_name"],
                received_at=received_at,
                promised_at=dt.date.fromisoformat(planned["promised_at"]),
            )
            services.summarise(dossier, services.replay(events))
            dossiers.append(dossier)
            histories.append(events)
        with transaction.atomic():
            Dossier.objects.bulk_create(dossiers)
            for dossier, events in zip(dossiers, histories, strict=True):
                for event in events:
                    event.dossier = dossier
            DossierEvent.objects.bulk_create(
                [event for events in histories for event in events]
            )
        progress.update(len(dossiers))
    progress.close()
    DossierSequence.objects.bulk_create(
        [
            DossierSequence(agency_id=agency_id, day=day, last=last)
            for (agency_id, day), last in sequences.items()
        ],
        update_conflicts=True,
        unique_fields=["agency", "day"],
        update_fields=["last"],
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")
        cursor.execute("ANALYZE dossiers_dossierevent")
    return count


def plan(number: int, rng: random.Random) -> tuple[dict, list[dict]]:
    """One dossier and its four events (handled, supplements, outcomes)."""
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    received = dt.datetime.combine(day, dt.time(8), TZ) + dt.timedelta(
        minutes=rng.randrange(8 * 60)
    )
    promised = day + dt.timedelta(days=rng.choice((3, 5, 7, 10, 15)))
    dossier = {
        "channel": "online" if rng.random() < 0.2 else "direct",
        "applicant_name": f"Người nộp số {number}",
        "received_at": received.isoformat(),
        "promised_at": promised.isoformat(),
    }
    resolve_after = dt.timedelta(days=rng.choice((1, 2, 4, 6, 9, 14, 20)))
    roll = rng.random()
    if roll < 0.7:
        kinds = ["handling", "handling", "resolved", "returned"]
    elif roll < 0.9:
        kinds = [
            "handling",
            "supplement_requested",
            "supplement_received",
            "resolved",
        ]
    else:
        kinds = ["handling", "supplement_requested", "supplement_received", "handling"]
    events = []
    for step, kind in enumerate(kinds, start=1):
        at = received + resolve_after * step / len(kinds)
        events.append(
            {
                "event_id": f"e{number}-{step}",
                "kind": kind,
                "occurred_at": at.isoformat(),
            }
        )
    return dossier, events


class Connection:
    """A minimal HTTP/1.1 keep-alive client for the load (JSON POSTs).

    httpx spends a few milliseconds of CPU on every request, on the same two
    cores as the server: the load would measure the client. This one writes
    the request and reads a Content-Length response on one kept-alive
    connection per simulated desk, reconnecting when the server closes it.
    """

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: dict, token: str) -> tuple[int, bytes]:
        payload = json.dumps(body).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Authorization: Token {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        ).encode()
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(
                    self.host, self.port
                )
            try:
                self.writer.write(head + payload)
                return await self._response()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _response(self) -> tuple[int, bytes]:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip().lower()
        body = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection") == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(
    base: str, agencies: list[tuple[str, str]], total: int, concurrency: int
) -> tuple[dict[str, HdrHistogram], float, int]:
    histograms = {
        "dossier": HdrHistogram(1, 60_000_000, 3),
        "event": HdrHistogram(1, 60_000_000, 3),
    }
    counter = iter(range(total))
    errors = 0
    host, port = base.removeprefix("http://").split(":")
    progress = tqdm(
        total=total,
        unit="dossier",
        smoothing=0.05,
        mininterval=1 if sys.stderr.isatty() else 15,
    )

    async def send(
        connection: Connection, kind: str, path: str, body: dict, token: str
    ) -> dict | None:
        nonlocal errors
        started = time.perf_counter_ns()
        status, content = await connection.post(path, body, token)
        elapsed = (time.perf_counter_ns() - started) // 1000
        if status not in (200, 201):
            errors += 1
            return None
        histograms[kind].record_value(max(1, elapsed))
        return json.loads(content)

    async def worker() -> None:
        connection = Connection(host, int(port))
        try:
            for number in counter:
                rng = random.Random(number)  # noqa: S311 - reproducible data
                _, token = agencies[number % len(agencies)]
                dossier, events = plan(number, rng)
                stored = await send(
                    connection, "dossier", "/api/v1/dossiers/", dossier, token
                )
                if stored is not None:
                    path = f"/api/v1/dossiers/{stored['code']}/events/"
                    for event in events:
                        await send(connection, "event", path, event, token)
                progress.update(1)
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    progress.close()
    return histograms, seconds, errors


def time_stats(base: str, requests: int) -> tuple[HdrHistogram, dict]:
    histogram = HdrHistogram(1, 600_000_000, 3)
    body: dict = {}
    with httpx.Client(base_url=base, timeout=600) as client:
        for _ in range(requests):
            started = time.perf_counter_ns()
            response = client.get(f"/api/v1/stats/dossiers/?period={QUARTER}")
            elapsed = (time.perf_counter_ns() - started) // 1000
            response.raise_for_status()
            body = response.json()
            histogram.record_value(max(1, elapsed))
    return histogram, body


def time_sql_count(requests: int) -> tuple[HdrHistogram, int]:
    """The same rows the statistics read, counted by PostgreSQL alone."""
    from django.db import connection

    histogram = HdrHistogram(1, 600_000_000, 3)
    count = 0
    sql = (
        "SELECT count(*) FROM dossiers_dossier WHERE received_at < %s "
        "AND (closed_at IS NULL OR closed_at >= %s)"
    )
    with connection.cursor() as cursor:
        for _ in range(requests):
            started = time.perf_counter_ns()
            cursor.execute(sql, [QUARTER_END, QUARTER_START])
            count = cursor.fetchone()[0]
            histogram.record_value(max(1, (time.perf_counter_ns() - started) // 1000))
    return histogram, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument(
        "--preload",
        type=int,
        default=0,
        help="dossiers written straight to the database first (not via the API)",
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--agencies", type=int, default=20)
    parser.add_argument("--stats-requests", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--worker-class", default="gthread", choices=["sync", "gthread"]
    )
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per gthread worker"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Needs DATABASE_URL: run it through `make bench-dossiers`.")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-dossiers-") as data_dir:
        env = {**bench_env(data_dir), "DATABASE_CONN_MAX_AGE": "60"}
        # WhiteNoise warns in every worker when the static root is missing.
        (Path(data_dir) / "static").mkdir()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "migrate",
                "--noinput",
                "-v",
                "0",
            ],
            env=env,
            check=True,
        )
        setup_django(data_dir)
        agencies = make_agencies(args.agencies)
        if args.preload:
            print(
                f"Preloading {args.preload:,} dossiers, 5 events each, straight "
                "into the database (NOT through the API) ...",
                flush=True,
            )
            started = time.perf_counter()
            preload(args.preload, first_number=args.dossiers)
            print(
                f"Preloaded in {time.perf_counter() - started:.0f} s "
                "(bulk inserts, not part of the feed figures)",
                flush=True,
            )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        gunicorn = gunicorn_command(
            port,
            args.workers,
            "--worker-class",
            args.worker_class,
            "--threads",
            str(args.threads if args.worker_class == "gthread" else 1),
        )
        with subprocess.Popen(gunicorn, env=env, cwd=ROOT) as server:
            try:
                wait_for_server(
                    f"{base}/api/v1/stats/dossiers/?period={QUARTER}", process=server
                )
                print(
                    f"Loading {args.dossiers:,} dossiers, 5 events each "
                    f"(concurrency {args.concurrency}) ...",
                    flush=True,
                )
                histograms, seconds, errors = asyncio.run(
                    load(base, agencies, args.dossiers, args.concurrency)
                )
                print("Statistics endpoint ...", flush=True)
                # Warm-up: both workers loaded, the rows in PostgreSQL's cache.
                time_stats(base, 2)
                stats_histogram, stats = time_stats(base, args.stats_requests)
                sql_histogram, count = time_sql_count(args.stats_requests)
            finally:
                server.terminate()
    report(args, histograms, seconds, errors, stats_histogram, stats, sql_histogram)
    if args.preload:
        print(
            f"Rows: {args.preload:,} dossiers preloaded straight into the database "
            f"(not through the API) + {args.dossiers:,} fed through the API"
        )
    print(
        f"SQL count of the quarter's rows: {count:,}; API 'received': "
        f"{stats['received']:,}"
    )
    return 0


def workers_label(args) -> str:
    if args.worker_class == "gthread":
        return f"{args.workers} gthread workers x {args.threads} threads"
    return f"{args.workers} sync workers"


def report(args, histograms, seconds, errors, stats_histogram, stats, sql_histogram):
    ms = 1000.0
    written = (
        histograms["dossier"].get_total_count() + histograms["event"].get_total_count()
    )
    # Each dossier POST writes its "received" event: count it as one event.
    print()
    print(
        f"Feed: {args.dossiers:,} dossiers, {written:,} requests in {seconds:.0f} s "
        f"= {written / seconds:,.0f} events/s (concurrency {args.concurrency}, "
        f"gunicorn {workers_label(args)}), errors {errors}"
    )
    header = f"{'request':28} {'count':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    print(header)
    print("-" * len(header))
    rows = [
        ("POST /dossiers/", histograms["dossier"]),
        ("POST /dossiers/{code}/events/", histograms["event"]),
        (f"GET /stats/dossiers/ {QUARTER}", stats_histogram),
        ("SQL count, same rows", sql_histogram),
    ]
    for name, histogram in rows:
        print(
            f"{name:28} {histogram.get_total_count():9,} "
            f"{histogram.get_value_at_percentile(50) / ms:8.1f} "
            f"{histogram.get_value_at_percentile(95) / ms:8.1f} "
            f"{histogram.get_value_at_percentile(99) / ms:8.1f}"
        )
    print()
    print(
        "Statistics: received {received:,} (new {received_new:,}, carried over "
        "{carried_over:,}), resolved {resolved:,}, on-time rate {on_time_rate}%, "
        "pending {pending:,}".format(**stats)
    )


if __name__ == "__main__":
    sys.exit(main())
