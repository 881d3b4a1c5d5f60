"""The "where do I go?" journey in Chromium against the real stack (issue 18).

The Điện Biên sample is loaded as ``make run`` loads it (the bundled national
records it links to, then ``load_province``); the built SvelteKit server talks
to Django's live server. frontend/e2e/where/where.spec.ts opens the birth
registration page (1.001193) on a phone, picks a commune in the form — with
JavaScript on (axe-core on each page, in Vietnamese and English) and off — and
reads the receiving unit, its address, hours and map link, the fee and the time.

What the page must show is read here from the sample file itself
(catalogue/fixtures/provinces/dien-bien/province.json), as a person checking
the page against the province's list would, not from the code that answers.

Run on its own: ``pytest tests/e2e/test_where.py``.
"""

from __future__ import annotations

import json

import pytest

from tests.catalogue.province_fixtures import PROVINCE_JSON, load_sample_province

from .conftest import BIRTH_REGISTRATION
from .test_browser import run_stage

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

# With JavaScript on, a commune that kept its name; off, the provincial capital's
# ward, formed from six former units.
COMMUNES = {"js": "muong-ang", "nojs": "dien-bien-phu"}


def expected(sample: dict, slug: str) -> dict:
    commune = next(c for c in sample["communes"] if c["key"] == slug)
    unit = next(
        u
        for u in sample["units"]
        if u.get("commune") == slug and u["kind"] == "commune_centre"
    )
    procedure = next(p for p in sample["procedures"] if p["code"] == BIRTH_REGISTRATION)
    # The province set neither a fee nor a time for it: the national ones apply.
    assert procedure["local"] is None
    return {
        "commune": {"slug": slug, "name": commune["name"]},
        "unit": {
            "name": unit["name"],
            "address": unit["address"],
            "opening_hours": unit["opening_hours"],
        },
        "fee": procedure["national"]["fee"],
        "time": procedure["national"]["time"],
        "formed_from": commune["formed_from"],
    }


def test_a_citizen_finds_where_to_file_a_birth_registration(
    frontend_url, artifacts, chromium, capsys
):
    load_sample_province()
    sample = json.loads(PROVINCE_JSON.read_text(encoding="utf-8"))
    wanted = {run: expected(sample, slug) for run, slug in COMMUNES.items()}

    def report(text: str) -> None:
        with capsys.disabled():
            print("\n" + text, flush=True)

    failed = run_stage(
        "where",
        ["where"],
        frontend_url,
        artifacts,
        report,
        E2E_WHERE=json.dumps(wanted, ensure_ascii=False),
    )
    assert not failed, "browser checks failed:\n  " + "\n  ".join(failed)
