"""Personal-data masking for the public copy of a petition.

Removes e-mail addresses, phone numbers, ID card numbers (CMND 9 digits,
CCCD 12 digits), street addresses and the submitter's own name from free
text. Masking errs on the side of hiding: a procedure code such as
``1.001193`` survives (it has a dot), a bare run of 9-12 digits does not.
"""

from __future__ import annotations

import re

EMAIL_MASK = "[email đã ẩn]"
PHONE_MASK = "[số điện thoại đã ẩn]"
ID_MASK = "[số giấy tờ đã ẩn]"
ADDRESS_MASK = "[địa chỉ đã ẩn]"
NAME_MASK = "[họ tên đã ẩn]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese numbers: 0 or +84/84 then 9-10 digits, optionally grouped.
_PHONE = re.compile(r"(?<![\w.])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?![\w])")
_ID_NUMBER = re.compile(r"(?<![\w.])\d{9}(?:\d{3})?(?!\w|\.\d)")
_LABELLED_ADDRESS = re.compile(
    r"(?i)\b(địa chỉ|nơi ở|nơi cư trú|trú tại|thường trú|tạm trú|cư trú tại)"
    r"(\s*(?:tại)?\s*:?\s*)[^.;\n]+"
)
_STREET_ADDRESS = re.compile(
    r"(?i)\b(?:số nhà|số|nhà số|ngõ|ngách|hẻm|kiệt)\s+\d+[\w/\-]*"
    r"(?:[,\s]+(?:ngõ|ngách|hẻm|kiệt|đường|phố|tổ|thôn|ấp|xóm|khu phố|tổ dân phố)"
    r"\s+[^,.;\n]+)+"
)


def mask_text(text: str, names: tuple[str, ...] = ()) -> str:
    """``text`` with personal data replaced by placeholders."""
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _LABELLED_ADDRESS.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{ADDRESS_MASK}", text
    )
    text = _STREET_ADDRESS.sub(ADDRESS_MASK, text)
    text = _PHONE.sub(PHONE_MASK, text)
    text = _ID_NUMBER.sub(ID_MASK, text)
    for name in names:
        name = name.strip()
        if len(name) >= 3:
            text = re.sub(re.escape(name), NAME_MASK, text, flags=re.IGNORECASE)
    return text


def normalise_phone(phone: str) -> str:
    """Digits only, in the national form (``+84 912 345 678`` -> ``0912345678``)."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits
