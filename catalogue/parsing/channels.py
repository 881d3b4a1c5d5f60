"""Channels (direct, postal, online) with their processing times and fees."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .model import Channel, Fee, ParseError
from .text import _flat, _is_upper, clean_block, clean_text, parse_amount

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
