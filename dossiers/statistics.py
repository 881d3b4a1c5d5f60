"""On-time statistics of dossiers, computed from their events.

For a period and optionally one receiving agency (a dossier counts at the
agency that received it, wherever it was transferred) or one one-stop unit
(``Dossier.receiving_unit``: where it was handed in, by the province's list),
following the indicators of Decision 766/QĐ-TTg:

* received = new in the period + carried over (received before it and not
  closed by its start);
* resolved early, on time and late (``dossiers.services.classify``) among the
  dossiers resolved in the period; rejected and withdrawn apart;
* pending at the end of the period (or today, for the running period) within
  or past their deadline;
* on-time rate = (early + on time) / resolved;
* online share = dossiers filed online / dossiers newly received;
* beside them, indicator 2.1 as the national portal computes it
  (``INDICATOR_2_1``, ``services.on_time_766``): dossiers handled or being
  handled on time / dossiers received (new and carried over).

Every dossier's state is its events replayed up to the period's end, so an
event reported late (or a period long past) gives the figures as they were.
A dossier whose events all happened before the period's end is in the state
its columns hold (``services.summarise`` writes them with every event); the
others (events at or after the period's end, or a state never stored) have
their state rebuilt from their events before the end, in SQL, by the rules of
``services.apply``. Both are classified and counted by one PostgreSQL query:
the rules of ``services.classify`` written as CASE expressions over working-day
ordinals (``_ordinal``), so no row travels to Python (elsewhere than on
PostgreSQL every history is replayed here). ``classify`` stays the
definition: the tests compare these figures with a replay of every history.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.utils import timezone

from catalogue.models import Agency
from core.periods import Period
from core.workdays import SATURDAY, Calendar, default_calendar

from .models import CLOSED_KINDS, RESOLVED_KINDS, Channel, EventKind
from .services import Timeliness

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
    # Decision 766 indicator 2.1 (``INDICATOR_2_1``).
    indicator_2_1_on_time: int = 0
    indicator_2_1_rate: float | None = None
    # Figures of one one-stop unit (``Dossier.receiving_unit``): its code.
    receiving_unit: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


# Decision 766/QĐ-TTg indicator 2.1, with the formula the national portal
# documents ("Mô tả công thức tính chỉ số 766", docs/legal.md §5).
INDICATOR_2_1 = {
    "id": "2.1",
    "label": "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (chỉ số 2.1, QĐ 766)",
    "formula": (
        "(Số hồ sơ đã xử lý trước hạn, đúng hạn + số hồ sơ đang xử lý trong hạn) "
        "÷ tổng số hồ sơ tiếp nhận, xử lý trong kỳ (mới và kỳ trước chuyển sang) "
        "× 100%. Trước hạn, đúng hạn khi: Thời gian kết thúc xử lý <= Ngày hẹn "
        "trả; thời gian kết thúc là khi có kết quả hoặc trả kết quả, nếu không "
        "là khi từ chối hoặc dừng xử lý (công dân rút hồ sơ); thời gian bổ sung "
        "hồ sơ được trừ (tính bằng ngày làm việc chờ bổ sung); hồ sơ đang chờ bổ "
        "sung tính đến thời điểm yêu cầu bổ sung; yêu cầu bổ sung hồ sơ hơn 01 "
        "lần thì tính quá hạn."
    ),
    "source": (
        "Quyết định 766/QĐ-TTg ngày 23/6/2022, chỉ số 2.1, theo mô tả công thức "
        "tính của Cổng Dịch vụ công quốc gia; yêu cầu bổ sung một lần: Nghị định "
        "118/2025/NĐ-CP điều 11"
    ),
}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


# A Monday: working days are counted from it (``_ordinal``).
EPOCH = "DATE '1900-01-01'"


def _ordinal(day: str) -> str:
    """SQL: how many working days there are from 1900-01-01 up to ``day``.

    Monday to Friday by arithmetic, less the ``%(off)s`` holidays that fall on
    weekdays, plus the ``%(on)s`` make-up Saturdays (both sorted arrays, so
    ``width_bucket`` counts those up to ``day``). The difference of two
    ordinals is ``Calendar.working_days_between``; the working day ``n`` after
    ``p`` is the one whose ordinal is ``ordinal(p) + n``.
    """
    offset = f"(({day}) - {EPOCH})"
    return (
        f"(5 * ({offset} / 7) + LEAST(mod({offset}, 7) + 1, 5)"
        f" - width_bucket(({day}), %(off)s::date[])"
        f" + width_bucket(({day}), %(on)s::date[]))"
    )


def _local_day(moment: str) -> str:
    return f"(({moment}) AT TIME ZONE %(tz)s)::date"


def _kinds(kinds) -> str:
    return "(" + ", ".join(f"'{kind}'" for kind in sorted(kinds)) + ")"


def _ended(pause: str) -> str:
    """SQL: the day a wait ended; an open one runs to the dossier's end (its
    resolution, else its rejection or stop) or as_of."""
    received = _local_day(f"({pause} ->> 1)::timestamptz")
    return f"COALESCE({received}, state.end_day, %(as_of)s)"


_REQUESTED = f"'{EventKind.SUPPLEMENT_REQUESTED}'"
_SUPPLIED = f"'{EventKind.SUPPLEMENT_RECEIVED}'"

# The dossiers the period's figures count: received before its end and not
# closed before its start (by the stored state; see ``_STATS_SQL``).
_BASE = """
    SELECT id, received_at, channel, promised_at, closed_kind, closed_at,
           resolved_at, supplement_requests, pauses, last_event_at
      FROM dossiers_dossier
     WHERE received_at < %(end)s
       AND (closed_at IS NULL OR closed_at >= %(start)s)
       {agency}
