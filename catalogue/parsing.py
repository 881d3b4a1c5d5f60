"""Parse raw procedure records from the national public service portal.

The portal's pages give each administrative procedure (thủ tục hành chính) as a
handful of text fields, several of which are HTML tables flattened into one run
of text with the cells glued together (``Hình thức nộpThời gianPhí, lệ phíMô
tảTrực tuyến1Miễn phí...``).  This module turns one raw record (a ``dict`` as
read from ``procedures-vn.jsonl.gz``) into a :class:`ParsedProcedure` made of
frozen dataclasses, without Django and with the standard library only.

Principles:

* every text is normalised to Unicode NFC with collapsed whitespace, and the
  portal's "Không có thông tin" (no information) or an empty value becomes
  ``None``;
* each part (channels, fees, dossier components, legal basis, results, steps,
  ...) is parsed on its own and never raises: a part that has a source value
  but cannot be put into structure is named in ``ParsedProcedure.problems``
  and its raw text is kept in ``ParsedProcedure.raw``;
* where the record's own field is truncated or misaligned (the collector split
  the page on a heading that also occurs in the body text), the same section
  cut again from ``raw_text`` is used instead, and ``sources`` says so.

Command line: ``python -m catalogue.parsing FILE.jsonl[.gz]`` (or ``python
catalogue/parsing.py FILE``) prints the share of records whose parts were
parsed; ``--failures PART`` prints samples of the records that were not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "COVERAGE_PARTS",
    "Agencies",
    "Channel",
    "Coverage",
    "DossierComponent",
    "DossierGroup",
    "Fee",
    "LegalDocument",
    "Level",
    "ParsedProcedure",
    "Result",
    "Step",
    "clean_text",
    "coverage",
    "main",
    "normalise_agency_name",
    "parse_agencies",
    "parse_channels",
    "parse_dossier",
    "parse_file",
    "parse_legal_basis",
    "parse_levels",
    "parse_record",
    "parse_results",
    "parse_steps",
]

# ---------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------

NO_INFO = "không có thông tin"
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile("[\u00a0\u2002\u2003\u2009]")
# Word-processor bullets (Wingdings, Symbol) pasted into the portal.
_PRIVATE_BULLETS = re.compile("[\uf000-\uf0ff]")
_SPACES = re.compile(r"[^\S\n]+")
_ALL_SPACES = re.compile(r"\s+")


def _nfc(value: str) -> str:
    """NFC, without invisible marks, odd spaces or private-use bullets."""
    value = unicodedata.normalize("NFC", value)
    if value.isascii():
        return value
    value = _INVISIBLE.sub("", value)
    value = _ODD_SPACES.sub(" ", value)
    return _PRIVATE_BULLETS.sub("-", value)


def _is_empty(text: str) -> bool:
    stripped = text.strip(" \t\n-–—.:;,*")
    return not stripped or stripped.casefold() == NO_INFO


def clean_text(value: Any) -> str | None:
    """Return ``value`` as one NFC line with collapsed whitespace, or ``None``.

    ``None``, non-strings other than numbers, empty strings, runs of dashes and
    the portal's "Không có thông tin" all give ``None``.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = _ALL_SPACES.sub(" ", _nfc(value)).strip()
    return None if _is_empty(text) else text


def clean_block(value: Any) -> str | None:
    """Like :func:`clean_text` but keep line breaks (one per non-empty line)."""
    if not isinstance(value, str):
        return clean_text(value)
    lines = [_SPACES.sub(" ", line).strip() for line in _nfc(value).splitlines()]
    text = "\n".join(line for line in lines if line)
    return None if _is_empty(text) else text


def _flat(text: str) -> str:
    return _ALL_SPACES.sub(" ", text).strip()


def _strip_bullet(text: str) -> str:
    return re.sub(r"^[\s\-–—+*•●·]+", "", text).strip()


def _is_lower(ch: str) -> bool:
    return ch.isalpha() and ch.islower()


def _is_upper(ch: str) -> bool:
    return ch.isalpha() and ch.isupper()


# ---------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """An administrative level that carries out the procedure."""

    slug: str  # bo, tinh, huyen, xa, khac
    label: str  # as published, e.g. "Cấp tỉnh"


@dataclass(frozen=True)
class Fee:
    """One fee or charge of a channel.

    ``amount`` is ``Decimal(0)`` for a free channel ("Miễn phí") and ``None``
    when the portal gives no figure.  ``label`` is the fee's own name when the
    text gives one ("Phí", "Lệ phí", "Phí công bố nội dung ...").
    """

    amount: Decimal | None
    currency: str = "VND"
    description: str | None = None
    is_free: bool = False
    label: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Channel:
    """A way of filing (direct, postal, online) with its time and fees."""

    kind: str  # direct | postal | online
    label: str  # as published: "Trực tiếp", "Dịch vụ bưu chính", "Trực tuyến"
    processing_time: Decimal | None
    time_unit: str | None  # "ngày làm việc", "ngày", "giờ", "tháng", ...
    time_text: str | None
    fees: list[Fee] = dc_field(default_factory=list)
    fee_text: str | None = None
    description: str | None = None
    fees_parsed: bool = True  # False when the fee cell could not be read


@dataclass(frozen=True)
class DossierComponent:
    """One paper of the dossier (thành phần hồ sơ)."""

    name: str
    originals: int | None = None  # bản chính
    copies: int | None = None  # bản sao
    forms: list[str] = dc_field(default_factory=list)  # attached template files
    form_codes: list[str] = dc_field(default_factory=list)  # "Mẫu số 01", ...
    notes: str | None = None
    case: str | None = None  # heading of the case group, if any
    count_text: str | None = None

    @property
    def informational(self) -> bool:
        """True for rows that only carry a note (0 originals, no copies)."""
        return self.originals == 0 and not self.copies


@dataclass(frozen=True)
class DossierGroup:
    """Components listed under one case heading (or under none)."""

    case: str | None
    components: list[DossierComponent]


@dataclass(frozen=True)
class LegalDocument:
    """A legal basis entry: the document's title and number."""

    title: str
    number: str | None
    doc_type: str | None = None  # "Luật", "Nghị định", "Thông tư", ...
    issued: dt.date | None = None


