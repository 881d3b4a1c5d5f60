"""Catalogue test fixtures: an imported procedure and the editorial roles.

The groups come from the catalogue's data migration, as on a fresh database.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from catalogue.importer import ProcedureImporter
from catalogue.models import ProcedurePage
from catalogue.parsing import ParsedProcedure, parse_file, parse_record
from tests.catalogue.editing import CODE, EDITORS, OLD, REVIEWERS

FIXTURE = Path(__file__).parent / "fixtures" / "records.jsonl"


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    """The raw fixture records by procedure code."""
    return {record["ma_thu_tuc"]: record for record in parse_file(FIXTURE)}


@pytest.fixture(scope="module")
def parsed(records: dict[str, dict]) -> dict[str, ParsedProcedure]:
    """The fixture records parsed, by procedure code."""
    return {code: parse_record(record) for code, record in records.items()}


def member(username: str, group: str):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor():
    return member("bien-tap", EDITORS)


@pytest.fixture
def other_editor():
    return member("bien-tap-2", EDITORS)


@pytest.fixture
def reviewer():
    return member("nguoi-duyet", REVIEWERS)


@pytest.fixture
def procedure() -> ProcedurePage:
    """A real imported procedure (streams, agencies), with known requirements."""
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines() if line]
    ProcedureImporter().run([r for r in records if r["ma_thu_tuc"] == CODE])
    page = ProcedurePage.objects.get(code=CODE)
    page.requirements = OLD
    page.save_revision().publish()
    page.refresh_from_db()
    return page
