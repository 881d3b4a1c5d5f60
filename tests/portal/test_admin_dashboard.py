"""The admin dashboard's counts read in Vietnamese to an editor whose browser
asks for English (issue 14): "2 trang", "1 tài liệu", never Wagtail's
"2 Pages created in …", and its screen-reader words too; an editor who chose
English in their profile still reads English."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile

from tests.portal.test_admin_vietnamese import ENGLISH_BROWSER, visible_text, world  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def dashboard(client) -> tuple[str, str]:
    """The page's HTML and its visible text (the noscript notice included)."""
    html = client.get("/admin/", headers=ENGLISH_BROWSER).content.decode()
    return html, visible_text(html)


@pytest.fixture
def document(world):  # noqa: F811
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return Document.objects.create(
        title="Mẫu tờ khai",
        file=ContentFile(b"%PDF-1.4\n", name="to-khai.pdf"),
        collection=root,
    )


def test_the_dashboard_counts_in_vietnamese(client, world, document):  # noqa: F811
    from wagtail.models import Page

    client.force_login(world["user"])
    html, text = dashboard(client)
    assert 'lang="vi"' in html
    pages = Page.objects.filter(depth__gt=1).count()
    site = "Cổng dịch vụ hành chính công"
    assert f"{pages} trang đã tạo trong {site}" in text, text
    assert f"0 hình ảnh đã tải lên {site}" in text
    assert f"1 tài liệu đã tải lên {site}" in text
    assert "Hướng dẫn biên tập Wagtail" in text
    assert "Trang quản trị cần JavaScript" in text
    for english in (
        "Pages created",
        "Page created",
        "Images created",
        "Document created",
        "editor guide",
        "JavaScript is required",
    ):
        assert english not in text, english
    # The screen-reader words stay hidden, in Vietnamese.
    assert re.search(r'<span class="w-sr-only">đã tải lên [^<]+</span>', html)


def test_an_editor_who_chose_english_reads_english_counts(
    client,
    world,  # noqa: F811
    document,
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(world["user"])
    profile.preferred_language = "en"
    profile.save()
    client.force_login(world["user"])
    _, text = dashboard(client)
    assert "1 Document created in" in text
    assert "tài liệu" not in text
