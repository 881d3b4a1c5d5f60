"""``make fuzz-api``: a long schemathesis run against the API behind gunicorn.

Run inside ``tests/services.py`` (PostgreSQL, Redis): migrates the throwaway
database, seeds what the operations need (tests/abuse/fuzzing.py), starts
gunicorn with ``portal/gunicorn_conf.py`` and the test settings, and sends
schemathesis's cases to every operation of both schemas: the portal's API
(``/api/v1/schema/``) and Open311 GeoReport v2 (``/open311/v2/openapi.json``,
with the seeded api_key). Prints, per operation group (``api/feedback``,
``open311/json``…) and in total, the cases sent, the 5xx answers (must be 0)
and the schema-conformance failures, and exits non-zero when either is not 0.

    make fuzz-api FUZZ_ARGS="--max-examples 400 --workers 2"

A long run can go in parts (``--schemas``, ``--include-path-regex``), each
keeping its report (``--report-dir``); ``--add DIR…`` prints the groups and
totals of the reports kept, without running anything:

    make fuzz-api FUZZ_ARGS="--schemas api --report-dir /tmp/fuzz/api"
    make fuzz-api FUZZ_ARGS="--schemas open311 --report-dir /tmp/fuzz/open311"
    .venv/bin/python scripts/fuzz_api.py --add /tmp/fuzz/api /tmp/fuzz/open311
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.abuse import fuzzing  # noqa: E402 - importable only after the path insert
from tests.helpers import free_port, wait_for_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--max-time", type=int, default=None, help="seconds")
    parser.add_argument("--phases", default="examples,coverage,fuzzing")
    parser.add_argument(
        "--include-path-regex", default=None, help="only the matching operations"
    )
    parser.add_argument(
        "--schemas", default="api,open311", help="api, open311 or both (default)"
    )
    parser.add_argument(
        "--report-dir", type=Path, default=None, help="keep each part's ndjson here"
    )
    parser.add_argument(
        "--add",
        nargs="+",
        type=Path,
        default=None,
        help="print the figures of the reports in these folders; run nothing",
    )
    args = parser.parse_args()
    if args.add:
        return add_up(args.add)
    schemas = [part.strip() for part in args.schemas.split(",") if part.strip()]
    if not set(schemas) <= {"api", "open311"}:
        parser.error("--schemas: api, open311")

    if not os.environ.get("DATABASE_URL"):
        sys.exit("run through tests/services.py (make fuzz-api)")
    env = {
        **os.environ,
        **fuzzing.FUZZ_RATES,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "WEB_WORKERS": str(max(2, args.workers)),
        "WEB_THREADS": "4",
        "PORTAL_DATA_DIR": os.environ.get("PORTAL_SERVICES_DIR", str(ROOT / "var")),
    }
    os.environ.update(env)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    import django

    django.setup()
    seeded = fuzzing.seed()

    port = free_port()
    with (
        tempfile.TemporaryDirectory() as folder,
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--config",
                "portal/gunicorn_conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
        ) as server,
    ):
        try:
            base = f"http://127.0.0.1:{port}"
            # The first schema is generated on demand: slow on a loaded machine.
            wait_for_server(f"{base}/api/v1/schema/", timeout=600, process=server)
            started = time.monotonic()
            figures = fuzzing.Figures()
            for part in schemas:
                kept = None
                if args.report_dir:
                    args.report_dir.mkdir(parents=True, exist_ok=True)
                    kept = args.report_dir / f"{part}.ndjson"
                schema = (
                    fuzzing.API_SCHEMA
                    if part == "api"
                    else str(fuzzing.open311_schema(seeded, Path(folder)))
                )
                done = fuzzing.run(
                    base,
                    seeded["token"],
                    schema=schema,
                    max_examples=args.max_examples,
                    phases=args.phases,
                    workers=args.workers,
                    seed=args.seed,
                    max_time=args.max_time,
                    extra=(
                        ["--include-path-regex", args.include_path_regex]
                        if args.include_path_regex
                        else None
                    ),
                    report_path=kept,
                )
                print(f"fuzz-api [{part}]: {done.summary()}", flush=True)
                figures.add(done)
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
    return report(figures, f" in {elapsed:.0f} s, load average {load()}")


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def report(figures: fuzzing.Figures, tail: str = "") -> int:
    for failure in figures.failures[:40]:
        print(failure)
    print(figures.table())
    print(f"fuzz-api: {figures.summary()}{tail}")
    return 1 if figures.server_errors or figures.schema_failures else 0


def add_up(folders: list[Path]) -> int:
    """The groups and totals of the ndjson reports kept in ``folders``."""
    figures = fuzzing.Figures()
    for folder in folders:
        for path in sorted(folder.glob("*.ndjson")):
            figures.add(fuzzing.read_report(path))
    return report(figures)


if __name__ == "__main__":
    sys.exit(main())
