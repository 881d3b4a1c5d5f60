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

Every dossier's state is its events replayed up to the period's end, so an
event reported late (or a period long past) gives the figures as they were.
A dossier whose events all happened before the period's end is in the state
its columns hold (``services.summarise`` writes them with every event): those
are counted and grouped by PostgreSQL, and each group of identical states is
classified once by ``services.classify``. Only the dossiers with events at or
after the period's end (or whose state was never stored) have their history
replayed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from catalogue.models import Agency
from feedback.satisfaction import Period
from feedback.workdays import Calendar, default_calendar

from . import services
from .models import Channel, Dossier, DossierEvent
from .services import State, Timeliness

TALLY = {
    Timeliness.EARLY: "resolved_early",
    Timeliness.ON_TIME: "resolved_on_time",
    Timeliness.LATE: "resolved_late",
    Timeliness.REJECTED: "rejected",
    Timeliness.WITHDRAWN: "withdrawn",
    Timeliness.PENDING_WITHIN: "pending_within",
    Timeliness.PENDING_OVERDUE: "pending_overdue",
}


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


def _midday(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


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
    # Every event before the period's end: the stored state is the state then.
    settled = Q(
        pauses__isnull=False,
        last_event_at__isnull=False,
        last_event_at__lt=period.end,
    )
    unsettled = (
        Q(pauses__isnull=True)
        | Q(last_event_at__isnull=True)
        | Q(last_event_at__gte=period.end)
    )

    summarised = dossiers.filter(settled).order_by()
    new = Q(received_at__gte=period.start)
    counts = summarised.aggregate(
        new=Count("pk", filter=new),
        online=Count("pk", filter=new & Q(channel=Channel.ONLINE)),
        carried_over=Count("pk", filter=~new),
    )
    stats.received_new = counts["new"]
    stats.received_online = counts["online"]
    stats.carried_over = counts["carried_over"]
    groups = summarised.values(
        "promised_at",
        "closed_kind",
        "supplement_requests",
        "pauses",
        resolved_day=TruncDate("resolved_at"),
    ).annotate(count=Count("pk"))
    for group in groups:
        state = State(
            closed_kind=group["closed_kind"] or None,
            # ``classify`` reads only the local date of the resolution.
            resolved_at=_midday(group["resolved_day"]),
            supplement_requests=group["supplement_requests"],
            pauses=services.parse_pauses(group["pauses"]),
        )
        outcome = services.classify(group["promised_at"], state, as_of, calendar)
        name = TALLY[outcome]
        setattr(stats, name, getattr(stats, name) + group["count"])

    events = DossierEvent.objects.only("pk", "dossier_id", "kind", "occurred_at")
    replayed = (
        dossiers.filter(unsettled)
        .only("pk", "channel", "received_at", "promised_at")
        .prefetch_related(Prefetch("events", queryset=events))
    )
    for dossier in replayed.iterator(chunk_size=2000):
        state = services.replay(dossier.events.all(), until=period.end)
        if state.closed_at is not None and state.closed_at < period.start:
            continue
        if dossier.received_at >= period.start:
            stats.received_new += 1
            stats.received_online += dossier.channel == Channel.ONLINE
        else:
            stats.carried_over += 1
        outcome = services.classify(dossier.promised_at, state, as_of, calendar)
        name = TALLY[outcome]
        setattr(stats, name, getattr(stats, name) + 1)

    stats.received = stats.received_new + stats.carried_over
    stats.resolved = stats.resolved_early + stats.resolved_on_time + stats.resolved_late
    stats.pending = stats.pending_within + stats.pending_overdue
    stats.on_time_rate = _percent(
        stats.resolved_early + stats.resolved_on_time, stats.resolved
    )
    stats.online_share = _percent(stats.received_online, stats.received_new)
    return stats
