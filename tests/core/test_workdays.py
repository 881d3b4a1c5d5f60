"""Working-day deadlines across weekends, holidays and make-up Saturdays."""

from __future__ import annotations

import datetime as dt

import pytest

from core import workdays
from core.workdays import Calendar

D = dt.date.fromisoformat

PLAIN = Calendar()
TET_2026 = Calendar.from_iso(
    ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]
)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2025-06-02", 1, "2025-06-03"),  # Monday -> Tuesday
        ("2025-06-05", 2, "2025-06-09"),  # Thursday + 2 skips the weekend
        ("2025-06-06", 2, "2025-06-10"),  # Friday + 2 -> Tuesday
        ("2025-06-07", 1, "2025-06-09"),  # received on Saturday -> Monday
        ("2025-06-08", 2, "2025-06-10"),  # received on Sunday -> Tuesday
        ("2025-06-02", 5, "2025-06-09"),  # a full week
        ("2025-06-02", 15, "2025-06-23"),  # three weeks
        ("2025-06-06", 0, "2025-06-06"),  # zero days on a working day: same day
        ("2025-06-07", 0, "2025-06-09"),  # zero days on a weekend: next Monday
    ],
)
def test_weekends_are_skipped(start, days, due):
    assert PLAIN.add_working_days(D(start), days) == D(due)


def test_tet_holiday_pushes_the_answer_deadline():
    # Received Friday 13 Feb 2026, the last working day before Tết: the week
    # of 16-20 Feb and both weekends are skipped.
    assert TET_2026.add_working_days(D("2026-02-13"), 2) == D("2026-02-24")
    assert TET_2026.add_working_days(D("2026-02-13"), 15) == D("2026-03-13")
    # Received during the holiday: counting starts after it.
    assert TET_2026.add_working_days(D("2026-02-18"), 1) == D("2026-02-23")


def test_holiday_in_mid_week():
    national_day = Calendar.from_iso(["2025-09-01", "2025-09-02"])
    assert national_day.add_working_days(D("2025-08-29"), 2) == D("2025-09-04")
    assert not national_day.is_working_day(D("2025-09-02"))
    assert national_day.is_working_day(D("2025-09-03"))


def test_makeup_saturday_counts_as_working_day():
    calendar = Calendar.from_iso(["2025-05-02"], makeup_days=["2025-04-26"])
    assert calendar.is_working_day(D("2025-04-26"))
    assert calendar.add_working_days(D("2025-04-25"), 1) == D("2025-04-26")


@pytest.mark.parametrize("days", [1, 2, 5, 15, 40])
@pytest.mark.parametrize(
    "start", ["2026-02-12", "2026-02-13", "2026-02-14", "2026-02-18", "2026-12-31"]
)
def test_between_inverts_add(start, days):
    due = TET_2026.add_working_days(D(start), days)
    assert TET_2026.working_days_between(D(start), due) == days
    assert TET_2026.is_working_day(due)


def test_countdown_is_negative_when_late():
    assert PLAIN.working_days_between(D("2025-06-10"), D("2025-06-06")) == -2
    assert PLAIN.working_days_between(D("2025-06-06"), D("2025-06-06")) == 0


def test_negative_days_refused():
    with pytest.raises(ValueError):
        PLAIN.add_working_days(D("2025-06-06"), -1)


def test_settings_calendar_has_tet_and_national_day(settings):
    assert not workdays.is_working_day(D("2026-02-17"))  # Tết 2026
    assert not workdays.is_working_day(D("2025-09-02"))  # National Day
    assert not workdays.is_working_day(D("2027-01-01"))
    assert workdays.is_working_day(D("2025-04-26"))  # make-up Saturday
    settings.PUBLIC_HOLIDAYS = ["2025-06-03"]
    settings.MAKEUP_WORKING_DAYS = []
    assert workdays.add_working_days(D("2025-06-02"), 1) == D("2025-06-04")
    assert workdays.is_working_day(D("2026-02-17"))


def test_datetime_is_read_in_local_time():
    # 23:30 UTC on Friday is already Saturday morning in Hà Nội.
    moment = dt.datetime(2025, 6, 6, 23, 30, tzinfo=dt.UTC)
    assert workdays.local_date(moment) == D("2025-06-07")
    assert workdays.add_working_days(moment, 1, PLAIN) == D("2025-06-09")


# The 2026 schedule as published (docs/legal.md §2.1): Tết Dương lịch is
# 1 January only; National Day is Tue 1 and Wed 2 September with Mon 31
# August bridged and made up on Saturday 22 August (TB 9441/TB-BNV, carried
# out by Cần Thơ TB 109/TB-UBND and Lai Châu CV 6620/UBND-VX).
@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-01-01", False),  # Tết Dương lịch
        ("2026-01-02", True),  # a Friday, not a holiday in 2026
        ("2026-02-16", False),  # Tết Nguyên đán
        ("2026-04-27", False),  # Giỗ Tổ on Sunday 26/4, rested on Monday
        ("2026-08-22", True),  # Saturday worked to make up for 31/8
        ("2026-08-31", False),  # bridged to National Day
        ("2026-09-01", False),
        ("2026-09-02", False),
        ("2026-09-03", True),
    ],
)
def test_the_default_calendar_follows_the_published_2026_schedule(day, working):
    assert workdays.is_working_day(D(day)) is working
