"""Citizens' own words around a procedure's name ("cho con", "ở đâu")."""

from __future__ import annotations

import gzip
import importlib
import json
from pathlib import Path

import pytest

from search import synonyms
from search.queries import without_citizen_phrasing

from .conftest import fixture_records, imported_and_indexed

BUNDLE = (
    Path(__file__).parents[2] / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
)
# Birth registration and the special cases that name "cha, mẹ, con" or
# "cho người…": the ones a citizen's "cho con" used to pull above it.
BIRTH_FAMILY = {"1.001193", "1.000689", "1.001695", "1.004772", "1.003583"}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("lam giay khai sinh cho con", "lam giay khai sinh"),
        ("làm giấy khai sinh cho con?", "làm giấy khai sinh"),
        ("đăng ký kết hôn ở đâu", "đăng ký kết hôn"),
        ("cap ho chieu mat bao lau", "cap ho chieu"),
        ("tôi muốn đăng ký thường trú", "đăng ký thường trú"),
        # Diacritics typed are respected: "tội" is not "tôi".
        ("xóa án tích tội phạm", "xóa án tích tội phạm"),
        # Nothing would be left: the words are kept.
        ("cho con", "cho con"),
    ],
)
def test_citizen_phrasing_is_dropped(typed, meant):
    # The starter filler rules, as the migration gives them to editors (the
    # test database's rows may have been flushed by a transactional test).
    starter = importlib.import_module("search.migrations.0004_starter_query_rules")
    phrases = [p for rule in starter.FILLER for p in synonyms.parse_fillers(rule)]

    assert without_citizen_phrasing(typed, phrases) == meant


@pytest.fixture(scope="module")
def birth_family_indexed(django_db_setup, django_db_blocker):
    with gzip.open(BUNDLE, "rt", encoding="utf-8") as lines:
        family = [
            record
            for record in map(json.loads, lines)
            if record["ma_thu_tuc"] in BIRTH_FAMILY
        ]
    assert {r["ma_thu_tuc"] for r in family} == BIRTH_FAMILY
    others = [r for r in fixture_records() if r["ma_thu_tuc"] not in BIRTH_FAMILY]
    yield from imported_and_indexed(others + family, django_db_blocker)


@pytest.mark.opensearch
@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.parametrize(
    "query",
    [
        "lam giay khai sinh cho con",
        "làm giấy khai sinh cho con",
        "dang ky khai sinh cho con o dau",
    ],
)
def test_what_the_citizen_asks_about_does_not_pick_a_special_case(
    client, db, birth_family_indexed, query
):
    synonyms.forget()
    response = client.get("/api/v1/search/", {"q": query})
    assert response.status_code == 200
    assert response.json()["results"][0]["code"] == "1.001193"
