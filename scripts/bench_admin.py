"""Benchmark: the Wagtail edit page of a big procedure beside the dashboard.

``make bench-admin`` runs it inside ``tests/services.py`` (throwaway
PostgreSQL and Redis). The script migrates the empty database, imports the
bundled catalogue, creates an editor, starts gunicorn with the production
settings, logs in through the editor's session and then requests, in turns
in one run, the edit page of procedure ``--code`` (1.001193, birth
registration, one of the catalogue's biggest pages), the admin dashboard and a
static file from the same server: the dashboard and the file show what the
admin's frame and the server cost alone. It prints the times (median, min,
max) and, measured in-process, each page's SQL query count.

Usage: ``python scripts/bench_admin.py [--code 1.001193] [--rounds 15]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_api import prepare_catalogue  # noqa: E402 - importable only after the path insert above
from bench_import import bench_env, gunicorn_command  # noqa: E402 - likewise

from tests.helpers import free_port, wait_for_server  # noqa: E402 - likewise

USERNAME = "bench-editor"
STATIC_FILE = "/static/dossiers/fonts/DejaVuSans.ttf"


def create_editor(env: dict[str, str], code: str) -> tuple[int, str]:
    """The editor's account and a logged-in session (the production settings'
    cookies are Secure, which a client on plain http would not send back).
    Returns the procedure's page id and the session key."""
    script = (
        "from django.conf import settings\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.test import Client\n"
        "from catalogue.models import ProcedurePage\n"
        f"user = get_user_model().objects.filter(username={USERNAME!r}).first()\n"
        "if user is None:\n"
        f"    user = get_user_model().objects.create_superuser({USERNAME!r}, "
        "'b@example.com', None)\n"
        "client = Client()\n"
        "client.force_login(user)\n"
        f"print(ProcedurePage.objects.get(code={code!r}).pk)\n"
        "print(client.cookies[settings.SESSION_COOKIE_NAME].value)\n"
    )
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    page_id, session = out.stdout.strip().splitlines()[-2:]
    return int(page_id), session


def timed(client: httpx.Client, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(path)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return seconds, len(response.content)


def query_counts(env: dict[str, str], paths: dict[str, str]) -> dict[str, int]:
    """Each page's SQL queries, rendered by Django's test client in-process."""
    script = (
        "import json\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        f"client.force_login(get_user_model().objects.get(username={USERNAME!r}))\n"
        f"paths = {paths!r}\n"
        "counts = {}\n"
        "for label, path in paths.items():\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        assert client.get(path).status_code == 200, path\n"
        "    counts[label] = len(queries)\n"
        "print(json.dumps(counts))\n"
    )
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env={**env, "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--code", default="1.001193")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--imported",
        action="store_true",
        help="the database already holds the catalogue (skip migrate and import)",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Needs DATABASE_URL: run it through `make bench-admin`.")
        return 2

    with tempfile.TemporaryDirectory(prefix="bench-admin-") as data_dir:
        env = bench_env(data_dir)
        if not args.imported:
            prepare_catalogue(env, args.data)
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        page_id, session = create_editor(env, args.code)
        paths = {
            f"edit page of {args.code}": f"/admin/pages/{page_id}/edit/",
            "dashboard": "/admin/",
            "static file": STATIC_FILE,
        }
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        times: dict[str, list[float]] = {label: [] for label in paths}
        sizes: dict[str, int] = {}
        with subprocess.Popen(gunicorn_command(port, 1), env=env, cwd=ROOT) as server:
            try:
                wait_for_server(f"{base}{STATIC_FILE}", process=server)
                cookie = {"Cookie": f"sessionid={session}"}
                with httpx.Client(base_url=base, timeout=60, headers=cookie) as client:
                    for path in paths.values():  # warm-up: imports, caches
                        timed(client, path)
                    for _round in range(args.rounds):
                        for label, path in paths.items():
                            seconds, sizes[label] = timed(client, path)
                            times[label].append(seconds)
            finally:
                server.terminate()
        queries = query_counts(
            env, {k: v for k, v in paths.items() if "static" not in k}
        )

    print()
    print(
        f"gunicorn 1 sync worker, production settings, logged-in editor; "
        f"{args.rounds} rounds, the three requests in turn in each round."
    )
    header = (
        f"{'':28} {'median s':>9} {'min s':>7} {'max s':>7} {'KiB':>7} {'queries':>8}"
    )
    print(header)
    print("-" * len(header))
    for label in paths:
        row = times[label]
        print(
            f"{label:28} {statistics.median(row):9.3f} {min(row):7.3f} "
            f"{max(row):7.3f} {sizes[label] / 1024:7.0f} "
            f"{queries.get(label, '-')!s:>8}"
        )
    edit = statistics.median(times[f"edit page of {args.code}"])
    dashboard = statistics.median(times["dashboard"])
    print(
        f"\nedit page / dashboard (medians): {edit / dashboard:.1f} ×; target < 1.5 s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
