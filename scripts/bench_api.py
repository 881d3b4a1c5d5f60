"""Benchmark: public API latency against static JSON from the same server.

``make bench-api`` runs it inside ``tests/services.py`` (throwaway PostgreSQL,
Redis and OpenSearch). The script migrates the empty database, imports the
bundled catalogue (or ``--data``) and indexes it, starts gunicorn on a free
port with the production
settings (the Procfile's two sync workers), saves the API's own responses as
static files served by the same gunicorn (WhiteNoise, from ``STATIC_ROOT``),
and then drives both at the same concurrency with an asyncio + httpx client,
recording latencies in HDR histograms. It prints p50/p95/p99 side by side:
the static files show what the server, the network stack and the client cost
alone, the difference is the API's own work. Rows: procedure list and
detail, search, suggest, the home page's summary, at each ``--concurrency``.

Then a citizen's mix (60% procedure pages, 25% searches, 10% suggestions, 5%
home) in requests/s: blocks of the mix and of the static copies of the same
answers, alternated (static, mix, static, mix) so that the machine's load
weighs on both, each figure beside its static reference.

Then the citizens' pages: the built SvelteKit server (``frontend/build``,
adapter-node, one process) is started in front of the same gunicorn, and its
procedure pages (``/thu-tuc/<code>``, a spread of real codes), results pages
(``/tim-kiem?q=…``, the real queries above), field, agency and life-event
pages are measured interleaved with two static references holding the very
same HTML bytes: a file served by the SvelteKit server itself (from its
``client`` folder, as its built assets are) and one served by gunicorn. Both
ratios are printed; the pages are the anonymous readers' (no cookie), so they
come from the page cache while the API's answers are unchanged.

Usage: ``python scripts/bench_api.py [--data PATH] [--concurrency 8,32]
[--requests 600] [--sample 200] [--no-pages]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
from hdrh.histogram import HdrHistogram

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
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
    if env.get("OPENSEARCH_URL"):
        print("Indexing for search ...", flush=True)
        subprocess.run(
            [*manage, "search_index", "--rebuild", "--no-progress"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


# What citizens type: searches and the start of a word for suggestions.
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
        extra = {
            "search": [f"/api/v1/search/?q={q}" for q in QUERIES],
            "suggest": [f"/api/v1/search/suggest/?q={q}" for q in PREFIXES],
            "home": ["/api/v1/summary/"],
        }
        for kind, paths in extra.items():
            (target / kind).mkdir()
            urls[f"{kind} API"], urls[f"{kind} static"] = [], []
            for number, path in enumerate(paths):
                response = client.get(path)
                if response.status_code != 200:
                    print(f"  {kind}: {path} answered {response.status_code}; left out")
                    continue
                (target / kind / f"{number}.json").write_bytes(response.content)
                urls[f"{kind} API"].append(path)
                urls[f"{kind} static"].append(f"/static/bench/{kind}/{number}.json")
    if not codes:
        raise SystemExit("the API returned no procedures")
    return urls


# The citizen's mix: procedure pages, searches, suggestions, the home page.
MIX = {"detail": 60, "search": 25, "suggest": 10, "home": 5}


def citizen_mix(urls: dict[str, list[str]], size: int = 400) -> list[tuple[str, str]]:
    """(API path, static path) pairs drawn by MIX's weights (fixed seed)."""
    pick = random.Random(766)  # noqa: S311 - a benchmark's fixed sample
    kinds = [kind for kind in MIX if urls.get(f"{kind} API")]
    weights = [MIX[kind] for kind in kinds]
    pairs = []
    for kind in pick.choices(kinds, weights, k=size):
        number = pick.randrange(len(urls[f"{kind} API"]))
        pairs.append((urls[f"{kind} API"][number], urls[f"{kind} static"][number]))
    return pairs


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
    parser.add_argument(
        "--concurrency",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[8, 32],
        help="one or more, e.g. 8,32",
    )
    parser.add_argument("--requests", type=int, default=600, help="per row")
    parser.add_argument("--sample", type=int, default=200, help="procedures used")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--no-pages",
        dest="pages",
        action="store_false",
        help="the API only, without the SvelteKit server's pages",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Needs DATABASE_URL: run it through `make bench-api`.")
        return 2
    if args.pages and not (FRONTEND / "build" / "index.js").exists():
        print("The frontend is not built: `make frontend-build` (or --no-pages).")
        return 2

    with tempfile.TemporaryDirectory(prefix="bench-api-") as data_dir:
        env = bench_env(data_dir)
        # As `make run` does: the SvelteKit server names each citizen to the API.
        env["PORTAL_FRONTEND_SECRET"] = secrets.token_urlsafe(32)
        prepare_catalogue(env, args.data)
        static_root = Path(data_dir) / "static"
        static_root.mkdir()
        # Staged servers: first to capture the API's responses and the pages,
        # then restarted so that WhiteNoise and the SvelteKit server's static
        # handler (which list their folders at start) serve the copies.
        with ExitStack() as stack:
            build = None
            if args.pages:
                # A copy of the build, so that the copies of the pages sit in its
                # client folder without touching frontend/build; inside frontend/
                # so that its imports find frontend/node_modules.
                build = Path(
                    stack.enter_context(
                        tempfile.TemporaryDirectory(
                            prefix=".bench-build-", dir=FRONTEND
                        )
                    )
                )
                shutil.copytree(FRONTEND / "build", build, dirs_exist_ok=True)
            ports = free_port(), free_port()
            with servers(env, args, build, ports) as (base, site):
                urls = save_static(base, static_root, args.sample)
                if site:
                    urls |= save_pages(base, site, static_root, build, urls)
            with servers(env, args, build, ports) as (base, site):
                wait_for_server(f"{base}{urls['detail static'][0]}")
                results = run_scenarios(base, urls, args)
    print_table(results, args)
    return 0


