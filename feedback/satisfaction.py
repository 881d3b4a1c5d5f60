"""Satisfaction services: evaluations, counter ratings, page usefulness, figures.

Figures come with their response count and a 95% confidence interval (Wilson
for shares, Student's t for means) so that a unit with five responses is not
read as better than one with five hundred.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q, QuerySet, StdDev
from django.utils import timezone
from django.utils.translation import gettext

from core.idempotency import store_once
from core.periods import Period

from . import signals
from .criteria import CRITERIA, GRADES, POINTS_PER_CRITERION
from .models import (
    CRITERION_NAMES,
    MAX_POINTS,
    CounterLevel,
    CounterRating,
    DossierEvaluation,
    PageFeedback,
)

Z_95 = 1.959963984540054
# Two-sided 95% critical values of Student's t for 1..30 degrees of freedom.
_T_95 = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
]  # fmt: skip

# Grade bands of the 18-point evaluation: code, label and the lowest total of
# each band, best first (feedback.criteria).
GRADE_BANDS = [(grade.code, grade.label.vi, grade.min_total) for grade in GRADES]
GRADE_LABELS = {code: label for code, label, _ in GRADE_BANDS}


def grade_for(total: int) -> str:
    for code, _, lowest in GRADE_BANDS:
        if total >= lowest:
            return code
    raise ValueError(total)


def t_critical(df: int) -> float:
    if df < 1:
        return math.nan
    if df <= len(_T_95):
        return _T_95[df - 1]
    # Cornish-Fisher expansion: within 0.002 of the exact value for df > 30.
    return Z_95 + (Z_95**3 + Z_95) / (4 * df)


def wilson_interval(successes: int, n: int) -> tuple[float, float] | None:
    if n == 0:
        return None
    p = successes / n
    z2 = Z_95**2
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = Z_95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(
    mean: float | None, sd: float | None, n: int
) -> tuple[float, float] | None:
    if n < 2 or mean is None or sd is None:
        return None
    half = t_critical(n - 1) * sd / math.sqrt(n)
    return (mean - half, mean + half)


def evaluation_form() -> dict[str, Any]:
    """The criteria, their options and the grades, as a form is drawn from them."""

    def text(value) -> dict[str, str]:
        return {"vi": value.vi, "en": value.en}

    return {
        "max_points": MAX_POINTS,
        "criteria": [
            {
                "name": criterion.name,
                "label": text(criterion.label),
                "max_points": POINTS_PER_CRITERION,
                "options": [
                    {"points": points, "label": text(option)}
                    for points, option in enumerate(criterion.options)
                ],
            }
            for criterion in CRITERIA
        ],
        "grades": [
            {"code": g.code, "label": text(g.label), "min_total": g.min_total}
            for g in GRADES
        ],
    }


# --- recording ----------------------------------------------------------------------


def _create_once(model, idempotency_key: str | None, **fields) -> tuple[Any, bool]:
    """Create a row, or return the one an earlier request with the key made.

    Inserted first, as one statement: a retry (rare) fails on the unique key
    and then finds the earlier row; a new rating costs one INSERT.
    """
    return store_once(
        idempotency_key,
        lambda key: model.objects.filter(idempotency_key=key).first(),
        lambda saved: model.objects.create(
            idempotency_key=idempotency_key or None, **fields
        ),
        known_new=True,
        one_statement=True,
    )


class EvaluationClosed(Exception):
    """The dossier was evaluated longer ago than the revision window."""

    def __init__(self, evaluation: DossierEvaluation):
        super().__init__(evaluation.dossier_code)
        self.evaluation = evaluation

    def message(self) -> str:
        days = settings.FEEDBACK_EVALUATION_REVISE_DAYS
        return gettext(
            "Hồ sơ %(code)s đã được đánh giá ngày %(date)s. Mỗi hồ sơ được đánh "
            "giá một lần; đánh giá chỉ sửa được trong %(days)d ngày kể từ lần đầu."
        ) % {
            "code": self.evaluation.dossier_code,
            "date": timezone.localtime(self.evaluation.created_at).strftime("%d/%m/%Y"),
            "days": days,
        }


def normalise_dossier_code(raw: str) -> str:
    """A dossier code as typed: spaces dropped, letters in capitals."""
    return re.sub(r"\s+", "", raw or "").upper()


def record_evaluation(
    data: dict[str, Any], idempotency_key: str | None = None
) -> tuple[DossierEvaluation, bool]:
    """Store a dossier's evaluation: one a dossier.

    A second evaluation of the same dossier within
    ``FEEDBACK_EVALUATION_REVISE_DAYS`` of the first replaces its scores (the
    row keeps its id and date, ``revised_at`` is set and ``replaced`` is
    True on the returned object); later ones raise :class:`EvaluationClosed`.
    Neither Decree 118/2025 nor Decision 766 (docs/legal.md §6) sets a rule
    for a repeated evaluation; indicator 5.4 of Decision 766 counts dossiers,
    so the portal keeps one evaluation a dossier and lets a mistaken tap be
    corrected for a week. Evaluations naming no dossier are each kept.
    """
    data = {**data, "dossier_code": normalise_dossier_code(data.get("dossier_code"))}
    total = sum(data[name] for name in CRITERION_NAMES)
    scores = {**data, "total": total, "grade": grade_for(total)}
    replayed = (
        idempotency_key
        and DossierEvaluation.objects.filter(idempotency_key=idempotency_key).exists()
    )
    if replayed or not data["dossier_code"]:
        evaluation, created = _create_once(DossierEvaluation, idempotency_key, **scores)
        evaluation.replaced = False
        return evaluation, created
    for _attempt in range(2):
        with transaction.atomic():
            earlier = (
                DossierEvaluation.objects.select_for_update()
                .filter(dossier_code=data["dossier_code"])
                .first()
            )
            if earlier is None:
                try:
                    with transaction.atomic():
                        evaluation, created = _create_once(
                            DossierEvaluation, idempotency_key, **scores
                        )
                except IntegrityError:
                    continue  # evaluated at the same moment: replace that one
                evaluation.replaced = False
                return evaluation, created
            window = dt.timedelta(days=settings.FEEDBACK_EVALUATION_REVISE_DAYS)
            if timezone.now() - earlier.created_at > window:
                raise EvaluationClosed(earlier)
            for name, value in scores.items():
                setattr(earlier, name, value)
            earlier.revised_at = timezone.now()
            earlier.save()
            earlier.replaced = True
            return earlier, False
    raise EvaluationClosed(earlier)  # pragma: no cover - two races in a row


def record_counter_rating(
    data: dict[str, Any], idempotency_key: str | None = None
) -> tuple[CounterRating, bool]:
    return _create_once(CounterRating, idempotency_key, **data)


def record_page_feedback(
    data: dict[str, Any], idempotency_key: str | None = None
) -> tuple[PageFeedback, bool]:
    feedback, created = _create_once(PageFeedback, idempotency_key, **data)
    if created and needs_editor(feedback):
        transaction.on_commit(lambda: queue_notification(feedback.pk), robust=True)
    return feedback, created


def needs_editor(feedback: PageFeedback) -> bool:
    return not feedback.useful and bool(feedback.comment.strip())


def queue_notification(feedback_id: int) -> None:
    """Have the editor's e-mail queued (the sweep catches a broker failure)."""
    signals.editor_notice_due.send(sender=PageFeedback, feedback_id=feedback_id)


