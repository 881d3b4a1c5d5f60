"""Deferred Wagtail index updates: the same final state as per-save updates."""

from __future__ import annotations

import json
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
