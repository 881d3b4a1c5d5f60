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
    base: str, paths: list[tuple[str, str]], total: int, concurrency: int
) -> dict[str, tuple[HdrHistogram, float, int, int]]:
    """``total`` GETs over ``paths`` (label, path) by ``concurrency`` clients.

    The labels' requests are interleaved in one run (API, static, API, …), so
    whatever else loads the machine meanwhile weighs on both alike. Latencies
    in µs, per label: (histogram, requests/s of the label, errors, bytes).
    """
    labels = sorted({label for label, _ in paths})
    histograms = {label: HdrHistogram(1, 60_000_000, 3) for label in labels}
    errors = dict.fromkeys(labels, 0)
    sizes = dict.fromkeys(labels, 0)
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            for number in counter:
                label, path = paths[number % len(paths)]
                started = time.perf_counter_ns()
                response = await client.get(path)
                elapsed = (time.perf_counter_ns() - started) // 1000
                if response.status_code != 200:
                    errors[label] += 1
                    continue
                sizes[label] += len(response.content)
                histograms[label].record_value(max(1, elapsed))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    results = {}
    for label in labels:
        done = histograms[label].get_total_count()
        results[label] = (
            histograms[label],
            done / seconds,
            errors[label],
            sizes[label] // max(1, done),
        )
    return results


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
    for kind in ("list", "detail"):
        api, static = urls[f"{kind} API"], urls[f"{kind} static"]
        mixed = [
            pair
            for a, b in zip(api, static, strict=True)
            for pair in ((f"{kind} API", a), (f"{kind} static", b))
        ]
        # Warm-up: every worker process loaded, connections open, caches set.
        asyncio.run(drive(base, mixed, min(400, 2 * args.requests), args.concurrency))
        print(f"  {kind}: API and static interleaved ...", flush=True)
        results.update(
            asyncio.run(drive(base, mixed, 2 * args.requests, args.concurrency))
        )
    return results


def print_table(results: dict, args) -> None:
    ms = 1000.0
    print()
    print(
        f"Concurrency {args.concurrency}, {args.requests} requests per row, "
        f"gunicorn {args.workers} sync workers, same server for API and static, "
        "interleaved in one run; p50 × = p50 against the static file's."
    )
    header = (
        f"{'':8} {'':7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'req/s':>7} {'bytes':>7} {'errors':>6} {'p50 ×':>6}"
    )
    print(header)
    print("-" * len(header))
    for kind in ("list", "detail"):
        reference = results[f"{kind} static"][0].get_value_at_percentile(50)
        for source in ("API", "static"):
            histogram, rate, errors, size = results[f"{kind} {source}"]
            ratio = histogram.get_value_at_percentile(50) / max(1, reference)
            print(
                f"{kind:8} {source:7} "
                f"{histogram.get_value_at_percentile(50) / ms:8.1f} "
                f"{histogram.get_value_at_percentile(95) / ms:8.1f} "
                f"{histogram.get_value_at_percentile(99) / ms:8.1f} "
                f"{histogram.get_max_value() / ms:8.1f} "
                f"{rate:7.0f} {size:7d} {errors:6d} {ratio:6.2f}"
            )


if __name__ == "__main__":
    sys.exit(main())
