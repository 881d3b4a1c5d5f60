"""The SvelteKit server gives anonymous readers the HTML it kept, and never an
old one: an edit published in Wagtail's admin is in the next anonymous read.

Real PostgreSQL and Redis, Django's live server and the built SvelteKit
server; the editor works in the admin with the test client, as a browser.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from catalogue.importer import ProcedureImporter
from catalogue.models import ProcedurePage
from tests.catalogue.editing import CODE, NEW, OLD, post_edit
from tests.frontend.test_ssr import frontend_server, start_frontend  # noqa: F401

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

FIXTURE = Path(__file__).parents[1] / "catalogue" / "fixtures" / "records.jsonl"
PAGE = f"/thu-tuc/{CODE}"


@pytest.fixture
def procedure() -> ProcedurePage:
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines() if line]
    ProcedureImporter().run([r for r in records if r["ma_thu_tuc"] == CODE])
    page = ProcedurePage.objects.get(code=CODE)
    page.requirements = OLD
    page.save_revision().publish()
    return page


def answer(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 200
        return response.headers, response.read().decode()


def get(url: str, **headers: str) -> tuple[str | None, str, str]:
    """(x-page-cache header, the page's form key, the HTML) of a 200 answer."""
    head, html = answer(url, **headers)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html)
    return head.get("x-page-cache"), key[1] if key else "", html


def test_an_edit_published_in_the_admin_is_in_the_next_anonymous_read(
    frontend_server, procedure
):
    url = frontend_server + PAGE
    state, first_key, html = get(url)
    assert state == "stored" and OLD in html
    state, second_key, html = get(url)
    assert state == "hit" and OLD in html
    # Each reader's "was this useful?" form has its own key, even from the copy.
    assert first_key and second_key and first_key != second_key

    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("qt", password="x"))
    response = post_edit(editor, procedure, "publish", requirements=NEW)
    assert response.status_code == 302, response.content[:2000]

    state, _, html = get(url)
    assert state == "stored"
    assert NEW in html and OLD not in html
    state, _, html = get(url)
    assert state == "hit" and NEW in html


def test_pages_for_someone_in_particular_are_not_shared(frontend_server, procedure):
    url = frontend_server + PAGE
    get(url)
    assert get(url)[0] == "hit"
    # The language is the only cookie a shared page may be read with…
    state, _, html = get(url, Cookie="lang=en")
    assert state == "stored" and 'lang="en"' in html
    assert get(url, Cookie="lang=en")[0] == "hit"
    # …any other (a session, a reader's mark) gets its own rendering.
    assert get(url, Cookie="sessionid=abc")[0] is None
    # A query is another address: rendered and kept on its own.
    assert get(url + "?huu-ich=cam-on")[0] == "stored"


def test_a_kept_page_has_a_new_script_nonce_in_every_answer(frontend_server, procedure):
    nonces = []
    for state in ("stored", "hit", "hit"):
        head, html = answer(frontend_server + "/")
        assert head["x-page-cache"] == state
        assert "đăng ký khai sinh" in html
        nonce = re.search(r"'nonce-([^']+)'", head["content-security-policy"])[1]
        # The page's own start-up script carries the header's nonce.
        assert f'<script nonce="{nonce}"' in html
        nonces.append(nonce)
    assert len(set(nonces)) == 3
