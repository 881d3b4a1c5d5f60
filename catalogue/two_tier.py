"""Two-tier local government: what replaced the district level ("Cấp huyện").

Since 1 July 2025 local government has two levels, province and commune (Law
72/2025/QH15 on the Organisation of Local Government; Resolution
202/2025/QH15); the one-stop units are those of ministries, provinces and
communes (Decree 118/2025/NĐ-CP art. 1(1)). District People's Committees ended
on 30 June 2025. ``huyen`` survives only as a historical value: an export
that still says "Cấp huyện" is mapped by the rules of ``docs/legal.md`` §4.3,
each mapping reported; a district body ("Phòng … huyện", "UBND cấp huyện",
"Công an huyện") is kept as a historical agency, reported, and never offered
in filters, facets, browse pages or the admin.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DISTRICT = "huyen"
DISTRICT_ENDED = dt.date(2025, 6, 30)

# Names of bodies at each level, as the export writes them (casefolded text).
_DISTRICT_BODY = re.compile(r"(?<!\w)(?:cấp huyện|huyện|quận)(?!\w)")
# "xã hội" (Bảo hiểm xã hội) and "thị xã" (a district-level town) are no communes.
_COMMUNE_BODY = re.compile(
    r"(?<!\w)(?<!thị )(?:cấp xã|xã(?! hội)|phường|đặc khu)(?!\w)"
)
_PROVINCIAL_BODY = re.compile(
    r"(?<!\w)(?:sở|cấp tỉnh|tỉnh|văn phòng đăng ký đất đai)(?!\w)"
)


@dataclass(frozen=True)
class LevelMapping:
    """One record's district level replaced: what it was, what it became, why."""

    code: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    reason: str
    needs_review: bool = False

    def line(self) -> str:
        review = " (cần biên tập viên xem lại)" if self.needs_review else ""
        return (
            f"{self.code}: {','.join(self.old)} → {','.join(self.new)}: "
            f"{self.reason}{review}"
        )


def is_district_body(name: str) -> bool:
    """Whether an agency's name names a district body (gone since 1/7/2025)."""
    return _DISTRICT_BODY.search(name.casefold()) is not None


def map_levels(
    code: str,
    slugs: Sequence[str],
    *,
    agencies: Iterable[str] = (),
    current: Sequence[str] | None = None,
) -> tuple[list[str], LevelMapping | None]:
    """The levels of a record with "Cấp huyện" replaced (``docs/legal.md`` §4.3).

    In order: 1. the levels the current catalogue already has for the same
    code; 2. the record lists the commune level too, so the district level is
    dropped; 3. an implementing agency is a commune body → ``xa``; 4. it is a
    provincial body → ``tinh``; 5. otherwise ``xa`` (where the June 2025
    decrees dividing competences between the two levels moved most district
    competences), flagged for review.
    """
    if DISTRICT not in slugs:
        return list(slugs), None
    old = tuple(slugs)
    others = [slug for slug in slugs if slug != DISTRICT]

    def mapped(new: list[str], reason: str, review: bool = False):
        unique = list(dict.fromkeys(new))
        return unique, LevelMapping(code, old, tuple(unique), reason, review)

    if current and DISTRICT not in current:
        return mapped(
            list(current), "cấp thực hiện của mã này trong danh mục hiện hành"
        )
    if "xa" in others:
        return mapped(others, "đã có cấp xã, bỏ cấp huyện")
    names = [name.casefold() for name in agencies if not is_district_body(name)]
    if any(_COMMUNE_BODY.search(name) for name in names):
        return mapped([*others, "xa"], "cơ quan thực hiện là cơ quan cấp xã")
    if any(_PROVINCIAL_BODY.search(name) for name in names):
        return mapped([*others, "tinh"], "cơ quan thực hiện là cơ quan cấp tỉnh")
    return mapped(
        [*others, "xa"],
        "mặc định cấp xã (thẩm quyền cấp huyện phần lớn chuyển cho cấp xã "
        "từ 01/7/2025)",
        review=True,
    )


def agency_line(name: str) -> str:
    """The import summary's line for a district body."""
    return (
        f"{name}: cơ quan cấp huyện (không còn từ {DISTRICT_ENDED:%d/%m/%Y}); "
        "giữ là cơ quan lịch sử, không hiện trong bộ lọc và danh sách cơ quan"
    )