@contextmanager
def servers(env: dict[str, str], args, build: Path | None, ports: tuple[int, int]):
    """gunicorn, and the SvelteKit server of ``build`` in front of it, on
    ``ports``: yields their base URLs (the second None without a build)."""
    port, site_port = ports
    base = f"http://127.0.0.1:{port}"
    with ExitStack() as stack:
        gunicorn = start(stack, gunicorn_command(port, args.workers), env, ROOT)
        wait_for_server(f"{base}/api/v1/procedures/", process=gunicorn)
        if build is None:
            yield base, None
            return
        site = f"http://127.0.0.1:{site_port}"
        node = start(
            stack,
            ["node", str(build)],
            {
                **os.environ,
                "PORTAL_API_URL": base,
                "PORTAL_FRONTEND_SECRET": env["PORTAL_FRONTEND_SECRET"],
                "HOST": "127.0.0.1",
                "PORT": str(site_port),
                "ORIGIN": site,
                "NODE_ENV": "production",
            },
            FRONTEND,
        )
        wait_for_server(f"{site}/healthz", process=node)
        yield base, site


def start(stack: ExitStack, command: list[str], env: dict, cwd: Path):
    process = subprocess.Popen(command, env=env, cwd=cwd)

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()

    stack.callback(stop)
    return process


# The SvelteKit pages measured, each beside the same HTML as a static file.
PAGE_KINDS = (
    "procedure page",
    "results page",
    "field page",
    "agency page",
    "event page",
)
PAGE_SOURCES = ("SSR", "node static", "gunicorn static")


