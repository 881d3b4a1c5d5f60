"""Two-tier local government: "Cấp huyện" mapped on import, offered nowhere.

Since 1/7/2025 the levels are province and commune (Law 72/2025/QH15;
Decree 118/2025/NĐ-CP art. 1(1)). An export that still says "Cấp huyện" is
mapped by the rules of docs/legal.md §4.3, one report line per record; a
district body is kept as a historical agency, one report line per agency, and
no filter, list or schema offers it.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from catalogue import two_tier
from catalogue.importer import ProcedureImporter, build_values
from catalogue.models import LEVEL_LABELS, Agency, ProcedurePage
from catalogue.parsing import parse_file, parse_record
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "records.jsonl"
BUNDLED = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
NATIONAL = next(
    (
        p / "shared" / "data" / "procedures-vn.jsonl.gz"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "data" / "procedures-vn.jsonl.gz").is_file()
    ),
    None,
)


def birth_record(**changes) -> dict:
    """The real birth registration record (1.001193), as an older export."""
    for line in FIXTURE.read_text().splitlines():
        record = json.loads(line)
        if record["ma_thu_tuc"] == "1.001193":
            record = copy.deepcopy(record)
            record.update(changes)
            return record
    raise AssertionError("fixture record 1.001193 missing")


# --- The mapping, rule by rule (docs/legal.md §4.3) --------------------------


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.parametrize(
    ("levels", "agencies", "expected", "review"),
    [
        # 2. the commune level is there too: the district level is dropped.
        ("Cấp huyện, Cấp xã", "Ủy ban nhân dân cấp xã", ["xa"], False),
        # 3. a commune body implements it.
        ("Cấp huyện", "Ủy ban nhân dân xã, phường, đặc khu", ["xa"], False),
        # 4. a provincial body implements it.
        ("Cấp huyện", "Sở Tư pháp", ["tinh"], False),
        ("Cấp huyện", "Văn phòng đăng ký đất đai", ["tinh"], False),
        # 5. only the district body: commune by default, flagged for review.
        ("Cấp huyện", "Phòng Tư pháp huyện", ["xa"], True),
        # "xã hội" is not a commune; the provincial social insurance is.
        (
            "Cấp huyện",
            "Bảo hiểm xã hội cấp huyện, Bảo hiểm xã hội tỉnh",
            ["tinh"],
            False,
        ),
        ("Cấp bộ, Cấp huyện", "Công an huyện", ["bo", "xa"], True),
    ],
)
def test_the_importer_maps_the_district_level(levels, agencies, expected, review):
    record = birth_record(cap_thuc_hien=levels, co_quan_thuc_hien=agencies)

    importer = ProcedureImporter()
    importer.import_record(record)

    page = ProcedurePage.objects.get(code="1.001193")
    assert page.level_list == expected
    [mapping] = importer.summary.level_mappings
    assert (mapping.code, mapping.new, mapping.needs_review) == (
        "1.001193",
        tuple(expected),
        review,
    )
    assert "huyen" in mapping.old
    assert mapping.line().startswith("1.001193: ")


@pytest.mark.django_db
@pytest.mark.postgres
def test_rule_one_takes_the_levels_of_the_current_catalogue():
    ProcedureImporter().import_record(birth_record(cap_thuc_hien="Cấp tỉnh"))
    older = birth_record(cap_thuc_hien="Cấp huyện", co_quan_thuc_hien="UBND huyện")

    importer = ProcedureImporter()
    importer.import_record(older)

    assert ProcedurePage.objects.get(code="1.001193").level_list == ["tinh"]
    [mapping] = importer.summary.level_mappings
    assert not mapping.needs_review
    assert "danh mục hiện hành" in mapping.reason


def test_district_bodies_are_told_from_current_ones():
    for name in (
        "Phòng Tư pháp huyện",
        "UBND cấp huyện",
        "Ủy ban nhân dân quận Ba Đình",
        "Công an huyện",
        "Chi cục thuế huyện, thành phố",
        "BẢO HIỂM XÃ HỘI CẤP HUYỆN",
    ):
        assert two_tier.is_district_body(name), name
    for name in (
        "Ủy ban nhân dân cấp xã",
        "Sở Tư pháp",
        "Cục quản lý xuất nhập cảnh",
        "Cục cảnh sát quản lý hành chính về trật tự, xã hội",
        "Bảo hiểm xã hội tỉnh",
    ):
        assert not two_tier.is_district_body(name), name


# --- One line per record and per agency in the import summary ---------------


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_import_summary_reports_each_record_and_each_district_body(tmp_path):
    records = [
        birth_record(
            ma_thu_tuc=f"9.00000{n}",
            cap_thuc_hien="Cấp huyện",
            co_quan_thuc_hien="Phòng Tư pháp huyện, Ủy ban nhân dân cấp xã",
        )
        for n in (1, 2)
    ]
    export = tmp_path / "old-export.jsonl"
    export.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    out = io.StringIO()

    call_command("import_procedures", str(export), "--no-progress", stdout=out)

    report = out.getvalue()
    assert "2 records' district level (Cấp huyện) mapped" in report
    assert "9.000001: huyen → xa" in report and "9.000002: huyen → xa" in report
    # Two records name the same district body: one line for it.
    assert "1 district bodies kept as historical agencies" in report
    assert report.count("Phòng Tư pháp huyện: cơ quan cấp huyện") == 1
    assert ProcedurePage.objects.filter(levels__contains="huyen").count() == 0


# --- Offered nowhere ---------------------------------------------------------


@pytest.fixture
def imported_with_a_district_body(db):
    ProcedureImporter().import_record(
        birth_record(
            cap_thuc_hien="Cấp huyện, Cấp xã",
            co_quan_thuc_hien="Phòng Tư pháp huyện, Ủy ban nhân dân cấp xã",
        )
    )
    return Agency.objects.get(name="Phòng Tư pháp huyện")


@pytest.mark.postgres
@pytest.mark.redis
def test_no_list_or_filter_offers_the_district_level(
    client, imported_with_a_district_body
):
    historical = imported_with_a_district_body
    assert historical.is_historical
    assert "huyện" in historical.level_label.casefold()

    agencies = client.get("/api/v1/agencies/").json()
    names = [a["name"] for a in agencies.get("results", agencies)]
    assert "Ủy ban nhân dân cấp xã" in names
    assert all(not two_tier.is_district_body(name) for name in names)

    # As filter values: a clear 400, as for any unknown value.
    for query in (f"agency={historical.pk}", "level=huyen"):
        response = client.get(f"/api/v1/procedures/?{query}")
        assert response.status_code == 400, query
    response = client.get("/api/v1/search/", {"prefer_level": "huyen"})
    assert response.status_code == 400
    response = client.get("/api/v1/search/", {"level": "huyen"})
    assert response.status_code == 400

    # The page still names the body the national export names.
    detail = client.get("/api/v1/procedures/1.001193/").json()
    [named] = [a for a in detail["agencies"] if a["name"] == "Phòng Tư pháp huyện"]
    # Named as published, with no current level (the label says what it was).
    assert named["level"] == ""
    assert named["level_label"] == "Cấp huyện (đến 30/6/2025)"
    assert [level["slug"] for level in detail["levels"]] == ["xa"]


def test_the_schema_offers_only_the_current_levels():
    schema = json.loads(
        (ROOT / "frontend" / "src" / "lib" / "api" / "openapi.json").read_text()
    )
    enums: list[list[str]] = []

    def walk(node):
        if isinstance(node, dict):
            if "enum" in node and "tinh" in node["enum"]:
                enums.append(node["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert enums, "no level enum found in the schema"
    for enum in enums:
        assert "huyen" not in enum
        assert set(enum) - {None, ""} <= {"bo", "tinh", "xa", "khac"}


@pytest.mark.django_db
@pytest.mark.postgres
def test_admin_offers_only_the_current_levels():
    from wagtail.admin.panels import get_edit_handler

    form_class = get_edit_handler(Agency).get_form_class()
    choices = [value for value, _ in form_class().fields["level"].choices]
    assert "huyen" not in choices
    assert set(choices) - {""} == {"bo", "tinh", "xa", "khac"}


# --- Every real record ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.parametrize(
    "path",
    [BUNDLED, NATIONAL],
    ids=["bundled", "national"],
)
def test_no_record_of_the_exports_keeps_a_district_level(path):
    if path is None:
        pytest.skip("the shared national export is not beside the checkout")
    importer = ProcedureImporter()
    seen = 0
    for record in parse_file(path):
        parsed = parse_record(record)
        values = build_values(parsed, record)
        levels = importer._current_levels(parsed, values["levels"])
        labels = [LEVEL_LABELS[slug] for slug in levels.split(",") if slug]
        assert all("huyện" not in label.casefold() for label in labels), (
            parsed.code,
            labels,
        )
        for _role, name in values["agency_roles"]:
            # A name that says "cấp huyện" is a district body, kept historical.
            if "cấp huyện" in name.casefold():
                assert two_tier.is_district_body(name), name
        seen += 1
    assert seen > 400