@dataclass(frozen=True)
class Result:
    """A result of the procedure (kết quả), with its catalogue code."""

    name: str
    code: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of the procedure (trình tự thực hiện).

    ``note`` marks the entries that follow a "Lưu ý" (note) heading: they
    are remarks printed with the steps rather than steps.
    """

    number: int
    text: str
    note: bool = False


@dataclass(frozen=True)
class Agencies:
    """Agencies named by the record, split into lists of names."""

    implementing: list[str] = dc_field(default_factory=list)  # cơ quan thực hiện
    competent: list[str] = dc_field(default_factory=list)  # có thẩm quyền
    delegated: list[str] = dc_field(default_factory=list)  # được ủy quyền
    coordinating: list[str] = dc_field(default_factory=list)  # phối hợp

    def all_names(self) -> list[str]:
        """Every name once, first spelling kept, deduplicated by normal form."""
        seen: dict[str, str] = {}
        for name in (
            *self.implementing,
            *self.competent,
            *self.delegated,
            *self.coordinating,
        ):
            seen.setdefault(normalise_agency_name(name), name)
        return list(seen.values())


#: Parts reported by :func:`coverage`, in display order.
COVERAGE_PARTS = (
    "channels",
    "fees",
    "dossier_components",
    "legal_basis",
    "results",
    "steps",
)
PARSED, FAILED, EMPTY = "parsed", "failed", "empty"


@dataclass(frozen=True)
class ParsedProcedure:
    """A procedure record put into structure.

    ``raw`` maps each part to the cleaned source text it was parsed from
    (``None`` when the portal had none); ``status`` maps each part to
    ``"parsed"``, ``"failed"`` or ``"empty"``; ``problems`` names the parts
    that had a source value but could not be parsed, with a reason;
    ``warnings`` notes partial parses; ``sources`` says which parts were cut
    from ``raw_text`` instead of the record's own field.
    """

    code: str | None
    name: str | None
    decision_number: str | None = None
    procedure_type: str | None = None
    field: str | None = None
    levels: list[Level] = dc_field(default_factory=list)
    applicants: list[str] = dc_field(default_factory=list)
    agencies: Agencies = dc_field(default_factory=Agencies)
    reception_address: str | None = None
    requirements: str | None = None
    related_procedures: str | None = None
    steps: list[Step] = dc_field(default_factory=list)
    channels: list[Channel] = dc_field(default_factory=list)
    dossier_components: list[DossierComponent] = dc_field(default_factory=list)
    legal_basis: list[LegalDocument] = dc_field(default_factory=list)
    results: list[Result] = dc_field(default_factory=list)
    keywords: str | None = None
    result_description: str | None = None
    url: str | None = None
    ministry: str | None = None
    raw: dict[str, str | None] = dc_field(default_factory=dict)
    status: dict[str, str] = dc_field(default_factory=dict)
    problems: list[str] = dc_field(default_factory=list)
    warnings: list[str] = dc_field(default_factory=list)
    sources: dict[str, str] = dc_field(default_factory=dict)

    @property
    def dossier_groups(self) -> list[DossierGroup]:
        """Dossier components grouped by their case heading, in order."""
        groups: list[DossierGroup] = []
        for component in self.dossier_components:
            if not groups or groups[-1].case != component.case:
                groups.append(DossierGroup(component.case, []))
            groups[-1].components.append(component)
        return groups

    @property
    def fees(self) -> list[Fee]:
        """All fees of all channels."""
        return [fee for channel in self.channels for fee in channel.fees]


class ParseError(ValueError):
    """A part has a source value that could not be put into structure."""


class NoValue(Exception):
    """A part's text turned out to hold no value (only page chrome)."""


# ---------------------------------------------------------------------------
# Numbers and dates
# ---------------------------------------------------------------------------


def parse_amount(text: str) -> Decimal | None:
    """Parse ``2,000,000`` / ``50.000`` / ``15000000`` / ``1,5`` as a Decimal.

    A separator followed by exactly three digits (in every group) groups
    thousands; otherwise the last separator is the decimal mark.
    """
    text = text.strip().rstrip(".,")
    if not text or not re.fullmatch(r"\d[\d.,]*", text):
        return None
    if re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", text):
        return Decimal(re.sub(r"[.,]", "", text))
    if re.fullmatch(r"\d+", text):
        return Decimal(text)
    head, _sep, tail = max(
        (text.rpartition(mark) for mark in ".,"), key=lambda parts: len(parts[0])
    )
    try:
        return Decimal(re.sub(r"[.,]", "", head) + "." + tail)
    except InvalidOperation:
        return None


_DATE_NUMERIC = re.compile(
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})"
)
_DATE_WORDS = re.compile(
    r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE
)


def _make_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Levels
# ---------------------------------------------------------------------------

_LEVEL_SLUGS = (
    ("bộ", "bo"),
    ("tỉnh", "tinh"),
    ("huyện", "huyen"),
    ("xã", "xa"),
    ("khác", "khac"),
)


def parse_levels(value: Any) -> list[Level]:
    """``"Cấp bộ, Cấp tỉnh, Cơ quan khác"`` -> levels ``bo``, ``tinh``, ``khac``."""
    text = clean_text(value)
    if text is None:
        return []
    levels: list[Level] = []
    for label in (part.strip() for part in re.split(r"[,;\n]", text)):
        if not label:
            continue
        folded = label.casefold()
        slug = next((s for word, s in _LEVEL_SLUGS if word in folded), None)
        if slug is None:
            raise ParseError(f"unknown level {label!r}")
        if all(level.slug != slug for level in levels):
            levels.append(Level(slug, label))
    return levels


# ---------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------

_TONE_MOVES = {
    # old-style tone placement -> the placement used by most of the data
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_MOVES))
_ABBREVIATIONS = (
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\btp\b"), "thành phố"),
    (re.compile(r"\bnhnn\b"), "ngân hàng nhà nước"),
)


def normalise_agency_name(name: str) -> str:
    """A key for deduplicating agency names.

    NFC, casefolded, one tone-mark placement (``uỷ`` = ``ủy``), common
    abbreviations spelt out (UBND, HĐND, TP, NHNN), leading bullets and all
    punctuation dropped, whitespace collapsed.
    """
    text = clean_text(name) or ""
    text = _strip_bullet(text).casefold()
    text = _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(0)], text)
    text = re.sub(r"[^\w\s]", " ", text)
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return _flat(text)


def split_agencies(value: Any) -> list[str]:
    """Split an agency cell into names.

    Commas, semicolons and line breaks separate names, except where the next
    piece starts in lower case ("Sở Tài chính các tỉnh, thành phố" is one
    name).  Duplicates (by :func:`normalise_agency_name`) are dropped.
    """
    text = clean_block(value)
    if text is None:
        return []
    names: list[str] = []
    for line in text.split("\n"):
        for piece in re.split(r"\s*[;,]\s*", line):
            piece = _strip_bullet(piece).strip(" .")
            if not piece or _is_empty(piece):
                continue
            if names and not line.startswith(piece) and _is_lower(piece[0]):
                names[-1] = f"{names[-1]}, {piece}"
            else:
                names.append(piece)
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(normalise_agency_name(name), name)
    return list(unique.values())