def page_paths(base: str, urls: dict[str, list[str]]) -> dict[str, list[str]]:
    """Real addresses of each kind of page: a spread of the procedures, the
    queries citizens type, the fields, agencies and life events with most
    procedures."""
    codes = [path.rstrip("/").rsplit("/", 1)[1] for path in urls["detail API"]]
    spread = codes[:: max(1, len(codes) // PAGES_PER_KIND)][:PAGES_PER_KIND]
    with httpx.Client(base_url=base, timeout=30) as client:

        def biggest(path: str, key: str) -> list[str]:
            body = client.get(path).raise_for_status().json()
            items = body["results"] if isinstance(body, dict) else body
            items = [item for item in items if item.get("procedure_count")]
            items.sort(key=lambda item: -item["procedure_count"])
            return [str(item[key]) for item in items[:PAGES_PER_KIND]]

        fields = biggest("/api/v1/fields/", "slug")
        agencies = biggest("/api/v1/agencies/?page_size=100", "id")
        events = biggest("/api/v1/life-events/", "slug")
    return {
        "procedure page": [f"/thu-tuc/{code}" for code in spread],
        "results page": [f"/tim-kiem?{urlencode({'q': q})}" for q in QUERIES],
        "field page": [f"/linh-vuc/{slug}" for slug in fields],
        "agency page": [f"/co-quan/{number}" for number in agencies],
        "event page": [f"/su-kien/{slug}" for slug in events],
    }


PAGES_PER_KIND = 40


def save_pages(
    base: str, site: str, static_root: Path, build: Path, urls: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Render each page once through the SvelteKit server and save its HTML as
    static files: in the build's client folder (served by the SvelteKit
    server) and in STATIC_ROOT (served by gunicorn). Returns, per kind and
    source, the absolute URLs, in the same order."""
    found: dict[str, list[str]] = {}
    with httpx.Client(timeout=60) as client:
        for kind, paths in page_paths(base, urls).items():
            folder = kind.replace(" ", "-")
            (build / "client" / "bench" / folder).mkdir(parents=True)
            (static_root / "bench" / "pages" / folder).mkdir(parents=True)
            for source in PAGE_SOURCES:
                found[f"{kind} {source}"] = []
            for number, path in enumerate(paths):
                response = client.get(site + path)
                if response.status_code != 200:
                    print(f"  {kind}: {path} answered {response.status_code}; left out")
                    continue
                for target in (
                    build / "client" / "bench" / folder,
                    static_root / "bench" / "pages" / folder,
                ):
                    (target / f"{number}.html").write_bytes(response.content)
                found[f"{kind} SSR"].append(site + path)
                found[f"{kind} node static"].append(
                    f"{site}/bench/{folder}/{number}.html"
                )
                found[f"{kind} gunicorn static"].append(
                    f"{base}/static/bench/pages/{folder}/{number}.html"
                )
    return found


KINDS = ("list", "detail", "search", "suggest", "home")


def interleaved(urls: dict[str, list[str]], kind: str, sources: tuple[str, ...]):
    """(label, path) of each source in turn (SSR, static, …, SSR, static, …)."""
    columns = [urls.get(f"{kind} {source}") or [] for source in sources]
    if not all(columns):
        return []
    return [
        (f"{kind} {source}", path)
        for row in zip(*columns, strict=True)
        for source, path in zip(sources, row, strict=True)
    ]


def run_scenarios(base: str, urls: dict[str, list[str]], args) -> dict:
    results = {}
    rows = [(kind, ("API", "static")) for kind in KINDS] + [
        (kind, PAGE_SOURCES) for kind in PAGE_KINDS
    ]
    for concurrency in args.concurrency:
        for kind, sources in rows:
            mixed = interleaved(urls, kind, sources)
            if not mixed:
                continue
            # Warm-up: every worker process loaded, connections open, caches set.
            asyncio.run(drive(base, mixed, min(400, 2 * args.requests), concurrency))
            load = os.getloadavg()[0]
            print(
                f"  c={concurrency} {kind}: {', '.join(sources)} interleaved "
                f"(load average {load:.2f})",
                flush=True,
            )
            total = len(sources) * args.requests
            for label, figures in asyncio.run(
                drive(base, mixed, total, concurrency)
            ).items():
                results[(concurrency, label)] = figures
            results[(concurrency, kind, "load")] = (load, os.getloadavg()[0])
        results[(concurrency, "mix")] = run_mix(base, urls, args, concurrency)
    return results


def run_mix(base: str, urls: dict[str, list[str]], args, concurrency: int) -> dict:
    """Requests/s of the citizen's mix and of its static copies, alternated."""
    pairs = citizen_mix(urls)
    api = [("mix API", a) for a, _ in pairs]
    static = [("mix static", b) for _, b in pairs]
    asyncio.run(drive(base, api, min(400, args.requests), concurrency))  # warm-up
    print(f"  c={concurrency} citizen mix: static, mix, static, mix ...", flush=True)
    seconds = {"mix API": 0.0, "mix static": 0.0}
    done = dict.fromkeys(seconds, 0)
    histograms = {}
    for paths in (static, api, static, api):
        label = paths[0][0]
        started = time.perf_counter()
        result = asyncio.run(drive(base, paths, args.requests, concurrency))[label]
        seconds[label] += time.perf_counter() - started
        done[label] += result[0].get_total_count()
        if label in histograms:
            histograms[label].add(result[0])
        else:
            histograms[label] = result[0]
    return {
        label: (histograms[label], done[label] / seconds[label]) for label in seconds
    }


def percentiles(histogram: HdrHistogram) -> str:
    ms = 1000.0
    return (
        f"{histogram.get_value_at_percentile(50) / ms:8.1f} "
        f"{histogram.get_value_at_percentile(95) / ms:8.1f} "
        f"{histogram.get_value_at_percentile(99) / ms:8.1f} "
        f"{histogram.get_max_value() / ms:8.1f}"
    )


def print_table(results: dict, args) -> None:
    ms = 1000.0
    load = os.getloadavg()
    for concurrency in args.concurrency:
        print()
        print(
            f"Concurrency {concurrency}, {args.requests} requests per row, "
            f"gunicorn {args.workers} sync workers, same server for API and static, "
            "interleaved in one run; p50 × = p50 against the static file's."
        )
        header = (
            f"{'':8} {'':7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'max ms':>8} {'bytes':>7} {'errors':>6} {'p50 ×':>6}"
        )
        print(header)
        print("-" * len(header))
        for kind in KINDS:
            if (concurrency, f"{kind} static") not in results:
                continue
            static = results[(concurrency, f"{kind} static")][0]
            reference = static.get_value_at_percentile(50)
            for source in ("API", "static"):
                histogram, _, errors, size = results[(concurrency, f"{kind} {source}")]
                ratio = histogram.get_value_at_percentile(50) / max(1, reference)
                print(
                    f"{kind:8} {source:7} {percentiles(histogram)} "
                    f"{size:7d} {errors:6d} {ratio:6.2f}"
                )
        print_pages(results, concurrency)
        mix = results[(concurrency, "mix")]
        api_rate, static_rate = mix["mix API"][1], mix["mix static"][1]
        print(
            f"citizen mix ({', '.join(f'{w}% {k}' for k, w in MIX.items())}): "
            f"{api_rate:.0f} requests/s, static copies {static_rate:.0f} requests/s "
            f"(mix at {api_rate / static_rate:.2f}× the static rate; p50 "
            f"{mix['mix API'][0].get_value_at_percentile(50) / ms:.1f} ms against "
            f"{mix['mix static'][0].get_value_at_percentile(50) / ms:.1f} ms)"
        )
    print(
        f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end "
        f"(1, 5, 15 min; {os.cpu_count()} CPUs shared with other work)"
    )


# The targets: a page's p50 at most this many times a static file's.
PAGE_TARGETS = {"procedure page": 2.5, "results page": 4.0}


def print_pages(results: dict, concurrency: int) -> None:
    """The SvelteKit pages beside the same HTML as static files of the
    SvelteKit server (node ×) and of gunicorn (gunicorn ×)."""
    kinds = [k for k in PAGE_KINDS if (concurrency, f"{k} SSR") in results]
    if not kinds:
        return
    print()
    print(
        "SvelteKit pages (one node process in front of the same gunicorn), each "
        "beside its own HTML as a static file of the SvelteKit server and of "
        "gunicorn, interleaved; × = p50 against that file's p50."
    )
    header = (
        f"{'':15} {'':16} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'bytes':>7} {'errors':>6} {'node ×':>7} {'guni ×':>7}"
    )
    print(header)
    print("-" * len(header))
    for kind in kinds:
        node = results[(concurrency, f"{kind} node static")][0].get_value_at_percentile(
            50
        )
        guni = results[(concurrency, f"{kind} gunicorn static")][
            0
        ].get_value_at_percentile(50)
        for source in PAGE_SOURCES:
            histogram, _, errors, size = results[(concurrency, f"{kind} {source}")]
            p50 = histogram.get_value_at_percentile(50)
            print(
                f"{kind:15} {source:16} {percentiles(histogram)} {size:7d} {errors:6d} "
                f"{p50 / max(1, node):7.2f} {p50 / max(1, guni):7.2f}"
            )
        before, after = results[(concurrency, kind, "load")]
        ssr = results[(concurrency, f"{kind} SSR")][0].get_value_at_percentile(50)
        target = PAGE_TARGETS.get(kind)
        verdict = ""
        if target:
            ratio = ssr / max(1, node)
            met = "met" if ratio <= target else "MISSED"
            verdict = f"; target ≤ {target}× the node static file: {met}"
        print(
            f"{'':15} load average {before:.2f} → {after:.2f} during the row{verdict}"
        )


if __name__ == "__main__":
    sys.exit(main())
