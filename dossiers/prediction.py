"""Predicted completion time: how long dossiers like one's own really took.

For a procedure, overall and at each receiving agency (a dossier counts at
the agency that received it, as in the statistics), over the dossiers
*resolved* in the period (the ``PREDICTION_PERIOD_DAYS`` days up to
yesterday, so the figures change once a day):

* each dossier's time is the working days from the day of receipt to the
  day of its result (``Calendar.working_days_between``: the day of receipt
  not counted, the day of the result counted), less the working days it
  waited for the applicant's supplementary documents, counted as the on-time
  rules count them (``services.paused_working_days``: after the request day
  up to and including the day the supplement arrived; a wait still open at
  the result runs to it);
* the median and the 90th percentile are nearest-rank (PostgreSQL's
  ``percentile_disc``): the smallest time at least half (nine tenths) of the
  dossiers took no longer than, so both are whole working days some dossier
  really took;
* a figure is published only with at least ``PREDICTION_MIN_DOSSIERS``
  dossiers behind it; with fewer there is none (``None``), never a guess.

Rejected and withdrawn dossiers are not resolved and do not count.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils import timezone

from catalogue.models import Agency, ProcedurePage
from core import public_cache
from core.workdays import SATURDAY, Calendar, default_calendar, local_date

from .models import Dossier
from .services import parse_pauses, replay

DEFAULT_MIN_DOSSIERS = 20
DEFAULT_PERIOD_DAYS = 365
EPOCH = dt.date(1900, 1, 1)  # a Monday


def min_dossiers() -> int:
    return getattr(settings, "PREDICTION_MIN_DOSSIERS", DEFAULT_MIN_DOSSIERS)


def period_days() -> int:
    return getattr(settings, "PREDICTION_PERIOD_DAYS", DEFAULT_PERIOD_DAYS)


class Ordinals:
    """Working days from 1900-01-01 up to a date: differences of two are
    ``Calendar.working_days_between`` without walking the days between."""

    def __init__(self, calendar: Calendar) -> None:
        self.off = sorted(
            day
            for day in calendar.holidays
            if day.weekday() < SATURDAY and day not in calendar.makeup_days
        )
        self.on = sorted(
            day for day in calendar.makeup_days if day.weekday() >= SATURDAY
        )

    def __call__(self, day: dt.date) -> int:
        offset = (day - EPOCH).days
        return (
            5 * (offset // 7)
            + min(offset % 7 + 1, 5)
            - bisect.bisect_right(self.off, day)
            + bisect.bisect_right(self.on, day)
        )


def working_days_taken(
    received_at: dt.datetime,
    resolved_at: dt.datetime,
    pauses: list[tuple[dt.datetime, dt.datetime | None]],
    ordinal: Ordinals,
) -> int:
    """Working days from receipt to result, supplement waits left out."""
    received = ordinal(local_date(received_at))
    resolved_day = local_date(resolved_at)
    resolved = ordinal(resolved_day)
    paused = 0
    for requested, supplied in pauses:
        end = min(local_date(supplied), resolved_day) if supplied else resolved_day
        paused += max(0, ordinal(end) - ordinal(local_date(requested)))
    return max(0, resolved - received - paused)


def nearest_rank(values: list[int], fraction: float) -> int:
    """The smallest value at least ``fraction`` of ``values`` do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass(frozen=True)
class Estimate:
    median_days: int
    p90_days: int
    count: int
    period_start: dt.date
    period_end: dt.date

    def as_dict(self) -> dict:
        return asdict(self)


def _estimate(values: list[int], start: dt.date, end: dt.date) -> Estimate | None:
    if len(values) < max(1, min_dossiers()):
        return None
    return Estimate(
        median_days=nearest_rank(values, 0.5),
        p90_days=nearest_rank(values, 0.9),
        count=len(values),
        period_start=start,
        period_end=end,
    )


def period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days whose results count: ``period_days()`` up to yesterday."""
    today = today or timezone.localdate()
    end = today - dt.timedelta(days=1)
    return end - dt.timedelta(days=period_days() - 1), end


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def times_by_agency(
    procedure: ProcedurePage,
    start: dt.date,
    end: dt.date,
    calendar: Calendar | None = None,
) -> dict[int, list[int]]:
    """Each receiving agency's dossiers of ``procedure`` resolved from
    ``start`` to ``end`` (local days, both included): their working days."""
    ordinal = Ordinals(calendar or default_calendar())
    rows = Dossier.objects.filter(
        procedure=procedure,
        resolved_at__gte=_start_of(start),
        resolved_at__lt=_start_of(end + dt.timedelta(days=1)),
    ).values_list("pk", "agency_id", "received_at", "resolved_at", "pauses")
    times: dict[int, list[int]] = defaultdict(list)
    for pk, agency_id, received_at, resolved_at, pauses in rows.iterator(
        chunk_size=5000
    ):
        if pauses is None:
            # A state never summarised: its history replayed.
            waits = replay(Dossier.objects.get(pk=pk).events.all()).pauses
        else:
            waits = parse_pauses(pauses)
        times[agency_id].append(
            working_days_taken(received_at, resolved_at, waits, ordinal)
        )
    return times


def procedure_estimates(
    procedure: ProcedurePage,
    *,
    today: dt.date | None = None,
    calendar: Calendar | None = None,
) -> dict:
    """The procedure's estimate overall and at each agency with enough
    dossiers (agencies by name), with the period and the minimum."""
    start, end = period(today)
    times = times_by_agency(procedure, start, end, calendar)
    everything = [value for values in times.values() for value in values]
    overall = _estimate(everything, start, end)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=times)}
    per_agency = []
    for agency_id, values in times.items():
        estimate = _estimate(values, start, end)
        if estimate is not None:
            agency = agencies[agency_id]
            per_agency.append(
                {
                    "agency": {
                        "id": agency.pk,
                        "code": agency.code,
                        "name": agency.name,
                    },
                    **estimate.as_dict(),
                }
            )
    per_agency.sort(key=lambda row: row["agency"]["name"])
    return {
        "procedure": procedure.code,
        "minimum_dossiers": min_dossiers(),
        "period_start": start,
        "period_end": end,
        "overall": overall.as_dict() if overall else None,
        "agencies": per_agency,
    }


def cached_procedure_estimates(procedure: ProcedurePage) -> dict:
    """``procedure_estimates`` from the shared cache: the period ends
    yesterday, so the day is in the key and new events need no bump."""
    today = timezone.localdate()
    return public_cache.remember(
        (public_cache.CATALOGUE,),
        ("completion-time", procedure.pk, today, min_dossiers(), period_days()),
        lambda: procedure_estimates(procedure, today=today),
        ttl=3600,
    )


def dossier_estimate(dossier: Dossier) -> dict | None:
    """For a dossier's page: its agency's estimate for its procedure, else
    the procedure's overall one (``scope`` says which), else None."""
    if dossier.procedure_id is None:
        return None
    figures = cached_procedure_estimates(dossier.procedure)
    for row in figures["agencies"]:
        if row["agency"]["id"] == dossier.agency_id:
            return {**_plain(row), "scope": "agency"}
    if figures["overall"]:
        return {**figures["overall"], "scope": "procedure"}
    return None


def _plain(row: dict) -> dict:
    return {key: value for key, value in row.items() if key != "agency"}