def parse_agencies(record: Mapping[str, Any]) -> Agencies:
    """Agencies of a record, one list per kind."""
    return Agencies(
        implementing=split_agencies(record.get("co_quan_thuc_hien")),
        competent=split_agencies(record.get("co_quan_co_tham_quyen")),
        delegated=split_agencies(record.get("co_quan_duoc_uy_quyen")),
        coordinating=split_agencies(record.get("co_quan_phoi_hop")),
    )


# ---------------------------------------------------------------------------
# Sections cut again from raw_text
# ---------------------------------------------------------------------------

_SECTION_HEADINGS = (
    ("steps", "Trình Tự Thực Hiện"),
    ("channels", "Cách Thức Thực Hiện"),
    ("dossier_components", "Thành phần hồ sơ"),
    ("legal_basis", "Căn cứ pháp lý"),
    ("agency", "Cơ quan thực hiện"),
    ("requirements", "Yêu cầu, điều kiện thực hiện"),
    ("results", "Kết quả xử lý"),
)


def raw_sections(raw_text: Any) -> dict[str, str]:
    """Cut the page text into its sections by their headings, in page order."""
    if not isinstance(raw_text, str):
        return {}
    text = _nfc(raw_text)
    found: list[tuple[str, int, int]] = []
    pos = 0
    for key, heading in _SECTION_HEADINGS:
        if key == "legal_basis":
            start = text.find(heading + "Tên văn bản", pos)
            if start < 0:
                start = text.find(heading, pos)
        elif key == "agency":
            stop = text.find("Yêu cầu, điều kiện thực hiện", pos)
            start = text.rfind(heading, pos, stop if stop >= 0 else len(text))
        elif key == "results":
            start = text.rfind(heading, pos)
        else:
            start = text.find(heading, pos)
        if start < 0:
            continue
        found.append((key, start, start + len(heading)))
        pos = start + len(heading)
    sections: dict[str, str] = {}
    for index, (key, _start, body) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(text)
        sections[key] = text[body:end]
    return sections


# ---------------------------------------------------------------------------
# Channels and fees
# ---------------------------------------------------------------------------

_CHANNEL_KINDS = {
    "Trực tiếp": "direct",
    "Trực tuyến": "online",
    "Dịch vụ bưu chính": "postal",
}
_CHANNEL_HEADER = re.compile(r"^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả")
_TIME_UNITS = (
    "Ngày làm việc",
    "Ngày",
    "Giờ làm việc",
    "Giờ",
    "Tháng",
    "Năm",
    "Tuần",
    "Phút",
)
_NUMBER = r"\d+(?:[.,]\d+)?"
_CHANNEL_NAME = re.compile("(?P<kind>" + "|".join(_CHANNEL_KINDS) + ")")
_TIME = re.compile(
    rf"\s?(?:(?P<none>Không có thông tin)|(?P<num>{_NUMBER})"
    rf"(?:\s?(?P<unit>{'|'.join(_TIME_UNITS)}))?)",
    re.IGNORECASE,
)
_CURRENCIES = {
    "việt nam đồng": "VND",
    "vnđ": "VND",
    "vnd": "VND",
    "đồng": "VND",
    "đ": "VND",
    "usd": "USD",
    "đô la mỹ": "USD",
    "eur": "EUR",
    "euro": "EUR",
}
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|USD|EUR|Euro|Đô la Mỹ|đồng|Đồng)"
_FEE_HEAD = re.compile(
    r"(?P<free>Miễn phí)|(?P<none>Không có thông tin)"
    r"|(?:(?P<label>Lệ phí|Phí)\s*:\s*)?"
    rf"(?P<amount>\d[\d.,]*)?(?P<per>/[^\s(]+)?\s?(?P<cur>{_CURRENCY})",
    re.IGNORECASE,
)
_FREE_WORDS = re.compile(r"không thu|miễn (?:lệ )?phí|miễn thu", re.IGNORECASE)
_PER_UNIT = (
    r"/\s?[^\s(;,.]+"
    r"(?:\s(?!(?:Việt|VNĐ|VND|USD|EUR|đồng|Đồng|vnđ)\b)[^\s(;,.\d]+)?"
)
_LABELLED_FEE = re.compile(
    r"(?:^|(?<=[\s(\-+;.:]))"
    r"(?P<label>(?:Mức thu\s+)?(?:Lệ phí|Phí|Giá)(?:\s[^:;()\n\d]{0,80}?)?)"
    rf"\s*:\s*(?P<amount>\d[\d.,]*)\s*(?P<per>{_PER_UNIT})?\s*"
    rf"(?P<cur>{_CURRENCY}|vnđ|đ\b)?(?P<per2>\s?{_PER_UNIT})?",
    re.IGNORECASE,
)
# An unlabelled amount at the very start of a fee note: "15000000/lần Đồng (...)"
_LEADING_FEE = re.compile(
    rf"\s*(?P<label>)(?P<amount>\d[\d.,]*)\s*(?P<per>{_PER_UNIT})?\s*"
    rf"(?P<cur>{_CURRENCY}|vnđ)(?P<per2>\s?{_PER_UNIT})?",
    re.IGNORECASE,
)


