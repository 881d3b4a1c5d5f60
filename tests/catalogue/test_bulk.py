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
