"""Decision 766's index from the portal's events, against figures worked by hand.

Agency H40.01 "UBND xã Hòa An", June 2026 (no holidays), judged on 1/11/2026
(as of 30/6, the period's last day).

Catalogue (today's, for 1.3 and 3.1): P1 "Đăng ký khai sinh" complete (steps,
channels with times, documents, applicants, the agency), full online; P2
"Đăng ký kết hôn" without applicants, not online; P3 belongs to another agency.
1.3 = 1/2 = 50 % → 2 × 0.5 = 1 point; 3.1 = 1/2 = 50 % (no points).

Dossiers (P1: 5 working days at the desk, 3 online; P2: 5 at the desk):

====  ======  ========  ========  ===========  ================
dossr proc    channel   received  promised     history
====  ======  ========  ========  ===========  ================
D1    P1      direct    Mon 1/6   Mon 8/6      resolved Fri 5/6 (4 working days)
D2    P1      online    Mon 1/6   Thu 4/6      resolved Tue 9/6, late (6)
D3    P1      online    Tue 2/6   Fri 5/6      resolved Wed 3/6 (1)
D4    P2      direct    Mon 22/6  Mon 29/6     nothing: overdue on 30/6
====  ======  ========  ========  ===========  ================

2.1 = D1, D3 / 4 = 50 % → 10 of 20. 2.2 = (4 + 6 + 1) / 3 = 3.7 working days.
3.0 = online dossiers of full-online procedures 2 / 3 → 12 × 2/3 = 8 points.
3.2 = P1 (the only online service) had an online dossier: 1/1. 3.3 = 2/4.
5.4 = 100 % − (2 late (D2, D4) + 1 evaluated "Không đạt" (D1)) / 4 = 25 %,
threshold 90 % → 6 × 0.25 / 0.9 = 1.67.

Petitions of H40.01 submitted in June (dues set by hand):

====  ==========  =========================================  ======  =====
pet   kind        history                                    5.2     5.3
====  ==========  =========================================  ======  =====
Q1    procedure   accepted, answered, published in time;     yes     yes
                  3 likes, 1 dislike
Q2    conduct     accepted 5/6, due 3/6                      no      no
Q3    suggestion  all in time; 1 like, 5 dislikes            yes     no
Q4    procedure   accepted, answer due 16/7, open on 30/6    yes     yes
====  ==========  =========================================  ======  =====

(a honeypot petition and another agency's petition are not counted.)
5.1 = 2/4; 5.2 = 3/4 → 4.5 of 6; 5.3 = 2/4 → 3 of 6.

Measured points: 2 + 20 + 12 + 6 + 6 + 6 = 52; scored 1 + 10 + 8 + 4.5 + 3 +
1.67 = 28.17, 54.17 % of what was measured. Everything else is "no data".
"""

from __future__ import annotations

import datetime as dt

import pytest

from catalogue.models import AgencyRole, OnlineLevel, ProcedureAgency
from core.periods import parse_period
from dossiers import services
from feedback.models import DossierEvaluation, PetitionKind
from scorecard import indicators
from tests.dossiers import factories
from tests.dossiers.factories import at
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

AFTER = dt.date(2026, 11, 1)
JUNE = parse_period("2026-06")


def _page(code, title, agency, **kwargs):
    page = factories.procedure(code=code, title=title, **kwargs)
    ProcedureAgency.objects.create(
        page=page, agency=agency, role=AgencyRole.IMPLEMENTING
    )
    return page


COMPLETE = {
    "steps": [("step", "<p>Nộp hồ sơ tại bộ phận một cửa.</p>")],
    "dossier": [
        (
            "case",
            {
                "case": "",
                "components": [
                    {
                        "name": "Tờ khai đăng ký khai sinh",
                        "originals": 1,
                        "copies": 0,
                        "form_name": "",
                        "form_document": None,
                        "notes": "",
                    }
                ],
            },
        )
    ],
    "applicants": "Công dân Việt Nam",
}


def _dossier(agency, procedure, received, channel="direct", resolved=None):
    dossier = services.ingest_dossier(
        agency,
        received_at=received,
        procedure=procedure,
        channel=channel,
        applicant_name="Lò Văn Hùng",
    ).obj
    if resolved:
        services.ingest_event(
            agency,
            dossier,
            event_id=f"{dossier.code}-done",
            kind="resolved",
            occurred_at=resolved,
        )
    return dossier


