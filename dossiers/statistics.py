"""On-time statistics of dossiers, computed from their events.

For a period and optionally one receiving agency (a dossier counts at the
agency that received it, wherever it was transferred), following the
indicators of Decision 766/QĐ-TTg:

* received = new in the period + carried over (received before it and not
  closed by its start);
* resolved early, on time and late (``dossiers.services.classify``) among the
  dossiers resolved in the period; rejected and withdrawn apart;
* pending at the end of the period (or today, for the running period) within
  or past their deadline;
* on-time rate = (early + on time) / resolved;
* online share = dossiers filed online / dossiers newly received.

Every dossier's state is replayed from its events up to the period's end, so
an event reported late (or a period long past) gives the figures as they were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import Q
from django.utils import timezone

from catalogue.models import Agency
from feedback.satisfaction import Period
from feedback.workdays import Calendar, default_calendar

from . import services
from .models import Channel, Dossier
from .services import Timeliness


@dataclass
class DossierStats:
    period: str
    agency: str | None
    received: int = 0
    received_new: int = 0
    carried_over: int = 0
    received_online: int = 0
    resolved: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    rejected: int = 0
    withdrawn: int = 0
    pending: int = 0
    pending_within: int = 0
    pending_overdue: int = 0
    on_time_rate: float | None = None
    online_share: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def dossier_stats(
    period: Period,
    agency: Agency | None = None,
    *,
    today: dt.date | None = None,
    calendar: Calendar | None = None,
) -> DossierStats:
    """The figures of ``period`` (bounded) for ``agency`` or the province."""
    if period.start is None or period.end is None:
        raise ValueError("dossier statistics need a bounded period")
    calendar = calendar or default_calendar()
    today = today or timezone.localdate()
    last_day = timezone.localdate(period.end) - dt.timedelta(days=1)
    as_of = min(last_day, today)
    stats = DossierStats(period=period.label, agency=agency.code if agency else None)

    dossiers = Dossier.objects.filter(received_at__lt=period.end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.start)
    )
    if agency is not None:
        dossiers = dossiers.filter(agency=agency)
    dossiers = dossiers.only("pk", "channel", "received_at", "promised_at")
    tally = {
        Timeliness.EARLY: "resolved_early",
        Timeliness.ON_TIME: "resolved_on_time",
        Timeliness.LATE: "resolved_late",
        Timeliness.REJECTED: "rejected",
        Timeliness.WITHDRAWN: "withdrawn",
        Timeliness.PENDING_WITHIN: "pending_within",
        Timeliness.PENDING_OVERDUE: "pending_overdue",
    }
    for dossier in dossiers.prefetch_related("events").iterator(chunk_size=2000):
        state = services.replay(dossier.events.all(), until=period.end)
        if state.closed_at is not None and state.closed_at < period.start:
            continue
        if dossier.received_at >= period.start:
            stats.received_new += 1
            stats.received_online += dossier.channel == Channel.ONLINE
        else:
            stats.carried_over += 1
        outcome = services.classify(dossier.promised_at, state, as_of, calendar)
        name = tally[outcome]
        setattr(stats, name, getattr(stats, name) + 1)

    stats.received = stats.received_new + stats.carried_over
    stats.resolved = stats.resolved_early + stats.resolved_on_time + stats.resolved_late
    stats.pending = stats.pending_within + stats.pending_overdue
    stats.on_time_rate = _percent(
        stats.resolved_early + stats.resolved_on_time, stats.resolved
    )
    stats.online_share = _percent(stats.received_online, stats.received_new)
    return stats
