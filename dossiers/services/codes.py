"""Dossier codes, their daily sequence numbers and the promised dates."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from catalogue.models import Agency, ProcedurePage
from core.workdays import Calendar, default_calendar, local_date

WORKING_HOURS_PER_DAY = 8
# A one-stop unit's office hours on a working day, 8 hours in all. The unit's
# own hours come with the provincial catalogue (docs/province-catalogue.md);
# until then, these (the hours are not set by a text read, docs/legal.md §6).
OFFICE_HOURS = (
    (dt.time(7, 30), dt.time(11, 30)),
    (dt.time(13, 30), dt.time(17, 30)),
)
SEQUENCE_DIGITS = 4
# At least four digits (Circular 03/2025/TT-VPCP art. 13(3): "XXXX … tối thiểu
# gồm 04 ký tự", six with a centralised system's two-digit prefix); at most
# eight, which keeps the daily counter far inside its integer column.
MAX_SEQUENCE_DIGITS = 8
MAX_SEQUENCE = 10**MAX_SEQUENCE_DIGITS - 1

# --- Codes and promised dates -------------------------------------------------


# Circular 03/2025/TT-VPCP art. 13(3) (added by Circular 04/2025/TT-VPCP art.
# 23(2), in force 25/01/2026): "YYMMDD là ngày tiếp nhận hồ sơ, bao gồm 06 ký tự
# số". Codes issued before then carry the date in eight digits (YYYYMMDD); they
# are printed on receipts, so they stay valid for lookups and for desks
# re-sending dossiers received before that day.
SIX_DIGIT_DATE_FROM = dt.date(2026, 1, 25)


def dossier_code(agency_code: str, day: dt.date, sequence: int) -> str:
    """``<agency code>-<YYMMDD>-<sequence, at least 4 digits>``."""
    return f"{agency_code}-{day:%y%m%d}-{sequence:0{SEQUENCE_DIGITS}d}"


def code_pattern(agency_code: str) -> re.Pattern[str]:
    """An agency's codes: the date in six digits, or eight in codes issued earlier."""
    return re.compile(
        rf"{re.escape(agency_code)}-(\d{{6}}|\d{{8}})-(\d{{{SEQUENCE_DIGITS},}})"
    )


def code_date_matches(date_part: str, day: dt.date) -> bool:
    """Whether a code's date part is ``day`` in a form allowed on that day."""
    if date_part == f"{day:%y%m%d}":
        return True
    return date_part == f"{day:%Y%m%d}" and day < SIX_DIGIT_DATE_FROM


# The table of ``DossierSequence``: one upsert gives the next number, the row
# created or its counter raised in the same statement (PostgreSQL, and SQLite
# since 3.35).
_UPSERT_SEQUENCE = (
    'INSERT INTO "dossiers_dossiersequence" ("agency_id", "day", "last") '
    'VALUES (%s, %s, %s) ON CONFLICT ("agency_id", "day") DO UPDATE SET "last" = '
)
_NEXT_SEQUENCE = (
    _UPSERT_SEQUENCE + '"dossiers_dossiersequence"."last" + 1 RETURNING "last"'
)
_RAISE_SEQUENCE = (
    _UPSERT_SEQUENCE + 'CASE WHEN "dossiers_dossiersequence"."last" > %s '
    'THEN "dossiers_dossiersequence"."last" ELSE %s END RETURNING "last"'
)


def bump_sequence(agency: Agency, day: dt.date, at_least: int | None = None) -> int:
    """The next sequence number of ``agency`` on ``day`` (row-locked counter).

    The row stays locked until the caller's transaction ends, so concurrent
    receipts get consecutive numbers; ``at_least`` raises the counter to a
    number the desk gave itself.
    """
    with connection.cursor() as cursor:
        if at_least is None:
            cursor.execute(_NEXT_SEQUENCE, [agency.pk, day, 1])
        else:
            cursor.execute(_RAISE_SEQUENCE, [agency.pk, day, *[at_least] * 3])
        return cursor.fetchone()[0]


def processing_time(procedure: ProcedurePage, channel: str) -> tuple[Decimal, str]:
    """The (amount, unit) published for ``channel``, else for any channel."""
    candidates: list[tuple[Decimal, str]] = []
    for block in procedure.channels:
        value = block.value
        amount = value.get("processing_time")
        if amount is None:
            continue
        entry = (Decimal(amount), (value.get("time_unit") or "").casefold())
        if value.get("kind") == channel:
            return entry
        candidates.append(entry)
    if not candidates:
        raise LookupError(f"procedure {procedure.code} publishes no processing time")
    return candidates[0]


def promised_date(
    received_at: dt.datetime,
    procedure: ProcedurePage,
    channel: str,
    calendar: Calendar | None = None,
) -> dt.date:
    """The return date promised for a dossier received at ``received_at``.

    Units as the catalogue stores them: working days ("ngày làm việc", or a
    number without a unit) count after the receipt day; hours and minutes run
    from the moment of receipt through the office hours of working days
    (``hours_end_date``); calendar periods ("ngày",
    "tuần", "tháng", "năm") are added on the calendar and, as the Civil Code
    counts them (art. 148), a period ending on a rest day or holiday ends on
    the next working day.
    """
    calendar = calendar or default_calendar()
    amount, unit = processing_time(procedure, channel)
    received = local_date(received_at)
    if "giờ" in unit or "phút" in unit:
        minutes = amount * 60 if "giờ" in unit else amount
        return hours_end_date(received_at, math.ceil(minutes), calendar)
    if "làm việc" in unit or not unit:
        return calendar.add_working_days(received, math.ceil(amount))
    if "tháng" in unit or "năm" in unit:
        months = math.ceil(amount) * (12 if "năm" in unit else 1)
        month_index = received.month - 1 + months
        year, month = received.year + month_index // 12, month_index % 12 + 1
        target = dt.date(year, month, min(received.day, _month_length(year, month)))
    else:
        days = math.ceil(amount) * (7 if "tuần" in unit else 1)
        target = received + dt.timedelta(days=days)
    return calendar.add_working_days(target, 0)


def hours_end_date(
    received_at: dt.datetime, minutes: int, calendar: Calendar | None = None
) -> dt.date:
    """The day on which ``minutes`` of office time from ``received_at`` run out.

    Civil Code 2015 art. 147(1): "Khi thời hạn được xác định bằng phút, giờ
    thì thời hạn được bắt đầu từ thời điểm đã xác định" — a time in hours
    starts at the moment of receipt (not the next day, as days do under art.
    147(2)) and runs only in the office hours (``OFFICE_HOURS``) of working
    days; a dossier received outside them starts at the next opening.
    """
    calendar = calendar or default_calendar()
    moment = (
        timezone.localtime(received_at)
        if timezone.is_aware(received_at)
        else received_at
    )
    day, clock = moment.date(), moment.time()
    remaining = max(0, minutes)
    while True:
        if calendar.is_working_day(day):
            for opens, closes in OFFICE_HOURS:
                start = max(opens, clock)
                if start >= closes:
                    continue
                available = (
                    dt.datetime.combine(day, closes) - dt.datetime.combine(day, start)
                ).total_seconds() / 60
                if remaining <= available:
                    return day
                remaining -= available
        day += dt.timedelta(days=1)
        clock = dt.time.min


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