def _balanced_paren(text: str, start: int) -> int:
    """Index just past the parenthesis group opening at ``text[start]``."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _currency(text: str | None) -> str:
    if not text:
        return "VND"
    return _CURRENCIES.get(text.strip().casefold(), text.strip().upper())


def _labelled_fees(text: str) -> list[Fee]:
    """Fees written out as ``Lệ phí : 100.000 Đồng (...)`` inside a text."""
    fees: list[Fee] = []
    pos = 0
    match = _LEADING_FEE.match(text)
    while match or (match := _LABELLED_FEE.search(text, pos)):
        end = match.end()
        if not match.group("cur") and not match.group("per"):
            # "Phí: 5% ..." or a bare number that is not money
            pos, match = end, None
            continue
        amount = parse_amount(match.group("amount"))
        rest = text[end:]
        description = None
        spaced = len(rest) - len(rest.lstrip())
        if rest.lstrip().startswith("("):
            close = _balanced_paren(text, end + spaced)
            description = _unwrap(text[end + spaced + 1 : close - 1])
            end = close
        nested = [
            fee
            for fee in _labelled_fees(text[match.end() : end])
            if fee.amount not in (None, amount)
        ]
        per = match.group("per") or match.group("per2")
        if per:
            per = _flat(per).replace("/ ", "/")
            description = f"{per} {description}" if description else per
        fees.append(
            Fee(
                amount=amount,
                currency=_currency(match.group("cur")),
                description=description,
                is_free=amount == 0,
                label=clean_text(match.group("label")),
                text=clean_text(text[match.start() : end]),
            )
        )
        fees.extend(nested)  # "Phí : 0 Đồng (... Phí công bố: 100.000 đồng)"
        pos, match = end, None
    return fees


def _unwrap(text: str | None) -> str | None:
    """Clean a parenthesised note, dropping one pair of wrapping parentheses."""
    note = clean_text(text)
    while note and note.startswith("(") and _balanced_paren(note, 0) == len(note):
        note = clean_text(note[1:-1])
    return note


def _split_time_and_amount(digits: str) -> tuple[str, str]:
    """``"120,000"`` glued from time ``1`` and fee ``20,000``: split them."""
    for cut in range(1, min(3, len(digits))):
        head, tail = digits[:cut], digits[cut:]
        if tail[0] == "0" and len(tail.rstrip(".,")) > 1 and tail[1] not in ".,":
            continue
        if tail[0] in ".,":
            continue
        grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", tail)
        if grouped:
            return head, tail
    return digits[:1], digits[1:]


def _parse_fee_cell(cell: str) -> tuple[list[Fee], str, bool]:
    """Parse the fee cell at the start of ``cell``.

    Returns the fees, the remaining text (the description column) and whether
    the cell had a value ("Không có thông tin" has none).
    """
    fees: list[Fee] = []
    pos = 0
    has_value = False
    while match := _FEE_HEAD.match(cell, pos):
        if not any(match.group(g) for g in ("free", "none", "amount", "label")):
            break  # a bare currency word is not a fee
        if pos and (match.group("label") or match.group("none")):
            break  # "Phí: ..." after the cell is the description column
        end = match.end()
        if match.group("none"):
            # no fee; a parenthesis after it belongs to the description
            return fees, cell[end:], has_value
        has_value = True
        inner = None
        if cell.startswith("(", end):
            close = _balanced_paren(cell, end)
            inner = cell[end + 1 : close - 1]
            end = close
        elif match.group("label"):
            # "Phí : Đồng Không thu lệ phí": the note runs to the line's end
            line_end = cell.find("\n", end)
            line_end = len(cell) if line_end < 0 else line_end
            inner = cell[end:line_end]
            end = line_end
        fees.extend(_head_fees(match, inner))
        pos = end
    return fees, cell[pos:], has_value


def _head_fees(match: re.Match[str], inner: str | None) -> list[Fee]:
    """Fees of one fee-cell entry: its headline and the fees its note lists."""
    description = _unwrap(inner) if inner else None
    per = match.group("per")
    if per:
        description = f"{per} {description}" if description else per
    if match.group("free"):
        head = Fee(Decimal(0), "VND", description, True, None, "Miễn phí")
    else:
        amount = parse_amount(match.group("amount") or "")
        free = amount == 0 or (
            amount is None and bool(description and _FREE_WORDS.search(description))
        )
        head = Fee(
            amount=Decimal(0) if free else amount,
            currency=_currency(match.group("cur")),
            description=description,
            is_free=free,
            label=clean_text(match.group("label")),
            text=clean_text(match.group(0)),
        )
    listed = [fee for fee in _labelled_fees(inner or "") if fee.amount is not None]
    if head.is_free:
        # "Miễn phí (Phí : 0 Đồng ...; Phí công bố ...: 100.000 đồng/lần)"
        zero = next((fee for fee in listed if fee.amount == 0), None)
        if zero and not head.label:
            head = _with(head, label=zero.label)
        return [head, *(fee for fee in listed if fee.amount)]
    if len(listed) >= 2:
        return listed  # several fees spelt out in the note: they are the fees
    if listed and (head.amount is None or listed[0].amount == head.amount):
        return [_with(head, label=head.label or listed[0].label)]
    return [head]


def _with(fee: Fee, **changes: Any) -> Fee:
    values = {name: getattr(fee, name) for name in fee.__dataclass_fields__}
    values.update(changes)
    return Fee(**values)


def _thousands(fee: Fee, description: str | None) -> Fee:
    """Scale a VND amount the portal gave in thousands ("135 VNĐ").

    An amount under 1,000 VND is taken as thousands only when the fee's note
    or the channel description states the full figure ("135.000 đồng").
    """
    if fee.currency != "VND" or fee.amount is None or not 0 < fee.amount < 1000:
        return fee
    full = fee.amount * 1000
    notes = f"{fee.description or ''} {description or ''}"
    stated = {parse_amount(token) for token in re.findall(r"\d[\d.,]*\d", notes)}
    return _with(fee, amount=full) if full in stated else fee


def _merge_description_fees(fees: list[Fee], description: str | None) -> list[Fee]:
    """Add fees stated in the description column (``Lệ phí: 100.000 đồng``).

    A stated fee with the amount of a headline fee only lends it its label.
    """
    if not description:
        return fees
    merged = list(fees)
    for fee in _labelled_fees(description):
        if fee.amount is None:
            continue
        same = next(
            (i for i, old in enumerate(merged) if old.amount == fee.amount), None
        )
        if same is None:
            merged.append(fee)
        elif merged[same].label is None and fee.label:
            merged[same] = _with(merged[same], label=fee.label)
    return merged


def _channel_starts(body: str) -> list[re.Match[str]]:
    """Row starts: a channel name glued to its time cell.

    The time cell is a number ("5 Ngày làm việc", "1"), "Không có thông
    tin", or, rarely, free text ("Không quy định") that is followed by a fee
    cell within a few words.
    """
    starts: list[re.Match[str]] = []
    for match in _CHANNEL_NAME.finditer(body):
        after = body[match.end() : match.end() + 300]
        if _TIME.match(after) and _TIME.match(after).group(0).strip():
            starts.append(match)
            continue
        if not after[:1] or not _is_upper(after[0]):
            continue
        window = _CHANNEL_NAME.split(after, maxsplit=1)[0]
        if _FEE_HEAD.search(window):
            starts.append(match)
    return starts


def parse_channels(value: Any) -> tuple[list[Channel], list[str]]:
    """Parse the flattened channel table (``cach_thuc_thuc_hien``).

    Returns the channels and a list of warnings.  Raises :class:`ParseError`
    when the text has a value but no channel row can be found.
    """
    text = clean_block(value)
    if text is None:
        return [], []
    body = _CHANNEL_HEADER.sub("", text, count=1).strip()
    if not body:
        return [], []
    starts = _channel_starts(body)
    if not starts:
        raise ParseError("no channel row (Trực tiếp / Trực tuyến / Dịch vụ bưu chính)")
    warnings: list[str] = []
    if starts[0].start() > 0:
        lead = body[: starts[0].start()].strip()
        if lead:
            warnings.append(f"channels: text before the first row: {lead[:60]!r}")
    channels: list[Channel] = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        row = body[start.end() : end]
        channels.append(_parse_channel_row(start.group("kind"), row))
    return channels, warnings


def _parse_channel_row(label: str, row: str) -> Channel:
    kind = _CHANNEL_KINDS[label]
    processing_time: Decimal | None = None
    unit: str | None = None
    time_text: str | None = None
    rest = row
    time_match = _TIME.match(row)
    if time_match:
        rest = row[time_match.end() :]
        digits = time_match.group("num")
        unit_text = time_match.group("unit")
        if digits and unit_text is None:
            glued = re.match(
                rf"([\d.,]*)\s?(?:/[^\s(]+)?\s?{_CURRENCY}", rest, re.IGNORECASE
            )
            if glued:
                # a bare time glued to an amount: "1" + "20,000 VNĐ"
                whole = digits + glued.group(1)
                digits, amount = _split_time_and_amount(whole)
                rest = amount + rest[len(glued.group(1)) :]
        if digits:
            processing_time = parse_amount(digits)
            unit = unit_text.casefold() if unit_text else None
            time_text = f"{digits} {unit_text}" if unit_text else digits
    rest = rest.lstrip()
    if not _FEE_HEAD.match(rest):
        free = _FEE_HEAD.search(row)
        if free and free.start() > 0 and (time_match is None or not time_text):
            # the time cell is free text: "Không quy định", "Không phải ..."
            time_text = clean_text(row[: free.start()])
            processing_time, unit = None, None
            rest = row[free.start() :]
    fees, description_text, has_fee_value = _parse_fee_cell(rest)
    fee_cell = rest[: len(rest) - len(description_text)]
    fees_parsed = bool(fee_cell) or not rest.strip()
    description = clean_text(description_text)
    if has_fee_value:
        fees = _merge_description_fees(fees, description)
    else:
        fees = [f for f in _labelled_fees(description_text) if f.amount is not None]
    fees = [_thousands(fee, description) for fee in fees]
    return Channel(
        kind=kind,
        label=label,
        processing_time=processing_time,
        time_unit=unit,
        time_text=time_text,
        fees=fees,
        fee_text=clean_text(fee_cell) if fees_parsed else clean_text(rest),
        description=description,
        fees_parsed=fees_parsed,
    )


# ---------------------------------------------------------------------------
# Dossier components
# ---------------------------------------------------------------------------

_DOSSIER_HEADER = re.compile(r"Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng")
_COUNT = re.compile(
    r"(?P<orig>\d+)\s?bản chính(?:\s?,\s?(?P<copy>\d+)\s?bản sao)?"
    r"|Bản chính\s*:\s*(?P<orig2>\d+)\s*,?\s*Bản sao\s*:\s*(?P<copy2>\d+)",
    re.IGNORECASE,
)
_FORM_EXT = re.compile(r"\.(?i:docx?|pdf|xlsx?|odt|rtf|rar|zip|dox)(?![a-z])")
_FORM_CODE = re.compile(
    r"\b[Mm](?:ẫu|ẪU)(?:\s+(?:số|tờ khai))?\s+(?P<code>[A-ZĐ0-9][\w.\-/]*\w)"
)


def _count_value(digits: str) -> tuple[int, str]:
    """A count glued to the text before it: ``"20261"`` -> 1 and ``"2026"``."""
    if len(digits) == 1 or (len(digits) == 2 and digits[0] == "0"):
        return int(digits), ""
    return int(digits[-1]), digits[:-1]


def _row_end_ok(text: str, match: re.Match[str]) -> bool:
    """Is this count the end of a table row rather than words in a sentence?"""
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end() : match.end() + 2]
    if before == "(" or after[:1] in {")", ","}:
        return False
    return not (after[:1].isspace() and _is_lower(after[1:2]))


def _split_forms(text: str) -> tuple[str, list[str]]:
    """Split attached form file names off the end of a row's name text."""
    exts = list(_FORM_EXT.finditer(text))
    if not exts or exts[-1].end() != len(text.rstrip()):
        return text, []
    chain = [exts[-1]]
    for ext in reversed(exts[:-1]):
        between = text[ext.end() : chain[0].start()]
        if len(between) > 120 or ";" in between or "\n" in between:
            break
        if _has_boundary(between):
            break
        chain.insert(0, ext)
    start = _form_start(text, chain[0].start())
    forms: list[str] = []
    cursor = start
    for ext in chain:
        name = clean_text(text[cursor : ext.end()].lstrip(" ,;.:-"))
        if name:
            forms.append(name)
        cursor = ext.end()
    if not clean_text(text[:start]):
        # the whole cell is a file name: it names the paper too
        return _FORM_EXT.sub("", forms[0]) if forms else text, forms
    return text[:start], forms


