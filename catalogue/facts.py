"""What a procedure page states, in the words citizens read.

Plain functions over the values of the page's blocks (the dicts the importer
writes and the API serves): a channel's processing time as a phrase that
always carries its unit or says it has none, never a bare number.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from .parsing import parse_amount

#: The units a processing time is counted in, as the portal writes them.
TIME_UNITS = (
    ("ngày làm việc", _("working days")),
    ("ngày", _("days")),
    ("giờ làm việc", _("working hours")),
    ("giờ", _("hours")),
    ("tuần", _("weeks")),
    ("tháng", _("months")),
    ("năm", _("years")),
    ("phút", _("minutes")),
)
#: How a channel's unit was found (``catalogue.parsing.times``).
UNIT_BASES = (
    ("stated", _("Stated in the table of channels")),
    ("channels", _("Inferred from the procedure's other channels")),
    ("description", _("Inferred from the channel's description")),
    ("steps", _("Inferred from the steps")),
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


# ---------------------------------------------------------------------------
# Fees
# ---------------------------------------------------------------------------

# A note that only says again that the fee is free, or that there is nothing.
_NOTHING = re.compile(
    r"(?:không(?: có)?(?: thông tin)?|miễn phí|miễn lệ phí|không thu(?: phí| lệ phí)?"
    r"|không phải nộp(?: phí| lệ phí)?|0(?: đồng)?)[.;]?",
    re.IGNORECASE,
)
_CURRENCY_WORD = r"(?:việt nam đồng|vnđ|vnd|đồng|đ|usd|eur)"
# "Lệ phí : 400.000 Đồng", "Mức thu lệ phí: 400.000đ", "200.000 VNĐ" at a note's start
_RESTATED = re.compile(
    r"\s*(?:(?:mức thu\s+)?(?:lệ phí|phí)\s*:\s*)?(?P<amount>\d[\d.,]*)\s*"
    rf"(?:{_CURRENCY_WORD}\b)?\s*",
    re.IGNORECASE,
)
_CURRENCY_ONLY = re.compile(rf"\s*{_CURRENCY_WORD}(?=$|[\s/(.;,])", re.IGNORECASE)
# "Miễn lệ phí cho người thuộc hộ nghèo; ...", "Giảm 50% lệ phí đối với ..."
_EXEMPTION = re.compile(
    r"^[-+•\s]*(?:miễn|giảm|không thu)\b.*\b(?:cho|đối với|trường hợp)\b",
    re.IGNORECASE | re.DOTALL,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[-+•]?\s*[A-ZĐÀ-Ỹ])")


def _unwrap(text: str) -> str:
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for index, char in enumerate(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and index < len(text) - 1:
                return text  # "(a) ... (b)": the parentheses do not wrap it all
        text = text[1:-1].strip()
    return text


def _strip_restated(note: str, amount: Decimal | None) -> str:
    """The note without a leading restatement of the fee's own amount."""
    for _attempt in range(3):
        note = _unwrap(note)
        currency = _CURRENCY_ONLY.match(note)
        if currency:  # "12.000.000 VNĐ (đồng/lần)": the unit only, "/lần"
            note = note[currency.end() :].lstrip(" ,;:")
            continue
        match = _RESTATED.match(note)
        if not match or amount is None or parse_amount(match.group("amount")) != amount:
            break
        note = note[match.end() :].lstrip(" ,;:")
    return note.strip()


def fee_value(
    amount: Decimal | None,
    currency: str | None,
    is_free: bool,
    label: str | None,
    note: str | None,
) -> dict[str, Any]:
    """A fee block value: amount, label, its note and who is exempted, each once.

    The note (the portal's parenthesis after the amount) loses what the line
    already says: "Miễn phí" again, "Không", or its own amount restated
    ("200.000 VNĐ (200.000 đồng/lần)" keeps "/lần"); sentences that exempt
    someone ("Miễn lệ phí cho người thuộc hộ nghèo ...") become ``exemptions``.
    """
    text = _strip_restated(note or "", amount)
    if _NOTHING.fullmatch(text):
        text = ""
    kept: list[str] = []
    exemptions: list[str] = []
    for sentence in _SENTENCE.split(text) if text else []:
        (exemptions if _EXEMPTION.match(sentence) else kept).append(sentence.strip())
    description = " ".join(kept)
    if label and description.casefold() == label.casefold():
        description = ""
    return {
        "amount": None if amount is None else format(amount.normalize(), "f"),
        "currency": currency or "VND",
        "label": (label or "")[:200],
        "description": description,
        "is_free": is_free,
        "exemptions": " ".join(exemptions),
    }


def unique_fees(fees: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fee values without repeats, first occurrence kept, in order."""
    seen: set[tuple] = set()
    unique = []
    for fee in fees:
        key = tuple(sorted((k, str(v)) for k, v in fee.items()))
        if key not in seen:
            seen.add(key)
            unique.append(fee)
    return unique


def fee_line(fee: dict[str, Any]) -> str:
    """A fee as one line of the page (the frontend's Fees.svelte writes the same).

    "Lệ phí: 400.000 đồng — /trường hợp. Miễn, giảm: ..."; "Miễn phí".
    """
    amount = fee.get("amount")
    if fee.get("is_free") or not amount or Decimal(str(amount)) == 0:
        head = "Miễn phí"
    else:
        figure = f"{Decimal(str(amount)):,.0f}".replace(",", ".")
        currency = fee.get("currency") or "VND"
        head = f"{figure} đồng" if currency == "VND" else f"{figure} {currency}"
    if fee.get("label"):
        head = f"{fee['label']}: {head}"
    description = fee.get("description") or ""
    if description:
        head += description if description.startswith("/") else f" — {description}"
    if fee.get("exemptions"):
        head += f" Miễn, giảm: {fee['exemptions']}"
    return head
