"""Decision 766/QĐ-TTg's index, as far as the portal's own data reaches.

Six groups, 100 points (docs/legal.md §5): transparency 18, progress 20,
online service 12, digitisation 22, online payment 10, satisfaction 18. Each
sub-indicator below carries the formula the national portal uses ("Mô tả công
thức tính chỉ số 766", as transcribed in docs/legal.md §5) and one of three
statuses:

* ``computed`` — the portal holds every datum the formula needs;
* ``partial`` — it holds part of them (the note says which part is missing);
  the figure is shown, and scored where the indicator has points;
* ``no_data`` — the data lives outside the portal (the national database, the
  payment platform, the population database): shown as "Không có dữ liệu",
  never as 0, and left out of the points measured.

A score is ``points × min(1, rate ÷ threshold)`` (a threshold of 100 % when the
formula names none). The total is a partial score: the points scored out of
the points the portal could measure, beside the 100 of the full index.
A period with nothing to count (a denominator of 0) is "no data" too.
"""

from __future__ import annotations

import datetime as dt
import statistics as pystats
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from catalogue.models import Agency, OnlineLevel, ProcedurePage
from core import workdays
from core.periods import Period
from dossiers.models import Channel, Dossier
from dossiers.statistics import DossierStats, dossier_stats
from feedback.models import DossierEvaluation, Petition, PetitionKind

COMPUTED = "computed"
PARTIAL = "partial"
NO_DATA = "no_data"

SOURCE = (
    "Quyết định 766/QĐ-TTg ngày 23/6/2022; công thức theo “Mô tả công thức tính "
    "chỉ số 766” của Cổng Dịch vụ công quốc gia (docs/legal.md §5)"
)


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    label_en: str
    points: int


GROUPS = (
    Group("1", "Công khai, minh bạch", "Transparency", 18),
    Group("2", "Tiến độ giải quyết", "Progress", 20),
    Group("3", "Dịch vụ công trực tuyến", "Online service", 12),
    Group("4", "Số hóa hồ sơ", "Digitisation", 22),
    Group("5", "Thanh toán trực tuyến", "Online payment", 10),
    Group("6", "Mức độ hài lòng", "Satisfaction", 18),
)


@dataclass
class Context:
    """What the formulas read, fetched once for a period and a unit."""

    period: Period
    agency: Agency | None
    today: dt.date
    _dossiers: DossierStats | None = field(default=None, repr=False)

    @property
    def as_of(self) -> dt.date:
        last_day = timezone.localdate(self.period.end) - dt.timedelta(days=1)
        return min(last_day, self.today)

    @property
    def dossiers(self) -> DossierStats:
        if self._dossiers is None:
            self._dossiers = dossier_stats(self.period, self.agency, today=self.today)
        return self._dossiers

    def procedures(self):
        pages = ProcedurePage.objects.live()
        if self.agency is not None:
            pages = pages.filter(agency_roles__agency=self.agency).distinct()
        return pages

    def petitions(self):
        found = Petition.objects.filter(
            submitted_at__gte=self.period.start,
            submitted_at__lt=self.period.end,
            honeypot_filled=False,
        )
        if self.agency is not None:
            found = found.filter(agency=self.agency)
        return found

    def dossiers_received(self):
        found = Dossier.objects.filter(
            received_at__gte=self.period.start, received_at__lt=self.period.end
        )
        if self.agency is not None:
            found = found.filter(agency=self.agency)
        return found


# A formula's answer: (numerator, denominator), or a value with its unit for
# the indicators that are an average rather than a share; None when the
# portal cannot know.
Fraction = tuple[int, int]


@dataclass(frozen=True)
class Indicator:
    id: str
    group: str
    label: str
    label_en: str
    points: float | None  # None: tracked, no points of its own
    formula: str
    status: str
    note: str = ""
    threshold: float = 1.0
    compute: Callable[[Context], Fraction | None] | None = None
    unit: str = "%"  # "%" for shares; else the unit of an average
    snapshot: bool = False  # counts today's catalogue, not the period's events


# --- the formulas the portal can compute ------------------------------------


def _complete(page: ProcedurePage) -> bool:
    """Decree 63/2010 art. 8(2)'s parts a published procedure must state."""
    channels = list(page.channels.raw_data)
    has_time = any(
        (block.get("value") or {}).get("processing_time") not in (None, "")
        or ((block.get("value") or {}).get("time_text") or "").strip()
        for block in channels
    )
    return bool(
        (page.name or page.title).strip()
        and len(page.steps.raw_data)
        and channels
        and len(page.dossier.raw_data)
        and has_time
        and page.applicants.strip()
        and page.agency_roles.exists()
    )


