"""Deferred Wagtail index updates: the same final state as per-save updates."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import ReferenceIndex

from catalogue.bulk import deferred_index_updates
from catalogue.importer import ProcedureImporter
from catalogue.models import Field, ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

FIXTURE = Path(__file__).parent / "fixtures" / "records.jsonl"


def records() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text().splitlines() if line]


def references(page: ProcedurePage) -> set[tuple]:
    return set(
        ReferenceIndex.get_references_for_object(page).values_list(
            "to_content_type", "to_object_id", "content_path"
        )
    )


def test_import_leaves_admin_search_and_references_as_per_save_updates_would():
    first, *rest = records()
    # One record with Wagtail's per-save updates, the rest deferred to the end.
    ProcedureImporter().import_record(first)
    ProcedureImporter().run(rest)

    for page in ProcedurePage.objects.all():
        # The admin search finds every page by its title...
        assert page in ProcedurePage.objects.search(page.title)
        # ...and each page's references include its field snippet.
        assert (
            ReferenceIndex._get_base_content_type(Field).pk,
            str(page.field_id),
            "field",
        ) in references(page)


def test_deferred_block_does_not_hold_back_other_threads():
    with deferred_index_updates():
        seen = []

        def save_elsewhere() -> None:
            field = Field.objects.create(name="Lĩnh vực ở luồng khác")
            try:
                seen.append(len(get_search_backend().search("luồng khác", Field)))
            finally:
                field.delete()
                connection.close()

        thread = threading.Thread(target=save_elsewhere)
        thread.start()
        thread.join()

    assert seen == [1]


def test_pages_published_in_a_block_reach_the_hooks_once_at_the_end():
    from catalogue import bulk

    seen: list[set[int]] = []
    bulk.on_deferred_pages(seen.append)
    try:
        assert bulk.defer_page(7) is False  # no block open: the caller goes on
        with deferred_index_updates():
            assert bulk.defer_page(7) is True
            assert bulk.defer_page(8) is True
            assert seen == []
        assert seen == [{7, 8}]
    finally:
        bulk._page_hooks.remove(seen.append)


def test_an_import_queues_one_rebuild_or_a_task_a_page(
    django_capture_on_commit_callbacks,
):
    from search import signal_handlers, tasks

    with django_capture_on_commit_callbacks() as large:
        signal_handlers._queue_deferred(set(range(1, 61)))
    with django_capture_on_commit_callbacks() as small:
        signal_handlers._queue_deferred({3, 4, 5})

    assert large == [tasks.rebuild_index.delay]
    assert len(small) == 3


def test_importing_through_the_importer_hands_its_pages_to_the_hooks():
    from catalogue import bulk

    seen: list[set[int]] = []
    bulk.on_deferred_pages(seen.append)
    try:
        ProcedureImporter().run(records()[:3])
    finally:
        bulk._page_hooks.remove(seen.append)
    live = set(ProcedurePage.objects.live().values_list("pk", flat=True))
    assert len(seen) == 1
    assert seen[0] == live and len(live) == 3


# --- new procedures published together: the same rows as one by one ---------


def blocks_without_ids(blocks: list[dict]) -> str:
    """A stream's blocks as JSON without their (and their items') random ids."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "id"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(blocks), sort_keys=True, default=str)


def catalogue_state() -> dict:
    """What an import leaves, without the ids and clocks that differ between
    two runs: pages (every column), revisions, log entries, agency roles,
    references, fields, agencies, the catalogue root's child count."""
    from wagtail.models import PageLogEntry, Revision

    from catalogue.models import Agency, CatalogueIndexPage

    fields = {f.pk: f.name for f in Field.objects.all()}
    agencies = {a.pk: a.name for a in Agency.objects.all()}
    clocks = {
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "imported_at",
    }
    ids = {"id", "page_ptr_id", "translation_key", "path"}
    pages = {}
    for page in ProcedurePage.objects.order_by("path"):
        row = {}
        for f in ProcedurePage._meta.concrete_fields:
            value = getattr(page, f.attname)
            if f.attname in ids:
                continue
            if f.attname in clocks:
                value = value is not None
            elif f.attname in ("latest_revision_id", "live_revision_id"):
                value = value == page.revisions.get().pk
            elif f.attname == "field_id":
                value = fields.get(value)
            elif hasattr(value, "raw_data"):  # a StreamField's value
                value = blocks_without_ids(list(value.raw_data))
            row[f.attname] = value
        revisions = []
        for revision in Revision.objects.filter(object_id=str(page.pk)):
            content = dict(revision.content)
            for key in ("pk", "path", "translation_key", *clocks):
                content[key] = content.get(key) is not None
            content["field"] = fields.get(content["field"])
            for name in ("steps", "channels", "dossier", "legal_basis", "results"):
                content[name] = blocks_without_ids(json.loads(content[name]))
            content["agency_roles"] = [
                (agencies[role["agency"]], role["role"], role["sort_order"])
                for role in content["agency_roles"]
            ]
            revisions.append(
                {
                    "content": json.dumps(content, sort_keys=True, default=str),
                    "object_str": revision.object_str,
                    "user": revision.user_id,
                    "content_type": revision.content_type_id,
                    "base_content_type": revision.base_content_type_id,
                }
            )
        log = sorted(
            (e.action, e.label, e.content_changed, e.revision_id is not None, e.user_id)
            for e in PageLogEntry.objects.filter(page=page)
        )
        roles = [
            (agencies[r.agency_id], r.role, r.sort_order)
            for r in page.agency_roles.order_by("sort_order")
        ]
        names = {**{("field", str(k)): v for k, v in fields.items()}}
        names.update({("agency", str(k)): v for k, v in agencies.items()})
        references = ReferenceIndex.get_references_for_object(page).values_list(
            "to_content_type", "to_object_id", "content_path", "model_path"
        )
        refs = sorted(
            (
                to_ct,
                names.get(("field" if path == "field" else "agency", to_id), to_id),
                re.sub(r"\.\d+\.", ".N.", path),  # a child row's id
                model_path,
            )
            for to_ct, to_id, path, model_path in references
        )
        pages[page.code] = {
            "page": row,
            "revisions": revisions,
            "log": log,
            "roles": roles,
            "references": refs,
            "admin_search": page in ProcedurePage.objects.search(page.code),
        }
    return {
        "order": list(pages),
        "pages": pages,
        "fields": sorted(Field.objects.values_list("name", "slug", "name_en")),
        "agencies": sorted(
            Agency.objects.values_list("name", "normalised_name", "level", "code")
        ),
        "root_children": CatalogueIndexPage.objects.get().numchild,
        "live": ProcedurePage.objects.live().count(),
    }