"""

_SETTLED = (
    "pauses IS NOT NULL AND last_event_at IS NOT NULL AND last_event_at < %(end)s"
)

# Pauses are [requested, received or null] pairs, as ``summarise`` stores them.
_PAUSE = f"""
    SELECT {_local_day("(pause ->> 0)::timestamptz")} AS requested,
           {_local_day("(pause ->> 1)::timestamptz")} AS received
      FROM jsonb_array_elements(state.pauses) AS pause
"""  # noqa: S608 - built from constants; every value is a parameter

# ``services.classify`` over one state row (``paused``: the working days its
# supplement waits stopped the clock, an open wait running to the resolution
# or ``as_of``).
_OUTCOME = f"""
    CASE
    WHEN state.closed_kind = '{EventKind.REJECTED}' THEN '{Timeliness.REJECTED}'
    WHEN state.closed_kind = '{EventKind.WITHDRAWN}' THEN '{Timeliness.WITHDRAWN}'
    WHEN state.resolved_day IS NOT NULL THEN
        CASE
        WHEN state.supplement_requests > 1 THEN '{Timeliness.LATE}'
        WHEN state.paused = 0 THEN
            CASE
            WHEN state.resolved_day < state.promised_at THEN '{Timeliness.EARLY}'
            WHEN state.resolved_day = state.promised_at THEN '{Timeliness.ON_TIME}'
            ELSE '{Timeliness.LATE}'
            END
        WHEN state.day < state.due THEN '{Timeliness.EARLY}'
        WHEN state.day = state.due AND state.day > state.day_before
        THEN '{Timeliness.ON_TIME}'
        ELSE '{Timeliness.LATE}'
        END
    WHEN state.paused = 0 THEN
        CASE WHEN %(as_of)s::date <= state.promised_at
        THEN '{Timeliness.PENDING_WITHIN}' ELSE '{Timeliness.PENDING_OVERDUE}' END
    WHEN %(as_of_ordinal)s < state.due
      OR (%(as_of_ordinal)s = state.due AND %(as_of_working)s)
    THEN '{Timeliness.PENDING_WITHIN}'
    ELSE '{Timeliness.PENDING_OVERDUE}'
    END