def _has_boundary(text: str) -> bool:
    """Does ``text`` (between two file names) hold the end of a sentence?"""
    return any(
        text[index - 1] in ";:"
        or (text[index - 1] in ")”" and not text[index].isspace())
        or (text[index - 1] == "." and index >= 2 and _is_lower(text[index - 2]))
        for index in range(1, len(text))
    )


def _form_start(text: str, ext_start: int) -> int:
    """Where the first attached file name begins (it is glued to the name).

    Looking back from the extension: after a ";" or ":", after a sentence end
    glued to a capital ("...năm 2024).MauKX11"), else at a change of case
    ("...theo mẫuMẫu số 01", "...NĐ-CPMus03"), else after the last ". " or
    ", ", else 150 characters back.
    """
    window_start = max(0, ext_start - 150)
    for index in range(ext_start - 1, window_start, -1):
        prev, char = text[index - 1], text[index]
        before_prev = text[index - 2] if index >= 2 else ""
        if char.isspace():
            continue
        if prev in ";:":
            return index
        sentence_end = prev == "." and (_is_lower(before_prev) or before_prev in ")”")
        if sentence_end and (_is_upper(char) or char.isdigit()):
            return index
        if prev in ")”" and char not in ".,;)":
            return index
    for index in range(ext_start - 1, window_start, -1):
        prev, char = text[index - 1], text[index]
        nxt = text[index + 1 : index + 2]
        if not (_is_upper(char) and nxt):
            continue
        lower_to_upper = (_is_lower(prev) or prev.isdigit()) and (
            _is_lower(nxt) or nxt.isspace() or nxt.isdigit()
        )
        camel = _is_upper(prev) and _is_lower(nxt)
        if lower_to_upper or camel:
            return index
    sentence = max(text.rfind(". ", 0, ext_start), text.rfind(", ", 0, ext_start))
    return sentence + 2 if sentence >= window_start else window_start


