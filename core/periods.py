"""Reporting periods of the statistics: a year, a quarter, a month or a range.

``parse_period`` reads what the API's ``?period=`` and the admin's figures
take (``2025``, ``2025-Q2``, ``2025-06``, ``2025-01-01..2025-03-31``) into
a half-open interval of aware datetimes in the portal's time zone.

Years outside ``EARLIEST_YEAR``..``LATEST_YEAR`` are refused: the portal's
records start with the one-stop mechanism (2003) and year 1 or 9999 only
overflowed the conversion to UTC (a 500). ``core.serializers`` applies the
same range to the dates the desk systems send.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

# The one-stop mechanism began in 2003 (Decision 181/2003/QĐ-TTg); nothing the
# portal counts is older, and nothing is planned past the century.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


class PeriodError(ValueError):
    """Not a period the statistics know."""


def in_range(day: dt.date) -> bool:
    """Whether ``day`` lies within the years the portal deals with."""
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def _range_message() -> str:
    return _("Ngày phải trong khoảng năm %(first)d–%(last)d.") % {
        "first": EARLIEST_YEAR,
        "last": LATEST_YEAR,
    }


RANGE_MESSAGE = lazy(_range_message, str)()


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

    def period(first: dt.date, following: dt.date, label: str) -> Period:
        """From ``first`` up to (not including) ``following``, both in range."""
        if not (in_range(first) and in_range(following - dt.timedelta(days=1))):
            raise PeriodError(value)
        return Period(at(first), at(following), label)

    def at(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    try:
        if m := re.fullmatch(r"(\d{4})", value, re.ASCII):
            year = int(m[1])
            return period(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), value)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value, re.IGNORECASE | re.ASCII):
            year, quarter = int(m[1]), int(m[2])
            start = dt.date(year, 3 * quarter - 2, 1)
            end = (
                dt.date(year + 1, 1, 1)
                if quarter == 4
                else dt.date(year, 3 * quarter + 1, 1)
            )
            return period(start, end, value.upper())
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value, re.ASCII):
            year, month = int(m[1]), int(m[2])
            start = dt.date(year, month, 1)
            end = dt.date(year + (month == 12), month % 12 + 1, 1)
            return period(start, end, value)
        if m := re.fullmatch(
            r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", value, re.ASCII
        ):
            start = dt.date.fromisoformat(m[1])
            end = dt.date.fromisoformat(m[2])
            if end < start:
                raise PeriodError(value)
            return period(start, end + dt.timedelta(days=1), value)
    except (ValueError, OverflowError) as exc:
        raise PeriodError(value) from exc
    raise PeriodError(value)


def current_quarter(today: dt.date | None = None) -> Period:
    """The quarter ``today`` (the portal's local date) falls in: "2026-Q4"."""
    today = today or timezone.localdate()
    return parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")


def in_words(period: Period) -> str:
    """The period as a title says it: "quý 4/2026", "tháng 6/2025", "năm 2025"."""
    from django.utils.translation import gettext

    label = period.label
    if period.start is None:
        return gettext("all time")
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        return gettext("quarter %(quarter)s/%(year)s") % {"quarter": m[2], "year": m[1]}
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return gettext("month %(month)d/%(year)s") % {"month": int(m[2]), "year": m[1]}
    if re.fullmatch(r"\d{4}", label):
        return gettext("year %(year)s") % {"year": label}
    last = timezone.localtime(period.end).date() - dt.timedelta(days=1)
    first = timezone.localtime(period.start).date()
    return gettext("%(first)s to %(last)s") % {
        "first": f"{first:%d/%m/%Y}",
        "last": f"{last:%d/%m/%Y}",
    }
