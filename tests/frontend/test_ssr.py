"""The SvelteKit server renders the home page from the live Django API."""

from __future__ import annotations

import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.catalogue.factories import ProcedurePageFactory
from tests.helpers import free_port, wait_for_server

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.frontend, pytest.mark.postgres]


@pytest.fixture
def start_frontend():
    """Start the built SvelteKit server against a given API URL."""
    processes: list[subprocess.Popen] = []

    def start(api_url: str) -> str:
        process, url = _start(api_url)
        processes.append(process)
        return url

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def frontend_server(live_server, start_frontend):
    return start_frontend(live_server.url)


def _start(api_url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "PORTAL_API_URL": api_url,
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
    return process, url


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.django_db(transaction=True)
def test_home_page_shows_live_counts(frontend_server):
    for _ in range(3):
        ProcedurePageFactory()
    ProcedurePageFactory(live=False)  # a draft is not counted

    status, html = fetch(frontend_server + "/")

    assert status == 200
    assert "Cổng dịch vụ hành chính công" in html
    counts = html.split('id="stats-heading"')[1]
    assert ">3<" in counts  # three live procedures, the draft left out
    assert "Thủ tục hành chính" in counts


def test_home_page_explains_when_the_api_is_down(start_frontend):
    closed_port = free_port()
    url = start_frontend(f"http://127.0.0.1:{closed_port}")

    status, html = fetch(url + "/")

    assert status == 503
    assert "bảo trì" in html
