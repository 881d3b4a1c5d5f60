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
