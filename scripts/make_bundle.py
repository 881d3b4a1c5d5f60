"""Build the bundled subset of procedures that citizens meet most.

Reads the full export (``procedures-vn.jsonl.gz``, one raw record a line) and
writes ``catalogue/fixtures/procedures-bundled.jsonl.gz``: the same records,
unchanged, for the procedures most people need: civil status, residence, ID
cards, passports and exit/entry, driving licences and vehicles, land, household
businesses, personal income tax, certification, social and health insurance,
judicial records, house building permits and social housing.

Selection is by rules, not by hand:

* every procedure of the fields (``linh_vuc``) in ``WHOLE_FIELDS``;
* procedures of the fields in ``FIELD_KEYWORDS`` whose name holds one of the
  field's keywords and none of its exclusions;
* procedures of any field whose name holds one of ``NAME_KEYWORDS`` and none of
  ``EXCLUDE_KEYWORDS`` (those are about firms, banks, ships, ...);
* every code listed as ``relevant`` in the judged search queries;
* every record of ``catalogue/fixtures/procedures-extra.jsonl``: procedures
  the national export lacks (the online filing pilot's promotion procedures),
  transcribed by hand in the export's shape, each with a ``_source`` note.

The output is reproducible: records sorted by code, compact JSON, gzip with
``mtime=0`` and no file name in the header, so re-running gives the same bytes.

Usage: ``python scripts/make_bundle.py [--source PATH] [--eval PATH] [--output
PATH]``; it prints the count per field.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_SOURCE = SHARED / "data" / "procedures-vn.jsonl.gz"
DEFAULT_EVAL = SHARED / "eval" / "search-dev.jsonl"
DEFAULT_OUTPUT = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
DEFAULT_EXTRA = ROOT / "catalogue" / "fixtures" / "procedures-extra.jsonl"

#: Fields whose every procedure is one a citizen may meet.
WHOLE_FIELDS = frozenset(
    {
        # civil status, family, nationality, certification, judicial records
        "Hộ tịch",
        "Nuôi con nuôi",
        "Quốc tịch",
        "Chứng thực",
        "Lý lịch tư pháp",
        "Trợ giúp pháp lý",
        # residence, ID cards, electronic identity, passports and exit/entry
        "Đăng ký, quản lý cư trú",
        "Cấp, quản lý căn cước",
        "Định danh và xác thực điện tử",
        "Quản lý xuất nhập cảnh",
        # driving licences and vehicles
        "Sát hạch, cấp giấy phép lái xe",
        "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng",
        "Kiểm tra kiến thức pháp luật về trật tự, an toàn giao thông đường bộ",
        # land
        "Đất đai",
        "Tài chính đất đai",
        # household businesses
        "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
        # social and health insurance, social support
        "Thực hiện chính sách BHXH",
        "Chi trả các chế độ BHXH",
        "Thực hiện chính sách BHYT",
        "Thu BHXH, BHYT, BHTN, BH tai nạn lao động, BNN",
        "Cấp sổ BHXH, thẻ BHYT",
        "Người có công",
        "Giảm nghèo",
    }
)

#: Fields of which only some procedures are taken: those whose name holds one
#: of the first words and none of the second.
FIELD_KEYWORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Thuế": (
        (
            "cá nhân",
            "hộ kinh doanh",
            "hộ gia đình",
            "người phụ thuộc",
            "lệ phí trước bạ",
            "sử dụng đất phi nông nghiệp",
        ),
        ("nền tảng thương mại điện tử", "tàu biển"),
    ),
    "Nhà ở và công sở": (
        (
            "nhà ở xã hội",
            "nhà ở sinh viên",
            "nhà ở cũ",
            "hộ nghèo",
            "ban quản trị nhà chung cư",
            "sở hữu nhà ở",
        ),
        ("dự án", "chủ đầu tư", "thẩm định giá", "đề án"),
    ),
    "Hoạt động xây dựng": (("giấy phép xây dựng",), ()),
    "Đăng kiểm": (
        (
            "tem kiểm định",
            "kiểm định khí thải xe mô tô",
            "giấy chứng nhận cải tạo",
            "xe cơ giới cải tạo",
        ),
        ("đủ điều kiện", "đăng kiểm viên"),
    ),
    "Đăng ký biện pháp bảo đảm": (("quyền sử dụng đất", "nhà ở"), ()),
    "Chính sách": (("bảo hiểm y tế", "thương binh", "liệt sỹ", "bệnh binh"), ()),
}

#: Words in a name that make a procedure of any field a citizen's one.
NAME_KEYWORDS = (
    "khai sinh",
    "khai tử",
    "kết hôn",
    "ly hôn",
    "giám hộ",
    "nhận cha, mẹ, con",
    "hộ chiếu",
    "căn cước",
    "thường trú",
    "tạm trú",
    "tạm vắng",
    "giấy phép lái xe",
    "đăng ký xe",
    "biển số xe",
    "quyền sử dụng đất",
    "hộ kinh doanh",
    "thu nhập cá nhân",
    "lý lịch tư pháp",
    "chứng thực",
    "giấy phép xây dựng",
    "nhà ở xã hội",
    "bảo hiểm y tế",
    "bảo hiểm xã hội",
    "lương hưu",
    "thai sản",
    "người khuyết tật",
    "hộ nghèo",
)
#: Words that mark a procedure for firms, banks, ships or officials.
EXCLUDE_KEYWORDS = (
    "tổ chức tín dụng",
    "ngân hàng",
    "chứng khoán",
    "doanh nghiệp",
    "tàu bay",
    "tàu biển",
    "nhà đầu tư",
    "dự án",
    "cơ sở đào tạo",
    "đủ điều kiện",
    "kinh doanh dịch vụ",
    "đường sắt",
    "đường ngang",
    "thẩm định giá",
    "đề án",
    "cấp bù",
)


def fold(text: str) -> str:
    """NFC and casefold, for keyword matching."""
    return unicodedata.normalize("NFC", text or "").casefold()


def field_of(record: dict) -> str:
    """The record's field (linh_vuc) in NFC: a few records give it decomposed."""
    return unicodedata.normalize("NFC", record.get("linh_vuc") or "").strip()


