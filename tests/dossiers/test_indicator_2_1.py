"""Decision 766 indicator 2.1 as the national portal computes it, by hand.

"Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn": dossiers handled or being handled on
time ÷ dossiers received or handled in the period. On time "khi: Thời gian kết
thúc xử lý <= Ngày hẹn trả"; the end is the resolution or return, else the
rejection or stop (a withdrawal); supplement time is subtracted; a dossier
waiting for its supplement ends at the request; "'Yêu cầu bổ sung hồ sơ' hơn
01 lần thì tính quá hạn".

Agency H40.01, June 2026 (no holidays), 5 working days at the desk; judged on
30/6 (the period's last day):

=====  =========  ========  =========================================  ======  =====
dossr  received   promised  history                                    today   2.1
=====  =========  ========  =========================================  ======  =====
E1     Mon 1/6    Mon 8/6   resolved Fri 5/6                           early   yes
E2     Mon 1/6    Mon 8/6   resolved Tue 9/6                           late    no
E3     Tue 2/6    Tue 9/6   rejected Wed 3/6                           apart   yes
E4     Tue 2/6    Tue 9/6   withdrawn (stopped) Wed 10/6               apart   no
E5     Wed 3/6    Wed 10/6  supplement Thu 4/6 → Mon 8/6 (2 days),     on time yes
                            resolved Fri 12/6 (deadline Fri 12/6)
E6     Wed 3/6    Wed 10/6  two supplement requests, resolved Wed 10/6 late    no
E7     Mon 8/6    Mon 15/6  supplement asked Fri 12/6, still waiting   within  yes
E8     Mon 8/6    Mon 15/6  supplement asked Tue 16/6, still waiting   overdue no
E9     Mon 22/6   Mon 29/6  nothing since                              overdue no
E10    Thu 25/6   Thu 2/7   nothing since                              within  yes
E11    Mon 18/5   Mon 25/5  carried over, resolved Wed 3/6             late    no
E12    Mon 4/5    Mon 11/5  resolved Fri 8/5: closed before June       absent
=====  =========  ========  =========================================  ======  =====

Received 11 (10 new + 1 carried over). Today's on-time rate: (early 1 + on
time 1) / resolved 5 = 40 %. Indicator 2.1: 5 (E1, E3, E5, E7, E10) / 11 =
45.45 %.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from core.periods import parse_period
from dossiers import services
from dossiers.models import Dossier
from dossiers.statistics import INDICATOR_2_1, dossier_stats

from .factories import at

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

AFTER = dt.date(2026, 11, 1)
_ids = itertools.count()


def _dossier(agency, procedure, received, *steps):
    dossier = services.ingest_dossier(
        agency, received_at=received, procedure=procedure, applicant_name="Lò Văn Hùng"
    ).obj
    for kind, moment in steps:
        services.ingest_event(
            agency,
            dossier,
            event_id=f"e21-{next(_ids)}",
            kind=kind,
            occurred_at=moment,
        )
    return dossier


@pytest.fixture
def june(agency_a, procedure):
    a, p = agency_a, procedure
    asked, supplied = "supplement_requested", "supplement_received"
    made = [
        _dossier(a, p, at(2026, 6, 1), ("resolved", at(2026, 6, 5))),
        _dossier(a, p, at(2026, 6, 1), ("resolved", at(2026, 6, 9))),
        _dossier(a, p, at(2026, 6, 2), ("rejected", at(2026, 6, 3))),
        _dossier(a, p, at(2026, 6, 2), ("withdrawn", at(2026, 6, 10))),
        _dossier(
            a,
            p,
            at(2026, 6, 3),
            (asked, at(2026, 6, 4)),
            (supplied, at(2026, 6, 8)),
            ("resolved", at(2026, 6, 12)),
        ),
        _dossier(
            a,
            p,
            at(2026, 6, 3),
            (asked, at(2026, 6, 4)),
            (supplied, at(2026, 6, 5)),
            (asked, at(2026, 6, 8)),
            (supplied, at(2026, 6, 9)),
            ("resolved", at(2026, 6, 10)),
        ),
        _dossier(a, p, at(2026, 6, 8), (asked, at(2026, 6, 12))),
        _dossier(a, p, at(2026, 6, 8), (asked, at(2026, 6, 16))),
        _dossier(a, p, at(2026, 6, 22)),
        _dossier(a, p, at(2026, 6, 25)),
        _dossier(a, p, at(2026, 5, 18), ("resolved", at(2026, 6, 3))),
        _dossier(a, p, at(2026, 5, 4), ("resolved", at(2026, 5, 8))),
    ]
    assert [d.promised_at for d in made] == [
        dt.date(2026, 6, 8),
        dt.date(2026, 6, 8),
        dt.date(2026, 6, 9),
        dt.date(2026, 6, 9),
        dt.date(2026, 6, 10),
        dt.date(2026, 6, 10),
        dt.date(2026, 6, 15),
        dt.date(2026, 6, 15),
        dt.date(2026, 6, 29),
        dt.date(2026, 7, 2),
        dt.date(2026, 5, 25),
        dt.date(2026, 5, 11),
    ]
    return a


def test_indicator_2_1_matches_the_hand_computed_figures(june):
    stats = dossier_stats(parse_period("2026-06"), june, today=AFTER)
    # Today's figures, unchanged beside it.
    assert (stats.received, stats.received_new, stats.carried_over) == (11, 10, 1)
    assert (stats.resolved_early, stats.resolved_on_time, stats.resolved_late) == (
        1,
        1,
        3,
    )
    assert (stats.rejected, stats.withdrawn) == (1, 1)
    # E8: 10 working days waited (17/6-30/6) move 15/6 to 29/6, before 30/6.
    assert (stats.pending_within, stats.pending_overdue) == (2, 2)
    assert stats.on_time_rate == 40.0
    # Indicator 2.1.
    assert stats.indicator_2_1_on_time == 5
    assert stats.indicator_2_1_rate == 45.45


def test_indicator_2_1_without_stored_states_is_the_same(june):
    """Every history replayed from its events gives the same count."""
    period = parse_period("2026-06")
    Dossier.objects.update(pauses=None)
    stats = dossier_stats(period, june, today=AFTER)
    assert (stats.indicator_2_1_on_time, stats.indicator_2_1_rate) == (5, 45.45)


def test_each_dossier_by_the_definition(june):
    as_of = dt.date(2026, 6, 30)
    verdicts = []
    for dossier in Dossier.objects.order_by("pk"):
        state = services.replay(dossier.events.all())
        verdicts.append(services.on_time_766(dossier.promised_at, state, as_of))
    assert verdicts == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        False,
        False,
        True,
        False,
        True,  # E12: on time, but closed before June and not counted
    ]


def test_the_api_names_the_indicator_and_cites_its_formula(client, june):
    response = client.get("/api/v1/stats/dossiers/?agency=H40.01&period=2026-06")
    assert response.status_code == 200
    body = response.json()
    indicator = body["indicator_2_1"]
    assert indicator["label"] == (
        "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (chỉ số 2.1, QĐ 766)"
    )
    assert indicator == {
        **INDICATOR_2_1,
        "on_time": 5,
        "denominator": 11,
        "rate": 45.45,
    }
    assert "Ngày hẹn trả" in indicator["formula"]
    assert "766/QĐ-TTg" in indicator["source"]
    # Today's rate stays beside it.
    assert body["on_time_rate"] == 40.0
