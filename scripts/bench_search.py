"""Benchmark: search API latency against the same query sent to OpenSearch directly.

``make bench-search`` runs it inside ``tests/services.py`` (throwaway
PostgreSQL, Redis and OpenSearch). It imports the national export, times a
full index rebuild (new index + alias swap) against Wagtail's own
``update_index`` on the same pages, starts gunicorn, and then, for the judged
dev queries at concurrency 1 and 8, measures p50/p95 of ``/api/v1/search/``
and of the identical engine request body POSTed straight to OpenSearch
(interleaved, so both meet the same load), with their ratio; and p95 of
``/api/v1/search/suggest/``.

Usage: ``python scripts/bench_search.py [--data PATH] [--requests 400]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
from hdrh.histogram import HdrHistogram

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder of worktrees).
SHARED = next(
    (
        p / "shared"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared").is_dir()
    ),
    ROOT.parent / "shared",
)
sys.path.insert(0, str(ROOT))

from tests.helpers import free_port, wait_for_server  # noqa: E402 - after the path insert


async def drive(
    kinds: list[list[tuple[str, str, str | None]]], total: int, concurrency: int
) -> list[HdrHistogram]:
    """``total`` rounds by ``concurrency`` clients; one histogram (µs) a kind.

    Each round sends one request of every kind, one after the other, so that
    the API and the direct engine query are timed under the same load: on a
    shared machine, timing them in separate phases compares two moments, not
    two paths.
    """
    histograms = [HdrHistogram(1, 60_000_000, 3) for _ in kinds]
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency * len(kinds))
    headers = {"Content-Type": "application/json"}
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:

        async def worker() -> None:
            for number in counter:
                for requests, histogram in zip(kinds, histograms, strict=True):
                    method, url, body = requests[number % len(requests)]
                    started = time.perf_counter_ns()
                    response = await client.request(
                        method, url, content=body, headers=headers
                    )
                    elapsed = (time.perf_counter_ns() - started) // 1000
                    if response.status_code != 200:
                        raise SystemExit(f"{url} answered {response.status_code}")
                    histogram.record_value(max(1, elapsed))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return histograms


def ms(histogram: HdrHistogram, percentile: float) -> float:
    return histogram.get_value_at_percentile(percentile) / 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", default=str(SHARED / "data" / "procedures-vn.jsonl.gz")
    )
    parser.add_argument("--queries", default=str(SHARED / "eval" / "search-dev.jsonl"))
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--skip-import",
        action="store_true",
        help="the database already holds the catalogue (repeated runs)",
    )
    args = parser.parse_args()
    for variable in ("DATABASE_URL", "OPENSEARCH_URL", "REDIS_URL"):
        if not os.environ.get(variable):
            raise SystemExit(f"{variable} is not set: run through `make bench-search`.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from tqdm import tqdm

    from catalogue.importer import ProcedureImporter, iter_records
    from catalogue.models import ProcedurePage
    from search import indexing, queries

    call_command("migrate", verbosity=0)
    if not args.skip_import or not ProcedurePage.objects.exists():
        records = list(iter_records(args.data))
        importer = ProcedureImporter()
        importer.run(tqdm(records, unit="thủ tục", desc="Importing"))
        call_command("load_life_events", verbosity=0)
        call_command("load_english_names", verbosity=0)

    rebuilds = [indexing.rebuild()["seconds"] for _ in range(3)]
    started = time.monotonic()
    call_command("update_index", verbosity=0)
    wagtail_seconds = time.monotonic() - started
    pages = indexing.live_pages().count()

    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application",
         "--config", "portal/gunicorn_conf.py",  # as `make run` serves it
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/v1/search/?q=x", process=server)
        judged = [
            json.loads(x) for x in Path(args.queries).read_text().splitlines() if x
        ]
        engine_url = f"{os.environ['OPENSEARCH_URL']}/{indexing.index_alias()}/_search"
        api, direct, suggest = [], [], []
        for query in judged:
            api.append(
                ("GET", f"{base}/api/v1/search/?{urlencode({'q': query['q']})}", None)
            )
            body = queries.build(
                queries.SearchRequest(query=queries.clean_query(query["q"]))
            )
            direct.append(("POST", engine_url, json.dumps(body)))
            prefix = query["q"][: max(3, len(query["q"]) // 2)]
            suggest.append(
                (
                    "GET",
                    f"{base}/api/v1/search/suggest/?{urlencode({'q': prefix})}",
                    None,
                )
            )
        # Warm up caches, connections and the JIT of the engine.
        asyncio.run(drive([api, direct], len(api), 4))
        rows = []
        for concurrency in (1, 8):
            api_h, direct_h = asyncio.run(
                drive([api, direct], args.requests, concurrency)
            )
            rows.append((concurrency, api_h, direct_h))
        (suggest_h,) = asyncio.run(drive([suggest], args.requests, 8))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print()
    print(f"Full rebuild of {pages} procedures (new index + alias swap): "
          f"{', '.join(f'{s:.1f}' for s in rebuilds)} s; "
          f"Wagtail update_index: {wagtail_seconds:.1f} s")  # fmt: skip
    print()
    print(f"{'concurrency':>11}  {'API p50':>9} {'API p95':>9}  "
          f"{'direct p50':>10} {'direct p95':>10}  {'p50 ratio':>9}")  # fmt: skip
    for concurrency, api_h, direct_h in rows:
        print(
            f"{concurrency:>11}  {ms(api_h, 50):>7.1f}ms {ms(api_h, 95):>7.1f}ms  "
            f"{ms(direct_h, 50):>8.1f}ms {ms(direct_h, 95):>8.1f}ms  "
            f"{ms(api_h, 50) / ms(direct_h, 50):>9.2f}"
        )
    print(f"suggest at concurrency 8: p50 {ms(suggest_h, 50):.1f} ms, "
          f"p95 {ms(suggest_h, 95):.1f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