def unnotified(older_than: dt.timedelta) -> QuerySet[PageFeedback]:
    """ "Not useful" comments whose editor has not been told in time."""
    return (
        PageFeedback.objects.filter(useful=False, notified_at=None)
        .exclude(comment="")
        .filter(created_at__lte=timezone.now() - older_than)
    )


def notify_editor(feedback_id: int) -> bool:
    """Tell the editor responsible for the page about a "not useful" comment.

    The editor is the author of the page's latest revision, else its owner.
    Stamped under a row lock, so it is sent once however often it is called.
    """
    from django.conf import settings
    from django.core.mail import send_mail

    with transaction.atomic():
        feedback = (
            PageFeedback.objects.select_for_update(of=("self",))
            .select_related("procedure")
            .filter(pk=feedback_id, notified_at=None)
            .first()
        )
        if feedback is None:
            return False
        page = feedback.procedure
        revision = page.latest_revision
        editor = (revision.user if revision else None) or page.owner
        if editor is not None and editor.email:
            send_mail(
                f"Ý kiến “trang không hữu ích”: {page.title[:80]}",
                f"Trang: {settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/\n"
                f"Ý kiến của người dân:\n{feedback.comment}",
                settings.FEEDBACK_FROM_EMAIL,
                [editor.email],
            )
        feedback.notified_at = timezone.now()
        feedback.save(update_fields=["notified_at"])
    return True


