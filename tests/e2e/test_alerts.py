"""Change alerts in Chromium against the real stack (issue 19).

An editor publishes a fee change of a procedure (a real page revision); the
built SvelteKit server talks to Django's live server.
frontend/e2e/alerts/follow.spec.ts opens the procedure's page on a phone, reads
the dated change in its history and the Atom feed's links, and follows the
procedure by e-mail — a mistyped address first — with JavaScript on (axe-core
on each page, in Vietnamese and English) and off. Each run's address is then
a follow waiting for its confirmation, once.

Run on its own: ``pytest tests/e2e/test_alerts.py``.
"""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from alerts.models import Follow
from tests.alerts.factories import channel, edit, procedure
from tests.feedback.conftest import clear_throttles

from .test_browser import run_stage

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

EMAILS = {"js": "e2e-js@example.com", "nojs": "e2e-nojs@example.com"}


def test_a_citizen_reads_a_change_and_follows_the_procedure(
    frontend_url, artifacts, chromium, capsys
):
    clear_throttles()
    page = procedure()
    edit(
        page,
        publish=True,
        from_live=True,
        channels=[channel("direct", 5, None), channel("online", 5, None)],
    )
    today = timezone.localdate().strftime("%d/%m/%Y")

    def report(text: str) -> None:
        with capsys.disabled():
            print("\n" + text, flush=True)

    failed = run_stage(
        "alerts",
        ["alerts"],
        frontend_url,
        artifacts,
        report,
        E2E_ALERTS=json.dumps(
            {
                "code": page.code,
                "change": f"Từ {today}: lệ phí 50.000 đ → miễn phí",
                "emails": EMAILS,
            },
            ensure_ascii=False,
        ),
    )
    assert not failed, "browser checks failed:\n  " + "\n  ".join(failed)
    for address in EMAILS.values():
        follow = Follow.objects.get(subscriber__email=address)
        assert follow.procedure_id == page.pk
        assert follow.confirmed_at is None  # double opt-in: the e-mail's link first
    assert not Follow.objects.filter(subscriber__email="an@").exists()
