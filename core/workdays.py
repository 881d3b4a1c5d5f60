"""Working-day arithmetic for legal deadlines.

Deadlines for petitions (Decision 766/QĐ-TTg) and dossiers are counted in
working days: Saturdays, Sundays and the public holidays in the
``PUBLIC_HOLIDAYS`` setting are skipped, and the dates in
``MAKEUP_WORKING_DAYS`` (Saturdays the government declares working days to
bridge a holiday) count as working days. The counting starts on the first
working day after the day of receipt, as the one-stop regulations count it:
a petition received on Friday with a 2-working-day limit is due on Tuesday.

Everything here is pure date arithmetic; the settings are read only when no
explicit calendar is passed, so the dossiers app and the tests can use their
own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import timezone

SATURDAY = 5


@dataclass(frozen=True)
class Calendar:
    """Which dates are working days."""

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    makeup_days: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def from_iso(
        cls, holidays: Iterable[str], makeup_days: Iterable[str] = ()
    ) -> Calendar:
        return cls(
            frozenset(dt.date.fromisoformat(day) for day in holidays),
            frozenset(dt.date.fromisoformat(day) for day in makeup_days),
        )

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.makeup_days:
            return True
        return day.weekday() < SATURDAY and day not in self.holidays

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (``start`` excluded).

        With ``days == 0`` the answer is ``start`` itself if it is a working
        day, otherwise the next working day.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        if days == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        day = start
        for _ in range(days):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start`` (an overdue countdown), so
        that ``working_days_between(a, add_working_days(a, n)) == n``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


@lru_cache(maxsize=8)
def _calendar(holidays: tuple[str, ...], makeup: tuple[str, ...]) -> Calendar:
    return Calendar.from_iso(holidays, makeup)


def default_calendar() -> Calendar:
    """The calendar from the ``PUBLIC_HOLIDAYS`` / ``MAKEUP_WORKING_DAYS`` settings."""
    from django.conf import settings

    return _calendar(
        tuple(getattr(settings, "PUBLIC_HOLIDAYS", ())),
        tuple(getattr(settings, "MAKEUP_WORKING_DAYS", ())),
    )


def local_date(moment: dt.datetime | dt.date) -> dt.date:
    """The date of ``moment`` in the portal's time zone."""
    if isinstance(moment, dt.datetime):
        return (
            timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
        )
    return moment


def add_working_days(
    start: dt.datetime | dt.date, days: int, calendar: Calendar | None = None
) -> dt.date:
    return (calendar or default_calendar()).add_working_days(local_date(start), days)


def working_days_left(
    due: dt.date, today: dt.date | None = None, calendar: Calendar | None = None
) -> int:
    """Working days from ``today`` until ``due``: 0 on the day, negative when late."""
    today = today or timezone.localdate()
    return (calendar or default_calendar()).working_days_between(today, due)


def is_working_day(day: dt.date, calendar: Calendar | None = None) -> bool:
    return (calendar or default_calendar()).is_working_day(day)