# --- figures --------------------------------------------------------------------------


def _in_period(queryset: QuerySet, period: Period, field: str = "created_at"):
    if period.start:
        queryset = queryset.filter(**{f"{field}__gte": period.start})
    if period.end:
        queryset = queryset.filter(**{f"{field}__lt": period.end})
    return queryset


def _share(successes: int, n: int) -> dict[str, Any]:
    interval = wilson_interval(successes, n)
    return {
        "value": round(successes / n, 4) if n else None,
        "ci95": [round(x, 4) for x in interval] if interval else None,
    }


def counter_breakdown(agency_id: int, period: Period) -> list[dict[str, Any]]:
    """One agency's counter ratings per counter (the kiosk's ``quay``).

    For the agency's own managers (admin only, not the public statistics: a
    counter is a person's desk). Rows by counter name, the unnamed last, each
    with its levels and the share satisfied with its 95% interval.
    """
    rows = (
        _in_period(CounterRating.objects.filter(agency_id=agency_id), period)
        .values_list("counter", "level")
        .annotate(n=Count("pk"))
    )
    counters: dict[str, dict[str, int]] = {}
    for counter, level, n in rows:
        counters.setdefault(counter, dict.fromkeys(CounterLevel.values, 0))[level] = n
    result = []
    for counter in sorted(counters, key=lambda name: (name == "", name)):
        levels = counters[counter]
        responses = sum(levels.values())
        satisfied = levels[CounterLevel.VERY_SATISFIED] + levels[CounterLevel.SATISFIED]
        result.append(
            {
                "counter": counter,
                "responses": responses,
                "levels": levels,
                "share_satisfied": _share(satisfied, responses),
            }
        )
    return result


def _mean(mean, sd, n) -> dict[str, Any]:
    interval = mean_interval(mean, sd, n)
    return {
        "value": round(mean, 3) if mean is not None else None,
        "ci95": [round(x, 3) for x in interval] if interval else None,
    }


def satisfaction_figures(agency_id: int | None, period: Period) -> dict[str, Any]:
    """Counter ratings, evaluations and page usefulness for one agency/period."""
    counter = _in_period(CounterRating.objects.all(), period)
    evaluations = _in_period(DossierEvaluation.objects.all(), period)
    pages = _in_period(PageFeedback.objects.all(), period)
    if agency_id is not None:
        counter = counter.filter(agency_id=agency_id)
        evaluations = evaluations.filter(agency_id=agency_id)
        pages = pages.filter(procedure__agency_roles__agency_id=agency_id).distinct()

    levels = dict(
        counter.values_list("level").annotate(n=Count("pk")).values_list("level", "n")
    )
    n_counter = sum(levels.values())
    satisfied = levels.get(CounterLevel.VERY_SATISFIED, 0) + levels.get(
        CounterLevel.SATISFIED, 0
    )

    aggregates: dict[str, Any] = {"n": Count("pk")}
    for name in [*CRITERION_NAMES, "total"]:
        aggregates[f"{name}_mean"] = Avg(name)
        aggregates[f"{name}_sd"] = StdDev(name, sample=True)
    aggregates["satisfied"] = Count("pk", filter=Q(total__gte=GRADE_BANDS[1][2]))
    ev = evaluations.aggregate(**aggregates)
    n_eval = ev["n"]
    grades = dict(
        evaluations.values_list("grade")
        .annotate(n=Count("pk"))
        .values_list("grade", "n")
    )

    page_counts = pages.aggregate(
        n=Count("pk"), useful=Count("pk", filter=Q(useful=True))
    )

    return {
        "period": period.label,
        "agency": agency_id,
        "counter": {
            "responses": n_counter,
            "levels": {level: levels.get(level, 0) for level in CounterLevel.values},
            "share_satisfied": _share(satisfied, n_counter),
        },
        "evaluations": {
            "responses": n_eval,
            "max_points": MAX_POINTS,
            "mean_total": _mean(ev["total_mean"], ev["total_sd"], n_eval),
            "share_satisfied": _share(ev["satisfied"], n_eval),
            "criteria": {
                name: _mean(ev[f"{name}_mean"], ev[f"{name}_sd"], n_eval)
                for name in CRITERION_NAMES
            },
            "grades": {code: grades.get(code, 0) for code, _, _ in GRADE_BANDS},
        },
        "pages": {
            "responses": page_counts["n"],
            "share_useful": _share(page_counts["useful"], page_counts["n"]),
        },
    }