def import_state(import_all) -> tuple[dict, dict]:
    """The state ``import_all(importer)`` leaves, and its summary, rolled back
    afterwards so that the other way can start from the same empty catalogue."""
    from django.db import transaction

    with transaction.atomic():
        importer = ProcedureImporter()
        import_all(importer)
        state = catalogue_state()
        transaction.set_rollback(True)
    summary = importer.summary
    return state, {
        "outcomes": dict(summary.outcomes),
        "parsed": dict(summary.parsed),
        "with_source": dict(summary.with_source),
        "forms": summary.forms,
        "failures": summary.failures,
        "district_agencies": summary.district_agencies,
    }


def one_by_one(importer: ProcedureImporter) -> None:
    """As the importer wrote before: a record at a time through Wagtail's
    add_child, save_revision and publish, each save updating the admin search
    and reference indexes itself."""
    for record in records():
        importer.import_record(record)


def differing(fast, slow) -> list[tuple]:
    """(key, fast, slow) where two values differ (dicts, JSON dicts: by key)."""
    if isinstance(fast, str) and fast.startswith("{"):
        fast, slow = json.loads(fast), json.loads(slow)
    if isinstance(fast, dict) and isinstance(slow, dict):
        return [
            (key, fast.get(key), slow.get(key))
            for key in sorted({*fast, *slow})
            if fast.get(key) != slow.get(key)
        ]
    if isinstance(fast, list) and fast and isinstance(fast[0], dict):
        return [d for f, s in zip(fast, slow, strict=False) for d in differing(f, s)]
    return [] if fast == slow else [("", fast, slow)]


def test_new_procedures_published_together_leave_what_one_by_one_leaves():
    from catalogue.importer import CREATED

    slow, slow_summary = import_state(one_by_one)
    fast, fast_summary = import_state(lambda importer: importer.run(records()))

    assert fast_summary == slow_summary
    assert slow_summary["outcomes"] == {CREATED: len(records())}
    assert fast["order"] == slow["order"]
    differences = [
        (code, part, key, fast_value, slow_value)
        for code in slow["order"]
        for part in slow["pages"][code]
        for key, fast_value, slow_value in differing(
            fast["pages"][code][part], slow["pages"][code][part]
        )
    ]
    assert differences == []
    assert fast == slow
    assert slow["live"] == len(records()) and slow["root_children"] == len(records())
    # The sample has what the comparison must cover.
    assert any(p["roles"] for p in slow["pages"].values())
    assert all(p["admin_search"] for p in slow["pages"].values())


def test_a_batch_with_a_bad_record_publishes_the_others_and_fails_it_alone():
    from catalogue.importer import CREATED, FAILED

    bad_url = {**records()[1], "detail_url": "not a url at all"}
    too_long = {**records()[2], "ma_thu_tuc": "9." + "1" * 60}
    batch = [records()[0], bad_url, too_long, records()[3]]

    outcomes = ProcedureImporter().import_batch(batch)

    assert outcomes == [CREATED, FAILED, FAILED, CREATED]
    assert set(ProcedurePage.objects.values_list("code", flat=True)) == {
        records()[0]["ma_thu_tuc"],
        records()[3]["ma_thu_tuc"],
    }


def test_a_code_met_twice_in_a_batch_is_created_then_updated():
    from catalogue.importer import CREATED, UPDATED

    first = records()[0]
    renamed = {**first, "ten_thu_tuc": first["ten_thu_tuc"] + " (sửa đổi)"}

    outcomes = ProcedureImporter().import_batch([first, records()[1], renamed])

    assert outcomes == [CREATED, CREATED, UPDATED]
    page = ProcedurePage.objects.get(code=first["ma_thu_tuc"])
    assert page.name.endswith("(sửa đổi)") and page.revisions.count() == 2
