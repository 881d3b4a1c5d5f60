"""Vietnamese text helpers shared by the apps (normalisation and folding)."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Đ/đ are letters of their own, not a base letter plus a mark: NFD keeps them.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str | None) -> str:
    """NFC-normalise and collapse white space (input methods emit NFD)."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold_diacritics(text: str | None) -> str:
    """Strip Vietnamese diacritics: "Hộ chiếu Đà Nẵng" -> "Ho chieu Da Nang"."""
    decomposed = unicodedata.normalize("NFD", nfc(text).translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


# --- What comes in -------------------------------------------------------------
#
# Text typed by people reaches the portal through input methods that emit NFD,
# pasted from word processors with zero-width and bidi marks, or crafted with
# bidi overrides (U+202E makes "gpj.exe" read "exe.jpg") and control characters.
# None of these have a place in Vietnamese text, and each one defeats matching
# (masking a name, finding a phone number, searching): so every text is cleaned
# once where it comes in (``core.parsers``, ``core.middleware``).

_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029]")
_KEPT_CONTROLS = frozenset("\n\t")
# Cc: C0/C1 controls; Cf: format characters (zero-width, bidi embeddings,
# overrides, isolates and marks, soft hyphen, BOM); Cs: lone surrogates, which
# JSON can carry but no database stores.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


class InputRefused(ValueError):
    """Text that was nothing but invisible or control characters."""


def _removed(ch: str) -> bool:
    return ch not in _KEPT_CONTROLS and unicodedata.category(ch) in (
        _REMOVED_CATEGORIES
    )


def clean_input(value: str, *, multiline: bool = True) -> str:
    """Text as it came in, cleaned: NFC, no control, bidi or zero-width characters.

    Line breaks become ``\\n``; in a single-line field (``multiline=False``) line
    breaks and tabs become spaces. White space is otherwise kept as typed (the
    fields trim it). Raises :class:`InputRefused` when the value had characters
    and all of them were removed: storing an empty value instead would change
    what the person sent.
    """
    if not value:
        return value
    text = _LINE_BREAK.sub("\n", value)
    cleaned = "".join(ch for ch in text if not _removed(ch))
    if not multiline:
        cleaned = cleaned.replace("\n", " ").replace("\t", " ")
    # After the removal: a zero-width joiner between a letter and its mark
    # would otherwise keep them from composing.
    cleaned = unicodedata.normalize("NFC", cleaned)
    if not cleaned.strip() and cleaned != text and text.strip():
        raise InputRefused(value)
    return cleaned