def published_completely(ctx: Context) -> Fraction:
    pages = ctx.procedures().prefetch_related("agency_roles")
    complete = total = 0
    for page in pages.iterator(chunk_size=200):
        total += 1
        complete += _complete(page)
    return complete, total


def on_time_2_1(ctx: Context) -> Fraction:
    stats = ctx.dossiers
    return stats.indicator_2_1_on_time, stats.received


def mean_handling_days(ctx: Context) -> Fraction | None:
    """Working days from receipt to result of the dossiers resolved in the period.

    Returned as (tenths of a day, 10) so the average keeps one decimal.
    """
    resolved = Dossier.objects.filter(
        resolved_at__gte=ctx.period.start, resolved_at__lt=ctx.period.end
    )
    if ctx.agency is not None:
        resolved = resolved.filter(agency=ctx.agency)
    calendar = workdays.default_calendar()
    days = [
        calendar.working_days_between(
            workdays.local_date(received), workdays.local_date(done)
        )
        for received, done in resolved.values_list("received_at", "resolved_at")
    ]
    if not days:
        return 0, 0
    return round(pystats.fmean(days) * 10), 10


def full_online_share(ctx: Context) -> Fraction:
    full = ctx.dossiers_received().filter(procedure__online_level=OnlineLevel.FULL)
    return full.filter(channel=Channel.ONLINE).count(), full.count()


def online_procedures(ctx: Context) -> Fraction:
    pages = ctx.procedures()
    online = pages.filter(online_level__in=[OnlineLevel.PARTIAL, OnlineLevel.FULL])
    return online.count(), pages.count()


def online_services_used(ctx: Context) -> Fraction:
    services = ctx.procedures().exclude(online_level=OnlineLevel.NONE)
    used = services.filter(
        pk__in=ctx.dossiers_received()
        .filter(channel=Channel.ONLINE)
        .values("procedure_id")
    )
    return used.count(), services.count()


def online_dossiers(ctx: Context) -> Fraction:
    stats = ctx.dossiers
    return stats.received_online, stats.received


def petitions_about_procedures(ctx: Context) -> Fraction:
    petitions = ctx.petitions()
    return petitions.filter(kind=PetitionKind.PROCEDURE).count(), petitions.count()


def _late(petition: Petition, as_of: dt.date) -> bool:
    """A step finished after its due day, or still open past it."""
    steps = (
        (petition.acceptance_due, petition.accepted_at or petition.rejected_at),
        (petition.answer_due, petition.answered_at),
        (petition.publish_due, petition.published_at),
    )
    for due, done in steps:
        if due is None:
            continue
        if done is not None:
            if workdays.local_date(done) > due:
                return True
        elif as_of > due:
            return True
    return False


def petitions_on_time(ctx: Context) -> Fraction:
    petitions = list(ctx.petitions().only(*_PETITION_DATES))
    return sum(not _late(p, ctx.as_of) for p in petitions), len(petitions)


def petitions_satisfied(ctx: Context) -> Fraction:
    petitions = list(ctx.petitions().only("likes", "dislikes", *_PETITION_DATES))
    unhappy = sum(p.dislikes > p.likes or _late(p, ctx.as_of) for p in petitions)
    return len(petitions) - unhappy, len(petitions)


def dossier_satisfaction(ctx: Context) -> Fraction:
    """Dossiers of the period late, or evaluated "Không đạt" (whenever)."""
    stats = ctx.dossiers
    late = stats.resolved_late + stats.pending_overdue
    # The period's dossiers as the statistics count them: received before its
    # end and not closed before its start.
    of_period = Dossier.objects.filter(received_at__lt=ctx.period.end).exclude(
        closed_at__lt=ctx.period.start
    )
    if ctx.agency is not None:
        of_period = of_period.filter(agency=ctx.agency)
    unhappy = (
        DossierEvaluation.objects.filter(
            grade="khong_dat", dossier_code__in=of_period.values("code")
        )
        .values("dossier_code")
        .distinct()
        .count()
    )
    return max(0, stats.received - late - unhappy), stats.received


_PETITION_DATES = (
    "acceptance_due",
    "answer_due",
    "publish_due",
    "accepted_at",
    "rejected_at",
    "answered_at",
    "published_at",
)

