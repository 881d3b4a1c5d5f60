"""Every admin page of the portal's models reads in Vietnamese.

The portal's admin strings (model and field names, choices, help texts,
StreamField block labels, menus, filters, columns) are written in English and
translated in ``locale/vi``: each must read differently under the two
languages, or it is an untranslated string an official would see. The pages
themselves are walked as a logged-in editor with real rows in the database,
and must show neither the English names nor internal keys such as
"acceptance" or "supplement_requested".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from wagtail import blocks as wagtail_blocks

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


def admin_models():
    """The models an editor or official meets in the admin, with the field
    names its listings and exports show."""
    from catalogue.models import (
        Agency,
        CatalogueIndexPage,
        Field,
        LifeEvent,
        ProcedureAgency,
        ProcedurePage,
    )
    from core.models import OfficialProfile
    from dossiers.admin_views import DossierViewSet
    from dossiers.models import AgencyToken, Dossier
    from feedback.admin_views import PetitionViewSet
    from feedback.models import Petition
    from search.models import Synonym, ZeroResultQuery

    listed = {
        Dossier: [*DossierViewSet.list_display, *DossierViewSet.list_export],
        Petition: [*PetitionViewSet.list_display, *PetitionViewSet.list_export],
        AgencyToken: ["name", "agency", "active", "created_at", "last_used_at"],
        Synonym: ["rule", "kind", "updated_at"],
        ZeroResultQuery: ["query", "filters", "created_at", "resolved"],
    }
    models = [
        Agency,
        Field,
        LifeEvent,
        CatalogueIndexPage,
        ProcedurePage,
        ProcedureAgency,
        OfficialProfile,
        AgencyToken,
        Dossier,
        Petition,
        Synonym,
        ZeroResultQuery,
    ]
    return [
        (model, [n for n in listed.get(model, []) if isinstance(n, str)])
        for model in models
    ]


# Dossiers and petitions have no edit form (they move through the handle
# views' actions): only what their listings and exports show is read.
NO_FORM = {"dossiers.Dossier", "feedback.Petition"}


def shown_fields(model, listed):
    from wagtail.models import Orderable, Page

    inherited = {f.name for f in Page._meta.get_fields()} | {"sort_order", "page"}
    form = model._meta.label not in NO_FORM
    for field in model._meta.get_fields():
        if field.auto_created or not hasattr(field, "verbose_name"):
            continue
        if issubclass(model, (Page, Orderable)) and field.name in inherited:
            continue  # Wagtail's own fields, translated by Wagtail
        if field.name in listed or (form and field.editable and field.concrete):
            yield field


def texts_of(model, listed):
    """(where, lazy text) of everything the admin shows about ``model``."""
    meta = model._meta
    yield f"{meta.label} verbose_name", meta.verbose_name
    yield f"{meta.label} verbose_name_plural", meta.verbose_name_plural
    for field in shown_fields(model, listed):
        where = f"{meta.label}.{field.name}"
        yield where, field.verbose_name
        if field.help_text:
            yield f"{where} help_text", field.help_text
        for value, label in field.flatchoices if field.choices else []:
            yield f"{where} choice {value!r}", label


def block_texts(block, where):
    label = block.meta.label if block.meta.label is not None else block.label
    yield where, label
    if getattr(block.meta, "help_text", None):
        yield f"{where} help_text", block.meta.help_text
    if isinstance(block, wagtail_blocks.ChoiceBlock):
        for value, text in block.field.choices:
            if value:
                yield f"{where} choice {value!r}", text
    children = getattr(block, "child_blocks", None) or {}
    for name, child in children.items():
        yield from block_texts(child, f"{where}.{name}")
    if isinstance(block, wagtail_blocks.ListBlock):
        yield from block_texts(block.child_block, f"{where}[]")


def untranslated(pairs) -> list[str]:
    found = []
    for where, text in pairs:
        with translation.override("en"):
            english = str(text)
        with translation.override("vi"):
            vietnamese = str(text)
        if english == vietnamese:
            found.append(f"{where}: {english!r}")
    return found


def test_every_admin_name_reads_differently_in_vietnamese_and_english():
    from catalogue.models import ProcedurePage

    pairs = []
    for model, listed in admin_models():
        pairs += list(texts_of(model, listed))
    for field in ProcedurePage._meta.get_fields():
        if field.__class__.__name__ == "StreamField":
            for name, child in field.stream_block.child_blocks.items():
                pairs += list(block_texts(child, f"ProcedurePage.{field.name}.{name}"))
    assert len(pairs) > 200, len(pairs)
    missing = untranslated(pairs)
    assert not missing, f"{len(missing)} untranslated:\n  " + "\n  ".join(missing)


def test_menus_filters_and_deadline_names_are_translated():
    from dossiers import admin_views as dossier_admin
    from dossiers import wagtail_hooks as dossier_hooks
    from feedback import admin_views as petition_admin
    from feedback import wagtail_hooks as petition_hooks
    from feedback.services import due_dates
    from search import wagtail_hooks as search_hooks

    pairs = [
        ("dossier filters", f.label)
        for f in dossier_admin.DossierFilterSet.base_filters.values()
    ]
    pairs += [
        ("petition filters", f.label)
        for f in petition_admin.PetitionFilterSet.base_filters.values()
        if f.label
    ]
    pairs += [("statistics series", label) for _, label, _c in dossier_admin.SERIES]
    pairs += [
        ("petition deadlines", t) for t in petition_admin.DEADLINE_LABELS.values()
    ]
    pairs += [("deadline names", t) for t in due_dates.DEADLINE_LABELS.values()]
    pairs += [
        ("menus", view.menu_label)
        for view in (
            dossier_hooks.AgencyTokenViewSet,
            search_hooks.SynonymViewSet,
            search_hooks.ZeroResultViewSet,
            search_hooks.SearchGroup,
            dossier_admin.DossierViewSet,
            petition_admin.PetitionViewSet,
        )
    ]
    pairs += [("dossier actions", t) for t in dossier_admin.ACTION_LABELS.values()]
    assert petition_hooks.register_satisfaction_menu().label
    missing = untranslated(pairs)
    assert not missing, "\n".join(missing)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg|template)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# What Wagtail's own Vietnamese leaves in English on these pages (screen
# reader prefixes of the status panel): locale/vi translates them.
WAGTAIL_ENGLISH = ["Status:", "Locking:"]
# Internal values an official must never read in place of their names.
RAW_KEYS = [
    "acceptance:",
    "acceptance",
    "supplement_requested",
    "supplement_received",
    "resolved_early",
    "pending_overdue",
    "in_force",
    "implementing",
    "time_unit",
    "processing_time",
    "online_level",
    "due_soon",
    "abbreviation",
    "everyday",
]


@pytest.fixture
def world(django_user_model):
    from catalogue.models import LifeEvent, ProcedureAgency
    from core.models import OfficialProfile
    from dossiers import services as dossier_services
    from dossiers.models import AgencyToken
    from search.models import Synonym, ZeroResultQuery
    from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory
    from tests.feedback.factories import PetitionFactory

    agency = AgencyFactory(name="Ủy ban nhân dân xã Tân Hòa", code="H40.99")
    procedure = ProcedurePageFactory(
        title="Đăng ký khai sinh",
        code="1.001193",
        channels=[
            {
                "type": "channel",
                "value": {
                    "kind": "direct",
                    "processing_time": "1",
                    "time_unit": "ngày làm việc",
                    "time_unit_basis": "stated",
                    "fees": [{"amount": None, "is_free": True, "label": "Lệ phí"}],
                },
            }
        ],
        dossier=[
            {
                "type": "case",
                "value": {"case": "", "components": [{"name": "Tờ khai"}]},
            }
        ],
    )
    ProcedureAgency.objects.create(page=procedure, agency=agency, role="implementing")
    LifeEvent.objects.create(name="Khai sinh")
    user = django_user_model.objects.create_superuser("quantri", "q@example.com", "pw")
    OfficialProfile.objects.create(user=user, agency=agency)
    AgencyToken.objects.create(agency=agency, name="Một cửa")
    Synonym.objects.create(rule="cccd, căn cước công dân", kind="abbreviation")
    ZeroResultQuery.objects.create(query="sổ hồng", normalised="so hong", filters={})
    petition = PetitionFactory(agency=agency, procedure=procedure)
    dossier = dossier_services.ingest_dossier(
        agency,
        received_at=timezone.now() - dt.timedelta(days=3),
        applicant_name="Nguyễn Văn An",
        procedure=procedure,
    ).obj
    return {
        "user": user,
        "agency": agency,
        "procedure": procedure,
        "petition": petition,
        "dossier": dossier,
    }


def admin_pages(world) -> list[str]:
    from wagtail.models import Page

    from catalogue.models import Agency, Field, LifeEvent

    procedure = world["procedure"]
    field = Field.objects.first()
    event = LifeEvent.objects.first()
    pages = [
        "/admin/",
        f"/admin/pages/{procedure.get_parent().pk}/",
        f"/admin/pages/{procedure.pk}/edit/",
        f"/admin/pages/{procedure.get_parent().pk}/edit/",
        f"/admin/pages/{Page.get_first_root_node().pk}/",
        "/admin/snippets/catalogue/agency/",
        f"/admin/snippets/catalogue/agency/edit/{Agency.objects.first().pk}/",
        "/admin/snippets/catalogue/field/",
        f"/admin/snippets/catalogue/field/edit/{field.pk}/",
        "/admin/snippets/catalogue/lifeevent/",
        f"/admin/snippets/catalogue/lifeevent/edit/{event.pk}/",
        "/admin/snippets/core/officialprofile/",
        "/admin/snippets/dossiers/agencytoken/",
        "/admin/snippets/dossiers/agencytoken/add/",
        "/admin/snippets/portal_search/synonym/",
        "/admin/snippets/portal_search/synonym/add/",
        "/admin/snippets/portal_search/zeroresultquery/",
        "/admin/petitions/",
        f"/admin/petitions/edit/{world['petition'].pk}/",
        "/admin/petitions/satisfaction/",
        "/admin/dossiers/",
        f"/admin/dossiers/edit/{world['dossier'].pk}/",
        "/admin/dossiers/statistics/",
    ]
    return pages


def english_names() -> set[str]:
    """Each English admin name whose Vietnamese differs, as a page shows it."""
    names = set()
    for model, listed in admin_models():
        for _where, text in texts_of(model, listed):
            with translation.override("en"):
                english = str(text)
            with translation.override("vi"):
                vietnamese = str(text)
            if english != vietnamese and len(english) > 5:
                names.add(english[0].upper() + english[1:])
    return names


def test_admin_pages_show_no_english_names_or_raw_keys(client, world):
    client.force_login(world["user"])
    english = english_names()
    assert "Processing time" not in english  # blocks are checked below
    assert "Receiving agency" in english, sorted(english)[:20]
    problems = []
    for url in admin_pages(world):
        response = client.get(url, headers=ENGLISH_BROWSER)
        if response.status_code != 200:
            problems.append(f"{url}: HTTP {response.status_code}")
            continue
        html = response.content.decode()
        if 'lang="vi"' not in html:
            problems.append(f"{url}: not lang=vi")
        text = visible_text(html)
        for name in english:
            found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
            if found:
                around = text[max(0, found.start() - 60) : found.end() + 60]
                problems.append(f"{url}: English {name!r} in “{around}”")
        for words in WAGTAIL_ENGLISH:
            if words in text:
                problems.append(f"{url}: Wagtail's English {words!r}")
        for key in RAW_KEYS:
            if re.search(rf"(?<![\w./-]){re.escape(key)}(?![\w-])", text):
                problems.append(f"{url}: raw key {key!r}")
    assert not problems, "\n".join(problems)


def test_the_procedure_editor_labels_its_blocks_in_vietnamese(client, world):
    """StreamField block definitions reach the editor as JSON for its script."""
    client.force_login(world["user"])
    html = unescape(
        client.get(
            f"/admin/pages/{world['procedure'].pk}/edit/", headers=ENGLISH_BROWSER
        ).content.decode()
    )
    for vietnamese in ("Thời hạn giải quyết", "Hình thức nộp", "Đơn vị", "Số tiền"):
        assert json.dumps(vietnamese) in html or f'"{vietnamese}"' in html, vietnamese
    for english in ("Processing time", "Channel", "Amount", "Currency", "Originals"):
        assert f'"{english}"' not in html, english


def test_an_english_speaking_official_still_may_choose_english(client, world):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(world["user"])
    profile.preferred_language = "en"
    profile.save()
    client.force_login(world["user"])
    text = visible_text(client.get("/admin/dossiers/").content.decode())
    assert "Receiving agency" in text
    assert get_user_model().objects.filter(pk=world["user"].pk).exists()
