"""Scale-out rehearsal: two web processes and two workers on one machine.

``make rehearse-scale`` starts, on this one machine, what production spreads
over several (README, "Production"):

- one PostgreSQL and one Redis (``tests/services.py``'s helpers), and a
  3-node OpenSearch cluster (``tests/cluster.py``: one JVM a node, as on three
  machines), the procedure index with one replica (``OPENSEARCH_REPLICAS=1``);
- the catalogue migrated, imported and indexed once, by this script, as a
  release step would do it;
- two gunicorn web processes (web-a, web-b) and two Celery workers
  (worker-a, worker-b) plus one Celery beat, each with its own data folder
  (``PORTAL_DATA_DIR``: e-mails, beat schedule, anything a process keeps for
  itself) and the same ``DJANGO_SECRET_KEY``, ``DATABASE_URL``,
  ``REDIS_URL`` and ``OPENSEARCH_URL`` (all three nodes); uploads go to one
  shared folder (``PORTAL_MEDIA_ROOT``, ``FEEDBACK_PRIVATE_ROOT``,
  ``DOSSIER_PRIVATE_ROOT``), the stand-in for shared storage. The client
  plays the load balancer: it sends each citizen's address in
  ``X-Forwarded-For`` and the webs trust 127.0.0.1 (``PORTAL_TRUSTED_PROXIES``).

Then one benchmark, a citizen's mix (procedure pages, searches,
suggestions, petitions), in blocks alternated between web-a alone (the
reference, same run) and both webs round-robin: requests/s in all and per
web, p50/p95 per kind, errors, the load average.

Then the checks across the pieces, each PASS or FAIL:

- every petition of the benchmark taken in by one of the workers exactly once
  (one acknowledgement each, one e-mail each across the two workers' folders);
- a petition posted to web-a is readable through web-b, and one worker (named)
  takes it in once;
- the rate limit per address is shared (posts alternated between the webs);
- a counter rating posted to web-a is in web-b's next statistics;
- a procedure published by an editor's process (this script) is in web-b's
  next anonymous read (the shared cache's versions in Redis), then in web-b's
  searches once a worker has indexed it into the cluster;
- ``/healthz`` on web-b names both workers;
- the OpenSearch node holding the index's primary killed (SIGKILL): searches
  never asked before, through both webs, still answered by the engine (not
  the database), the cluster's status after.

Usage: ``python scripts/rehearse_scale.py [--requests 600] [--concurrency 16]
[--web-workers 2] [--heap 320m]``. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import email
import itertools
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from hdrh.histogram import HdrHistogram

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cluster import Cluster  # noqa: E402 - importable after the path insert
from tests.helpers import free_port, wait_for_server, wait_until  # noqa: E402
from tests.services import start_postgres, start_redis  # noqa: E402

BUNDLE = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
BIN = Path(sys.executable).parent
# Searches and suggestions citizens type (as in scripts/bench_api.py), joined
# by words taken from the catalogue's names, so that many are not cached yet.
QUERIES = [
    "đăng ký khai sinh",
    "khai tử",
    "kết hôn",
    "chứng thực bản sao",
    "giấy phép xây dựng",
    "đăng ký kinh doanh",
    "hộ chiếu",
    "cấp đổi giấy phép lái xe",
    "thường trú",
    "đất đai",
    "bảo hiểm xã hội",
    "lý lịch tư pháp",
]
PREFIXES = ["khai", "đăng", "giấy", "chứng", "hộ", "cấp", "kết", "thuế"]
MIX = {"detail": 60, "search": 25, "suggest": 10, "petition": 5}
KINDS = tuple(MIX)
PETITION_RATE = 5  # per address and hour, for the shared-limit check


def log(message: str) -> None:
    print(f"[rehearse] {message}", flush=True)


# --- the pieces -------------------------------------------------------------------


@dataclass
class Piece:
    """A web process or a worker: its own folder, the shared services."""

    name: str
    folder: Path
    args: list[str]
    port: int | None = None
    process: subprocess.Popen | None = None
    extra: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mail(self) -> Path:
        return self.folder / "mail"

    def start(self, env: dict[str, str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.mail.mkdir(exist_ok=True)
        own = {
            **env,
            "PORTAL_DATA_DIR": str(self.folder),
            "EMAIL_FILE_PATH": str(self.mail),
            **self.extra,
        }
        with open(self.folder / "log", "ab") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                self.args,
                cwd=ROOT,
                env=own,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def mails(self) -> list[str]:
        """The bodies of the e-mails this worker sent (the file backend's files)."""
        bodies = []
        for path in sorted(self.mail.iterdir()):
            # One file per connection: messages separated by a line of dashes.
            for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
                if chunk.strip():
                    message = email.message_from_bytes(chunk)
                    payload = message.get_payload(decode=True) or b""
                    bodies.append(payload.decode("utf-8", "replace"))
        return bodies


def web(name: str, workdir: Path, workers: int) -> Piece:
    port = free_port()
    args = [str(BIN / "gunicorn"), "portal.wsgi:application"]
    args += ["--config", "portal/gunicorn_conf.py", "--bind", f"127.0.0.1:{port}"]
    args += ["--workers", str(workers), "--log-level", "warning"]
    return Piece(name, workdir / name, args, port=port)


def worker(name: str, workdir: Path) -> Piece:
    args = [
        str(BIN / "celery"),
        "-A",
        "portal",
        "worker",
        "-c",
        "1",
        "-n",
        f"{name}@%h",
    ]
    args += ["--without-mingle", "--without-gossip", "-l", "info"]
    # Index writes wait longer than a citizen's search would (a loaded machine).
    return Piece(name, workdir / name, args, extra={"OPENSEARCH_TIMEOUT": "30"})


def beat(workdir: Path) -> Piece:
    folder = workdir / "beat"
    args = [str(BIN / "celery"), "-A", "portal", "beat", "-l", "warning"]
    args += ["-s", str(folder / "celerybeat-schedule")]
    return Piece("beat", folder, args)


def shared_env(workdir: Path, database: str, redis: str, cluster: Cluster) -> dict:
    """What every piece has alike (production settings, shared services)."""
    shared = workdir / "shared-storage"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "OPENSEARCH_URL": cluster.url,
        "OPENSEARCH_REPLICAS": "1",
        "PORTAL_MEDIA_ROOT": str(shared / "media"),
        "FEEDBACK_PRIVATE_ROOT": str(shared / "private" / "feedback"),
        "DOSSIER_PRIVATE_ROOT": str(shared / "private" / "dossiers"),
        # The client stands in for the load balancer in front of the webs.
        "PORTAL_TRUSTED_PROXIES": "127.0.0.1/32",
        "FEEDBACK_RATE_PER_IP": f"{PETITION_RATE}/hour",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


# --- the load -----------------------------------------------------------------------


class Citizens:
    """The requests of the mix; each petition a new citizen (own address, phone)."""

    def __init__(self, codes: list[str], titles: list[str], agency: int):
        self.codes = codes
        self.agency = agency
        self.run = uuid.uuid4().hex[:8]
        self.numbers = itertools.count(1)
        words = [t.split() for t in titles]
        self.searches = QUERIES + [
            " ".join(w[2:5]).lower() for w in words if len(w) > 4
        ]
        self.suggests = PREFIXES + [
            " ".join(w[:2]).lower() for w in words if len(w) > 1
        ]
        self.accepted: list[tuple[str, str]] = []  # (tracking code, idempotency key)

    def plan(self, size: int, seed: int) -> list[tuple[str, str]]:
        pick = random.Random(seed)  # noqa: S311 - a benchmark's sample
        jobs = []
        for kind in pick.choices(KINDS, [MIX[k] for k in KINDS], k=size):
            if kind == "detail":
                jobs.append((kind, f"/api/v1/procedures/{pick.choice(self.codes)}/"))
            elif kind == "search":
                jobs.append((kind, "/api/v1/search/?q=" + pick.choice(self.searches)))
            elif kind == "suggest":
                jobs.append(
                    (kind, "/api/v1/search/suggest/?q=" + pick.choice(self.suggests))
                )
            else:
                jobs.append((kind, "/api/v1/petitions/"))
        return jobs

    def petition(self, address: str | None = None) -> tuple[dict, dict]:
        n = next(self.numbers)
        key = f"rehearse-{self.run}-{n}"
        body = {
            "kind": "suggestion",
            "agency": self.agency,
            "title": f"Kiến nghị diễn tập {self.run}-{n}",
            "body": f"Nội dung kiến nghị số {n} của lượt {self.run}: đề nghị niêm yết "
            f"thêm mẫu tờ khai {n * 7919 % 10007} tại quầy và hướng dẫn {n % 97} "
            "bước nộp hồ sơ trực tuyến.",
            "name": f"Người dân {n}",
            "phone": f"09{n % 10**8:08d}",
            "email": f"dan-{self.run}-{n}@example.org",
            "consent_publish": False,
        }
        address = address or f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        headers = {"Idempotency-Key": key, "X-Forwarded-For": address}
        return body, headers


@dataclass
class Block:
    """What one block of the mix measured."""

    label: str
    seconds: float = 0.0
    histograms: dict = field(default_factory=dict)  # kind -> HdrHistogram (µs)
    errors: dict = field(default_factory=dict)  # kind -> count
    per_piece: dict = field(default_factory=dict)  # web name -> requests done
    statuses: dict = field(default_factory=dict)  # unexpected status -> count
    degraded: int = 0  # searches answered from the database (engine too slow)

    def add(self, other: Block) -> None:
        self.seconds += other.seconds
        self.degraded += other.degraded
        for kind, histogram in other.histograms.items():
            mine = self.histograms.setdefault(kind, HdrHistogram(1, 60_000_000, 3))
            mine.add(histogram)
        for name in ("errors", "per_piece", "statuses"):
            mine = getattr(self, name)
            for key, value in getattr(other, name).items():
                mine[key] = mine.get(key, 0) + value

    @property
    def done(self) -> int:
        return sum(h.get_total_count() for h in self.histograms.values())


async def drive(
    webs: list[Piece], jobs: list, concurrency: int, citizens: Citizens, label: str
) -> Block:
    """The jobs by ``concurrency`` clients, job n to ``webs[n % len(webs)]``."""
    block = Block(label)
    block.histograms = {kind: HdrHistogram(1, 60_000_000, 3) for kind in KINDS}
    block.errors = dict.fromkeys(KINDS, 0)
    block.per_piece = {piece.name: 0 for piece in webs}
    limits = httpx.Limits(max_connections=concurrency)
    clients = {
        piece.name: httpx.AsyncClient(base_url=piece.base, limits=limits, timeout=60)
        for piece in webs
    }
    numbers = iter(range(len(jobs)))

    async def one_client() -> None:
        for n in numbers:
            kind, path = jobs[n]
            piece = webs[n % len(webs)]
            client = clients[piece.name]
            started = time.perf_counter_ns()
            try:
                if kind == "petition":
                    body, headers = citizens.petition()
                    response = await client.post(path, json=body, headers=headers)
                    ok = response.status_code == 202
                    if ok:
                        code = response.json()["tracking_code"]
                        citizens.accepted.append((code, headers["Idempotency-Key"]))
                else:
                    response = await client.get(path)
                    ok = response.status_code == 200
                    if ok and kind == "search" and response.json().get("degraded"):
                        # The database's stand-in answer: counted apart.
                        block.degraded += 1
                status = response.status_code
            except httpx.HTTPError as exc:
                ok, status = False, type(exc).__name__
            elapsed = (time.perf_counter_ns() - started) // 1000
            if not ok:
                block.errors[kind] += 1
                block.statuses[f"{kind} {status}"] = (
                    block.statuses.get(f"{kind} {status}", 0) + 1
                )
                continue
            block.histograms[kind].record_value(max(1, elapsed))
            block.per_piece[piece.name] += 1

    started = time.perf_counter()
    try:
        await asyncio.gather(*(one_client() for _ in range(concurrency)))
    finally:
        for client in clients.values():
            await client.aclose()
    block.seconds = time.perf_counter() - started
    return block


def benchmark(webs: list[Piece], citizens: Citizens, args) -> dict[str, Block]:
    """Warm-up on both webs, then web-a alone and both webs, alternated."""
    warm = citizens.plan(args.requests, seed=0)
    asyncio.run(drive(webs, warm, args.concurrency, citizens, "warm-up"))
    totals = {"one web": Block("one web"), "two webs": Block("two webs")}
    # Each round both ways on the same requests, the first way alternated, so
    # that neither always meets the answers the other has just cached.
    ways = [("one web", webs[:1]), ("two webs", webs)]
    order = [
        way for r in range(args.rounds) for way in (ways if r % 2 == 0 else ways[::-1])
    ]
    for number, (label, pieces) in enumerate(order):
        jobs = citizens.plan(args.requests, seed=1 + number // 2)
        log(f"  block {number + 1}/{len(order)}: {label}, {len(jobs)} requests")
        block = asyncio.run(drive(pieces, jobs, args.concurrency, citizens, label))
        totals[label].add(block)
    return totals


def print_blocks(totals: dict[str, Block], args, load: tuple) -> None:
    print()
    print(
        f"Citizen's mix ({', '.join(f'{w}% {k}' for k, w in MIX.items())}), "
        f"concurrency {args.concurrency}, {args.rounds} blocks of {args.requests} "
        "requests each way, alternated; each web: gunicorn "
        f"{args.web_workers} worker processes × {os.environ.get('WEB_THREADS', 4)} "
        "threads; one web (web-a alone) is the same run's reference."
    )
    header = f"{'':10} {'requests/s':>10} {'errors':>6} {'degraded':>8}  " + "  ".join(
        f"{kind + ' p50/p95 ms':>22}" for kind in KINDS
    )
    print(header)
    print("-" * len(header))
    for label, block in totals.items():
        cells = []
        for kind in KINDS:
            h = block.histograms.get(kind)
            if h is None or not h.get_total_count():
                cells.append(f"{'-':>22}")
                continue
            p50 = h.get_value_at_percentile(50) / 1000
            p95 = h.get_value_at_percentile(95) / 1000
            cells.append(f"{f'{p50:.1f} / {p95:.1f}':>22}")
        rate = block.done / block.seconds if block.seconds else 0.0
        errors = sum(block.errors.values())
        print(
            f"{label:10} {rate:10.1f} {errors:6d} {block.degraded:8d}  "
            + "  ".join(cells)
        )
        if len(block.per_piece) > 1:
            parts = ", ".join(
                f"{name} {count / block.seconds:.1f} requests/s"
                for name, count in block.per_piece.items()
            )
            print(f"{'':10} per web: {parts}")
        if block.statuses:
            print(f"{'':10} errors: {block.statuses}")
    one, two = totals["one web"], totals["two webs"]
    if one.seconds and two.seconds:
        ratio = (two.done / two.seconds) / max(1e-9, one.done / one.seconds)
        print(f"two webs at {ratio:.2f}× one web's rate")
    print(
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end of the "
        f"benchmark (1, 5, 15 min; {os.cpu_count()} CPUs shared with other work)"
    )


# --- the checks across the pieces ---------------------------------------------------


class Checks:
    def __init__(self) -> None:
        self.results: list[tuple[str, bool, str]] = []

    def record(self, name: str, ok: bool, detail: str) -> None:
        self.results.append((name, ok, detail))
        log(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")

    @property
    def failed(self) -> list[str]:
        return [name for name, ok, _ in self.results if not ok]


def intake_done(codes: list[str], timeout: float) -> int:
    """Petitions among ``codes`` still not taken in after waiting ``timeout`` s."""
    from feedback.models import Petition

    pending = Petition.objects.filter(tracking_code__in=codes, intake_completed_at=None)
    wait_until(lambda: not pending.exists(), timeout, interval=0.5)
    return pending.count()


def check_exactly_once(
    checks: Checks, citizens: Citizens, workers: list[Piece]
) -> None:
    from django.db.models import Count

    from feedback.models import Petition, PetitionAction, PetitionEvent, Screening

    codes = [code for code, _ in citizens.accepted]
    keys = [key for _, key in citizens.accepted]
    started = time.monotonic()
    left = intake_done(codes, 300)
    drained = time.monotonic() - started
    rows = Petition.objects.filter(tracking_code__in=codes)
    stored = rows.count()
    clean = set(
        rows.filter(screening=Screening.CLEAN).values_list("tracking_code", flat=True)
    )
    acks = (
        PetitionEvent.objects.filter(
            petition__in=rows, action=PetitionAction.ACKNOWLEDGED
        )
        .values("petition__tracking_code")
        .annotate(n=Count("pk"))
    )
    twice = [a["petition__tracking_code"] for a in acks if a["n"] > 1]
    acked = {a["petition__tracking_code"] for a in acks}
    mails = {piece.name: piece.mails() for piece in workers}
    mailed = {
        piece: [c for c in codes if any(c in b for b in bodies)]
        for piece, bodies in mails.items()
    }
    both = set(mailed[workers[0].name]) & set(mailed[workers[1].name])
    counts = ", ".join(f"{name} {len(c)}" for name, c in mailed.items())
    ok = (
        stored == len(codes) == len(set(keys))
        and left == 0
        and not twice
        and acked == clean
        and not both
        and sum(len(c) for c in mailed.values()) == len(clean)
        and all(mailed.values())
    )
    checks.record(
        "petitions taken in exactly once",
        ok,
        f"{len(codes)} accepted, {stored} stored, {left} not taken in after "
        f"{drained:.1f} s; {len(clean)} clean, {len(acked)} acknowledged, "
        f"{len(twice)} twice; e-mails by worker: {counts}; by both: {len(both)}",
    )


def check_petition_across(
    checks: Checks, citizens: Citizens, webs: list[Piece], workers: list[Piece]
) -> None:
    from feedback.models import Petition, PetitionAction, PetitionEvent

    a, b = webs
    body, headers = citizens.petition()
    posted = httpx.post(
        f"{a.base}/api/v1/petitions/", json=body, headers=headers, timeout=30
    )
    if posted.status_code != 202:
        checks.record(
            "petition posted to web-a, read on web-b", False, posted.text[:300]
        )
        return
    code = posted.json()["tracking_code"]
    read = httpx.get(f"{b.base}/api/v1/petitions/{code}/", timeout=30)
    left = intake_done([code], 120)
    taken = [p.name for p in workers if any(code in body for body in p.mails())]
    petition = Petition.objects.get(tracking_code=code)
    acks = PetitionEvent.objects.filter(
        petition=petition, action=PetitionAction.ACKNOWLEDGED
    ).count()
    again = httpx.get(f"{b.base}/api/v1/petitions/{code}/", timeout=30).json()
    ok = (
        read.status_code == 200
        and read.json()["tracking_code"] == code
        and left == 0
        and acks == 1
        and len(taken) == 1
        and again["tracking_code"] == code
    )
    checks.record(
        "petition posted to web-a, read on web-b",
        ok,
        f"{code}: web-b answered {read.status_code} at once; taken in by "
        f"{', '.join(taken) or 'no worker'}, {acks} acknowledgement(s); web-b "
        f"then shows status {again.get('status')!r}",
    )


def check_shared_limit(checks: Checks, citizens: Citizens, webs: list[Piece]) -> None:
    address = f"10.250.{random.randrange(256)}.{random.randrange(1, 255)}"  # noqa: S311
    statuses = []
    for n in range(PETITION_RATE + 1):
        body, headers = citizens.petition(address=address)
        piece = webs[n % 2]
        response = httpx.post(
            f"{piece.base}/api/v1/petitions/", json=body, headers=headers, timeout=30
        )
        statuses.append(f"{piece.name}:{response.status_code}")
        if response.status_code == 202:
            citizens.accepted.append(
                (response.json()["tracking_code"], headers["Idempotency-Key"])
            )
    ok = [s.split(":")[1] for s in statuses] == ["202"] * PETITION_RATE + ["429"]
    checks.record(
        "rate limit per address shared by the webs",
        ok,
        f"{PETITION_RATE}/hour from {address}, posts alternated: {' '.join(statuses)}",
    )


def check_rating_across(checks: Checks, webs: list[Piece], agency: int) -> None:
    a, b = webs
    stats = f"{b.base}/api/v1/stats/satisfaction/"
    before = httpx.get(stats, timeout=30).json()["counter"]["responses"]
    posted = httpx.post(
        f"{a.base}/api/v1/satisfaction/counter-ratings/",
        json={"agency": agency, "level": "satisfied"},
        headers={"Idempotency-Key": uuid.uuid4().hex, "X-Forwarded-For": "10.251.0.1"},
        timeout=30,
    )
    after = httpx.get(stats, timeout=30).json()["counter"]["responses"]
    checks.record(
        "rating on web-a in web-b's next statistics",
        posted.status_code in (200, 201, 202) and after == before + 1,
        f"web-a answered {posted.status_code}; web-b counted {before}, then {after}",
    )


def check_publish_across(checks: Checks, webs: list[Piece], code: str) -> None:
    """An editor's publication (this process, as the admin would) on both webs."""
    from catalogue.models import ProcedurePage

    a, b = webs
    detail = f"/api/v1/procedures/{code}/"
    old = httpx.get(b.base + detail, timeout=30).json()["title"]
    httpx.get(a.base + detail, timeout=30)  # both have read (and cached) it
    marker = "diễn tập mở rộng"
    page = ProcedurePage.objects.get(code=code).specific
    page.title = f"{page.title} ({marker})"
    if page.name:  # the name the index and the search hits carry
        page.name = f"{page.name} ({marker})"
    published = time.monotonic()
    page.save_revision().publish()
    seen_b = httpx.get(b.base + detail, timeout=30).json()["title"]
    seen_a = httpx.get(a.base + detail, timeout=30).json()["title"]
    checks.record(
        "a publication in web-b's next anonymous read",
        seen_b == seen_a == page.title != old,
        f"{code}: web-b read {old!r} before, {seen_b!r} right after",
    )

    def found() -> bool:
        # The old name as the query: the page's hit must carry the new one.
        answer = httpx.get(f"{b.base}/api/v1/search/", params={"q": old}, timeout=30)
        hits = [r for r in answer.json().get("results", []) if r["code"] == code]
        return bool(hits) and marker in hits[0]["name"]

    ok = wait_until(found, 120, interval=0.5)
    checks.record(
        "the publication in web-b's searches (a worker indexed it)",
        ok,
        f"web-b's search hit for {code} has the new name "
        f"{time.monotonic() - published:.1f} s after the publication"
        if ok
        else "not found within 120 s",
    )


def check_health(checks: Checks, webs: list[Piece], workers: list[Piece]) -> None:
    body = httpx.get(f"{webs[1].base}/healthz", timeout=30).json()
    text = json.dumps(body, ensure_ascii=False)
    named = [piece.name for piece in workers if f"{piece.name}@" in text]
    checks.record(
        "web-b's /healthz names both workers",
        len(named) == len(workers),
        f"workers named: {', '.join(named) or 'none'}",
    )


def fresh_searches(
    queries: list[str], webs: list[Piece], cluster: Cluster
) -> tuple[dict, float, list[str]]:
    """The queries one after another, alternating the webs: outcomes, the
    slowest in seconds, the cluster's status every ten."""
    outcomes = {"engine": 0, "degraded": 0, "error": 0}
    slowest = 0.0
    statuses = []
    with httpx.Client(timeout=60) as client:
        for n, query in enumerate(queries):
            piece = webs[n % 2]
            t0 = time.perf_counter()
            try:
                answer = client.get(f"{piece.base}/api/v1/search/", params={"q": query})
                if answer.status_code != 200:
                    outcomes["error"] += 1
                elif answer.json().get("degraded"):
                    outcomes["degraded"] += 1
                else:
                    outcomes["engine"] += 1
            except httpx.HTTPError:
                outcomes["error"] += 1
            slowest = max(slowest, time.perf_counter() - t0)
            if n % 10 == 0:
                statuses.append(cluster.health(timeout=3).get("status", "?"))
    return outcomes, slowest, statuses


def check_node_lost(
    checks: Checks, cluster: Cluster, webs: list[Piece], citizens: Citizens, index: str
) -> None:
    """Kill the node holding the primary; searches never asked before, through
    both webs, must still be the engine's answers."""
    from catalogue.models import ProcedurePage

    victim = primary_node(cluster, index)
    names = list(ProcedurePage.objects.live().values_list("title", flat=True))
    fresh = list(dict.fromkeys(" ".join(t.split()[1:4]).lower() for t in names))
    fresh = [q for q in fresh if q and q not in citizens.searches][:110]
    # The same kind of searches on three nodes first: the reference.
    before, _, _ = fresh_searches(fresh[:30], webs, cluster)
    killed = time.monotonic()
    cluster.kill(victim)
    outcomes, slowest, statuses = fresh_searches(fresh[30:], webs, cluster)
    searching = time.monotonic() - killed
    checks.record(
        f"searches with {victim.name} (the primary's node) killed",
        outcomes["engine"] == len(fresh) - 30 > 0,
        f"{len(fresh) - 30} new queries through both webs in {searching:.1f} s "
        f"from the kill: {outcomes}; slowest {slowest:.2f} s; health seen: "
        f"{', '.join(statuses)} (before the kill, 30 queries: {before})",
    )
    health = cluster.health()
    green = wait_until(
        lambda: cluster.health(timeout=3).get("status") == "green", 150, 1
    )
    after = cluster.health()
    shards = shard_rows(cluster, index, "prirep,state,node")
    checks.record(
        "cluster after the node loss",
        after.get("number_of_nodes") == cluster.size - 1
        and after.get("status") in ("green", "yellow"),
        f"right after the searches: {health.get('status')}, "
        f"{health.get('number_of_nodes')} nodes, "
        f"{health.get('unassigned_shards')} unassigned shards; "
        f"{'green' if green else 'still ' + str(after.get('status'))} "
        f"{time.monotonic() - killed:.0f} s after the kill with "
        f"{after.get('number_of_nodes')} nodes; the index's shards now: "
        + ", ".join(f"{s['prirep']} {s['state']} {s['node']}" for s in shards),
    )


def current_index(cluster: Cluster) -> str:
    """The index the portal's alias points at now."""
    from search import indexing

    return next(iter(cluster.request(f"/{indexing.index_alias()}", timeout=10)))


def indexed(cluster: Cluster) -> int | None:
    """Documents behind the portal's alias (None while there is none)."""
    from search import indexing

    try:
        answer = cluster.request(f"/{indexing.index_alias()}/_count", timeout=10)
    except ConnectionError:
        return None
    return answer.get("count")


def shard_rows(cluster: Cluster, index: str, columns: str) -> list[dict]:
    """``_cat/shards`` of the index; asked again while a node answers an error."""
    path = f"/_cat/shards/{index}?format=json&h={columns}"
    answer: object = None
    for _ in range(30):
        answer = cluster.request(path, timeout=10)
        if isinstance(answer, list):
            return answer
        time.sleep(1)
    raise RuntimeError(f"{path}: {answer}")


def primary_node(cluster: Cluster, index: str):
    names = {
        s["node"]
        for s in shard_rows(cluster, index, "prirep,node")
        if s["prirep"] == "p"
    }
    return next(node for node in cluster.nodes if node.name in names)


# --- the run --------------------------------------------------------------------------


def cluster_shards(cluster: Cluster, index: str) -> tuple[bool, str]:
    """Whether every shard has a started primary and replica on two nodes."""
    shards = shard_rows(cluster, index, "shard,prirep,state,node")
    by_shard: dict[str, list[dict]] = {}
    for shard in shards:
        by_shard.setdefault(shard["shard"], []).append(shard)
    ok = all(
        sorted(s["prirep"] for s in copies) == ["p", "r"]
        and all(s["state"] == "STARTED" for s in copies)
        and len({s["node"] for s in copies}) == 2
        for copies in by_shard.values()
    )
    text = "; ".join(
        f"shard {n}: " + ", ".join(f"{s['prirep']} on {s['node']}" for s in copies)
        for n, copies in sorted(by_shard.items())
    )
    return ok, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="per block")
    parser.add_argument("--rounds", type=int, default=2, help="blocks each way")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--web-workers", type=int, default=2, help="gunicorn processes a web"
    )
    parser.add_argument("--heap", default="320m", help="each OpenSearch node's heap")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    workdir = Path(tempfile.mkdtemp(prefix="portal-scale-"))
    checks = Checks()
    with ExitStack() as stack:
        if not args.keep:
            stack.callback(shutil.rmtree, workdir, True)
        log(f"work folder {workdir}")
        cluster = Cluster(size=3, heap=args.heap, workdir=workdir / "opensearch")
        cluster.launch()
        stack.callback(cluster.stop)
        database = start_postgres(stack, workdir)
        redis = start_redis(stack, workdir)
        env = shared_env(workdir, database, redis, cluster)
        editor = {
            **env,
            "PORTAL_DATA_DIR": str(workdir / "editor"),
            "OPENSEARCH_TIMEOUT": "30",
        }
        # This process is the editors' and the release's: migrate and import once.
        os.environ.update(editor)
        t0 = time.monotonic()
        manage(editor, "migrate", "--noinput", "-v", "0")
        manage(editor, "import_procedures", str(BUNDLE), "--no-progress")
        seconds = time.monotonic() - t0
        log(f"migrated and imported the bundled catalogue in {seconds:.1f} s")
        up = cluster.wait_ready(600)
        log(f"OpenSearch: {cluster.size} nodes green {up:.1f} s after launch")

        import django

        django.setup()
        from catalogue.models import Agency, ProcedurePage

        webs = [
            web("web-a", workdir, args.web_workers),
            web("web-b", workdir, args.web_workers),
        ]
        workers = [worker("worker-a", workdir), worker("worker-b", workdir)]
        pieces = [*webs, *workers, beat(workdir)]
        t0 = time.monotonic()
        for piece in pieces:
            piece.start(env)
            stack.callback(piece.stop)
        for piece in webs:
            wait_for_server(f"{piece.base}/healthz/live", 120, piece.process)
        log("web-a, web-b, worker-a, worker-b and beat started, each in its own folder")
        # The import queued one full rebuild (it published 50 pages or more):
        # a worker builds the index on the cluster and swaps the alias.
        live = ProcedurePage.objects.live().public().count()
        if not wait_until(lambda: indexed(cluster) == live, 900, interval=1):
            raise SystemExit(f"the index has {indexed(cluster)} of {live} procedures")
        log(
            f"a worker indexed {live} procedures into the cluster in "
            f"{time.monotonic() - t0:.1f} s from the start"
        )
        cluster.wait_for(
            lambda: cluster.health(timeout=2).get("status") == "green", "green", 120
        )
        health = cluster.health()
        index = current_index(cluster)
        placed, shards = cluster_shards(cluster, index)
        checks.record(
            "cluster green, 3 nodes, one replica placed",
            health.get("status") == "green"
            and health.get("number_of_nodes") == 3
            and placed,
            f"{health.get('status')}, {health.get('number_of_nodes')} nodes, "
            f"{health.get('active_shards')} active shards; {index}: {shards}",
        )

        pages = ProcedurePage.objects.live().public()
        codes = sorted(pages.values_list("code", flat=True))
        titles = list(pages.values_list("title", flat=True))
        agency = Agency.objects.order_by("pk").first().pk
        citizens = Citizens(codes, titles, agency)
        log(f"benchmark: {len(codes)} procedures, {len(citizens.searches)} searches")
        totals = benchmark(webs, citizens, args)
        load = os.getloadavg()
        print_blocks(totals, args, load)
        print()

        check_exactly_once(checks, citizens, workers)
        check_petition_across(checks, citizens, webs, workers)
        check_shared_limit(checks, citizens, webs)
        check_rating_across(checks, webs, agency)
        check_publish_across(checks, webs, codes[len(codes) // 2])
        check_health(checks, webs, workers)
        check_node_lost(checks, cluster, webs, citizens, current_index(cluster))
        for piece in webs:
            ready = httpx.get(f"{piece.base}/healthz/ready", timeout=30)
            log(f"{piece.name} /healthz/ready: {ready.status_code} {ready.text[:200]}")

        print()
        print("Checks across the pieces:")
        for name, ok, detail in checks.results:
            print(f"  {'PASS' if ok else 'FAIL'}  {name}: {detail}")
        load = os.getloadavg()
        print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
