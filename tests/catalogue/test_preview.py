"""Headless preview: the admin's Preview opens the frontend, which reads the draft.

The editor previews through Wagtail's real preview views; the draft comes
back from ``/api/v1/preview/`` in the same shape as the procedure detail,
while the public API keeps serving the published version.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.signing import TimestampSigner
from django.urls import reverse

from tests.catalogue.editing import CODE, NEW, OLD, edit_form

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PREVIEW_API = "/api/v1/preview/"


def open_preview(client, page, **changes) -> str:
    """Post the edit form to the Preview panel and return the URL it opens."""
    data = edit_form(client, page)
    for name, value in changes.items():
        data[name] = value
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    checked = client.post(url, data)
    assert checked.status_code == 200
    assert checked.json()["is_valid"] is True, checked.json()
    shown = client.get(url)
    assert shown.status_code == 200
    match = re.search(r'<iframe src="([^"]+)"', shown.content.decode())
    assert match, shown.content[:500]
    return html.unescape(match.group(1))


def test_preview_opens_the_frontend_with_the_draft(client, procedure, editor):
    client.force_login(editor)

    preview_url = open_preview(client, procedure, requirements=NEW)

    parts = urlsplit(preview_url)
    assert preview_url.startswith(f"{settings.FRONTEND_URL}/preview")
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert set(query) == {"content_type", "token"}
    assert query["content_type"] == "catalogue.procedurepage"

    anonymous = client.__class__()  # the frontend's server has no session
    draft = anonymous.get(PREVIEW_API, query)
    live = anonymous.get(f"/api/v1/procedures/{CODE}/")

    assert draft.status_code == 200, draft.content
    assert draft["Cache-Control"] == "no-store, private"
    body, published = draft.json(), live.json()
    assert body["requirements"] == NEW
    assert published["requirements"] == OLD
    # Same shape and, apart from the edit, the same content as the detail
    # (the rich text editor only adds its block keys to the steps).
    assert body.keys() == published.keys()
    body["steps"] = [re.sub(r' data-block-key="\w+"', "", s) for s in body["steps"]]
    # (Times go through the draft's JSON with milliseconds only.)
    for times in (body, published):
        times["last_published_at"] = times["last_published_at"][:19]
    assert {k: v for k, v in body.items() if k != "requirements"} == {
        k: v for k, v in published.items() if k != "requirements"
    }
    assert body["channels"] and body["legal_basis"] and body["dossier"]


@pytest.mark.parametrize(
    ("content_type", "token"),
    [
        ("catalogue.procedurepage", "not-a-token"),
        # Well signed, but no such preview (expired and collected).
        (
            "catalogue.procedurepage",
            TimestampSigner(salt="headlesspreview.token").sign("id=999999"),
        ),
        ("catalogue.catalogueindexpage", "x"),
        ("wagtailcore.page", "x"),
        ("khong.ton-tai", "x"),
        ("nonsense", "x"),
    ],
)
def test_bad_preview_is_404_problem(client, procedure, content_type, token):
    response = client.get(PREVIEW_API, {"content_type": content_type, "token": token})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_preview_token_does_not_open_another_type(client, procedure):
    preview = procedure.create_page_preview()

    wrong = client.get(
        PREVIEW_API,
        {"content_type": "catalogue.catalogueindexpage", "token": preview.token},
    )
    right = client.get(
        PREVIEW_API,
        {"content_type": "catalogue.procedurepage", "token": preview.token},
    )

    assert wrong.status_code == 404
    assert right.status_code == 200
    assert right.json()["code"] == CODE


def test_missing_parameters_are_a_400_naming_them(client):
    response = client.get(PREVIEW_API)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == {"content_type", "token"}
