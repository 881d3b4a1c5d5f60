"""The legal basis: document numbers, types, issuers and dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .model import LegalDocument, ParseError
from .text import (
    _DATE_NUMERIC,
    _DATE_WORDS,
    _flat,
    _is_lower,
    _make_date,
    _strip_bullet,
    clean_text,
)

_LEGAL_HEADER = re.compile(r"^\s*Tên văn bản pháp lý\s*Mã văn bản")
# Issuers in document numbers (NĐ-CP, TT-BTC, ...), longest first.
_ISSUERS = sorted(
    (
        *("CP", "TTg", "BTC", "BCA", "BTP", "NHNN", "BNNMT", "BGTVT", "BNNPTNT"),
        *("BXD", "BTNMT", "BHXH", "BLĐTBXH", "BKHĐT", "UBND", "HĐND", "BKHCN"),
        *("VPCP", "BNV", "BQP", "BNG", "BYT", "BCT", "BTTTT", "BVHTTDL", "BGDĐT"),
        *("TANDTC", "VKSNDTC", "TCT", "TCHQ", "VPQH", "KTNN", "BKH", "BNN"),
        *("UBCKNN", "CTN", "HĐTP", "NHNNVN", "TLĐ", "BTTT"),
    ),
    key=len,
    reverse=True,
)
_TYPES = r"TTLT|VBHN|NĐ|ND|TT|QĐ|NQ|PL|CT|TB|HD|KH|BC|CV|L"
_ISSUER = r"(?:(?:UBTV)?QH\d{1,2}|" + "|".join(_ISSUERS) + r"|[A-ZĐ]+)"
_KNOWN_ISSUER = "(?:" + "|".join(_ISSUERS) + ")"
_CODE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?[a-z]?)(?P<year>/(?:19|20)\d{2})?/(?P<tail>"
    r"(?:UBTV)?QH\d{1,2}"
    rf"|(?:{_TYPES}|[A-ZĐ]+)(?:[-_]\s?{_ISSUER}|/{_KNOWN_ISSUER})+"
    r"|NĐCP)"
    r"|(?P<num2>\d+)-L/CTN"
)
# A number cell that gives only number and year: "...chuỗi giá trị24/2024"
_SHORT_CODE = re.compile(r"\d+/(?:19|20)\d{2}(?![\d/])")
_DOC_TYPES = (
    ("Thông tư liên tịch", "Thông tư liên tịch"),
    ("Văn bản hợp nhất", "Văn bản hợp nhất"),
    ("Bộ luật", "Bộ luật"),
    ("Luật", "Luật"),
    ("Nghị định", "Nghị định"),
    ("Nghị quyết", "Nghị quyết"),
    ("Thông tư", "Thông tư"),
    ("Quyết định", "Quyết định"),
    ("Pháp lệnh", "Pháp lệnh"),
    ("Chỉ thị", "Chỉ thị"),
    ("Hiến pháp", "Hiến pháp"),
)
_TYPE_BY_CODE = {
    "TTLT": "Thông tư liên tịch",
    "VBHN": "Văn bản hợp nhất",
    "NĐ": "Nghị định",
    "ND": "Nghị định",
    "TT": "Thông tư",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "PL": "Pháp lệnh",
    "CT": "Chỉ thị",
}
_TYPED_NUMBER = re.compile(
    r"(?:(?:Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|"
    r"Quyết định|Pháp lệnh|NĐ|TT|QĐ|NQ)\s*(?:số\s*)?|số\s*)(?=\d)",
    re.IGNORECASE,
)
_KNOWN_ISSUER_SET = frozenset(_ISSUERS)
# A document type (or "số") right before a number: the number is in a title.
_TYPED_BEFORE = re.compile(
    r"(?:luật|định|tư|quyết|lệnh|số|NĐ|TT|QĐ|NQ)\s*$", re.IGNORECASE
)


def _find_codes(text: str) -> list[tuple[int, int]]:
    """Spans of document numbers (``123/2015/NĐ-CP``) in ``text``."""
    spans: list[tuple[int, int]] = []
    for match in _CODE.finditer(text):
        start, end = match.span()
        tail = match.group("tail") or ""
        last = tail.rsplit("-", 1)[-1]
        if (
            last not in _KNOWN_ISSUER_SET
            and not re.fullmatch(r"(?:UBTV)?QH\d{1,2}", last)
            and end < len(text)
            and _is_lower(text[end])
            and len(last) > 1
        ):
            end -= 1  # "...TT-XYZSửa đổi": the S starts the next title
        spans.append((_unglue_year(text, start, match.group("num") or ""), end))
    return spans


def _unglue_year(text: str, start: int, num: str) -> int:
    """Start of a number glued to a year before it.

    "năm 2020247/2025/NĐ-CP", "Luật Doanh nghiệp 202076/2025/QH15": a
    document number in number/year form has at most four digits, so five or
    more digits that begin with a year carry that year from the text before.
    """
    if len(num) > 4 and re.match(r"(?:19|20)\d\d", num) and num[:1].isdigit():
        return start + 4
    return start


def _doc_type(title: str, number: str | None) -> str | None:
    head = _strip_bullet(title)
    for prefix, name in _DOC_TYPES:
        if head.casefold().startswith(prefix.casefold()):
            return name
    if number:
        match = _CODE.search(number)
        if match and match.group("tail"):
            tail = match.group("tail")
            if re.fullmatch(r"(?:UBTV)?QH\d{1,2}", tail):
                return "Luật"
            return _TYPE_BY_CODE.get(tail.split("-", 1)[0])
        if match and match.group("num2"):
            return "Luật"
        for prefix, name in _DOC_TYPES:
            if number.casefold().startswith(prefix.casefold()):
                return name
    return None


def _issued(title: str, number: str | None) -> dt.date | None:
    """The document's own date: right after its number, or before any number."""
    year = None
    if number:
        year_match = re.search(r"/((?:19|20)\d{2})/", number)
        year = int(year_match.group(1)) if year_match else None
    for match in re.finditer(r"ngày\s*", title, re.IGNORECASE):
        after = title[match.end() :]
        numeric = _DATE_NUMERIC.match(after) or _DATE_WORDS.match(after)
        if not numeric:
            continue
        prefix = title[: match.start()]
        codes = [prefix[s:e] for s, e in _find_codes(prefix)]
        own = number and _code_key(number)
        if codes and not (own and _code_key(codes[-1]) == own and len(codes) == 1):
            return None
        date = _make_date(*numeric.groups())
        if date and year and date.year != year:
            return None
        return date
    return None


