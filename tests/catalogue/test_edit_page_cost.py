"""The procedure edit page lists every procedure as a possible related one
without loading every procedure whole (it took 4.8 s on the bundled
catalogue; ``make bench-admin`` prints the time beside the dashboard's)."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalogue.factories import ProcedurePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_related_procedures_are_offered_by_code_and_title_and_kept(admin_client):
    others = [ProcedurePageFactory(title=f"Thủ tục <{n}>") for n in range(3)]
    page = ProcedurePageFactory(title="Đăng ký khai sinh", code="1.001193")
    page.related_procedures.set([others[1]])
    page.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    select = re.search(
        r'<select[^>]*name="related_procedures"[^>]*>(.*?)</select>', html, re.S
    )
    assert select, "no related procedures field"
    options = re.findall(
        r'<option value="(\d+)"( selected)?>([^<]*)</option>', select[1]
    )
    assert {int(pk) for pk, _, _ in options} >= {p.pk for p in [*others, page]}
    assert [int(pk) for pk, chosen, _ in options if chosen] == [others[1].pk]
    # Labels escaped, as "code title".
    assert f"{others[0].code} Thủ tục &lt;0&gt;" in [label for _, _, label in options]
    # The choices come from one narrow query, not from loading the pages whole.
    wide = [
        q["sql"]
        for q in queries.captured_queries
        if '"catalogue_procedurepage"."channels"' in q["sql"]
        and " WHERE " not in q["sql"]
    ]
    assert not wide, wide


def block_definitions(html: str) -> dict[str, str]:
    """Each StreamField's block definition as the edit page gives it (JSON)."""
    found = re.findall(
        r'<div id="([a-z_]+)" data-block [^>]*data-w-block-data-value="([^"]*)"', html
    )
    return {
        name: json.dumps(json.loads(unescape(value)), ensure_ascii=False)
        for name, value in found
    }


def test_block_definitions_are_packed_once_per_language(client, django_user_model):
    """The StreamFields' definitions are the same for every page: packed
    once per language and reused, with each language's labels."""
    from django.utils import translation
    from wagtail.fields import StreamField
    from wagtail.users.models import UserProfile

    from catalogue.forms import ProcedurePageForm
    from catalogue.models import ProcedurePage

    first = ProcedurePageFactory(title="Đăng ký khai sinh", code="1.001193")
    second = ProcedurePageFactory(title="Đăng ký kết hôn", code="1.000894")
    form_class = ProcedurePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, ProcedurePageForm)
    with translation.override("vi"):
        a = form_class(instance=first, for_user=None)
        b = form_class(instance=second, for_user=None)
    with translation.override("en"):
        c = form_class(instance=first, for_user=None)
    streams = [
        f.name for f in ProcedurePage._meta.get_fields() if isinstance(f, StreamField)
    ]
    assert len(streams) >= 4, streams
    for name in streams:
        assert a.fields[name].widget.block_json is b.fields[name].widget.block_json
        assert a.fields[name].widget.block_json != c.fields[name].widget.block_json

    user = django_user_model.objects.create_superuser("bientap", "b@example.com", "pw")
    client.force_login(user)
    pages = {}
    for language in ("vi", "en", "vi"):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        html = client.get(f"/admin/pages/{second.pk}/edit/").content.decode()
        pages.setdefault(language, []).append(block_definitions(html))
    vietnamese, english = pages["vi"][0], pages["en"][0]
    assert sorted(vietnamese) == sorted(streams)
    assert pages["vi"][1] == vietnamese
    assert "Thời hạn giải quyết" in vietnamese["channels"]
    assert "Processing time" in english["channels"]
    assert "Thời hạn giải quyết" not in english["channels"]