def has_any(text: str, words: Iterable[str]) -> bool:
    return any(fold(word) in text for word in words)


def selected_because(record: dict, wanted_codes: frozenset[str]) -> str | None:
    """Why a record is bundled ("field", "field keyword", ...), or None."""
    field = field_of(record)
    name = fold(record.get("ten_thu_tuc") or "")
    if record.get("ma_thu_tuc") in wanted_codes:
        return "search judgement"
    if field in WHOLE_FIELDS:
        return "field"
    if field in FIELD_KEYWORDS:
        includes, excludes = FIELD_KEYWORDS[field]
        if has_any(name, includes) and not has_any(name, excludes):
            return "field keyword"
    if has_any(name, NAME_KEYWORDS) and not has_any(name, EXCLUDE_KEYWORDS):
        return "name keyword"
    return None


def read_records(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def judged_codes(path: Path) -> frozenset[str]:
    """Every code listed as relevant in the judged search queries."""
    if not path.exists():
        return frozenset()
    codes: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                codes.update(json.loads(line).get("relevant", []))
    return frozenset(codes)


def code_key(code: str) -> tuple[int, ...]:
    """``"1.001193"`` -> ``(1, 1193)``, for a stable numeric order."""
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def write_bundle(records: list[dict], output: Path) -> bytes:
    """Gzip the records (sorted, compact JSON, mtime 0) and return the bytes."""
    lines = "".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        for record in records
    )
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9
    ) as handle:
        handle.write(lines.encode("utf-8"))
    data = buffer.getvalue()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--extra", type=Path, default=DEFAULT_EXTRA)
    args = parser.parse_args(argv)

    wanted = judged_codes(args.eval)
    chosen: dict[str, dict] = {}
    reasons: Counter[str] = Counter()
    for record in read_records(args.source):
        reason = selected_because(record, wanted)
        code = record.get("ma_thu_tuc")
        if reason and code and code not in chosen:
            chosen[code] = record
            reasons[reason] += 1
    if args.extra.exists():
        for record in read_records(args.extra):
            code = record.get("ma_thu_tuc")
            if code and code not in chosen:
                chosen[code] = record
                reasons["extra file"] += 1
    missing = sorted(wanted - chosen.keys())
    records = [chosen[code] for code in sorted(chosen, key=code_key)]
    data = write_bundle(records, args.output)

    per_field = Counter(field_of(record) for record in records)
    out = sys.stdout
    out.write(f"{len(records)} procedures -> {args.output} ({len(data):,} bytes)\n")
    out.write("selected by: " + ", ".join(f"{k} {v}" for k, v in reasons.items()))
    out.write("\n")
    for field, count in sorted(per_field.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{count:>5}  {field}\n")
    if missing:
        out.write(f"judged codes not in the source: {', '.join(missing)}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
