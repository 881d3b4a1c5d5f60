"""End-to-end fixtures: a real catalogue and index, the built SvelteKit server,
and Debian's Chromium for the @playwright/test journeys in frontend/e2e/."""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests import services
from tests.conftest import ROOT, missing_service

BUNDLED = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
BIRTH_REGISTRATION = "1.001193"
# The national export names no agency for 1.001193 and the importer gives agencies
# no codes; online dossiers need a receiving agency with a code (dossier codes
# start with it). The test makes the commune People's Committee, imported for the
# other civil-status procedures, the implementing agency with this code.
COMMUNE = "Ủy ban Nhân dân xã, phường, thị trấn"
COMMUNE_CODE = "H40.01"
# The first records of the national export: birth registration (1.001193) and
# several of its special cases, plus other fields, so facets have choices.
RECORD_COUNT = 30
ARTIFACTS = ROOT / "var" / "test-artifacts" / "e2e"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def bundled_records(count: int = RECORD_COUNT) -> list[dict]:
    records = []
    with gzip.open(BUNDLED, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                records.append(json.loads(line))
            if len(records) >= count:
                break
    assert any(r["ma_thu_tuc"] == BIRTH_REGISTRATION for r in records)
    return records


@pytest.fixture
def e2e_catalogue(transactional_db, caplog):
    """Real procedures through the real importer, indexed on the real engine."""
    from catalogue.importer import ProcedureImporter
    from search import indexing, synonyms

    # Every engine request is logged as a curl command at INFO: on a failure
    # those thousands of lines would bury the browser's report.
    caplog.set_level(logging.WARNING, logger="opensearchpy.trace")

    summary = ProcedureImporter().run(bundled_records())
    synonyms.forget()
    built = indexing.rebuild()
    yield {"summary": summary, "index": built}
    indexing.get_client().indices.delete(index=built["index"], ignore_unavailable=True)
    synonyms.forget()


@pytest.fixture
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        missing_service(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not (ROOT / "frontend" / "node_modules" / "@playwright" / "test").exists():
        missing_service("frontend npm packages missing (make frontend-deps)")
    return CHROMIUM


@pytest.fixture
def artifacts() -> Path:
    """Screenshots, the stages' reports, what journeys hand on (var/ is git-ignored)."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


def start_frontend(api_url: str, log_dir: Path) -> tuple[subprocess.Popen, str]:
    """`node build` (the production server) against the given API."""
    port = services.free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PORTAL_API_URL": api_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ORIGIN": url,
        "BODY_SIZE_LIMIT": "16M",
    }
    log = open(log_dir / "frontend.log", "wb")  # noqa: SIM115 - closed by the caller
    process = subprocess.Popen(
        ["node", "build"],
        cwd=ROOT / "frontend",
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.close()
                pytest.fail(
                    "SvelteKit server did not start:\n"
                    + (log_dir / "frontend.log").read_text(errors="replace")[-3000:]
                )
            time.sleep(0.2)


@pytest.fixture
def frontend_url(live_server, artifacts):
    process, url = start_frontend(live_server.url, artifacts)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    process.log.close()
