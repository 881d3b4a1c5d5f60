"""Benchmark: catalogue API latency against static JSON from the same server.

``make bench-api`` runs it inside ``tests/services.py`` (throwaway PostgreSQL
and Redis). The script migrates the empty database, imports the bundled
catalogue (or ``--data``), starts gunicorn on a free port with the production
settings (the Procfile's two sync workers), saves the API's own responses as
static files served by the same gunicorn (WhiteNoise, from ``STATIC_ROOT``),
and then drives both at the same concurrency with an asyncio + httpx client,
recording latencies in HDR histograms. It prints p50/p95/p99 side by side:
the static files show what the server, the network stack and the client cost
alone, the difference is the API's own work.

Usage: ``python scripts/bench_api.py [--data PATH] [--concurrency 8]
[--requests 1500] [--sample 200]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from hdrh.histogram import HdrHistogram

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_import import bench_env, gunicorn_command  # noqa: E402 - importable only after the path insert above

from tests.helpers import free_port, wait_for_server  # noqa: E402 - likewise


def prepare_catalogue(env: dict[str, str], data: str | Path) -> None:
    """Migrate the benchmark's database and import the catalogue into it."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    print(f"Importing {data} ...", flush=True)
    subprocess.run(
        [*manage, "import_procedures", str(data), "--no-progress"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def save_static(base: str, static_root: Path, sample: int) -> dict[str, list[str]]:
    """Fetch API responses and save their exact bytes as static files.

    Returns the URL lists per scenario: API URLs and the matching static URLs.
    """
    target = static_root / "bench"
    (target / "detail").mkdir(parents=True)
    (target / "list").mkdir(parents=True)
    urls: dict[str, list[str]] = {
        "list API": [],
        "list static": [],
        "detail API": [],
        "detail static": [],
    }
    codes: list[str] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        page = 1
        while len(codes) < sample:
            path = f"/api/v1/procedures/?ordering=code&page={page}"
            response = client.get(path)
            if response.status_code != 200:
                break
            body = response.json()
            codes += [item["code"] for item in body["results"]]
            (target / "list" / f"{page}.json").write_bytes(response.content)
            urls["list API"].append(path)
            urls["list static"].append(f"/static/bench/list/{page}.json")
            if not body["next"]:
                break
            page += 1
        for code in codes[:sample]:
            path = f"/api/v1/procedures/{code}/"
            response = client.get(path)
            response.raise_for_status()
            (target / "detail" / f"{code}.json").write_bytes(response.content)
            urls["detail API"].append(path)
            urls["detail static"].append(f"/static/bench/detail/{code}.json")
    if not codes:
        raise SystemExit("the API returned no procedures")
    return urls


async def drive(
    base: str, paths: list[str], total: int, concurrency: int
) -> tuple[HdrHistogram, float, int, int]:
    """``total`` GETs over ``paths`` by ``concurrency`` clients; latencies in µs."""
    histogram = HdrHistogram(1, 60_000_000, 3)
    counter = iter(range(total))
    errors = 0
    size = 0
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            nonlocal errors, size
            for number in counter:
                path = paths[number % len(paths)]
                started = time.perf_counter_ns()
                response = await client.get(path)
                elapsed = (time.perf_counter_ns() - started) // 1000
                if response.status_code != 200:
                    errors += 1
                    continue
                size += len(response.content)
                histogram.record_value(max(1, elapsed))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    done = histogram.get_total_count()
    return histogram, done / seconds, errors, size // max(1, done)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--sample", type=int, default=200, help="procedures used")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Needs DATABASE_URL: run it through `make bench-api`.")
        return 2

    with tempfile.TemporaryDirectory(prefix="bench-api-") as data_dir:
        env = bench_env(data_dir)
        prepare_catalogue(env, args.data)
        static_root = Path(data_dir) / "static"
        static_root.mkdir()
        # Staged server: first to capture the API's responses, then restarted so
        # that WhiteNoise (which lists STATIC_ROOT at start) serves them.
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        gunicorn = gunicorn_command(port, args.workers)
        with subprocess.Popen(gunicorn, env=env, cwd=ROOT) as server:
            try:
                wait_for_server(f"{base}/api/v1/procedures/", process=server)
                urls = save_static(base, static_root, args.sample)
            finally:
                server.terminate()
        with subprocess.Popen(gunicorn, env=env, cwd=ROOT) as server:
            try:
                wait_for_server(f"{base}{urls['detail static'][0]}", process=server)
                results = run_scenarios(base, urls, args)
            finally:
                server.terminate()
    print_table(results, args)
    return 0


def run_scenarios(base: str, urls: dict[str, list[str]], args) -> dict:
    results = {}
    for name, paths in urls.items():
        # Warm-up: every worker process loaded, connections open, caches set.
        asyncio.run(drive(base, paths, min(200, args.requests), args.concurrency))
        print(f"  {name} ...", flush=True)
        results[name] = asyncio.run(drive(base, paths, args.requests, args.concurrency))
    return results


def print_table(results: dict, args) -> None:
    ms = 1000.0
    print()
    print(
        f"Concurrency {args.concurrency}, {args.requests} requests per row, "
        f"gunicorn {args.workers} sync workers, same server for API and static."
    )
    header = (
        f"{'':8} {'':7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'req/s':>7} {'bytes':>7} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for kind in ("list", "detail"):
        for source in ("API", "static"):
            histogram, rate, errors, size = results[f"{kind} {source}"]
            print(
                f"{kind:8} {source:7} "
                f"{histogram.get_value_at_percentile(50) / ms:8.1f} "
                f"{histogram.get_value_at_percentile(95) / ms:8.1f} "
                f"{histogram.get_value_at_percentile(99) / ms:8.1f} "
                f"{histogram.get_max_value() / ms:8.1f} "
                f"{rate:7.0f} {size:7d} {errors:6d}"
            )


if __name__ == "__main__":
    sys.exit(main())
