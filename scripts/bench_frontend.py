"""Benchmark: page loads of the citizens' site in throttled Chromium vs the API's JSON.

``make bench-frontend`` runs it inside ``tests/services.py`` (throwaway
PostgreSQL, Redis and OpenSearch). The script migrates the empty database,
imports the bundled catalogue, builds the search index, starts gunicorn with
the production settings and the built SvelteKit server (``node build``)
against it, and runs ``frontend/e2e/bench.mjs``: Debian's Chromium through the
DevTools protocol with the CPU 4× slower and Lighthouse's "slow 4G" network,
measuring FCP, LCP, JavaScript and total bytes transferred for the home,
search and procedure pages, beside loading each page's API JSON in the same
throttled browser. Prints a table and the budgets (procedure page JS ≤ 60 KB
compressed, LCP ≤ 2.5 s); exits 1 when a budget fails.

Usage: ``python scripts/bench_frontend.py [--runs 5] [--network standard|devtools]
[--data PATH]``. The figures are also written to ``var/bench-frontend.json``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_api import prepare_catalogue  # noqa: E402 - importable only after the path insert above
from bench_import import bench_env, gunicorn_command  # noqa: E402 - importable only after the path insert above

from tests.helpers import free_port, wait_for_server  # noqa: E402 - likewise


def start(
    stack: ExitStack, command: list[str], env: dict, cwd: Path
) -> subprocess.Popen:
    process = subprocess.Popen(command, env=env, cwd=cwd)

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()

    stack.callback(stop)
    return process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--network",
        choices=["standard", "devtools"],
        default="standard",
        help="slow 4G as 150 ms/1.6 Mbps/750 Kbps (standard) or Lighthouse's "
        "DevTools equivalents 562.5 ms/1.47 Mbps/675 Kbps (devtools)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    for variable in ("DATABASE_URL", "OPENSEARCH_URL"):
        if not os.environ.get(variable):
            print(f"Needs {variable}: run it through `make bench-frontend`.")
            return 2
    if not (ROOT / "frontend" / "build" / "index.js").exists():
        print("The frontend is not built: `make frontend-build`.")
        return 2

    with tempfile.TemporaryDirectory(prefix="bench-frontend-") as data_dir:
        env = bench_env(data_dir)
        manage = [sys.executable, str(ROOT / "manage.py")]
        prepare_catalogue(env, args.data)
        subprocess.run(
            [*manage, "search_index", "--rebuild"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        api_port, site_port = free_port(), free_port()
        api = f"http://127.0.0.1:{api_port}"
        site = f"http://127.0.0.1:{site_port}"
        with ExitStack() as stack:
            gunicorn = start(
                stack,
                gunicorn_command(api_port, args.workers),
                env,
                ROOT,
            )
            wait_for_server(f"{api}/api/v1/summary/", process=gunicorn)
            node = start(
                stack,
                ["node", "build"],
                {
                    **os.environ,
                    "PORTAL_API_URL": api,
                    "HOST": "127.0.0.1",
                    "PORT": str(site_port),
                    "ORIGIN": site,
                    "BODY_SIZE_LIMIT": "16M",
                },
                ROOT / "frontend",
            )
            wait_for_server(f"{site}/healthz", process=node)
            print(f"Measuring {site} (API {api}) ...", flush=True)
            (ROOT / "var").mkdir(exist_ok=True)
            return subprocess.call(
                ["node", "e2e/bench.mjs"],
                cwd=ROOT / "frontend",
                env={
                    **os.environ,
                    "BENCH_BASE_URL": site,
                    "BENCH_API_URL": api,
                    "BENCH_RUNS": str(args.runs),
                    "BENCH_NETWORK": args.network,
                    "BENCH_RESULT": str(ROOT / "var" / "bench-frontend.json"),
                },
            )


if __name__ == "__main__":
    sys.exit(main())