"""

# ``services.on_time_766`` over one state row (``day``: the ordinal of the
# end day, resolution or else rejection or stop).
_OPEN_WAIT = (
    "jsonb_array_length(state.pauses) > 0 AND (state.pauses -> -1 ->> 1) IS NULL"
)
_ON_TIME_766 = f"""
    CASE
    WHEN state.supplement_requests > 1 THEN false
    WHEN state.end_day IS NOT NULL THEN
        CASE
        WHEN state.paused = 0 THEN state.end_day <= state.promised_at
        ELSE state.day < state.due
          OR (state.day = state.due AND state.day > state.day_before)
        END
    WHEN {_OPEN_WAIT} THEN
        {_local_day("(state.pauses -> -1 ->> 0)::timestamptz")} <= state.promised_at
    WHEN state.paused = 0 THEN %(as_of)s::date <= state.promised_at
    ELSE %(as_of_ordinal)s < state.due
      OR (%(as_of_ordinal)s = state.due AND %(as_of_working)s)
    END
"""

_STATS_SQL = f"""
WITH
-- Dossiers with events at or after the period's end: their state then is
-- rebuilt from the events before it, as ``services.apply`` moves it on.
unsettled AS MATERIALIZED ({{base}} AND NOT ({_SETTLED})),
-- LATERAL (OFFSET 0 keeps it so): the events of these few dossiers read by
-- the dossier index, not a merge over the whole table.
event AS (
    SELECT e.dossier_id, e.id, e.kind, e.occurred_at
      FROM unsettled u CROSS JOIN LATERAL (
          SELECT dossier_id, id, kind, occurred_at FROM dossiers_dossierevent
           WHERE dossier_id = u.id AND occurred_at < %(end)s
          OFFSET 0
      ) AS e
),
closing AS (
    SELECT DISTINCT ON (dossier_id) dossier_id, kind, occurred_at
      FROM event WHERE kind IN {_kinds(CLOSED_KINDS)}
     ORDER BY dossier_id, occurred_at, id
),
resolution AS (
    SELECT dossier_id, min(occurred_at) AS resolved_at
      FROM event WHERE kind IN {_kinds(RESOLVED_KINDS)} GROUP BY dossier_id
),
-- A request opens a wait unless one is open (the previous supplement event
-- was a request); a receipt ends the open one. Openings and endings
-- alternate, so what follows an opening is its ending.
supplement AS (
    SELECT dossier_id, kind, occurred_at, id,
           lag(kind) OVER (PARTITION BY dossier_id ORDER BY occurred_at, id)
               AS previous
      FROM event WHERE kind IN ({_REQUESTED}, {_SUPPLIED})
),
step AS (
    SELECT dossier_id, kind, occurred_at, id,
           lead(occurred_at) OVER (PARTITION BY dossier_id ORDER BY occurred_at, id)
               AS ended_at
      FROM supplement
     WHERE (kind = {_REQUESTED} AND previous IS DISTINCT FROM {_REQUESTED})
        OR (kind = {_SUPPLIED} AND previous = {_REQUESTED})
),
waits AS (
    SELECT dossier_id,
           jsonb_agg(jsonb_build_array(occurred_at, ended_at) ORDER BY occurred_at, id)
               AS pauses
      FROM step WHERE kind = {_REQUESTED}
     GROUP BY dossier_id
),
requests AS (
    SELECT dossier_id, count(*) AS supplement_requests
      FROM event WHERE kind = {_REQUESTED} GROUP BY dossier_id
),
state AS (
    SELECT received_at, channel, promised_at, closed_kind,
           {_local_day("resolved_at")} AS resolved_day, supplement_requests, pauses,
           {_local_day("COALESCE(resolved_at, closed_at)")} AS end_day
      FROM ({{base}} AND {_SETTLED}) AS settled
    UNION ALL
    SELECT u.received_at, u.channel, u.promised_at, COALESCE(closing.kind, ''),
           {_local_day("resolution.resolved_at")},
           COALESCE(requests.supplement_requests, 0),
           COALESCE(waits.pauses, '[]'::jsonb),
           {_local_day("COALESCE(resolution.resolved_at, closing.occurred_at)")}
      FROM unsettled u
      LEFT JOIN closing ON closing.dossier_id = u.id
      LEFT JOIN resolution ON resolution.dossier_id = u.id
      LEFT JOIN requests ON requests.dossier_id = u.id
      LEFT JOIN waits ON waits.dossier_id = u.id
     WHERE closing.occurred_at IS NULL OR closing.occurred_at >= %(start)s
),
paused AS (
    SELECT state.*,
           CASE jsonb_array_length(state.pauses)
           WHEN 0 THEN 0
           -- One wait (the usual case) without a subquery.
           WHEN 1 THEN GREATEST(0,
               {_ordinal(_ended("state.pauses -> 0"))}
               - {_ordinal(_local_day("(state.pauses -> 0 ->> 0)::timestamptz"))})
           ELSE (
               SELECT COALESCE(sum(GREATEST(0,
                   {_ordinal("COALESCE(wait.received, state.end_day, %(as_of)s)")}
                   - {_ordinal("wait.requested")})), 0)
                 FROM ({_PAUSE}) AS wait
           ) END AS paused
      FROM state
    OFFSET 0
),
-- The ordinals of the deadline (the promised day's plus the paused days)
-- and of the resolution day, for the dossiers whose waits moved the deadline
-- (OFFSET 0: computed once, not at every reference below).
ordinals AS (
    SELECT state.*,
           CASE WHEN state.paused > 0
           THEN {_ordinal("state.promised_at")} + state.paused END AS due,
           CASE WHEN state.paused > 0
           THEN {_ordinal("state.end_day")} END AS day,
           CASE WHEN state.paused > 0
           THEN {_ordinal("state.end_day - 1")} END AS day_before
      FROM paused AS state
    OFFSET 0
),
outcome AS (
    SELECT received_at, channel, {_OUTCOME} AS outcome,
           {_ON_TIME_766} AS on_time_766
      FROM ordinals AS state
)
SELECT count(*) FILTER (WHERE received_at >= %(start)s) AS received_new,
       count(*) FILTER (WHERE received_at >= %(start)s
                          AND channel = '{Channel.ONLINE}') AS received_online,
       count(*) FILTER (WHERE received_at < %(start)s) AS carried_over,
       count(*) FILTER (WHERE on_time_766) AS indicator_2_1_on_time,
       {{tallies}}
  FROM outcome
"""  # noqa: S608 - built from constants; every value is a parameter


def _statement(agency: Agency | None, unit: Agency | None = None) -> str:
    tallies = ",\n       ".join(
        f"count(*) FILTER (WHERE outcome = '{outcome}') AS {name}"
        for outcome, name in TALLY.items()
    )
    where = ("AND agency_id = %(agency)s" if agency else "") + (
        " AND receiving_unit_id = %(unit)s" if unit else ""
    )
    base = _BASE.format(agency=where)
    return _STATS_SQL.format(base=base, tallies=tallies)


def dossier_stats(
    period: Period,
    agency: Agency | None = None,
    *,
    unit: Agency | None = None,
    today: dt.date | None = None,
    calendar: Calendar | None = None,
) -> DossierStats:
    """The figures of ``period`` (bounded) for ``agency`` or the province;
    with ``unit``, of the dossiers that one-stop unit received."""
    if period.start is None or period.end is None:
        raise ValueError("dossier statistics need a bounded period")
    calendar = calendar or default_calendar()
    today = today or timezone.localdate()
    last_day = timezone.localdate(period.end) - dt.timedelta(days=1)
    as_of = min(last_day, today)
    stats = DossierStats(
        period=period.label,
        agency=agency.code if agency else None,
        receiving_unit=(unit.code or str(unit.pk)) if unit else None,
    )

    # The calendar as the ordinals read it: holidays that fall on weekdays
    # (a make-up day wins over a holiday, as in ``Calendar.is_working_day``)
    # and make-up days that fall on weekends.
    off = sorted(
        day
        for day in calendar.holidays
        if day.weekday() < SATURDAY and day not in calendar.makeup_days
    )
    on = sorted(day for day in calendar.makeup_days if day.weekday() >= SATURDAY)
    params = {
        "start": period.start,
        "end": period.end,
        "agency": agency.pk if agency else None,
        "unit": unit.pk if unit else None,
        "tz": timezone.get_current_timezone_name(),
        "off": off,
        "on": on,
        "as_of": as_of,
        "as_of_ordinal": _python_ordinal(as_of, off, on),
        "as_of_working": calendar.is_working_day(as_of),
    }
    if connection.vendor != "postgresql":
        _replay_all(stats, period, agency, as_of, calendar, unit)
        return _totals(stats)
    with transaction.atomic(), connection.cursor() as cursor:
        # Compiling the expressions would cost more than running them.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(_statement(agency, unit), params)
        names = [column.name for column in cursor.description]
        for name, value in zip(names, cursor.fetchone(), strict=True):
            setattr(stats, name, value)
    return _totals(stats)


def _replay_all(
    stats: DossierStats,
    period: Period,
    agency: Agency | None,
    as_of: dt.date,
    calendar: Calendar,
    unit: Agency | None = None,
) -> None:
    """Elsewhere than on PostgreSQL (SQLite in development): every history
    replayed and classified here, as the definition reads."""
    from django.db.models import Prefetch, Q

    from . import services
    from .models import Dossier, DossierEvent

    dossiers = Dossier.objects.filter(received_at__lt=period.end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.start)
    )
    if agency is not None:
        dossiers = dossiers.filter(agency=agency)
    if unit is not None:
        dossiers = dossiers.filter(receiving_unit=unit)
    events = DossierEvent.objects.only("pk", "dossier_id", "kind", "occurred_at")
    replayed = dossiers.only("pk", "channel", "received_at", "promised_at")
    for dossier in replayed.prefetch_related(Prefetch("events", queryset=events)):
        state = services.replay(dossier.events.all(), until=period.end)
        if state.closed_at is not None and state.closed_at < period.start:
            continue
        if dossier.received_at >= period.start:
            stats.received_new += 1
            stats.received_online += dossier.channel == Channel.ONLINE
        else:
            stats.carried_over += 1
        name = TALLY[services.classify(dossier.promised_at, state, as_of, calendar)]
        setattr(stats, name, getattr(stats, name) + 1)
        stats.indicator_2_1_on_time += services.on_time_766(
            dossier.promised_at, state, as_of, calendar
        )


def stats_by_receiving_unit(
    period: Period, *, today: dt.date | None = None
) -> list[tuple[Agency, DossierStats]]:
    """The figures of each one-stop unit that received dossiers counted in
    ``period`` (``Dossier.receiving_unit``), by name: the units the
    procedure pages send citizens to (catalogue.province)."""
    from .models import Dossier

    if period.start is None or period.end is None:
        raise ValueError("dossier statistics need a bounded period")
    unit_ids = (
        Dossier.objects.filter(receiving_unit__isnull=False, received_at__lt=period.end)
        .exclude(closed_at__lt=period.start)
        .values("receiving_unit")
        .distinct()
    )
    units = Agency.objects.filter(pk__in=unit_ids).order_by("name")
    return [(unit, dossier_stats(period, unit=unit, today=today)) for unit in units]


def _totals(stats: DossierStats) -> DossierStats:
    stats.received = stats.received_new + stats.carried_over
    stats.resolved = stats.resolved_early + stats.resolved_on_time + stats.resolved_late
    stats.pending = stats.pending_within + stats.pending_overdue
    stats.on_time_rate = _percent(
        stats.resolved_early + stats.resolved_on_time, stats.resolved
    )
    stats.online_share = _percent(stats.received_online, stats.received_new)
    stats.indicator_2_1_rate = _percent(stats.indicator_2_1_on_time, stats.received)
    return stats


def _python_ordinal(day: dt.date, off: list[dt.date], on: list[dt.date]) -> int:
    """``_ordinal`` computed here, for the constant ``as_of``."""
    offset = (day - dt.date(1900, 1, 1)).days
    return (
        5 * (offset // 7)
        + min(offset % 7 + 1, 5)
        - bisect.bisect_right(off, day)
        + bisect.bisect_right(on, day)
    )
