"""Benchmark: import the full national export into an empty PostgreSQL database.

``make bench-import`` runs it inside ``tests/services.py``, which provides a
throwaway PostgreSQL and Redis (``DATABASE_URL``, ``REDIS_URL``). The script
migrates that empty database, then imports every record in a child process
with the production settings and prints wall time, peak memory of the import
process (``ru_maxrss``), records per second, the outcomes, and the share of
records whose parts were parsed into structure (of those whose source has the
part; the target is at least 95% each).

Usage: ``python scripts/bench_import.py [--data PATH] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (a worktree one level deeper: ../../shared).
DEFAULT_DATA = next(
    (
        path
        for path in (
            base / "shared" / "data" / "procedures-vn.jsonl.gz"
            for base in (ROOT.parent, ROOT.parent.parent)
        )
        if path.is_file()
    ),
    ROOT.parent / "shared" / "data" / "procedures-vn.jsonl.gz",
)
TARGET = 0.95


def bench_env(data_dir: str) -> dict[str, str]:
    """Production settings against the services' database, no real secrets."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "PORTAL_DATA_DIR": data_dir,
        "LOG_LEVEL": "WARNING",
    }


def gunicorn_command(port: int, workers: int, *options: str) -> list[str]:
    """The web server the API benchmarks start (quiet, on 127.0.0.1:port)."""
    return [
        str(Path(sys.executable).with_name("gunicorn")),
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        *options,
        "--log-level",
        "warning",
    ]


def child(path: str, limit: int | None) -> None:
    """Runs in the import process: import, then report as one JSON line."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from catalogue.bulk import deferred_index_updates
    from catalogue.importer import PARTS, ProcedureImporter, iter_records
    from catalogue.models import ProcedurePage

    importer = ProcedureImporter()
    done = [0]

    def progress(outcome: str) -> None:
        done[0] += 1
        if done[0] % 250 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {done[0]} records, {elapsed:.0f} s", file=sys.stderr, flush=True)

    def records():
        for number, record in enumerate(iter_records(path), start=1):
            if limit is not None and number > limit:
                break
            yield record

    started = time.perf_counter()
    cpu_started = time.process_time()
    # The outer block holds the admin search and reference index updates
    # until the import is done, so that their time is shown apart.
    with deferred_index_updates():
        importer.run(records(), progress=progress)
        indexing_started = time.perf_counter()
    finished = time.perf_counter()
    summary = importer.summary
    report = {
        "seconds": finished - started,
        "index_seconds": finished - indexing_started,
        "cpu_seconds": time.process_time() - cpu_started,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "total": summary.total,
        "outcomes": dict(summary.outcomes),
        "parts": {
            part: [summary.parsed[part], summary.with_source[part]] for part in PARTS
        },
        "failures": summary.failures[:10],
        "live_pages": ProcedurePage.objects.live().count(),
    }
    print("REPORT " + json.dumps(report, ensure_ascii=False), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.data, args.limit)
        return 0

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Needs DATABASE_URL of an empty PostgreSQL database: run it with")
        print("  python -m tests.services --services postgres,redis -- " + __file__)
        return 2
    data = Path(args.data)
    if not data.is_file():
        print(f"No such file: {data}")
        return 2

    with tempfile.TemporaryDirectory(prefix="bench-import-") as data_dir:
        env = bench_env(data_dir)
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True
        )
        print(f"Importing {data} into an empty PostgreSQL database ...", flush=True)
        load_before = os.getloadavg()
        wall_started = time.perf_counter()
        command = [sys.executable, __file__, "--child", "--data", str(data)]
        if args.limit:
            command += ["--limit", str(args.limit)]
        result = subprocess.run(
            command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
        )
        wall = time.perf_counter() - wall_started
        load_after = os.getloadavg()
    line = next(x for x in result.stdout.splitlines() if x.startswith("REPORT "))
    report = json.loads(line.removeprefix("REPORT "))
    print_report(report, wall)
    print(
        "load average            "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after "
        f"(1 min; {os.cpu_count()} CPUs shared with other work)"
    )
    return 0


def print_report(report: dict, wall: float) -> None:
    seconds = report["seconds"]
    total = report["total"]
    print()
    print(f"records                 {total}")
    print(f"import time             {seconds:.1f} s  ({total / seconds:.2f} records/s)")
    print(f"  of which final index  {report['index_seconds']:.1f} s")
    print(f"process wall time       {wall:.1f} s  (with Django start-up)")
    print(f"  CPU time of the import {report['cpu_seconds']:.1f} s")
    print(f"peak memory (maxrss)    {report['maxrss_kib'] / 1024:.0f} MiB")
    print(f"live procedure pages    {report['live_pages']}")
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(report["outcomes"].items()))
    print(f"outcomes                {outcomes}")
    print("parsed into structure (records whose source has the part):")
    for part, (parsed, with_source) in report["parts"].items():
        share = parsed / with_source if with_source else None
        shown = "—" if share is None else f"{share:6.1%}"
        mark = "" if share is None or share >= TARGET else "  below 95%"
        print(f"  {part:<20} {parsed:>5} / {with_source:<5} {shown}{mark}")
    for code, message in report["failures"]:
        print(f"  failed {code}: {message[:150]}")


if __name__ == "__main__":
    sys.exit(main())
