"""What changed between two publications of a procedure, in words.

``facts(page)`` reads the parts citizens plan by from a page (the live page
at publication, or ``Revision.as_object()`` of an older revision): fees and
processing time per channel, the documents to bring, the legal basis and
the status. ``diff(before, after)`` says what differs, one line a change:

* ``lệ phí 50.000 đ → miễn phí`` (one line for all channels when they agree,
  else one a channel: ``Trực tuyến: …``);
* ``thời hạn 5 ngày làm việc → 3 ngày làm việc``;
* ``thêm giấy tờ: …`` / ``bỏ giấy tờ: …``;
* ``thêm căn cứ pháp lý: …`` / ``bỏ căn cứ pháp lý: …``;
* ``tình trạng: Còn hiệu lực → Đã bãi bỏ``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation

from catalogue.blocks import CHANNEL_KINDS
from catalogue.models import EffectiveStatus

CHANNEL_LABELS = dict(CHANNEL_KINDS)
FREE = "miễn phí"


def _money(amount: Any) -> str:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    whole = int(value) if value == value.to_integral_value() else value
    text = f"{whole:,}".replace(",", ".") if isinstance(whole, int) else str(whole)
    return f"{text} đ"


def _fee_text(fees) -> str:
    parts = []
    for fee in fees or []:
        label = (fee.get("label") or "phí, lệ phí").strip().lower()
        if fee.get("is_free") or not fee.get("amount"):
            parts.append(f"{label} {FREE}" if fee.get("label") else FREE)
        else:
            parts.append(f"{label} {_money(fee['amount'])}")
    return "; ".join(parts) or FREE


def _time_text(channel) -> str:
    amount = channel.get("processing_time")
    if amount in (None, ""):
        return (channel.get("time_text") or "").strip()
    number = Decimal(str(amount))
    number = int(number) if number == number.to_integral_value() else number
    unit = channel.get("time_unit") or ""
    return f"{number} {unit}".strip()


def facts(page) -> dict:
    """The comparable parts of ``page`` (JSON-serialisable)."""
    fees: dict[str, str] = {}
    times: dict[str, str] = {}
    for block in page.channels:
        channel = block.value
        kind = channel.get("kind") or ""
        fees[kind] = _fee_text(channel.get("fees"))
        times[kind] = _time_text(channel)
    documents = []
    for case in page.dossier:
        for component in case.value.get("components") or []:
            name = " ".join(str(component.get("name") or "").split())
            if name and name not in documents:
                documents.append(name)
    legal = []
    for block in page.legal_basis:
        document = block.value
        number = (document.get("number") or "").strip()
        title = " ".join(str(document.get("title") or "").split())
        text = f"{number} {title}".strip() if number not in title else title
        if text and text not in legal:
            legal.append(text)
    return {
        "fees": fees,
        "times": times,
        "documents": documents,
        "legal_basis": legal,
        "status": page.status,
    }


def _per_channel(
    name: str, before: dict[str, str], after: dict[str, str]
) -> list[dict]:
    kinds = [k for k in CHANNEL_LABELS if k in before or k in after]
    kinds += [k for k in {**before, **after} if k not in kinds]
    changed = [k for k in kinds if before.get(k) != after.get(k)]
    if not changed:
        return []
    old_values = {before.get(k) for k in kinds if k in before}
    new_values = {after.get(k) for k in kinds if k in after}
    if len(old_values) == 1 and len(new_values) == 1 and set(before) == set(after):
        old, new = old_values.pop(), new_values.pop()
        return [_change(name, old, new, prefix=name == "times")]
    return [
        _change(
            name,
            before.get(kind) or "—",
            after.get(kind) or "—",
            channel=str(CHANNEL_LABELS.get(kind, kind)),
            prefix=name == "times",
        )
        for kind in changed
    ]


def _shared_words(old: str, new: str) -> tuple[str, str, str]:
    """``lệ phí 50.000 đ`` / ``lệ phí miễn phí`` -> (``lệ phí``, the rests)."""
    a, b = old.split(), new.split()
    n = 0
    while n < min(len(a), len(b)) - 1 and a[n] == b[n]:
        n += 1
    return " ".join(a[:n]), " ".join(a[n:]), " ".join(b[n:])


def _change(part: str, old: str, new: str, *, channel: str = "", prefix=False):
    shared, old_rest, new_rest = (
        _shared_words(old, new) if part == "fees" else ("", old, new)
    )
    text = f"{old_rest} → {new_rest}"
    if shared:
        text = f"{shared} {text}"
    if prefix:
        text = f"thời hạn {text}"
    if channel:
        text = f"{channel}: {text}"
    return {"part": part, "before": old, "after": new, "text": text}


def _listed(part: str, noun: str, before: list[str], after: list[str]) -> list[dict]:
    lines = []
    for item in after:
        if item not in before:
            lines.append({"part": part, "before": None, "after": item,
                          "text": f"thêm {noun}: {item}"})  # fmt: skip
    for item in before:
        if item not in after:
            lines.append({"part": part, "before": item, "after": None,
                          "text": f"bỏ {noun}: {item}"})  # fmt: skip
    return lines


def diff(before: dict | None, after: dict) -> list[dict]:
    """What differs from ``before`` to ``after`` (nothing for a first one),
    in Vietnamese whatever the editor's language (the history is stored)."""
    if before is None:
        return []
    with translation.override("vi"):
        return _diff(before, after)


def _diff(before: dict, after: dict) -> list[dict]:
    lines = _per_channel("fees", before.get("fees", {}), after.get("fees", {}))
    lines += _per_channel("times", before.get("times", {}), after.get("times", {}))
    lines += _listed(
        "documents", "giấy tờ", before.get("documents", []), after["documents"]
    )
    lines += _listed(
        "legal_basis",
        "căn cứ pháp lý",
        before.get("legal_basis", []),
        after["legal_basis"],
    )
    old, new = before.get("status"), after.get("status")
    if old != new:
        labels = dict(EffectiveStatus.choices)
        old_label, new_label = str(labels.get(old, old)), str(labels.get(new, new))
        lines.append(
            {
                "part": "status",
                "before": old_label,
                "after": new_label,
                "text": f"tình trạng: {old_label} → {new_label}",
            }
        )
    return lines
