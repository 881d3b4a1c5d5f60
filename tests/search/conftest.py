"""Fixtures for search tests: real records, indexed on the real engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalogue.importer import ProcedureImporter
from search import indexing, synonyms

FIXTURE = Path(__file__).parents[1] / "catalogue" / "fixtures" / "records.jsonl"


def fixture_records() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text().splitlines() if line]


def imported_and_indexed(records: list[dict], django_db_blocker, before_index=None):
    """Import ``records`` and build the index (committed); remove both afterwards.

    ``before_index`` runs after the import (life events, English names, …).
    """
    from catalogue.models import Agency, Field, LifeEvent, ProcedurePage

    with django_db_blocker.unblock():
        ProcedureImporter().run(records)
        if before_index is not None:
            before_index()
        synonyms.forget()
        result = indexing.rebuild()
    yield result
    indexing.get_client().indices.delete(index=result["index"], ignore_unavailable=True)
    with django_db_blocker.unblock():
        for page in ProcedurePage.objects.all():
            page.delete()
        Agency.objects.all().delete()
        Field.objects.all().delete()
        LifeEvent.objects.all().delete()


@pytest.fixture(scope="module")
def _indexed_module(django_db_setup, django_db_blocker):
    """Import and index once per module (committed; removed afterwards)."""
    yield from imported_and_indexed(fixture_records(), django_db_blocker)


@pytest.fixture
def indexed_catalogue(_indexed_module, db):
    """The 25 real fixture procedures, imported and indexed."""
    synonyms.forget()
    yield _indexed_module
    synonyms.forget()