OUTSIDE = (
    "Dữ liệu nằm ngoài cổng (Cổng Dịch vụ công quốc gia, hệ thống một cửa điện tử)."
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "1.1",
        "1",
        "Thủ tục hành chính được công bố đúng hạn",
        "Procedures announced on time",
        6,
        "Số TTHC có quyết định công bố ≤ ngày văn bản quy định có hiệu lực − 5 ngày "
        "làm việc ÷ số TTHC công bố trong kỳ",
        NO_DATA,
        "Cổng chưa lưu ngày hiệu lực của văn bản quy định và ngày ký quyết định "
        "công bố.",
    ),
    Indicator(
        "1.2",
        "1",
        "Thủ tục hành chính được công khai đúng hạn",
        "Procedures made public on time",
        4,
        "Số TTHC công khai trên Cơ sở dữ liệu quốc gia ≤ 5 ngày làm việc sau quyết "
        "định công bố ÷ số TTHC phải công khai",
        NO_DATA,
        OUTSIDE,
    ),
    Indicator(
        "1.3",
        "1",
        "Thủ tục hành chính được công khai đầy đủ",
        "Procedures published in full",
        2,
        "Số TTHC công khai đủ tên, trình tự, cách thức, thành phần hồ sơ, thời hạn, "
        "đối tượng, cơ quan thực hiện (NĐ 63/2010 Điều 8 khoản 2) ÷ số TTHC công khai",
        COMPUTED,
        "Tính trên danh mục đang công khai hôm nay.",
        compute=published_completely,
        snapshot=True,
    ),
    Indicator(
        "1.4",
        "1",
        "Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia",
        "Dossiers synchronised with the national portal",
        6,
        "Số hồ sơ đồng bộ ÷ max(số hồ sơ tiếp nhận theo hệ thống báo cáo, theo Cổng "
        "DVCQG)",
        NO_DATA,
        "Cổng chưa đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia.",
    ),
    Indicator(
        "2.1",
        "2",
        "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
        "Dossiers handled early or on time",
        20,
        "Số hồ sơ đã và đang xử lý trước hạn, đúng hạn ÷ số hồ sơ tiếp nhận và xử lý "
        "trong kỳ (kết thúc ≤ ngày hẹn trả; trừ thời gian bổ sung; yêu cầu bổ sung "
        "hơn 01 lần tính quá hạn)",
        COMPUTED,
        compute=on_time_2_1,
    ),
    Indicator(
        "2.2",
        "2",
        "Thời gian giải quyết trung bình",
        "Average handling time",
        None,
        "Tổng thời gian giải quyết các hồ sơ đã hoàn thành ÷ số hồ sơ đã hoàn thành",
        COMPUTED,
        "Tính bằng ngày làm việc từ ngày tiếp nhận đến ngày có kết quả; không tính "
        "điểm.",
        compute=mean_handling_days,
        unit="ngày làm việc",
    ),
    Indicator(
        "3.0",
        "3",
        "Hồ sơ trực tuyến toàn trình trên tổng hồ sơ của TTHC đủ điều kiện toàn trình",
        "Full-online dossiers of the procedures eligible for full online service",
        12,
        "Số hồ sơ nộp trực tuyến toàn trình ÷ số hồ sơ của các TTHC đủ điều kiện "
        "cung cấp dịch vụ công trực tuyến toàn trình",
        PARTIAL,
        "Danh sách TTHC đủ điều kiện toàn trình lấy theo mức dịch vụ công trực tuyến "
        "đang công bố; cổng chỉ biết hồ sơ các hệ thống một cửa gửi về.",
        compute=full_online_share,
    ),
    Indicator(
        "3.1",
        "3",
        "Thủ tục hành chính cung cấp dịch vụ công trực tuyến",
        "Procedures offered online",
        None,
        "Số TTHC cung cấp dịch vụ công trực tuyến một phần hoặc toàn trình ÷ số TTHC "
        "thuộc thẩm quyền (ngưỡng 80 %)",
        COMPUTED,
        "Chỉ số thành phần, điểm chưa cố định.",
        threshold=0.8,
        compute=online_procedures,
        snapshot=True,
    ),
    Indicator(
        "3.2",
        "3",
        "Dịch vụ công trực tuyến có phát sinh hồ sơ",
        "Online services that received a dossier",
        None,
        "Số dịch vụ công trực tuyến có ít nhất một hồ sơ trực tuyến ÷ số dịch vụ công "
        "trực tuyến",
        PARTIAL,
        "Chỉ tính hồ sơ các hệ thống một cửa gửi về cổng; điểm chưa cố định.",
        compute=online_services_used,
    ),
    Indicator(
        "3.3",
        "3",
        "Hồ sơ theo hình thức nộp trực tuyến",
        "Dossiers filed online",
        None,
        "Số hồ sơ trực tuyến tiếp nhận trong kỳ ÷ số hồ sơ tiếp nhận × tỷ lệ đồng bộ "
        "(ngưỡng 50 %)",
        PARTIAL,
        "Chưa có kết quả điện tử và tỷ lệ đồng bộ; điểm chưa cố định.",
        threshold=0.5,
        compute=online_dossiers,
    ),
    Indicator(
        "4.1",
        "4",
        "Hồ sơ có kết quả điện tử",
        "Dossiers with an electronic result",
        6,
        "Số hồ sơ có tệp kết quả điện tử ÷ số hồ sơ của TTHC trả kết quả giấy",
        NO_DATA,
        "Cổng chỉ lưu kết quả dạng văn bản, không lưu tệp kết quả điện tử.",
    ),
    Indicator(
        "4.2",
        "4",
        "Hồ sơ được số hóa thành phần",
        "Dossiers with digitised components",
        4,
        "Số hồ sơ có thành phần được số hóa và có kết quả điện tử ÷ số hồ sơ (ngưỡng "
        "80 %)",
        NO_DATA,
        "Cần kết quả điện tử, cổng chưa có.",
        threshold=0.8,
    ),
    Indicator(
        "4.x",
        "4",
        "Chứng thực bản sao điện tử",
        "Electronic certified copies",
        2,
        "Theo hệ thống chứng thực điện tử",
        NO_DATA,
        OUTSIDE,
    ),
    Indicator(
        "4.3",
        "4",
        "Tái sử dụng dữ liệu số hóa",
        "Reuse of digitised data",
        2,
        "Số hồ sơ có thành phần tái sử dụng từ dữ liệu số hóa ÷ số hồ sơ tiếp nhận "
        "(ngưỡng 80 %)",
        NO_DATA,
        OUTSIDE,
        threshold=0.8,
    ),
    Indicator(
        "4.4",
        "4",
        "Kết nối kho dữ liệu cá nhân",
        "Personal data store",
        4,
        "Số hồ sơ có thành phần lấy từ kho dữ liệu cá nhân hoặc kết quả đồng bộ vào "
        "kho ÷ số hồ sơ",
        NO_DATA,
        OUTSIDE,
    ),
    Indicator(
        "4.5",
        "4",
        "Sử dụng dữ liệu dân cư",
        "Population database",
        4,
        "TTHC / hồ sơ sử dụng Cơ sở dữ liệu quốc gia về dân cư (tài khoản VNeID)",
        NO_DATA,
        OUTSIDE,
    ),
    Indicator(
        "3.5",
        "5",
        "TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến",
        "Procedures with fees payable online",
        4,
        "Số TTHC đồng bộ dữ liệu phí ÷ số TTHC có phí (ngưỡng 80 %)",
        NO_DATA,
        "Cổng chưa kết nối nền tảng thanh toán.",
        threshold=0.8,
    ),
    Indicator(
        "3.6",
        "5",
        "Hồ sơ thanh toán trực tuyến",
        "Dossiers paid online",
        6,
        "Số hồ sơ thanh toán trực tuyến ÷ số hồ sơ của TTHC có phí",
        NO_DATA,
        "Cổng chưa kết nối nền tảng thanh toán.",
    ),
    Indicator(
        "5.1",
        "6",
        "Phản ánh, kiến nghị theo phân loại",
        "Petitions by kind",
        None,
        "Số PAKN về quy định, thủ tục hành chính ÷ tổng số PAKN",
        COMPUTED,
        "Theo dõi, không tính điểm.",
        compute=petitions_about_procedures,
    ),
    Indicator(
        "5.2",
        "6",
        "Phản ánh, kiến nghị được xử lý đúng hạn",
        "Petitions handled on time",
        6,
        "Số PAKN xử lý đúng hạn (từ chối ≤ 2, trả lời ≤ 15, công khai ≤ 2 ngày làm "
        "việc) và đang xử lý trong hạn ÷ số PAKN tiếp nhận trong kỳ",
        COMPUTED,
        compute=petitions_on_time,
    ),
    Indicator(
        "5.3",
        "6",
        "Mức độ hài lòng trong xử lý phản ánh, kiến nghị",
        "Satisfaction with petition handling",
        6,
        "(Số PAKN − số PAKN có lượt không hài lòng nhiều hơn hài lòng, quá hạn, hoặc "
        "bị phản ánh lại) ÷ số PAKN tiếp nhận lần đầu trong kỳ",
        PARTIAL,
        "Chưa nhận biết được PAKN bị phản ánh lại về cùng việc.",
        compute=petitions_satisfied,
    ),
    Indicator(
        "5.4",
        "6",
        "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC",
        "Satisfaction with dossier handling",
        6,
        "100 % − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ có phản ánh hoặc đánh giá không "
        "hài lòng) (ngưỡng 90 %)",
        PARTIAL,
        "Đánh giá “Không đạt” gắn với mã hồ sơ được tính; phản ánh chưa gắn với hồ sơ.",
        threshold=0.9,
        compute=dossier_satisfaction,
    ),
    Indicator(
        "5.x",
        "6",
        "Hài lòng về cắt giảm, phân cấp, đơn giản hóa TTHC",
        "Satisfaction with simplification",
        None,
        "Theo khảo sát",
        NO_DATA,
        OUTSIDE,
    ),
)


