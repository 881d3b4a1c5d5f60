"""What a procedure page states, in the words citizens read.

Plain functions over the values of the page's blocks (the dicts the importer
writes and the API serves): a channel's processing time as a phrase that
always carries its unit or says it has none, never a bare number.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

#: The units a processing time is counted in, as the portal writes them.
TIME_UNITS = (
    ("ngày làm việc", "ngày làm việc"),
    ("ngày", "ngày"),
    ("giờ làm việc", "giờ làm việc"),
    ("giờ", "giờ"),
    ("tuần", "tuần"),
    ("tháng", "tháng"),
    ("năm", "năm"),
    ("phút", "phút"),
)
#: How a channel's unit was found (``catalogue.parsing.times``).
UNIT_BASES = (
    ("stated", "Ghi trong bảng cách thức thực hiện"),
    ("channels", "Suy ra từ cách thức khác của thủ tục"),
    ("description", "Suy ra từ mô tả của cách thức"),
    ("steps", "Suy ra từ trình tự thực hiện"),
)
UNIT_NOT_STATED = "Không ghi rõ đơn vị"


def _number(value: Any) -> str | None:
    """``Decimal("1.50")`` as "1,5" (Vietnamese decimal comma); None when empty."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format(number.normalize(), "f").replace(".", ",")


def time_label(channel: dict[str, Any]) -> str:
    """The processing time of a channel block value as the page shows it.

    "1 ngày làm việc"; a number whose unit the source does not give reads
    "Không ghi rõ đơn vị — 1"; a time the source gives only in words
    ("Không quy định") is shown as written; no time at all is "".
    """
    number = _number(channel.get("processing_time"))
    unit = (channel.get("time_unit") or "").strip()
    if number is None:
        return (channel.get("time_text") or "").strip()
    if unit:
        return f"{number} {unit}"
    return f"{UNIT_NOT_STATED} — {number}"