_NOTE_START = re.compile(r"(?<=[.;])\s+(?=(?:Trường hợp|Lưu ý|Ghi chú|Đối với|Nếu)\b)")


def _name_and_notes(text: str) -> tuple[str, str | None]:
    """Split a component's text into its name and trailing notes."""
    text = _strip_bullet(text).rstrip(" ;,")
    match = _NOTE_START.search(text)
    if match and match.start() >= 15:
        return text[: match.start()].rstrip(" ;"), clean_text(text[match.end() :])
    return text, None


def _clean_case(text: str) -> str | None:
    heading = clean_text(text)
    if heading is None:
        return None
    heading = _strip_bullet(heading).strip(" :")
    return heading or None


def parse_dossier(value: Any) -> tuple[list[DossierComponent], list[str]]:
    """Parse the flattened dossier table (``thanh_phan_ho_so``).

    Text before each ``Tên giấy tờMẫu đơn, tờ khaiSố lượng`` header is the case
    heading of the rows under it; each row ends with its count ("1 bản chính",
    "0 bản chính,1 bản sao").
    """
    text = clean_block(value)
    if text is None:
        return [], []
    text = _flat(text)
    pieces = _DOSSIER_HEADER.split(text)
    if len(pieces) == 1:
        raise ParseError("no dossier table header (Tên giấy tờ / Số lượng)")
    warnings: list[str] = []
    components: list[DossierComponent] = []
    case = _clean_case(pieces[0])
    for number, piece in enumerate(pieces[1:], start=1):
        rows, tail = _dossier_rows(piece, case)
        components.extend(rows)
        is_last = number == len(pieces) - 1
        if is_last:
            tail_text = clean_text(tail)
            if tail_text:
                name, forms = _split_forms(tail_text)
                name, notes = _name_and_notes(name)
                components.append(
                    DossierComponent(
                        name=name or tail_text,
                        forms=forms,
                        form_codes=_form_codes(name),
                        notes=notes,
                        case=case,
                    )
                )
                warnings.append("dossier_components: last row has no count")
        else:
            case = _clean_case(tail)
    if not any(c.originals is not None for c in components):
        raise ParseError("no dossier row with a count (N bản chính)")
    return components, warnings


def _form_codes(text: str) -> list[str]:
    codes: list[str] = []
    for match in _FORM_CODE.finditer(text):
        code = match.group("code").rstrip(".-/")
        if code and code not in codes:
            codes.append(code)
    return codes


def _dossier_rows(piece: str, case: str | None) -> tuple[list[DossierComponent], str]:
    rows: list[DossierComponent] = []
    cursor = 0
    for match in _COUNT.finditer(piece):
        if not _row_end_ok(piece, match):
            continue
        orig_digits = match.group("orig") or match.group("orig2")
        lead = ""
        if match.group("orig"):
            originals, lead = _count_value(orig_digits)
        else:
            originals = int(orig_digits)
        copy_digits = match.group("copy") or match.group("copy2")
        copies = int(copy_digits) if copy_digits else 0
        row_text = piece[cursor : match.start()] + lead
        cursor = match.end()
        cleaned = clean_text(row_text)
        if cleaned is None:
            if rows:
                continue
            cleaned = ""
        name, forms = _split_forms(cleaned)
        name, notes = _name_and_notes(name)
        rows.append(
            DossierComponent(
                name=name,
                originals=originals,
                copies=copies,
                forms=forms,
                form_codes=_form_codes(name),
                notes=notes,
                case=case,
                count_text=clean_text(match.group(0)),
            )
        )
    return rows, piece[cursor:]


# ---------------------------------------------------------------------------
# Legal basis
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

_RESULT_CODE = re.compile(
    r"Mã\s*:\s*(?P<code>[A-Za-z0-9]+(?:[._\-][A-Za-z0-9]+)*)?", re.ASCII
)
_RESULT_CHROME = re.compile(r"Từ khóa(?P<kw>.*?)Mô tả(?P<desc>.*?)(?:Chọn cơ quan|$)")


def parse_results(value: Any) -> tuple[list[Result], str | None, str | None]:
    """Parse ``ket_qua_xu_ly``: ``name`` + ``Mã: KQ...`` pairs, then page chrome.

    Returns the results, the page's keywords and the result description (both
    usually "Không có thông tin", i.e. ``None``).
    """
    text = clean_block(value)
    if text is None:
        return [], None, None
    text = _flat(text)
    keywords = description = None
    chrome = text.rfind("Từ khóa")
    if chrome >= 0:
        match = _RESULT_CHROME.match(text, chrome)
        if match:
            keywords = clean_text(match.group("kw"))
            description = clean_text(match.group("desc"))
        text = text[:chrome]
    results: list[Result] = []
    cursor = 0
    for match in _RESULT_CODE.finditer(text):
        code = match.group("code")
        end = match.end()
        if code:
            # the code runs into the next name: keep it up to its last digit
            trimmed = re.match(r".*\d", code)
            code = trimmed.group(0) if trimmed else code
            end = match.start("code") + len(code)
        name = _strip_bullet(text[cursor : match.start()]).strip(" ;,")
        if name:
            results.append(Result(name=name, code=code))
        cursor = end
    rest = _strip_bullet(text[cursor:]).strip(" ;,")
    if rest and not _is_empty(rest):
        results.append(Result(name=rest, code=None))
    if not results and not text.strip():
        raise NoValue
    if not results:
        raise ParseError("no result name")
    return results, keywords, description


# ---------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------

_STEP_WORD = re.compile(r"^(?:[\-–+*•]\s*|[a-zđ]\)\s*)?Bước\s*\d", re.IGNORECASE)
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dash", re.compile(r"^[\-–—•●]\s*")),
    ("plus", re.compile(r"^\+(?!\+)\s*")),
    ("decimal", re.compile(r"^\d+(?:\.\d+)*[.)]\s+")),
    ("letter", re.compile(r"^[a-zđ]\)\s*")),
    ("star", re.compile(r"^\*\s*")),
)


_NOTE_HEADING = re.compile(r"^[*\-+\s]*(?:Lưu ý|Ghi chú|Chú ý)\b", re.IGNORECASE)
_STEPS_HEADING = re.compile(r"^Trình tự thực hiện\s*:?$", re.IGNORECASE)


