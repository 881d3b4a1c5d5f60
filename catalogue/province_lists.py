"""Import a province's published list of procedures from a spreadsheet.

The form provinces publish in the annex of a "quyết định công bố danh mục
TTHC": STT, Mã TTHC, Tên thủ tục hành chính, Lĩnh vực, Cơ quan thực hiện,
Thời hạn giải quyết, Phí/lệ phí — as ``.xlsx`` (read with openpyxl) or
``.csv`` (UTF-8, with or without BOM; comma, semicolon or tab).

- The header row is found by its folded names anywhere in the first 20 rows.
- Section rows (no code, "A", "I", "II" …) are skipped; a "Lĩnh vực …" heading
  gives the field and a "… cấp tỉnh / cấp xã" heading the level of the rows
  below.
- A code keeps its published form; its national code drops the province's
  suffix ("1.013401.H18" → "1.013401") and is matched against the catalogue.
- The implementing agency is found by its normalised name, also with the
  province's name added ("Sở Công Thương" → "Sở Công Thương tỉnh Điện Biên");
  an agency not found is created and reported. "Ủy ban nhân dân cấp xã" means
  the citizen's commune: the dossier is received by the commune's centre.
- A time or fee that differs from the national catalogue's is kept as the
  province's, set by the decision given on the command line.

Everything is checked before anything is written, and written in one
transaction: an error in any row (with its row number) writes nothing. A dry
run reports the same and rolls back. New entries are drafts for review unless
``publish`` is asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import (
    Agency,
    AgencyKind,
    LocalProcedure,
    LocalProcedureAgency,
    LocalRole,
    ProcedurePage,
    ProvincialDecision,
    Reception,
)
from .parsing import normalise_agency_name
from .parsing.text import parse_amount
from .province import fold, national_code

MAX_HEADER_ROW = 20
MAX_BYTES = 20 * 1024 * 1024

#: Column → folded header names (the first that matches a cell wins).
COLUMNS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "so thu tu", "tt"),
    "code": ("ma tthc", "ma thu tuc hanh chinh", "ma thu tuc", "ma so tthc", "ma so"),
    "name": ("ten thu tuc hanh chinh", "ten thu tuc", "ten tthc"),
    "field": ("linh vuc",),
    "agency": ("co quan thuc hien", "co quan giai quyet", "don vi thuc hien"),
    "time": ("thoi han giai quyet", "thoi gian giai quyet", "thoi han"),
    "fee": ("phi le phi", "phi, le phi", "le phi", "phi"),
}
REQUIRED = ("code", "name", "agency", "time", "fee")
LABELS = {
    "stt": "STT",
    "code": "Mã TTHC",
    "name": "Tên thủ tục hành chính",
    "field": "Lĩnh vực",
    "agency": "Cơ quan thực hiện",
    "time": "Thời hạn giải quyết",
    "fee": "Phí, lệ phí",
}
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-_]{0,59}$")
_NATIONAL = re.compile(r"^\d\.\d{6}$")
_SECTION_STT = re.compile(r"^(?:[A-Z]|[IVXLC]+)\.?$")
_TIME = re.compile(
    r"(?<![\d.,])0*(\d+(?:[.,]\d+)?)\s*(ngày làm việc|giờ làm việc|ngày|giờ|tháng)\b",
    re.IGNORECASE,
)
_FREE = re.compile(
    r"^\s*(?:không|không có|miễn phí|miễn|không thu|không thu phí"
    r"|không thu phí,? lệ phí|không phải nộp|0|0 đồng)\s*\.?\s*$",
    re.IGNORECASE,
)
_MONEY = re.compile(r"(\d[\d.,]*)\s*(?:đồng|đ|vnđ|vnd)\b", re.IGNORECASE)
_COMMUNE_WORDS = ("cap xa", "ubnd xa", "uy ban nhan dan xa")


class ListError(ValueError):
    """The file as a whole cannot be imported (a clear Vietnamese message)."""


def parse_time(text: str) -> tuple[Decimal | None, str]:
    """One time with its unit ("04 ngày làm việc" → 4, "ngày làm việc");
    (None, "") when the text gives none or several different ones."""
    found = {
        (Decimal(n.replace(",", ".")).normalize(), u.lower())
        for n, u in _TIME.findall(text or "")
    }
    if len(found) != 1:
        return None, ""
    amount, unit = found.pop()
    return amount, unit


def parse_fee(text: str) -> tuple[Decimal | None, bool]:
    """(amount in đồng or None, is free)."""
    text = (text or "").strip()
    if not text:
        return None, False
    if _FREE.match(text):
        return None, True
    amounts = {parse_amount(m) for m in _MONEY.findall(text)}
    amounts.discard(None)
    if len(amounts) == 1:
        amount = amounts.pop()
        return amount, amount == 0
    return None, False


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def read_rows(path: str | Path) -> list[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells as text) for every row."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ListError(f"Không đọc được tệp {path.name}: {exc.strerror}.") from exc
    if size == 0:
        raise ListError(f"Tệp {path.name} rỗng: không có dòng nào để nhập.")
    if size > MAX_BYTES:
        raise ListError(f"Tệp {path.name} lớn hơn {MAX_BYTES // 1024 // 1024} MB.")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        raise ListError(
            f"Tệp {path.name} không phải bảng tính: chỉ nhận tệp .xlsx hoặc .csv."
        )
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise ListError(f"Tệp {path.name} rỗng: không có dòng nào để nhập.")
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date().isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ListError(
            f"Tệp {path.name} không phải bảng tính .xlsx đọc được "
            f"({exc.__class__.__name__})."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell(value) for value in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096] or raw.startswith(b"PK\x03\x04"):
        raise ListError(
            f"Tệp {path.name} không phải tệp CSV văn bản (có thể là tệp nhị phân hoặc "
            ".xlsx đổi tên): hãy lưu bảng tính dưới dạng .xlsx hoặc CSV UTF-8."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListError(
            f"Tệp {path.name} không phải văn bản UTF-8 (byte lỗi ở vị trí "
            f"{exc.start}): hãy lưu lại dưới dạng “CSV UTF-8”."
        ) from exc
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [
            (number, [_cell(cell) for cell in row])
            for number, row in enumerate(reader, start=1)
        ]
    except csv.Error as exc:
        raise ListError(f"Tệp {path.name} không đọc được như CSV: {exc}.") from exc


def _match_header(cell: str) -> str | None:
    folded = fold(cell)
    if not folded:
        return None
    for column, names in COLUMNS.items():
        for name in names:
            if folded == name or folded.startswith(name + " "):
                return column
    return None


def find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """The index of the header row in ``rows`` and each column's position."""
    best: dict[str, int] = {}
    for index, (_, cells) in enumerate(rows[:MAX_HEADER_ROW]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            column = _match_header(cell)
            if column and column not in columns:
                columns[column] = position
        if all(column in columns for column in REQUIRED):
            return index, columns
        if len(columns) > len(best):
            best = columns
    missing = [LABELS[c] for c in REQUIRED if c not in best]
    raise ListError(
        "Không tìm thấy dòng tiêu đề của danh mục trong 20 dòng đầu: thiếu cột "
        + ", ".join(f"“{m}”" for m in missing)
        + ". Các cột cần có: "
        + ", ".join(LABELS[c] for c in ("stt", *REQUIRED[:2], "field", *REQUIRED[2:]))
        + "."
    )


# ---------------------------------------------------------------------------
# Checking and writing
# ---------------------------------------------------------------------------


@dataclass
class ListRow:
    number: int
    stt: str
    code: str
    national_code: str
    name: str
    field: str
    level: str
    agency_text: str
    time_text: str
    fee_text: str


@dataclass
class ImportReport:
    file: str
    dry_run: bool
    rows: int = 0
    sections: int = 0
    matched: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    not_national: list[str] = field(default_factory=list)
    name_differs: list[str] = field(default_factory=list)
    agencies_matched: list[str] = field(default_factory=list)
    agencies_created: list[str] = field(default_factory=list)
    time_overrides: list[str] = field(default_factory=list)
    fee_overrides: list[str] = field(default_factory=list)
    times_unparsed: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        def row(label: str, items: list[str]) -> str:
            shown = ", ".join(items[:20]) + (" …" if len(items) > 20 else "")
            return f"  {label}: {len(items)}" + (f" — {shown}" if items else "")

        head = "Dry run (nothing written)" if self.dry_run else "Import"
        return [
            f"{head}: {self.file}",
            f"  rows with a procedure: {self.rows}; "
            f"section rows skipped: {self.sections}",
            row("matched codes", self.matched),
            row("unknown codes (kept as the province's only)", self.unknown),
            row("not a national code", self.not_national),
            row("name differs from the catalogue", self.name_differs),
            row("agencies matched", self.agencies_matched),
            row("agencies created", self.agencies_created),
            row("time overrides", self.time_overrides),
            row("fee overrides", self.fee_overrides),
            row("times not parsed (kept as written)", self.times_unparsed),
            row("entries new (drafts unless published)", self.created),
            row("entries changed", self.changed),
            row("entries unchanged", self.unchanged),
            row("rows skipped", self.skipped),
            row("errors", self.errors),
        ]


class ImportFailed(ListError):
    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(
            f"{len(report.errors)} dòng có lỗi, không ghi gì vào danh mục: "
            + "; ".join(report.errors[:10])
            + (" …" if len(report.errors) > 10 else "")
        )


def _section(cells: dict[str, str]) -> tuple[str | None, str | None] | None:
    """(field, level) a section row sets, or None when it is not one."""
    if cells["code"]:
        return None
    stt = cells["stt"]
    heading = " ".join(v for k, v in cells.items() if k not in ("stt", "code") and v)
    if stt and not _SECTION_STT.match(stt):
        return None
    folded = fold(heading)
    field_name = level = None
    if folded.startswith("linh vuc "):
        words = heading.split(None, 2)
        field_name = words[2].strip() if len(words) > 2 else ""
    if "cap tinh" in folded:
        level = "tinh"
    elif "cap xa" in folded:
        level = "xa"
    return field_name, level


def parse_list(
    rows: list[tuple[int, list[str]]], suffix: str, report: ImportReport
) -> list[ListRow]:
    index, columns = find_header(rows)
    parsed: list[ListRow] = []
    seen: dict[str, int] = {}
    field_name, level = "", "tinh"
    for number, cells in rows[index + 1 :]:
        values = {
            column: cells[columns[column]]
            if columns.get(column, len(cells)) < len(cells)
            else ""
            for column in COLUMNS
        }
        section = _section(values)
        if section is not None:
            report.sections += 1
            if section[0] is not None:
                field_name = section[0]
            if section[1] is not None:
                level = section[1]
            continue
        code = values["code"].replace(" ", "")
        if code:
            report.rows += 1
        if not code:
            report.skipped.append(f"dòng {number}: không có mã TTHC")
            continue
        if not _CODE.match(code):
            report.errors.append(
                f"dòng {number}: mã TTHC “{values['code'][:60]}” không hợp lệ"
            )
            continue
        national = national_code(code, suffix)
        if national in seen:
            report.errors.append(
                f"dòng {number}: mã {code} trùng với dòng {seen[national]}"
            )
            continue
        seen[national] = number
        if not values["name"]:
            report.errors.append(f"dòng {number}: mã {code} không có tên thủ tục")
            continue
        parsed.append(
            ListRow(
                number=number,
                stt=values["stt"],
                code=code,
                national_code=national,
                name=values["name"],
                field=values["field"] or field_name,
                level=level,
                agency_text=values["agency"],
                time_text=values["time"],
                fee_text=values["fee"],
            )
        )
    return parsed


def _split_agencies(text: str) -> list[str]:
    parts = re.split(r"\s*(?:;|\n|\s-\s)\s*", text or "")
    return [p.strip(" -+•.") for p in parts if p.strip(" -+•.")]


def _national_times(page) -> set[tuple[Decimal, str]]:
    times = set()
    for block in page.channels:
        value = block.value
        amount = value.get("processing_time")
        unit = (value.get("time_unit") or "").lower()
        if amount is not None and unit:
            times.add((Decimal(str(amount)).normalize(), unit))
    return times


def _national_fees(page) -> tuple[set[Decimal], bool]:
    amounts, any_fee = set(), False
    for block in page.channels:
        for fee in block.value.get("fees") or []:
            if not fee.get("is_free") and fee.get("amount"):
                amounts.add(Decimal(str(fee["amount"])).normalize())
                any_fee = True
    return amounts, any_fee


def import_list(
    path: str | Path,
    *,
    province,
    decision_number: str,
    decision_date: dt.date,
    decision_title: str = "",
    sample: bool = False,
    dry_run: bool = False,
    publish: bool = False,
    progress: Callable[[Iterable, int], Iterable] | None = None,
) -> ImportReport:
    """Check and import a published list; raises ``ListError`` for a file
    that cannot be read and ``ImportFailed`` (with the report) for row errors.
    Nothing is written unless every row is right and it is not a dry run."""
    report = ImportReport(file=Path(path).name, dry_run=dry_run)
    rows = read_rows(path)
    parsed = parse_list(rows, province.national_suffix, report)
    if report.errors:
        raise ImportFailed(report)
    if not parsed:
        raise ListError(
            f"Tệp {report.file} không có dòng thủ tục nào (chỉ có tiêu đề)."
        )
    iterate = progress or (lambda items, total: items)

    with transaction.atomic():
        decision = ProvincialDecision.objects.filter(
            province=province, number=decision_number
        ).first()
        if decision is None:
            decision = ProvincialDecision(
                province=province,
                number=decision_number,
                date=decision_date,
                title=decision_title
                or f"Quyết định công bố danh mục thủ tục hành chính ({report.file})",
                is_sample=sample,
                live=publish,
            )
            decision.save()
            revision = decision.save_revision()
            if publish:
                revision.publish()
        pages = {
            page.code: page
            for page in ProcedurePage.objects.filter(
                code__in=[row.national_code for row in parsed]
            )
        }
        for row in iterate(parsed, len(parsed)):
            _import_row(
                row,
                province=province,
                decision=decision,
                page=pages.get(row.national_code),
                report=report,
                publish=publish,
                sample=sample,
            )
        if report.errors:
            transaction.set_rollback(True)
            raise ImportFailed(report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _agency_for(name: str, province, level: str, report: ImportReport) -> Agency:
    """The agency a row names: as written, or with the province's name added
    ("Sở Công Thương" → "Sở Công Thương tỉnh Điện Biên"); created when neither
    is known."""
    place = re.sub(r"^(?:tỉnh|thành phố)\s+", "", province.name, flags=re.I)
    in_province = province.name[:1].lower() + province.name[1:]
    qualified = name if fold(place) in fold(name) else f"{name} {in_province}"
    # The province's own body first: a bare "Sở Công Thương" in the national
    # catalogue is some province's, not necessarily this one's.
    for candidate in dict.fromkeys([qualified, name]):
        agency = Agency.objects.filter(
            normalised_name=normalise_agency_name(candidate)
        ).first()
        if agency is not None:
            if agency.name not in report.agencies_matched:
                report.agencies_matched.append(agency.name)
            return agency
    folded = fold(name)
    kind = ""
    if folded.startswith(("so ", "ban ")):
        kind = AgencyKind.DEPARTMENT
    elif "trung tam phuc vu hanh chinh cong" in folded:
        kind = AgencyKind.CENTRE
    agency = Agency(name=qualified, level=level, kind=kind)
    agency.save()
    report.agencies_created.append(agency.name)
    return agency


def _import_row(row, *, province, decision, page, report, publish, sample) -> None:
    label = f"{row.code} (dòng {row.number})"
    if page is not None:
        report.matched.append(row.code)
        if fold(page.name or page.title) != fold(row.name):
            report.name_differs.append(label)
    else:
        report.unknown.append(row.code)
    if not _NATIONAL.match(row.national_code):
        report.not_national.append(row.code)

    reception = Reception.UNITS
    agencies = []
    for name in _split_agencies(row.agency_text):
        if any(word in fold(name) for word in _COMMUNE_WORDS):
            reception = Reception.COMMUNE
            continue
        agencies.append(_agency_for(name, province, row.level, report))
    if row.level == "xa" and not agencies:
        reception = Reception.COMMUNE

    time_amount, time_unit = parse_time(row.time_text)
    time_text, time_decision = "", None
    if page is None:
        if row.time_text:
            time_text, time_decision = row.time_text, decision
            if time_amount is None:
                report.times_unparsed.append(label)
    elif time_amount is None:
        if row.time_text:
            report.times_unparsed.append(label)
    elif (time_amount, time_unit) not in _national_times(page):
        time_text, time_decision = row.time_text, decision
        report.time_overrides.append(label)
    if time_decision is None:
        time_amount, time_unit = None, ""

    fee_amount, fee_free = parse_fee(row.fee_text)
    fee_text, fee_decision = "", None
    if page is None:
        if row.fee_text:
            fee_text, fee_decision = row.fee_text, decision
    else:
        amounts, any_fee = _national_fees(page)
        if (fee_free and any_fee) or (
            fee_amount is not None and fee_amount.normalize() not in amounts
        ):
            fee_text, fee_decision = row.fee_text, decision
            report.fee_overrides.append(label)
    if fee_decision is None:
        fee_amount, fee_free = None, False

    local = LocalProcedure.objects.filter(
        province=province, national_code=row.national_code
    ).first()
    is_new = local is None
    if is_new:
        local = LocalProcedure(province=province, live=publish)
    values = {
        "code": row.code,
        "procedure": page,
        "name": row.name,
        "field_name": row.field,
        "level": row.level,
        "announced_by": decision,
        "reception": reception,
        "time_text": time_text,
        "time_amount": time_amount,
        "time_unit": time_unit,
        "time_decision": time_decision,
        "fee_text": fee_text,
        "fee_amount": fee_amount,
        "fee_is_free": fee_free,
        "fee_decision": fee_decision,
        "published": {
            "stt": row.stt,
            "row": row.number,
            "agency": row.agency_text,
            "time": row.time_text,
            "fee": row.fee_text,
        },
        "is_sample": sample,
    }
    wanted_roles = [(a.pk, LocalRole.IMPLEMENTING) for a in agencies]
    changed = False
    for name, value in values.items():
        if getattr(local, name) != value:
            setattr(local, name, value)
            changed = True
    current = [(link.agency_id, link.role) for link in local.agency_roles.all()]
    if not is_new and not changed and current == wanted_roles:
        report.unchanged.append(row.code)
        return
    local.agency_roles = [
        LocalProcedureAgency(agency_id=pk, role=role) for pk, role in wanted_roles
    ]
    if is_new:
        local.save()
        revision = local.save_revision()
        report.created.append(row.code)
    else:
        # A draft over the published entry: the live values stay until a
        # reviewer publishes it.
        local.national_code = row.national_code
        revision = local.save_revision()
        report.changed.append(row.code)
    if publish:
        revision.publish()
