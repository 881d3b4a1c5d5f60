"""What the tests and the benchmark scripts share: free ports and waiting.

Standard library only, so that ``scripts/`` can import it without pytest.
Waiting polls a condition until it holds or the time is up; a caller that
gives up raises, so a test fails with what it was waiting for.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(
    predicate: Callable[[], object], timeout: float = 60.0, interval: float = 0.25
) -> bool:
    """Whether ``predicate()`` became true within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)


def wait_for(
    predicate: Callable[[], object],
    what: str = "the condition",
    timeout: float = 60.0,
    interval: float = 0.25,
) -> None:
    """Until ``predicate()`` is true; :class:`TimeoutError` naming ``what``."""
    if not wait_until(predicate, timeout, interval):
        raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


def answers(url: str) -> bool:
    """Whether a server answers ``url`` with a status below 500."""
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - local test servers
            return True
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


def wait_for_server(
    url: str, timeout: float = 60.0, process: subprocess.Popen | None = None
) -> None:
    """Until ``url`` answers; gives up early when ``process`` has died."""

    def up() -> bool:
        if process is not None and process.poll() is not None:
            raise TimeoutError(f"the server exited ({process.returncode}): {url}")
        return answers(url)

    wait_for(up, f"a server to answer at {url}", timeout, interval=0.2)
