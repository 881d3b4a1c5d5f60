"""What may follow what in a dossier's history: the feed's state machine.

The steps of the one-stop desk (Decree 118/2025/NĐ-CP; docs/legal.md rules
15, 16 and 31): a dossier is received, handled (possibly transferred), may wait
for the applicant's supplement and get it back, and ends once: resolved and
then its result returned, rejected, or stopped at the applicant's request
(withdrawn: "dừng thực hiện thủ tục hành chính", Decree 118 art. 21, Circular
03/2025/TT-VPCP art. 7) — which is possible only before it is resolved.

``FOLLOWS`` is that graph, step by step. Desk systems send events out of
order, so a history may still miss a step that will arrive later (a
``returned`` before its ``resolved``). An event is therefore refused only when
no history could ever hold it where its ``occurred_at`` puts it: when it cannot
be reached from the event before it, or the event after it cannot be reached
from it — anything after a result was returned, after a rejection or a
withdrawal; a second resolution; a withdrawal after the resolution; a second
receipt; a second apology (form 04's new date is given once). A second
supplement request is not refused: Decree 118 art. 11 allows
one, but a second that happened is recorded and counts as late (rule 15).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache

from django.utils.translation import gettext as _

from ..models import EventKind

K = EventKind

# Where handling goes on from an open dossier.
_ONWARD = frozenset(
    {
        K.HANDLING,
        K.TRANSFERRED,
        K.SUPPLEMENT_REQUESTED,
        K.RESOLVED,
        K.REJECTED,
        K.WITHDRAWN,
        K.APOLOGISED,
    }
)

FOLLOWS: dict[str, frozenset[str]] = {
    K.RECEIVED: _ONWARD,
    K.TRANSFERRED: _ONWARD,
    K.HANDLING: _ONWARD,
    K.SUPPLEMENT_REQUESTED: frozenset({K.SUPPLEMENT_RECEIVED, K.REJECTED, K.WITHDRAWN}),
    K.SUPPLEMENT_RECEIVED: _ONWARD,
    K.RESOLVED: frozenset({K.RETURNED}),
    K.RETURNED: frozenset(),
    K.REJECTED: frozenset(),
    K.WITHDRAWN: frozenset(),
    K.APOLOGISED: _ONWARD,
}

TERMINAL = frozenset(kind for kind, onward in FOLLOWS.items() if not onward)


class TransitionRefused(Exception):
    """An event that no history of a dossier can hold (Vietnamese text)."""


@cache
def reachable(kind: str) -> frozenset[str]:
    """Every kind that can come after ``kind``, one or more steps later."""
    seen: set[str] = set()
    frontier = list(FOLLOWS[kind])
    while frontier:
        step = frontier.pop()
        if step not in seen:
            seen.add(step)
            frontier.extend(FOLLOWS[step])
    return frozenset(seen)


def _label(kind: str) -> str:
    return EventKind(kind).label


def check(
    history: Iterable[tuple[str, dt.datetime, int]],
    kind: str,
    occurred_at: dt.datetime,
    pk: int,
) -> None:
    """Refuse the event (``kind`` at ``occurred_at``, stored as ``pk``) when it
    cannot stand between its neighbours in ``history``.

    ``history``: (kind, occurred_at, pk) of every event of the dossier, this
    one included; they are ordered as the replay orders them.
    """
    ordered: Sequence[tuple[str, dt.datetime, int]] = sorted(
        history, key=lambda event: (event[1], event[2])
    )
    index = next(i for i, event in enumerate(ordered) if event[2] == pk)
    if kind == K.APOLOGISED and any(
        event[0] == K.APOLOGISED and event[2] != pk for event in ordered
    ):
        raise TransitionRefused(
            _(
                "Hồ sơ đã có phiếu xin lỗi và hẹn lại ngày trả kết quả: chỉ hẹn lại "
                "một lần."
            )
        )
    before = ordered[index - 1][0] if index > 0 else None
    after = ordered[index + 1][0] if index + 1 < len(ordered) else None
    if before is None:
        if kind != K.RECEIVED:
            raise TransitionRefused(_("Sự kiện trước thời điểm tiếp nhận hồ sơ."))
    elif kind not in reachable(before):
        raise TransitionRefused(_refusal(before, kind))
    if after is not None and after not in reachable(kind):
        raise TransitionRefused(
            _("Không thể “%(step)s” trước sự kiện “%(after)s” đã ghi nhận sau đó.")
            % {"step": _label(kind), "after": _label(after)}
        )


def _refusal(before: str, kind: str) -> str:
    if before in TERMINAL:
        return _("Hồ sơ đã kết thúc (“%(end)s”): không ghi nhận thêm “%(step)s”.") % {
            "end": _label(before),
            "step": _label(kind),
        }
    if before == K.RESOLVED and kind == K.RESOLVED:
        return _("Hồ sơ đã được giải quyết; không giải quyết lần thứ hai.")
    if before == K.RESOLVED:
        return _(
            "Hồ sơ đã được giải quyết: sau đó chỉ còn “%(returned)s”, không “%(step)s”."
        ) % {"returned": _label(K.RETURNED), "step": _label(kind)}
    return _("Không thể “%(step)s” sau “%(before)s”.") % {
        "step": _label(kind),
        "before": _label(before),
    }