def _code_key(text: str) -> str:
    return re.sub(r"\s|số", "", text.casefold())


def parse_legal_basis(value: Any) -> tuple[list[LegalDocument], list[str]]:
    """Parse the flattened legal basis table (``can_cu_phap_ly``).

    Rows are ``title`` + ``number`` glued together.  A number cell is a
    document number glued to the text before it (``...Luật Hộ
    tịch123/2015/NĐ-CP``), or a short "Luật số 58" glued on both sides; a
    number preceded by a space belongs to the title (``Nghị định số
    123/2015/NĐ-CP ngày ...``).
    """
    text = clean_text(value)
    if text is None:
        return [], []
    if not _LEGAL_HEADER.match(text):
        raise ParseError("no legal basis table header (Tên văn bản pháp lý)")
    body = _LEGAL_HEADER.sub("", text, count=1).strip()
    if not body:
        return [], []
    documents: list[LegalDocument] = []
    warnings: list[str] = []
    row_start = 0
    for start, end in _number_cells(body):
        if start < row_start:
            continue
        title = body[row_start:start].strip(" ;,.-–")
        if not re.search(r"\w", title):
            continue
        documents.append(_legal_document(title, body[start:end]))
        row_start = end
    tail = body[row_start:].strip(" ;,.-–")
    if tail and not (documents and len(tail) <= 3):
        codes = _find_codes(tail)
        if codes:
            # no number cell: the number is taken from the text itself
            start, end = codes[-1] if codes[-1][1] >= len(tail) else codes[0]
            if end >= len(tail) and start > 0:
                typed = list(_TYPED_NUMBER.finditer(tail, 0, start + 1))
                if typed and typed[-1].end() == start:
                    start = typed[-1].start()  # "...trên cạn Thông tư số 01/..."
                title = tail[:start]  # "... thương mại 22/2017/NĐ-CP"
            elif start == 0:
                title = tail[end:].strip(" ;,.-–") or tail[:end]
            else:
                title = tail
            documents.append(_legal_document(title, tail[start:end]))
            warnings.append("legal_basis: a row's number was taken from its title")
        else:
            documents.append(_legal_document(tail, None))
            warnings.append("legal_basis: a row has no number")
    if not any(doc.number for doc in documents):
        raise ParseError("no document number found")
    return documents, warnings


def _number_cells(body: str) -> list[tuple[int, int]]:
    """Spans in ``body`` that look like a number cell glued to its title."""

    def glued_before(start: int) -> bool:
        prev = body[start - 1] if start else " "
        return not prev.isspace() and prev not in "(/"

    def glued_after(end: int) -> bool:
        return end >= len(body) or not body[end].isspace()

    def glued_to_next_title(start: int, end: int) -> bool:
        # "...thực vật 21/2015/TT-BNNPTNTquy định ...": a letter right after
        return (
            end < len(body)
            and body[end].isalpha()
            and not _TYPED_BEFORE.search(body, 0, start)
        )

    codes = _find_codes(body)
    candidates = [
        (start, end)
        for start, end in codes
        if glued_before(start) or glued_to_next_title(start, end)
    ]
    for match in _SHORT_CODE.finditer(body):
        start, end = match.span()
        start = _unglue_year(body, start, match.group(0).split("/", 1)[0])
        inside = any(s <= start < e for s, e in codes)
        if not inside and glued_before(start) and glued_after(end):
            candidates.append((start, end))
    typed: list[tuple[int, int]] = []
    for match in _TYPED_NUMBER.finditer(body):
        start = match.start()
        code = next((c for c in codes if c[0] == match.end()), None)
        digits = re.match(r"\d+", body[match.end() :])
        end = code[1] if code else match.end() + len(digits.group(0) if digits else "")
        if glued_before(start) and glued_after(end):
            # "...Luật Đầu tư côngLuật số 58Quy định ...": a typed number cell
            typed.append((start, end))
    starts = {start for start, _end in candidates}
    # "Luật 49/2019/QH1449/2019/QH14": the typed text is the next row's title
    candidates.extend(span for span in typed if span[1] not in starts)
    return sorted(candidates, key=lambda span: (span[0], -span[1]))


def _legal_document(title: str, number: str | None) -> LegalDocument:
    title = _strip_bullet(_flat(title)).strip(" ;,")
    number = _flat(number).strip(" ;,.") if number else None
    if number:
        tight = re.sub(r"\s*([/-])\s*", r"\1", number).replace("_", "-")
        if re.search(r"/\d{4}/", tight):
            tight = re.sub(r"(?<=[A-ZĐ])/(?=[A-ZĐ])", "-", tight)  # TT/BTC
        if _CODE.fullmatch(tight):
            number = tight  # "165/2024/NĐ- CP" -> "165/2024/NĐ-CP"
    return LegalDocument(
        title=title,
        number=number or None,
        doc_type=_doc_type(title, number),
        issued=_issued(title, number),
    )
