"""Times in hours run from the moment of receipt (Civil Code 2015 art. 147(1)).

"Khi thời hạn được xác định bằng phút, giờ thì thời hạn được bắt đầu từ thời
điểm đã xác định." A dossier received at 8:00 with 6 working hours is due the
same day; days, by contrast, count from the next day (art. 147(2)). The hours
run in office hours (7:30-11:30, 13:30-17:30) of working days.

The times are those the province publishes for C/O form AK (procedure
1.000603 in catalogue/fixtures/provinces/dien-bien/): online 6, at the desk 8,
by post 24 working hours.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal

import pytest

from dossiers import services
from tests.conftest import ROOT

from .factories import at

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

D = dt.date
LIST = (
    ROOT
    / "catalogue"
    / "fixtures"
    / "provinces"
    / "dien-bien"
    / "danh-muc-tthc-so-cong-thuong.csv"
)
CHANNELS = {"Trực tuyến": "online", "Trực tiếp": "direct", "Bưu chính": "postal"}


@pytest.fixture
def co_form_ak(db):
    """The C/O form AK procedure with the hours the province publishes."""
    from tests.catalogue.factories import ProcedurePageFactory

    with LIST.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Mã TTHC"] == "1.000603")
    published = {
        CHANNELS[name]: int(hours)
        for name, hours in re.findall(
            r"(Trực tuyến|Trực tiếp|Bưu chính): (\d+) giờ làm việc",
            row["Thời hạn giải quyết"],
        )
    }
    assert published == {"online": 6, "direct": 8, "postal": 24}
    return ProcedurePageFactory(
        code="1.000603",
        channels=[
            (
                "channel",
                {
                    "kind": kind,
                    "processing_time": Decimal(hours),
                    "time_unit": "giờ làm việc",
                },
            )
            for kind, hours in published.items()
        ],
    )


def when(day: D, hour: int, minute: int = 0):
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.mark.parametrize(
    ("channel", "received", "promised"),
    [
        # Mon 8/6/2026 8:00, 6 hours online: 8:00-11:30 and 13:30-16:00, the
        # same day (rounding up to a whole day after it gave Tue 9/6).
        ("online", when(D(2026, 6, 8), 8), D(2026, 6, 8)),
        # At 16:00: 1.5 hours that day, 4.5 on Tuesday.
        ("online", when(D(2026, 6, 8), 16), D(2026, 6, 9)),
        # Filed online at 20:00: the hours start at Tuesday's opening.
        ("online", when(D(2026, 6, 8), 20), D(2026, 6, 9)),
        # 8 hours from 7:30 end at 17:30 the same day.
        ("direct", when(D(2026, 6, 8), 7, 30), D(2026, 6, 8)),
        ("direct", when(D(2026, 6, 8), 9), D(2026, 6, 9)),
        # Fri 24/4/2026 15:00 + 8 hours: 2.5 on Friday, Mon 27/4 is the Hùng
        # Kings' day, 5.5 hours on Tue 28/4.
        ("direct", when(D(2026, 4, 24), 15), D(2026, 4, 28)),
        # 24 hours from Mon 7:30 are three full days: Wednesday, not Thursday.
        ("postal", when(D(2026, 6, 8), 7, 30), D(2026, 6, 10)),
        # Received on a Saturday: the hours start on Monday.
        ("postal", when(D(2026, 6, 6), 10), D(2026, 6, 10)),
    ],
)
def test_hours_run_from_the_moment_of_receipt(co_form_ak, channel, received, promised):
    assert services.promised_date(received, co_form_ak, channel) == promised


def test_a_dossier_gets_the_promised_date_of_its_hours(agency_a, co_form_ak):
    dossier = services.ingest_dossier(
        agency_a,
        received_at=when(D(2026, 6, 8), 8),
        procedure=co_form_ak,
        channel="online",
        applicant_name="Công ty TNHH Mường Thanh",
    ).obj
    assert dossier.promised_at == D(2026, 6, 8)


def test_days_still_count_from_the_next_day(agency_a, procedure):
    # Art. 147(2): 5 working days from Mon 8/6 (any hour) end on Mon 15/6.
    for hour in (7, 16):
        assert services.promised_date(at(2026, 6, 8, hour), procedure, "direct") == D(
            2026, 6, 15
        )
