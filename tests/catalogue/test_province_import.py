"""Importing a province's published list (``manage.py import_province_list``),
as an editor at the Office of the People's Committee would: the sample list of
the Department of Industry and Trade, in .csv and .xlsx, a dry run first, and
the files that go wrong (wrong columns, unknown codes, duplicate rows, an empty
file, a file that is not a spreadsheet). A failed import writes nothing."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from catalogue.models import (
    Agency,
    LocalProcedure,
    ProvincialDecision,
    Reception,
)
from tests.catalogue.province_fixtures import SAMPLE_CSV, load_sample_province

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

HEADER = [
    "STT",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cơ quan thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
]
DECISION = ["--decision", "99/QĐ-UBND", "--date", "2026-11-20", "--no-progress"]


@pytest.fixture
def sample():
    load_sample_province()


def run(path, *extra) -> str:
    out = io.StringIO()
    call_command("import_province_list", str(path), *DECISION, *extra, stdout=out)
    return out.getvalue()


def fails(path, *extra) -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_province_list", str(path), *DECISION, *extra, stdout=out)
    return str(caught.value), out.getvalue()


def write_csv(path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def write_xlsx(path, rows) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"])  # a title above the table
    sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)


def snapshot() -> tuple:
    return (
        LocalProcedure.objects.count(),
        sum(e.revisions.count() for e in LocalProcedure.objects.all()),
        ProvincialDecision.objects.count(),
        Agency.objects.count(),
    )


def line(output: str, label: str) -> str:
    return next(
        row.strip() for row in output.splitlines() if row.strip().startswith(label)
    )


def test_dry_run_of_the_sample_list_reports_and_writes_nothing(sample):
    before = snapshot()
    output = run(SAMPLE_CSV, "--dry-run")
    assert output.startswith("Dry run (nothing written)")
    assert line(output, "matched codes") == "matched codes: 2 — 2.000004, BCT.KM.01"
    unknown = line(output, "unknown codes")
    assert unknown.startswith("unknown codes (kept as the province's only): 10")
    assert "1.013401.H18" in unknown and "1.000603" in unknown
    assert line(output, "not a national code").endswith("1 — BCT.KM.01")
    # "Sở Công Thương" is the province's department, found, not created.
    assert line(output, "agencies matched") == (
        "agencies matched: 1 — Sở Công Thương tỉnh Điện Biên"
    )
    assert line(output, "agencies created") == "agencies created: 0"
    # 04 working days against the national 5; the section rows A, I, II, III.
    assert line(output, "time overrides") == "time overrides: 1 — 2.000004 (dòng 14)"
    assert "section rows skipped: 4" in output
    assert line(output, "errors") == "errors: 0"
    assert snapshot() == before


def test_a_real_import_leaves_drafts_for_review(sample):
    output = run(SAMPLE_CSV)
    assert line(output, "entries changed").startswith("entries changed: 12")
    promotion = LocalProcedure.objects.get(national_code="2.000004")
    # The live entry keeps the sample decision until a reviewer publishes.
    assert promotion.time_decision.number == "SAMPLE/QĐ-UBND"
    assert promotion.has_unpublished_changes
    draft = promotion.latest_revision.as_object()
    assert draft.time_text == "04 ngày làm việc"
    assert draft.time_decision.number == "99/QĐ-UBND"
    decision = ProvincialDecision.objects.get(number="99/QĐ-UBND")
    assert not decision.live  # a draft, reviewed like the entries


def test_an_xlsx_list_with_a_new_agency_and_commune_rows(sample, tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    write_xlsx(
        path,
        [
            HEADER,
            ["A", None, "THỦ TỤC HÀNH CHÍNH CẤP XÃ", None, None, None, None],
            ["I", None, "Lĩnh vực Hộ tịch", None, None, None, None],
            [
                1,
                "1.001193.H18",
                "Thủ tục đăng ký khai sinh",
                None,
                "UBND cấp xã",
                "Ngay trong ngày",
                "Miễn lệ phí",
            ],
            ["B", None, "THỦ TỤC HÀNH CHÍNH CẤP TỈNH", None, None, None, None],
            [
                2,
                "2.000004",
                "Đăng ký hoạt động khuyến mại",
                "Xúc tiến thương mại",
                "Sở Khoa học và Công nghệ",
                "05 ngày làm việc",
                "50.000 đồng",
            ],
        ],
    )
    output = run(path, "--publish")
    assert line(output, "agencies created") == (
        "agencies created: 1 — Sở Khoa học và Công nghệ tỉnh Điện Biên"
    )
    assert line(output, "fee overrides") == "fee overrides: 1 — 2.000004 (dòng 8)"
    assert line(output, "time overrides") == "time overrides: 0"
    birth = LocalProcedure.objects.get(national_code="1.001193")
    assert birth.code == "1.001193.H18"
    assert birth.level == "xa" and birth.reception == Reception.COMMUNE
    assert birth.field_name == "Hộ tịch"
    promotion = LocalProcedure.objects.get(national_code="2.000004")
    assert (
        promotion.fee_amount == 50000 and promotion.fee_decision.number == "99/QĐ-UBND"
    )
    assert promotion.agency_roles.get().agency.name.startswith("Sở Khoa học")


def test_unknown_codes_are_reported_and_kept_as_the_provinces(sample, tmp_path):
    path = tmp_path / "moi.csv"
    write_csv(
        path,
        [
            HEADER,
            [
                "1",
                "9.999999.H18",
                "Thủ tục riêng của tỉnh",
                "Khác",
                "Sở Công Thương",
                "07 ngày làm việc",
                "Không",
            ],
        ],
    )
    output = run(path, "--publish")
    assert line(output, "unknown codes").endswith(": 1 — 9.999999.H18")
    entry = LocalProcedure.objects.get(national_code="9.999999")
    assert entry.procedure is None and entry.time_text == "07 ngày làm việc"
    assert entry.time_amount == 7 and entry.time_unit == "ngày làm việc"


def test_wrong_columns_name_what_is_missing(sample, tmp_path):
    path = tmp_path / "sai-cot.csv"
    write_csv(path, [["STT", "Tên", "Cơ quan"], ["1", "Thủ tục", "Sở"]])
    before = snapshot()
    message, _ = fails(path)
    assert "Không tìm thấy dòng tiêu đề" in message
    assert "“Mã TTHC”" in message and "“Thời hạn giải quyết”" in message
    assert snapshot() == before


def test_duplicate_rows_fail_with_their_row_numbers_and_write_nothing(sample, tmp_path):
    path = tmp_path / "trung.csv"
    write_csv(
        path,
        [
            HEADER,
            [
                "1",
                "2.000004",
                "Khuyến mại",
                "",
                "Sở Công Thương",
                "03 ngày làm việc",
                "",
            ],
            ["2", "9.999998", "Mới", "", "Sở Mới", "1 ngày làm việc", ""],
            ["3", "2.000004.000.00.00.H18", "Khuyến mại", "", "Sở Công Thương", "", ""],
        ],
    )
    before = snapshot()
    message, report = fails(path)
    assert "dòng 4: mã 2.000004.000.00.00.H18 trùng với dòng 2" in message
    assert "không ghi gì" in message
    assert "errors: 1" in report
    assert snapshot() == before
    assert not Agency.objects.filter(name__startswith="Sở Mới").exists()


def test_a_bad_code_and_a_missing_name_are_row_errors(sample, tmp_path):
    path = tmp_path / "loi.csv"
    write_csv(
        path,
        [
            HEADER,
            ["1", "2.000004 ; DROP", "X", "", "Sở", "", ""],
            ["2", "9.999997", "", "", "Sở", "", ""],
        ],
    )
    message, _ = fails(path)
    assert "dòng 2: mã TTHC" in message and "không hợp lệ" in message
    assert "dòng 3: mã 9.999997 không có tên thủ tục" in message


def test_an_empty_file(sample, tmp_path):
    path = tmp_path / "rong.csv"
    path.write_bytes(b"")
    message, _ = fails(path)
    assert message == "Tệp rong.csv rỗng: không có dòng nào để nhập."
    path.write_text(",,,\n,,,\n", encoding="utf-8")
    assert fails(path)[0] == "Tệp rong.csv rỗng: không có dòng nào để nhập."


def test_a_header_without_rows(sample, tmp_path):
    path = tmp_path / "chi-tieu-de.csv"
    write_csv(path, [HEADER])
    assert "không có dòng thủ tục nào" in fails(path)[0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "không phải bảng tính"),
        ("hong.xlsx", b"this is not a zip file at all", "không phải bảng tính .xlsx"),
        ("nhi-phan.csv", b"PK\x03\x04\x14\x00" + b"\x00" * 64, "không phải tệp CSV"),
        (
            "cu.csv",
            # a legacy 8-bit encoding's bytes (Windows-1258 style), not UTF-8
            b"STT,M\xe3 TTHC\n1,\xd0\xe3ng k\xfd\n",
            "không phải văn bản UTF-8",
        ),
    ],
)
def test_not_a_spreadsheet(sample, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot()
    assert expected in fails(path)[0]
    assert snapshot() == before


def test_a_bad_decision_date(sample):
    out = io.StringIO()
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command(
            "import_province_list",
            str(SAMPLE_CSV),
            "--decision",
            "1/QĐ-UBND",
            "--date",
            "20/11/2026",
            stdout=out,
        )
