"""Predicted completion time on the rendered pages (issue 19).

The hand-computed fixture of ``tests/dossiers/test_prediction.py`` (its wide
period: nine resolved dossiers of 1.001193, seven at agency A) read by the
built SvelteKit server from the live API: the procedure page says most
dossiers finish in 4–9 working days, with the number behind it; the pending
dossier A10's page says the same from its own agency's seven; a procedure
with three resolved dossiers shows no figure at all.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.dossiers.conftest import agency_a, agency_b, procedure  # noqa: F401
from tests.dossiers.test_prediction import fixture, minimum, wide_period  # noqa: F401
from tests.feedback.conftest import clear_throttles
from tests.frontend.test_ssr import fetch, frontend_server, start_frontend  # noqa: F401

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def visible(page: str) -> str:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def estimate_of(page: str) -> str:
    found = re.search(r'data-testid="completion-estimate">(.*?)</div>', page, re.S)
    return visible(found[1]) if found else ""


def test_the_procedure_and_dossier_pages_say_how_long_dossiers_took(
    frontend_server,  # noqa: F811
    fixture,  # noqa: F811
    wide_period,  # noqa: F811
    procedure,  # noqa: F811
):
    clear_throttles()
    status, page = fetch(f"{frontend_server}/thu-tuc/{procedure.code}")
    assert status == 200
    shown = estimate_of(page)
    assert shown.startswith(
        "Phần lớn hồ sơ như của bạn hoàn thành trong 4–9 ngày làm việc."
    )
    assert "Một nửa số hồ sơ xong trong 4 ngày làm việc; tính trên 9 hồ sơ" in shown
    assert "không kể thời gian chờ bổ sung hồ sơ" in shown
    # Under the time limit it is measured against.
    section = page[page.index('id="thoi-han"') :]
    assert section.index('data-testid="completion-estimate"') < section.index(
        'id="phi"'
    )

    status, dossier = fetch(f"{frontend_server}/ho-so/{fixture['A10'].code}")
    assert status == 200
    shown = estimate_of(dossier)
    assert shown.startswith(
        "Phần lớn hồ sơ như của bạn hoàn thành trong 4–9 ngày làm việc."
    )
    assert "tính trên 7 hồ sơ" in shown  # its own agency's

    status, few = fetch(f"{frontend_server}/thu-tuc/{fixture['other'].code}")
    assert status == 200
    assert 'data-testid="completion-estimate"' not in few
    assert "Phần lớn hồ sơ" not in visible(few)
