"""The portal summary: what the home page counts, across the apps."""

from __future__ import annotations

from catalogue.models import Agency, Field, ProcedurePage
from feedback.services import published_petitions


def live_counts() -> dict[str, int]:
    """Counts of what a citizen can see now (live procedures, published answers)."""
    live = ProcedurePage.objects.live().public()
    return {
        "procedures": live.count(),
        "fields": Field.objects.filter(procedures__in=live).distinct().count(),
        "agencies": Agency.objects.filter(procedure_roles__page__in=live)
        .distinct()
        .count(),
        "petitions": published_petitions().count(),
    }