@pytest.fixture
def june():
    a = factories.agency("H40.01", name="UBND xã Hòa An")
    b = factories.agency("H40.02", name="UBND xã Thanh Nưa")
    p1 = _page(
        "1.001193", "Đăng ký khai sinh", a, online_level=OnlineLevel.FULL, **COMPLETE
    )
    p2 = _page(
        "1.000894",
        "Đăng ký kết hôn",
        a,
        online_days=None,
        online_level=OnlineLevel.NONE,
        **{**COMPLETE, "applicants": ""},
    )
    _page("1.004227", "Đăng ký khai tử", b, **COMPLETE)

    d1 = _dossier(a, p1, at(2026, 6, 1), resolved=at(2026, 6, 5))
    d2 = _dossier(a, p1, at(2026, 6, 1), "online", resolved=at(2026, 6, 9))
    d3 = _dossier(a, p1, at(2026, 6, 2), "online", resolved=at(2026, 6, 3))
    d4 = _dossier(a, p2, at(2026, 6, 22))
    assert [d.promised_at.day for d in (d1, d2, d3, d4)] == [8, 4, 5, 29]
    scores = dict.fromkeys(
        [
            "total_time",
            "agency_time",
            "contacts",
            "agencies_contacted",
            "one_stop",
            "publicly_posted",
            "attitude",
            "feedback_handling",
            "online_quality",
        ],
        0,
    )
    DossierEvaluation.objects.create(
        agency=a,
        procedure=p1,
        dossier_code=d1.code,
        total=0,
        grade="khong_dat",
        **scores,
    )

    def petition(kind, submitted, *, agency=a, **fields):
        day = at(2026, 6, submitted)
        fields.setdefault("acceptance_due", dt.date(2026, 6, submitted + 2))
        fields.setdefault("answer_due", dt.date(2026, 6, 22))
        return PetitionFactory(agency=agency, kind=kind, submitted_at=day, **fields)

    petition(
        PetitionKind.PROCEDURE,
        1,
        accepted_at=at(2026, 6, 2),
        answered_at=at(2026, 6, 10),
        publish_due=dt.date(2026, 6, 12),
        published_at=at(2026, 6, 11),
        likes=3,
        dislikes=1,
    )
    petition(PetitionKind.CONDUCT, 1, accepted_at=at(2026, 6, 5))
    petition(
        PetitionKind.SUGGESTION,
        8,
        accepted_at=at(2026, 6, 9),
        answered_at=at(2026, 6, 12),
        publish_due=dt.date(2026, 6, 16),
        published_at=at(2026, 6, 15),
        answer_due=dt.date(2026, 6, 29),
        likes=1,
        dislikes=5,
    )
    petition(
        PetitionKind.PROCEDURE,
        25,
        accepted_at=at(2026, 6, 26),
        acceptance_due=dt.date(2026, 6, 29),
        answer_due=dt.date(2026, 7, 16),
    )
    petition(PetitionKind.PROCEDURE, 3, honeypot_filled=True)
    petition(PetitionKind.PROCEDURE, 3, agency=b)
    return a


def _rows(answer):
    return {row["id"]: row for group in answer["groups"] for row in group["indicators"]}


def test_the_index_matches_the_hand_computed_figures(june):
    answer = indicators.index(JUNE, june, today=AFTER)
    rows = _rows(answer)

    def figures(ident):
        row = rows[ident]
        return row["numerator"], row["denominator"], row["value"], row["score"]

    assert figures("1.3") == (1, 2, 50.0, 1.0)
    assert figures("2.1") == (2, 4, 50.0, 10.0)
    assert (rows["2.2"]["value"], rows["2.2"]["unit"]) == (3.7, "ngày làm việc")
    assert figures("3.0") == (2, 3, 66.67, 8.0)
    assert figures("3.1") == (1, 2, 50.0, None)
    assert figures("3.2") == (1, 1, 100.0, None)
    assert figures("3.3") == (2, 4, 50.0, None)
    assert figures("5.1") == (2, 4, 50.0, None)
    assert figures("5.2") == (3, 4, 75.0, 4.5)
    assert figures("5.3") == (2, 4, 50.0, 3.0)
    assert figures("5.4") == (1, 4, 25.0, 1.67)

    groups = {g["id"]: (g["measured_points"], g["score"]) for g in answer["groups"]}
    assert groups == {
        "1": (2, 1.0),
        "2": (20, 10.0),
        "3": (12, 8.0),
        "4": (0, None),
        "5": (0, None),
        "6": (18, 9.17),
    }
    assert (answer["points"], answer["measured_points"]) == (100, 52)
    assert (answer["score"], answer["share"]) == (28.17, 54.17)


def test_what_the_portal_cannot_know_is_no_data_never_zero(june):
    rows = _rows(indicators.index(JUNE, june, today=AFTER))
    missing = [r for r in rows.values() if r["status"] == indicators.NO_DATA]
    assert {r["id"] for r in missing} >= {"1.2", "1.4", "3.6", "4.1", "4.5"}
    for row in missing:
        assert (row["has_data"], row["value"], row["score"]) == (False, None, None)
        assert row["note"], row["id"]
    # Every indicator carries its formula.
    assert all(r["formula"] for r in rows.values())


def test_a_month_without_dossiers_measures_fewer_points_not_zero(june):
    answer = indicators.index(parse_period("2026-04"), june, today=AFTER)
    rows = _rows(answer)
    assert (rows["2.1"]["denominator"], rows["2.1"]["score"]) == (0, None)
    assert rows["2.1"]["has_data"] is False
    # Only today's catalogue (1.3) can be measured in an empty month.
    assert (answer["measured_points"], answer["score"]) == (2, 1.0)


def test_the_province_counts_every_unit(june):
    answer = indicators.index(JUNE, None, today=AFTER)
    rows = _rows(answer)
    # The other agency's petition joins the province's (the honeypot does not).
    assert rows["5.1"]["denominator"] == 5
    assert rows["1.3"]["denominator"] == 3
    units = indicators.unit_totals(JUNE, today=AFTER)
    assert [u["agency"] for u in units] == ["H40.01", "H40.02"]


def test_the_api_answers_the_index_and_refuses_bad_input(client, june):
    ok = client.get(
        "/api/v1/stats/index-766/", {"period": "2026-06", "agency": "H40.01"}
    )
    assert ok.status_code == 200
    body = ok.json()
    assert body["agency_name"] == "UBND xã Hòa An"
    assert body["measured_points"] == 52
    assert body["units"] == []

    province = client.get("/api/v1/stats/index-766/", {"period": "2026-06"}).json()
    assert {u["agency"] for u in province["units"]} == {"H40.01", "H40.02"}

    for params, field in (
        ({"period": "0001-01"}, "period"),
        ({"period": "quý 2"}, "period"),
        ({"agency": "X99"}, "agency"),
    ):
        bad = client.get("/api/v1/stats/index-766/", params)
        assert bad.status_code == 400, params
        assert bad["Content-Type"].startswith("application/problem+json")
        assert field in bad.json()["errors"], bad.json()
