"""Fields citizens fill in, checked the same way on every form.

Names, addresses and free text are stored and shown as plain text: any
markup is removed (nh3) and entities decoded. Phone numbers are Vietnamese
numbers however they are typed (``0912 345 678``, ``+84 912.345.678``).
Serializers call these from their ``validate_<field>`` methods.
"""

from __future__ import annotations

import html
import re

import nh3
from rest_framework import serializers

from .masking import normalise_phone

REQUIRED = {
    "required": "Trường này là bắt buộc.",
    "blank": "Trường này không được để trống.",
    "null": "Trường này không được để trống.",
}

PHONE_INVALID = "Số điện thoại không hợp lệ (ví dụ 0912 345 678)."


def plain_text(value: str) -> str:
    """Text with any markup removed (stored and shown as plain text)."""
    return html.unescape(nh3.clean(value, tags=set())).strip()


def required_plain_text(value: str) -> str:
    """Plain text that must not be empty once the markup is gone (a name)."""
    value = plain_text(value)
    if not value:
        raise serializers.ValidationError(REQUIRED["blank"])
    return value


def phone_number(value: str) -> str:
    """A Vietnamese phone number as typed (trimmed), or a validation error."""
    if not re.fullmatch(r"[\d\s.+()\-]+", value) or not re.fullmatch(
        r"0\d{9,10}", normalise_phone(value)
    ):
        raise serializers.ValidationError(PHONE_INVALID)
    return value.strip()
