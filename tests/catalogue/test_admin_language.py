"""The admin in Vietnamese, and its "Live" links open the citizens' site.

Requests are made as an editor's browser makes them, one sending
``Accept-Language: en-US`` as most browsers out of the box do.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.catalogue.factories import ProcedurePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("bientap", "b@example.com", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def procedure():
    return ProcedurePageFactory(title="Đăng ký khai sinh", code="1.001193")


def visible_text(html: str) -> str:
    """What the editor reads: no scripts, styles, icons or markup."""
    html = re.sub(r"<(script|style|svg|template)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


ENGLISH_LEFT_BY_WAGTAIL = [
    "Save draft",
    "Keyboard shortcuts",
    "Skip to main content",
    "Actions",
    "Sort by",
    "Page type",
    "More actions",
    "Set publishing schedule",
]


def test_admin_speaks_vietnamese_to_an_english_browser(client, editor, procedure):
    pages = {
        "/admin/": "",
        f"/admin/pages/{procedure.get_parent().pk}/": "Đang hiển thị",
        f"/admin/pages/{procedure.pk}/edit/": "Lưu bản nháp",
        "/admin/petitions/": "",
        "/admin/snippets/catalogue/agency/": "",
    }
    for url, expected in pages.items():
        response = client.get(url, headers=ENGLISH_BROWSER)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'lang="vi"' in html, url
        text = visible_text(html)
        assert expected in text, (url, expected)
        left = [words for words in ENGLISH_LEFT_BY_WAGTAIL if words in text]
        assert not left, (url, left)


def test_procedure_agencies_are_labelled_in_vietnamese(client, editor, procedure):
    from catalogue.models import ProcedureAgency
    from tests.catalogue.factories import AgencyFactory

    ProcedureAgency.objects.create(
        page=procedure, agency=AgencyFactory(), role="implementing"
    )
    text = visible_text(
        client.get(f"/admin/pages/{procedure.pk}/edit/").content.decode()
    )
    assert "Vai trò" in text or "vai trò" in text
    assert not re.search(r"\b(Agency|Role)\b", text)


def test_an_editor_who_chose_english_gets_english(client, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    page = client.get("/admin/", headers=ENGLISH_BROWSER).content.decode()
    assert 'lang="en"' in page


def test_the_api_still_follows_the_browser(client):
    answer = client.get("/api/v1/petitions/NONE-NONE-NONE/", headers=ENGLISH_BROWSER)
    assert answer.json()["title"] == "Not found"


def test_live_links_open_the_procedure_on_the_citizens_site(client, editor, procedure):
    expected = f"{settings.FRONTEND_URL}/thu-tuc/1.001193"

    listing = client.get(f"/admin/pages/{procedure.get_parent().pk}/")
    edit = client.get(f"/admin/pages/{procedure.pk}/edit/")

    assert listing.status_code == edit.status_code == 200
    assert expected in listing.content.decode()
    assert expected in edit.content.decode()
    assert procedure.url == procedure.full_url == expected


def test_the_backend_address_of_a_page_redirects_never_500(client, procedure):
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page.url_path
    path = "/" + procedure.url_path.removeprefix(root)
    response = client.get(path)
    assert response.status_code == 302, (path, response.status_code)
    assert response["Location"] == f"{settings.FRONTEND_URL}/thu-tuc/1.001193"
    direct = procedure.specific.serve(None)
    assert direct.status_code == 302
    assert direct["Location"] == f"{settings.FRONTEND_URL}/thu-tuc/1.001193"
