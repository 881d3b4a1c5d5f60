"""No "Cấp huyện" among the search facets, over the real exports' district bodies.

Every record of the bundled catalogue and of the shared national export that
names a district body (or still says "Cấp huyện") is imported and indexed on
the real engine, with an older export's birth registration record at the
district level; the facets the search API offers name none of them.
"""

from __future__ import annotations

import json

import pytest

from catalogue import two_tier
from catalogue.parsing import parse_file
from tests.catalogue.test_two_tier import BUNDLED, NATIONAL, birth_record

from .conftest import imported_and_indexed

pytestmark = [pytest.mark.opensearch, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/search/"
AGENCY_FIELDS = ("co_quan_thuc_hien", "co_quan_co_tham_quyen", "co_quan_phoi_hop")


def district_records() -> list[dict]:
    chosen: dict[str, dict] = {}
    for path in (BUNDLED, NATIONAL):
        if path is None:
            continue
        for record in parse_file(path):
            text = " ".join(str(record.get(key) or "") for key in AGENCY_FIELDS)
            level = str(record.get("cap_thuc_hien") or "")
            if two_tier.is_district_body(text) or "huyện" in level.casefold():
                chosen.setdefault(record["ma_thu_tuc"], record)
    older = birth_record(
        cap_thuc_hien="Cấp huyện",
        co_quan_thuc_hien="Phòng Tư pháp huyện, Ủy ban nhân dân cấp huyện",
    )
    chosen[older["ma_thu_tuc"]] = older
    return list(chosen.values())


@pytest.fixture(scope="module")
def _indexed(django_db_setup, django_db_blocker):
    records = district_records()
    # The bundled catalogue alone has 30-odd such records.
    assert len(records) > 20
    yield from imported_and_indexed(records, django_db_blocker)


@pytest.fixture
def indexed(_indexed, db):
    return _indexed


def test_facets_offer_no_district_level_or_body(client, indexed):
    # "khai sinh" finds the birth record whose every agency is a district body.
    for params in ({}, {"q": "bảo hiểm xã hội"}, {"q": "khai sinh"}):
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        body = response.json()
        offered = [item["label"] for items in body["facets"].values() for item in items]
        if not params:
            # The current bodies of these records are offered.
            assert body["facets"]["agency"]
        text = json.dumps(offered, ensure_ascii=False).casefold()
        assert "cấp huyện" not in text, params
        assert all(not two_tier.is_district_body(label) for label in offered)
        assert {item["value"] for item in body["facets"]["level"]} <= {
            "bo",
            "tinh",
            "xa",
            "khac",
        }


def test_the_older_district_record_is_found_at_the_commune_level(client, indexed):
    body = client.get(URL, {"q": "khai sinh"}).json()
    [birth] = [r for r in body["results"] if r["code"] == "1.001193"]
    assert [level["slug"] for level in birth["levels"]] == ["xa"]
