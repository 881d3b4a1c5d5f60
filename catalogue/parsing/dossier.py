"""Dossier components: documents, originals and copies, form templates."""

from __future__ import annotations

import re
from typing import Any

from .model import DossierComponent, ParseError
from .text import _flat, _is_lower, _is_upper, _strip_bullet, clean_block, clean_text

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