def _score(indicator: Indicator, numerator: int, denominator: int) -> float | None:
    if indicator.points is None or indicator.unit != "%" or denominator == 0:
        return None
    rate = numerator / denominator
    return round(indicator.points * min(1.0, rate / indicator.threshold), 2)


def evaluate(indicator: Indicator, ctx: Context) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": indicator.id,
        "label": indicator.label,
        "label_en": indicator.label_en,
        "points": indicator.points,
        "formula": indicator.formula,
        "threshold": round(indicator.threshold * 100, 2),
        "status": indicator.status,
        "note": indicator.note,
        "unit": indicator.unit,
        "snapshot": indicator.snapshot,
        "numerator": None,
        "denominator": None,
        "value": None,
        "score": None,
        "has_data": False,
    }
    answer = indicator.compute(ctx) if indicator.compute else None
    if answer is None:
        return row
    numerator, denominator = answer
    row["numerator"], row["denominator"] = numerator, denominator
    if denominator:
        row["has_data"] = True
        if indicator.unit == "%":
            row["value"] = float(round(Decimal(100 * numerator) / denominator, 2))
        else:
            row["value"] = round(numerator / denominator, 1)
            row["numerator"] = row["denominator"] = None
    row["score"] = _score(indicator, numerator, denominator)
    return row


