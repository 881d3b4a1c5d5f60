"""Text normalisation, amounts and dates, and the key of an agency's name."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

NO_INFO = "không có thông tin"
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile("[\u00a0\u2002\u2003\u2009]")
# Word-processor bullets (Wingdings, Symbol) pasted into the portal.
_PRIVATE_BULLETS = re.compile("[\uf000-\uf0ff]")
_SPACES = re.compile(r"[^\S\n]+")
_ALL_SPACES = re.compile(r"\s+")


# A record's parts are cut from its page text and cleaned more than once
# (each part from its field and from the page's section): the cleaned forms
# are remembered for the last few thousand texts seen.
@functools.lru_cache(maxsize=4096)
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
    return _clean_block(value)


@functools.lru_cache(maxsize=4096)
def _clean_block(value: str) -> str | None:
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
