"""Security headers of the citizens' site, from the built SvelteKit server.

Before issue 16 the server on :3000 sent no ``X-Content-Type-Options`` and no
``Referrer-Policy``: a page's address (which can hold a dossier or tracking
code) went along to other sites. Each kind of answer is checked: a page, a
page whose API is down (503), an unknown address (404) and a server endpoint.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.frontend.test_ssr import _start
from tests.helpers import free_port

pytestmark = [pytest.mark.frontend]


@pytest.fixture(scope="module")
def site():
    # The API is not needed for headers: a closed port makes pages answer 503.
    process, url = _start(f"http://127.0.0.1:{free_port()}")
    yield url
    process.terminate()
    process.wait(timeout=10)


def headers_of(url: str):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.mark.parametrize("path", ["/", "/khong-co-trang-nay", "/healthz"])
def test_every_answer_has_nosniff_and_a_referrer_policy(site, path):
    status, headers = headers_of(site + path)
    assert status < 600
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_a_strict_script_policy(site):
    _, headers = headers_of(site + "/")
    policy = headers["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";")
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'nonce-" in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
