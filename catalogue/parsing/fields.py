"""The short parts: levels, agencies, and sections cut again from raw_text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .model import Agencies, Level, ParseError
from .text import (
    _is_empty,
    _is_lower,
    _nfc,
    _strip_bullet,
    clean_block,
    clean_text,
    normalise_agency_name,
)

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
