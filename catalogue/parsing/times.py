"""Processing times without a unit: what the record itself says the unit is.

The portal's channel table gives a time as a number and a unit ("5 Ngày làm
việc"), but in about one channel in eight the unit cell is empty and only the
number is left ("Trực tuyến1Miễn phí").  The portal has no default unit (the
records that state one use "ngày làm việc", "ngày", "giờ" and "tháng" alike),
so a unit is only taken from the record's own words, in this order:

1. ``channels``: another channel of the same procedure states the same
   number with a unit ("Trực tiếp 5 Ngày làm việc" beside an online "5");
2. ``description``: the channel's own description states the number with a
   unit in a deadline phrase ("trong thời hạn 03 ngày làm việc");
3. ``steps``: the procedure's steps (trình tự thực hiện) state the number
   with one unit and one only; for "1", "trả kết quả trong ngày làm việc
   tiếp theo" / "ngay trong ngày" also counts as one working day.

Where the record says nothing, or says the number with two different units,
the unit stays unknown (``time_unit is None``) and the page says so in words.
Dates ("ngày 01 tháng 7 năm 2025") and clock times ("sau 15 giờ") are not
deadlines and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .model import Channel

STATED, CHANNELS, DESCRIPTION, STEPS = "stated", "channels", "description", "steps"
#: How a channel's unit was found, for the import summary, in display order.
UNIT_BASES = (STATED, CHANNELS, DESCRIPTION, STEPS)

_UNITS = ("ngày làm việc", "giờ làm việc", "ngày", "giờ", "tháng", "tuần", "phút")
_NUMBER_WORDS = {
    1: "một",
    2: "hai",
    3: "ba",
    4: "bốn",
    5: "năm",
    6: "sáu",
    7: "bảy",
    8: "tám",
    9: "chín",
    10: "mười",
}
# "trong ngày làm việc tiếp theo", "giải quyết ngay trong ngày": one working day.
_SAME_DAY = re.compile(
    r"\b(?:ngay\s+)?trong\s+(?:ngày\s+làm\s+việc(?:\s+tiếp\s+theo)?|ngày)\b"
    r"(?!\s*\d)",
    re.IGNORECASE,
)


# Words before a deadline that make it the procedure's own ("trả kết quả trong
# ngày làm việc tiếp theo") rather than one step's ("xác nhận (tối đa một ngày)").
_RESULT_WORDS = re.compile(r"trả kết quả|giải quyết|cấp (?:giấy|phép|lại)", re.I)
_RESULT_REACH = 100


def _mentions(number: Decimal, text: str) -> list[tuple[str, bool]]:
    """Units the text states ``number`` with, each with whether the phrase is
    about the result ("trả kết quả ... 03 ngày làm việc")."""
    if number != number.to_integral_value():
        spelled = [re.escape(format(number.normalize(), "f")).replace(r"\.", "[.,]")]
    else:
        value = int(number)
        spelled = [rf"0*{value}"]
        if value in _NUMBER_WORDS:
            spelled.append(_NUMBER_WORDS[value])
    pattern = re.compile(
        # not part of a longer number, a date ("ngày 01", "tháng 5") or a word
        r"(?<![\d.,/])(?<!ngày )(?<!tháng )(?<!năm )(?<!\w)"
        rf"(?:{'|'.join(spelled)})\s*(?P<unit>{'|'.join(_UNITS)})\b"
        # "01 tháng 7 năm" is a date, not a month
        r"(?!\s*\d)(?!\s+năm\s+\d)",
        re.IGNORECASE,
    )
    found = [
        (match.group("unit").casefold(), match.start())
        for match in pattern.finditer(text)
    ]
    if number == 1:
        found += [
            ("ngày làm việc", match.start()) for match in _SAME_DAY.finditer(text)
        ]
    return [
        (unit, bool(_RESULT_WORDS.search(text, max(0, start - _RESULT_REACH), start)))
        for unit, start in found
    ]


def _one_unit(mentions: list[tuple[str, bool]]) -> str | None:
    """The one unit of the result's deadlines, else of all mentions, else None."""
    for chosen in ({u for u, about in mentions if about}, {u for u, _ in mentions}):
        if chosen:
            return next(iter(chosen)) if len(chosen) == 1 else None
    return None


def infer_time_units(channels: list[Channel], steps_text: str | None) -> list[Channel]:
    """The channels with each bare time's unit inferred where the record says it.

    Each channel's ``time_unit_basis`` tells how its unit was found
    (:data:`UNIT_BASES`), ``None`` for a channel whose unit is still unknown
    or that has no number.
    """
    stated: dict[Decimal, set[str]] = {}
    for channel in channels:
        if channel.processing_time is not None and channel.time_unit:
            stated.setdefault(channel.processing_time, set()).add(channel.time_unit)
    inferred: list[Channel] = []
    for channel in channels:
        number = channel.processing_time
        if number is None:
            inferred.append(replace(channel, time_unit_basis=None))
            continue
        if channel.time_unit:
            inferred.append(replace(channel, time_unit_basis=STATED))
            continue
        units = stated.get(number, set())
        unit, basis = (next(iter(units)) if len(units) == 1 else None), CHANNELS
        if unit is None:
            described = _mentions(number, channel.description or "")
            unit, basis = _one_unit(described), DESCRIPTION
        if unit is None and steps_text:
            unit, basis = _one_unit(_mentions(number, steps_text)), STEPS
        inferred.append(
            replace(channel, time_unit=unit, time_unit_basis=basis if unit else None)
        )
    return inferred
