"""Reporting periods of the statistics: a year, a quarter, a month or a range.

``parse_period`` reads what the API's ``?period=`` and the admin's figures
take (``2025``, ``2025-Q2``, ``2025-06``, ``2025-01-01..2025-03-31``) into
a half-open interval of aware datetimes in the portal's time zone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone


class PeriodError(ValueError):
    """Not a period the statistics know."""


@dataclass(frozen=True)
class Period:
    """From ``start`` (included) to ``end`` (excluded); both None: all time."""

    start: dt.datetime | None
    end: dt.datetime | None
    label: str


def parse_period(value: str | None) -> Period:
    """``2025``, ``2025-06``, ``2025-Q2`` or ``2025-01-01..2025-03-31``."""
    if not value:
        return Period(None, None, "all")
    value = value.strip()

    def at(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    try:
        if m := re.fullmatch(r"(\d{4})", value):
            year = int(m[1])
            return Period(at(dt.date(year, 1, 1)), at(dt.date(year + 1, 1, 1)), value)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value, re.IGNORECASE):
            year, quarter = int(m[1]), int(m[2])
            start = dt.date(year, 3 * quarter - 2, 1)
            end = (
                dt.date(year + 1, 1, 1)
                if quarter == 4
                else dt.date(year, 3 * quarter + 1, 1)
            )
            return Period(at(start), at(end), value.upper())
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m[1]), int(m[2])
            start = dt.date(year, month, 1)
            end = dt.date(year + (month == 12), month % 12 + 1, 1)
            return Period(at(start), at(end), value)
        if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", value):
            start = dt.date.fromisoformat(m[1])
            end = dt.date.fromisoformat(m[2])
            if end < start:
                raise PeriodError(value)
            return Period(at(start), at(end + dt.timedelta(days=1)), value)
    except ValueError as exc:
        raise PeriodError(value) from exc
    raise PeriodError(value)
