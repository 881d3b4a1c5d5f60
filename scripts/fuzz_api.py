"""``make fuzz-api``: a long schemathesis run against the API behind gunicorn.

Run inside ``tests/services.py`` (PostgreSQL, Redis): migrates the throwaway
database, seeds what the operations need (tests/abuse/fuzzing.py), starts
gunicorn with ``portal/gunicorn_conf.py`` and the test settings, and sends
schemathesis's cases to every operation. Prints the cases sent, the 5xx
answers (must be 0) and the schema-conformance failures, and exits non-zero
when either is not 0.

    make fuzz-api FUZZ_ARGS="--max-examples 400 --workers 2"
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
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
    args = parser.parse_args()

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
    with subprocess.Popen(  # noqa: S603
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
    ) as server:
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_server(f"{base}/api/v1/schema/", timeout=90, process=server)
            started = time.monotonic()
            figures = fuzzing.run(
                base,
                seeded["token"],
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
            )
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    for failure in figures.failures[:40]:
        print(failure)
    print(f"fuzz-api: {figures.summary()} in {elapsed:.0f} s")
    return 1 if figures.server_errors or figures.schema_failures else 0


if __name__ == "__main__":
    sys.exit(main())
