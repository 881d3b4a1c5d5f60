"""The public catalogue API: filters, errors, drafts, caching, structure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalogue.importer import ProcedureImporter
from catalogue.models import LifeEvent, ProcedureAgency
from tests.catalogue.factories import AgencyFactory, FieldFactory, ProcedurePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

FIXTURE = Path(__file__).parent / "fixtures" / "records.jsonl"


def codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["results"]}


def free_channel() -> list[dict]:
    return [
        {"type": "channel", "value": {"kind": "direct", "fees": [{"is_free": True}]}}
    ]


def paid_channel(amount: str = "50000") -> list[dict]:
    return [
        {
            "type": "channel",
            "value": {
                "kind": "online",
                "fees": [{"amount": amount, "currency": "VND", "is_free": False}],
            },
        }
    ]


@pytest.fixture
def catalogue():
    civil = FieldFactory(name="Hộ tịch")
    land = FieldFactory(name="Đất đai")
    commune = AgencyFactory(name="Ủy ban nhân dân xã A")
    birth = ProcedurePageFactory(
        code="1.001193",
        title="Đăng ký khai sinh",
        field=civil,
        levels="xa",
        online_level="partial",
        channels=free_channel(),
    )
    land_page = ProcedurePageFactory(
        code="1.012783",
        title="Cấp đổi Giấy chứng nhận quyền sử dụng đất",
        field=land,
        levels="tinh,xa",
        online_level="none",
        channels=paid_channel(),
    )
    old = ProcedurePageFactory(
        code="1.000001",
        title="Thủ tục cũ",
        field=land,
        levels="khac",
        status="abolished",
    )
    draft = ProcedurePageFactory(code="1.999999", title="Bản nháp", live=False)
    ProcedureAgency.objects.create(page=birth, agency=commune, role="implementing")
    event = LifeEvent.objects.create(name="Sinh con", slug="sinh-con")
    birth.life_events.add(event)
    birth.save_revision().publish()
    return {
        "birth": birth,
        "land": land_page,
        "old": old,
        "draft": draft,
        "agency": commune,
        "event": event,
    }


def test_list_shows_only_live_procedures(client, catalogue):
    response = client.get("/api/v1/procedures/")

    assert codes(response) == {"1.001193", "1.012783", "1.000001"}
    assert response.json()["count"] == 3
    assert set(response.json()) >= {"count", "next", "previous", "results"}


def test_draft_is_never_served(client, catalogue):
    assert client.get("/api/v1/procedures/1.999999/").status_code == 404
    pages = client.get("/api/v1/cms/pages/?type=catalogue.ProcedurePage").json()
    assert "Bản nháp" not in {item["title"] for item in pages["items"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("field=ho-tich", {"1.001193"}),
        ("field=dat-dai", {"1.012783", "1.000001"}),
        ("level=xa", {"1.001193", "1.012783"}),
        ("level=tinh", {"1.012783"}),
        ("level=khac", {"1.000001"}),
        ("life_event=sinh-con", {"1.001193"}),
        ("online=partial", {"1.001193"}),
        ("online=none", {"1.012783", "1.000001"}),
        ("has_fee=true", {"1.012783"}),
        ("has_fee=false", {"1.001193", "1.000001"}),
        ("status=abolished", {"1.000001"}),
        ("field=dat-dai&level=xa", {"1.012783"}),
    ],
)
def test_filters(client, catalogue, query, expected):
    assert codes(client.get(f"/api/v1/procedures/?{query}")) == expected


def test_agency_filter(client, catalogue):
    agency = catalogue["agency"]
    assert codes(client.get(f"/api/v1/procedures/?agency={agency.pk}")) == {"1.001193"}


@pytest.mark.parametrize(
    "query",
    [
        "field=khong-co",
        "level=thon",
        "online=maybe",
        "has_fee=co",
        "agency=999999",
        "life_event=x",
        "status=draft",
    ],
)
def test_unknown_filter_value_is_a_problem(client, catalogue, query):
    response = client.get(f"/api/v1/procedures/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert query.split("=")[0] in body["errors"]


def test_unknown_code_is_404_problem(client, catalogue):
    response = client.get("/api/v1/procedures/9.999999/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Không tìm thấy"


def test_ordering(client, catalogue):
    response = client.get("/api/v1/procedures/?ordering=code")
    assert [r["code"] for r in response.json()["results"]] == [
        "1.000001",
        "1.001193",
        "1.012783",
    ]


def test_conditional_get_and_cache_headers(client, catalogue):
    first = client.get("/api/v1/procedures/")
    etag = first["ETag"]
    assert "public" in first["Cache-Control"]
    assert first["Last-Modified"]

    again = client.get("/api/v1/procedures/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304

    birth = catalogue["birth"]
    birth.title = "Đăng ký khai sinh (mới)"
    birth.save_revision().publish()
    changed = client.get("/api/v1/procedures/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_browse_lists_have_counts(client, catalogue):
    fields = {
        f["slug"]: f["procedure_count"] for f in client.get("/api/v1/fields/").json()
    }
    assert fields == {"ho-tich": 1, "dat-dai": 2}
    agencies = client.get("/api/v1/agencies/").json()["results"]
    assert [(a["name"], a["procedure_count"]) for a in agencies] == [
        ("Ủy ban nhân dân xã A", 1)
    ]
    events = client.get("/api/v1/life-events/").json()
    assert [(e["slug"], e["procedure_count"]) for e in events] == [("sinh-con", 1)]


def test_detail_of_imported_birth_registration(client):
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    ProcedureImporter().run(records)

    response = client.get("/api/v1/procedures/1.001193/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Thủ tục đăng ký khai sinh"
    assert len(body["steps"]) >= 3 and body["steps"][0].startswith("<p>")
    assert sorted(c["kind"] for c in body["channels"]) == ["direct", "online", "postal"]
    for channel in body["channels"]:
        assert channel["fees"][0]["is_free"] is True
    components = [c for case in body["dossier"] for c in case["components"]]
    assert any(c["originals"] == 1 for c in components)
    numbers = {doc["number"] for doc in body["legal_basis"]}
    assert {"123/2015/NĐ-CP", "04/2020/TT-BTP"} <= numbers
    assert body["results"] == [{"name": "Giấy khai sinh", "code": "KQ.G15.000031"}]
    assert body["json_ld"]["@type"] == "GovernmentService"
    assert body["json_ld"]["identifier"] == "1.001193"


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/procedures/{code}/" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200


def test_agencies_list_coded_receiving_units_without_procedures(client, catalogue):
    desk = AgencyFactory(name="Trung tâm Phục vụ hành chính công", code="TTPVHCC")
    AgencyFactory(name="Cơ quan không có thủ tục nào")

    response = client.get("/api/v1/agencies/", {"page_size": 100})

    names = {a["name"]: a for a in response.json()["results"]}
    assert desk.name in names
    assert "Cơ quan không có thủ tục nào" not in names
