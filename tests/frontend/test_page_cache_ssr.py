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
from django.urls import reverse

from catalogue.importer import ProcedureImporter
from catalogue.models import Agency, LifeEvent, ProcedureAgency, ProcedurePage
from tests.catalogue.editing import CODE, NEW, OLD, post_edit
from tests.catalogue.test_public_cache import snippet_form
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


@pytest.fixture
def browse_pages(procedure) -> dict[str, object]:
    """The field, agency and life event of the procedure, each with its page."""
    agency = Agency.objects.create(name="Ủy ban nhân dân xã Mường Phăng")
    ProcedureAgency.objects.create(page=procedure, agency=agency, role="implementing")
    event = LifeEvent.objects.create(name="Sinh con", slug="sinh-con")
    procedure.life_events.add(event)
    procedure.save_revision().publish()
    return {
        f"/linh-vuc/{procedure.field.slug}": procedure.field,
        f"/co-quan/{agency.pk}": agency,
        f"/su-kien/{event.slug}": event,
    }


def edit_snippet(editor: Client, snippet, name: str) -> None:
    """Rename a field or life event in Wagtail's snippet editor, as a browser."""
    model = snippet._meta.model_name
    url = reverse(f"wagtailsnippets_catalogue_{model}:edit", args=[snippet.pk])
    page = editor.get(url)
    assert page.status_code == 200
    form = snippet_form(page.content.decode(), url)
    form["name"] = name
    response = editor.post(url, form)
    assert response.status_code == 302, response.content[:3000]


def test_field_agency_and_life_event_pages_show_the_next_edit(
    frontend_server, browse_pages
):
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("qt", password="x"))
    for path, entity in browse_pages.items():
        url = frontend_server + path
        old = entity.name
        state, _, html = get(url)
        assert state == "stored" and old in html and CODE in html, path
        state, _, html = get(url)
        assert state == "hit" and old in html, path

        new = f"{old} (tên mới)"
        if isinstance(entity, Agency):
            entity.name = new  # as an import or the API's own edit would
            entity.save()
        else:
            edit_snippet(editor, entity, new)

        state, _, html = get(url)
        assert state == "stored", path
        assert new in html, path
        assert get(url)[0] == "hit", path


def test_browse_pages_are_kept_per_language_and_query(frontend_server, browse_pages):
    for path in [*browse_pages, "/linh-vuc", "/co-quan", "/su-kien"]:
        url = frontend_server + path
        state, _, html = get(url)
        assert state == "stored" and '<html lang="vi"' in html, path
        state, _, html = get(url, Cookie="lang=en")
        assert state == "stored" and '<html lang="en"' in html, path
        state, _, html = get(url, Cookie="lang=en")
        assert state == "hit" and '<html lang="en"' in html, path
        state, _, html = get(url)
        assert state == "hit" and '<html lang="vi"' in html, path
        # A reader who is logged in (or carries any cookie but the language's) gets
        # a page of their own, never kept nor given out.
        assert get(url, Cookie="sessionid=abc; lang=vi")[0] is None, path
    # A query that changes the page is another address: kept on its own.
    field = next(iter(browse_pages))
    state, _, sent = get(frontend_server + field + "?theo-doi=da-gui")
    assert state == "stored" and 'data-testid="follow-sent"' in sent
    state, _, plain = get(frontend_server + field)
    assert state == "hit" and 'data-testid="follow-sent"' not in plain
    assert get(frontend_server + field + "?theo-doi=da-gui")[0] == "hit"
