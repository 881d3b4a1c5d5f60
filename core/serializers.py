"""Fields citizens fill in, checked the same way on every form.

Names, addresses and free text are stored and shown as plain text: any
markup is removed (nh3) and entities decoded. Phone numbers are Vietnamese
numbers however they are typed (``0912 345 678``, ``+84 912.345.678``).
Serializers call these from their ``validate_<field>`` methods.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import nh3
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import periods
from .masking import normalise_phone

REQUIRED = {
    "required": _("Trường này là bắt buộc."),
    "blank": _("Trường này không được để trống."),
    "null": _("Trường này không được để trống."),
}

PHONE_INVALID = _("Số điện thoại không hợp lệ (ví dụ 0912 345 678).")


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


class _InRange:
    """A date field refusing years outside ``core.periods``' range: year 1 or
    9999 only overflowed later, when a deadline was computed or the instant
    converted to UTC."""

    def to_internal_value(self, value):
        try:
            parsed = super().to_internal_value(value)
            day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
            if isinstance(parsed, dt.datetime) and is_aware(parsed):
                # Where the day is counted; fails for the last instants of 9999.
                day = localtime(parsed).date()
        except OverflowError:
            raise serializers.ValidationError(periods.RANGE_MESSAGE) from None
        if not periods.in_range(day):
            raise serializers.ValidationError(periods.RANGE_MESSAGE)
        return parsed


class InstantField(_InRange, serializers.DateTimeField):
    """An instant within the portal's years (2000–2100)."""


class DayField(_InRange, serializers.DateField):
    """A date within the portal's years (2000–2100)."""
