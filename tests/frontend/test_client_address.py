"""Citizens behind the SvelteKit server each have their own allowance.

The built SvelteKit server talks to the real API (a live Django server on
Redis). Two citizens connect from two different addresses (127.0.0.2 and
127.0.0.3: the whole 127/8 is this machine), look up dossiers, and the API's
per-address lookup limit must count them apart. A header that claims an
address is believed only from the SvelteKit server, which holds the shared
secret; a browser or script sending it is counted as itself.
"""

from __future__ import annotations

import http.client
import os
import subprocess
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from tests.frontend.test_ssr import ROOT
from tests.helpers import free_port, wait_for_server

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

SECRET = "test-frontend-secret-0f9c2b"
RATE = 5


def _clear_throttles() -> None:
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("throttle_*")):
        client.delete(key)


@pytest.fixture
def api(live_server, settings):
    settings.PORTAL_FRONTEND_SECRET = SECRET
    settings.DOSSIER_LOOKUP_RATE = f"{RATE}/min"
    _clear_throttles()
    yield live_server.url
    _clear_throttles()


@pytest.fixture
def frontend(api):
    port = free_port()
    env = {
        **os.environ,
        "PORTAL_API_URL": api,
        "PORTAL_FRONTEND_SECRET": SECRET,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ORIGIN": f"http://127.0.0.1:{port}",
    }
    process = subprocess.Popen(
        ["node", "build"],
        cwd=ROOT / "frontend",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{url}/healthz", timeout=30, process=process)
    except TimeoutError:
        process.kill()
        pytest.fail(f"SvelteKit server did not start: {process.stdout.read()}")
    yield url
    process.terminate()
    process.wait(timeout=10)


def get(url: str, path: str, source: str, headers: dict | None = None) -> int:
    """GET from the given local source address, as that citizen's browser."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(
        "127.0.0.1", parts.port, timeout=15, source_address=(source, 0)
    )
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def lookup(n: int) -> str:
    return f"/ho-so/H40.01-260406-{n:04d}"


def test_two_citizens_behind_sveltekit_have_separate_allowances(frontend):
    first = [get(frontend, lookup(n), "127.0.0.2") for n in range(RATE + 1)]
    second = [get(frontend, lookup(n), "127.0.0.3") for n in range(RATE + 1)]

    assert first == [404] * RATE + [429]
    assert second == [404] * RATE + [429]


def test_a_browser_cannot_claim_an_address_through_sveltekit(frontend):
    forged = [
        get(
            frontend,
            lookup(n),
            "127.0.0.4",
            {
                "X-Portal-Client-Address": f"203.0.113.{n}",
                "X-Portal-Frontend-Secret": "guessed",
                "X-Forwarded-For": f"198.51.100.{n}",
            },
        )
        for n in range(RATE + 1)
    ]
    assert forged == [404] * RATE + [429]


def test_forged_header_sent_to_the_api_without_the_secret_is_ignored(api):
    path = "/api/v1/dossiers/H40.01-260406-{n:04d}/"
    statuses = [
        get(
            api,
            path.format(n=n),
            "127.0.0.5",
            {
                "X-Portal-Client-Address": f"203.0.113.{n}",
                **({"X-Portal-Frontend-Secret": "wrong"} if n % 2 else {}),
            },
        )
        for n in range(RATE + 1)
    ]
    assert statuses == [404] * RATE + [429]
    # The same header with the secret is the frontend speaking: counted apart.
    trusted = get(
        api,
        path.format(n=99),
        "127.0.0.5",
        {"X-Portal-Client-Address": "203.0.113.77", "X-Portal-Frontend-Secret": SECRET},
    )
    assert trusted == 404