def parse_steps(value: Any) -> list[Step]:
    """Split ``trinh_tu_thuc_hien`` into ordered steps.

    Lines starting with "Bước N" are the steps when there are at least two of
    them; otherwise lines starting with the first bullet kind met ("-", "+",
    "1.", "a)") start the steps.  Other lines are kept with the step before,
    so no text is lost.  Entries after a "Lưu ý" heading are marked as notes.
    """
    text = clean_block(value)
    if text is None:
        return []
    lines = [line for line in text.split("\n") if not _STEPS_HEADING.match(line)]
    if len(lines) == 1:
        lines = _split_inline(lines[0])
    step_lines = [bool(_STEP_WORD.match(line)) for line in lines]
    if sum(step_lines) < 2:
        kind = next(
            (
                name
                for line in lines
                for name, pattern in _MARKERS
                if pattern.match(line)
            ),
            None,
        )
        if kind is None:
            step_lines = [True] * len(lines)
        else:
            pattern = dict(_MARKERS)[kind]
            step_lines = [bool(pattern.match(line)) for line in lines]
    chunks: list[tuple[list[str], bool]] = []
    in_notes = False
    for line, starts in zip(lines, step_lines, strict=True):
        heading = bool(_NOTE_HEADING.match(line))
        in_notes = in_notes or heading
        if heading and re.fullmatch(r"[*\-+\s]*\w+(?: \w+)?\s*:?", line):
            continue  # a bare "* Lưu ý:" heading: the note flag carries it
        if starts or heading or not chunks:
            chunks.append(([line], in_notes))
        else:
            chunks[-1][0].append(line)
    steps: list[Step] = []
    for chunk, note in chunks:
        first = re.sub(r"^[\-–—•●]\s*", "", chunk[0])
        body = "\n".join([first, *chunk[1:]]).strip()
        if body and not _is_empty(body):
            steps.append(Step(number=len(steps) + 1, text=body, note=note))
    return steps


def _split_inline(line: str) -> list[str]:
    """Split a one-line text on inline step markers ("Bước 2:", "b)")."""
    if len(re.findall(r"Bước\s*\d+\s*[:.]", line)) >= 2:
        return [part for part in re.split(r"(?=Bước\s*\d+\s*[:.])", line) if part]
    if re.match(r"[a-zđ]\)\s", line):
        parts = re.split(r"(?<=[.;:])\s*(?=[a-zđ]\)\s)", line)
        if len(parts) >= 2:
            return parts
    return [line]


# ---------------------------------------------------------------------------
# The record
# ---------------------------------------------------------------------------

T = TypeVar("T")

_PART_FIELDS = {
    "steps": "trinh_tu_thuc_hien",
    "channels": "cach_thuc_thuc_hien",
    "dossier_components": "thanh_phan_ho_so",
    "legal_basis": "can_cu_phap_ly",
    "results": "ket_qua_xu_ly",
}


def _field_text(record: Mapping[str, Any], key: str) -> str | None:
    return clean_block(record.get(key))


_PARSE_ERRORS = (ParseError, ValueError, TypeError, IndexError, AttributeError)
_SPILLED_HEADING = re.compile(
    r"^Không có thông tin\s*(?:"
    + "|".join(re.escape(h) for _k, h in _SECTION_HEADINGS)
    + ")",
    re.IGNORECASE,
)


def _part_text(value: Any) -> str | None:
    """Cleaned text of a part; "Không có thông tin" + next heading is none."""
    text = clean_block(value)
    if text is not None and _SPILLED_HEADING.match(text):
        return None
    return text


def _pick_source(
    part: str,
    record: Mapping[str, Any],
    sections: Mapping[str, str],
    parser: Callable[[Any], T],
) -> tuple[T | None, str | None, str, str | None]:
    """Parse a part from its field or from the same section of ``raw_text``.

    The field is used when it matches the page.  When it is the page's
    section cut short, or differs from it (the collector split the page on a
    heading that also occurs in body text), the page's section is tried first.

    Returns ``(value, text, source, error)``: ``source`` is ``"field"`` or
    ``"raw_text"``; ``text`` is ``None`` when the part has no value; ``error``
    is why a part with a value could not be parsed.
    """
    field_value = record.get(_PART_FIELDS[part])
    field_text = _part_text(field_value) if isinstance(field_value, str) else None
    has_section = part in sections
    section = _part_text(sections[part]) if has_section else None
    error = None
    if field_value is not None and not isinstance(field_value, str):
        error = f"unexpected {type(field_value).__name__} value"
    candidates: list[tuple[str, str]] = []
    if has_section and section != field_text and section is not None:
        candidates.append((section, "raw_text"))
    if field_text is not None:
        candidates.append((field_text, "field"))
    for text, source in candidates:
        try:
            return parser(text), text, source, None
        except NoValue:
            return None, None, source, None
        except _PARSE_ERRORS as exc:
            error = error or str(exc) or exc.__class__.__name__
    if has_section and section is None and field_text is not None:
        # the page has no such section: the field holds another part's text
        return None, None, "raw_text", None
    if error is None:
        return None, None, "field", None
    return None, field_text or section, "field", error