def index(period: Period, agency: Agency | None = None, *, today=None) -> dict:
    """Every group with its sub-indicators, and the partial total."""
    if period.start is None or period.end is None:
        raise ValueError("the index needs a bounded period")
    ctx = Context(period, agency, today or timezone.localdate())
    groups = []
    for group in GROUPS:
        rows = [evaluate(i, ctx) for i in INDICATORS if i.group == group.id]
        scored = [r for r in rows if r["score"] is not None]
        groups.append(
            {
                "id": group.id,
                "label": group.label,
                "label_en": group.label_en,
                "points": group.points,
                "measured_points": sum(r["points"] for r in scored),
                "score": round(sum(r["score"] for r in scored), 2) if scored else None,
                "indicators": rows,
            }
        )
    measured = sum(g["measured_points"] for g in groups)
    score = sum(g["score"] or 0 for g in groups)
    return {
        "period": period.label,
        "agency": agency.code if agency else None,
        "agency_name": agency.name if agency else None,
        "as_of": ctx.as_of,
        "source": SOURCE,
        "points": sum(g.points for g in GROUPS),
        "measured_points": measured,
        "score": round(score, 2) if measured else None,
        "share": round(100 * score / measured, 2) if measured else None,
        "groups": groups,
    }


def unit_totals(period: Period, *, today=None, limit: int = 50) -> list[dict]:
    """The partial total of each unit with dossiers or petitions in the period."""
    active = Q(
        dossiers__received_at__gte=period.start, dossiers__received_at__lt=period.end
    )
    active |= Q(
        petitions__submitted_at__gte=period.start,
        petitions__submitted_at__lt=period.end,
    )
    units = Agency.objects.filter(active).distinct().order_by("name")[:limit]
    rows = []
    for agency in units:
        answer = index(period, agency, today=today)
        rows.append(
            {
                "agency": agency.code,
                "agency_name": agency.name,
                "measured_points": answer["measured_points"],
                "score": answer["score"],
                "share": answer["share"],
            }
        )
    rows.sort(key=lambda r: (r["share"] is None, -(r["share"] or 0), r["agency_name"]))
    return rows