def parse_record(record: Any) -> ParsedProcedure:
    """Parse one raw record.  Never raises; see ``problems``."""
    if not isinstance(record, Mapping):
        return ParsedProcedure(
            code=None,
            name=None,
            problems=[f"record: not a mapping ({type(record).__name__})"],
        )
    problems: list[str] = []
    warnings: list[str] = []
    raw: dict[str, str | None] = {}
    status: dict[str, str] = {}
    sources: dict[str, str] = {}
    try:
        sections = raw_sections(record.get("raw_text"))
    except Exception as exc:  # noqa: BLE001 - a bad page must not stop the import
        sections = {}
        warnings.append(f"raw_text: could not be cut into sections ({exc})")

    def simple(key: str) -> str | None:
        value = record.get(key)
        if value is not None and not isinstance(value, str | int | float):
            problems.append(f"{key}: unexpected {type(value).__name__} value")
            return None
        return clean_text(value)

    def run(part: str, parser: Callable[[Any], T], empty: T) -> T:
        try:
            value, text, source, error = _pick_source(part, record, sections, parser)
        except Exception as exc:  # noqa: BLE001 - never raise on a bad record
            value, text, source, error = None, None, "field", repr(exc)
        raw[part] = text
        if source != "field":
            sources[part] = source
        if error is not None:
            status[part] = FAILED
            problems.append(f"{part}: {error}")
            return empty
        status[part] = PARSED if text is not None else EMPTY
        return value if value is not None else empty

    steps = run("steps", parse_steps, [])
    channel_pair = run("channels", parse_channels, ([], []))
    channels, channel_warnings = channel_pair
    warnings.extend(channel_warnings)
    dossier, dossier_warnings = run("dossier_components", parse_dossier, ([], []))
    warnings.extend(dossier_warnings)
    legal, legal_warnings = run("legal_basis", parse_legal_basis, ([], []))
    warnings.extend(legal_warnings)
    results, keywords, result_description = run(
        "results", parse_results, ([], None, None)
    )
    warnings.extend(_quality_warnings(steps, results, channels))
    status["fees"] = _fee_status(channels, status.get("channels"))
    raw["fees"] = "\n".join(c.fee_text for c in channels if c.fee_text) or None
    if status["fees"] == FAILED:
        problems.append("fees: a channel's fee cell could not be read")

    levels: list[Level] = []
    try:
        levels = parse_levels(record.get("cap_thuc_hien"))
    except (ParseError, TypeError, ValueError) as exc:
        problems.append(f"levels: {exc}")
    raw["levels"] = clean_text(record.get("cap_thuc_hien"))
    try:
        agencies = parse_agencies(record)
    except Exception as exc:  # noqa: BLE001 - one bad part must not lose the record
        agencies = Agencies()
        problems.append(f"agencies: {exc!r}")
    raw["agencies"] = clean_text(record.get("co_quan_thuc_hien"))
    applicants_text = simple("doi_tuong_thuc_hien")
    applicants = (
        [p.strip() for p in re.split(r"\s*[,;]\s*", applicants_text) if p.strip()]
        if applicants_text
        else []
    )
    return ParsedProcedure(
        code=simple("ma_thu_tuc"),
        name=simple("ten_thu_tuc"),
        decision_number=simple("so_quyet_dinh"),
        procedure_type=simple("loai_thu_tuc"),
        field=simple("linh_vuc"),
        levels=levels,
        applicants=applicants,
        agencies=agencies,
        reception_address=clean_text(record.get("dia_chi_tiep_nhan")),
        requirements=clean_block(record.get("yeu_cau_dieu_kien")),
        related_procedures=clean_block(record.get("thu_tuc_lien_quan")),
        steps=steps,
        channels=channels,
        dossier_components=dossier,
        legal_basis=legal,
        results=results,
        keywords=keywords,
        result_description=result_description,
        url=simple("detail_url"),
        ministry=simple("_agency_dir"),
        raw=raw,
        status=status,
        problems=problems,
        warnings=warnings,
        sources=sources,
    )


def _quality_warnings(
    steps: list[Step], results: list[Result], channels: list[Channel]
) -> list[str]:
    """Warnings for parts that parsed but look incomplete."""
    warnings: list[str] = []
    if len(steps) == 1 and len(steps[0].text) > 600:
        warnings.append("steps: one long block without step markers")
    if any(r.code for r in results) and not all(r.code for r in results):
        warnings.append("results: a result has no code")
    elif results and not any(r.code for r in results):
        warnings.append("results: no result code (Mã: KQ...)")
    if any(
        fee.amount is not None and fee.currency == "VND" and 0 < fee.amount < 1000
        for c in channels
        for fee in c.fees
    ):
        warnings.append("fees: an amount under 1,000 VND (thousands dropped?)")
    return warnings


def _fee_status(channels: list[Channel], channel_status: str | None) -> str:
    if channel_status == FAILED:
        return FAILED
    if any(not c.fees_parsed for c in channels):
        return FAILED
    with_value = [c for c in channels if c.fee_text or c.fees]
    if not with_value:
        return EMPTY
    ok = all(c.fees for c in with_value) and all(
        fee.is_free or fee.amount is not None for c in with_value for fee in c.fees
    )
    return PARSED if ok else FAILED


# ---------------------------------------------------------------------------
# Files and coverage
# ---------------------------------------------------------------------------


def parse_file(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the records of a ``.jsonl`` or ``.jsonl.gz`` file, one per line."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line:
                yield json.loads(line)


@dataclass(frozen=True)
class Coverage:
    """How many records had a value for a part, how many were parsed.

    ``clean`` counts the parsed ones that raised no warning for the part.
    """

    part: str
    with_value: int
    parsed: int
    clean: int = 0

    @property
    def share(self) -> float:
        return self.parsed / self.with_value if self.with_value else 1.0

    @property
    def clean_share(self) -> float:
        return self.clean / self.with_value if self.with_value else 1.0


def coverage(records: Iterable[Any]) -> dict[str, Coverage]:
    """Per part, the share of records with a source value that were parsed.

    ``records`` may be raw records or :class:`ParsedProcedure` objects.
    """
    counts = {part: [0, 0, 0] for part in COVERAGE_PARTS}
    for record in records:
        parsed = record if isinstance(record, ParsedProcedure) else parse_record(record)
        for part in COVERAGE_PARTS:
            state = parsed.status.get(part, EMPTY)
            if state == EMPTY:
                continue
            counts[part][0] += 1
            if state == PARSED:
                counts[part][1] += 1
                prefix = f"{part}:"
                if not any(w.startswith(prefix) for w in parsed.warnings):
                    counts[part][2] += 1
    return {part: Coverage(part, *counts[part]) for part in COVERAGE_PARTS}


def format_coverage(table: Mapping[str, Coverage], total: int) -> str:
    """The coverage table as text (clean = parsed without a warning)."""
    lines = [
        f"{total} records",
        f"{'part':<20}{'with value':>11}{'parsed':>8}{'share':>8}"
        f"{'clean':>8}{'share':>8}",
    ]
    for item in table.values():
        lines.append(
            f"{item.part:<20}{item.with_value:>11}{item.parsed:>8}"
            f"{item.share:>8.1%}{item.clean:>8}{item.clean_share:>8.1%}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Parse procedure records and report per-part coverage."
    )
    parser.add_argument("path", help=".jsonl or .jsonl.gz file of raw records")
    parser.add_argument(
        "--failures",
        metavar="PART",
        help="print samples of records whose PART failed to parse",
    )
    parser.add_argument("--limit", type=int, default=10, help="samples to print")
    args = parser.parse_args(argv)
    parsed = [parse_record(record) for record in parse_file(args.path)]
    out = sys.stdout
    out.write(format_coverage(coverage(parsed), len(parsed)) + "\n")
    if args.failures:
        shown = 0
        for item in parsed:
            if item.status.get(args.failures) != FAILED:
                continue
            reasons = [p for p in item.problems if p.startswith(args.failures)]
            out.write(f"\n{item.code} {reasons}\n")
            out.write(f"  {(item.raw.get(args.failures) or '')[:600]!r}\n")
            shown += 1
            if shown >= args.limit:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
