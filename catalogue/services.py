"""Catalogue services: what citizens may see, and how it is described."""

from __future__ import annotations

import hashlib
import math
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.signing import BadSignature
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils.html import strip_tags

from core import public_cache

from .facts import time_label
from .models import HISTORICAL_LEVEL_SLUGS, Agency, Field, LifeEvent, ProcedurePage

VERSION_KEY = "catalogue:version"


def procedure_url(code: str) -> str:
    """Where citizens read a procedure on the frontend."""
    return f"{settings.FRONTEND_URL}/thu-tuc/{code}"


def live_procedures() -> QuerySet[ProcedurePage]:
    """Published, public procedures: the only ones the public API shows."""
    return ProcedurePage.objects.live().public().select_related("field")


def preview_procedure(content_type: str, token: str) -> ProcedurePage | None:
    """The draft an editor is previewing, from wagtail-headless-preview's token.

    ``content_type`` is "app_label.model" as the preview URL carries it. None
    when the type is not a procedure, the token is forged, or the preview has
    expired (the package deletes previews after a day).
    """
    app_label, _, model = content_type.partition(".")
    try:
        model_class = ContentType.objects.get_by_natural_key(
            app_label, model
        ).model_class()
    except ContentType.DoesNotExist:
        return None
    if model_class is None or not issubclass(model_class, ProcedurePage):
        return None
    try:
        page = model_class.get_page_from_preview_token(token)
    except BadSignature:
        return None
    return page if isinstance(page, ProcedurePage) else None


# Columns a list row never shows: the structured parts are StreamFields whose
# JSON would be decoded for every row (most of a list request's time).
LIST_DEFERRED_FIELDS = (
    "steps",
    "channels",
    "dossier",
    "results",
    "legal_basis",
    "requirements",
    "applicants",
    "reception_address",
    "related_text",
    "import_problems",
)


def procedure_list_queryset() -> QuerySet[ProcedurePage]:
    """Published procedures for lists, without the columns lists don't show."""
    return (
        live_procedures()
        .defer(*LIST_DEFERRED_FIELDS)
        .order_by("-usage_score", "-popularity", "title")
    )


def procedure_detail_queryset() -> QuerySet[ProcedurePage]:
    return (
        live_procedures()
        .select_related("replaced_by")
        .prefetch_related("agency_roles__agency", "life_events", "related_procedures")
    )


def _live_filter(prefix: str) -> Q:
    return Q(**{f"{prefix}__live": True})


def fields_with_counts() -> QuerySet[Field]:
    return Field.objects.annotate(
        procedure_count=Count("procedures", filter=_live_filter("procedures"))
    ).filter(procedure_count__gt=0)


def life_events_with_counts() -> QuerySet[LifeEvent]:
    return LifeEvent.objects.annotate(
        procedure_count=Count("procedures", filter=_live_filter("procedures"))
    )


def current_agencies() -> QuerySet[Agency]:
    """Agencies that exist today: not the district bodies that ended on
    30/6/2025 (``catalogue.two_tier``), which no list or filter offers."""
    return Agency.objects.exclude(level__in=HISTORICAL_LEVEL_SLUGS)


def agencies_with_counts() -> QuerySet[Agency]:
    """Agencies a citizen deals with: those of live procedures, and receiving
    units with an official code (a one-stop desk that files dossiers for other
    agencies' procedures has none of its own, yet is rated and counted).
    District bodies are not among them (two-tier government)."""
    return (
        current_agencies()
        .annotate(
            procedure_count=Count(
                "procedure_roles__page",
                filter=Q(procedure_roles__page__live=True),
                distinct=True,
            )
        )
        .filter(Q(procedure_count__gt=0) | (Q(code__isnull=False) & ~Q(code="")))
    )


def catalogue_version() -> tuple[str, datetime | None]:
    """A token that changes whenever anything public in the catalogue changes.

    Used for ETag and Last-Modified on public reads. Cached under the
    catalogue's version in the shared cache of public reads, which the
    publish, unpublish, move and delete signal handlers bump.
    """
    current = public_cache.versions(public_cache.CATALOGUE)
    key = f"{VERSION_KEY}:{current}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    # The pages' own marks, and the version every edit of a snippet (agency,
    # field, life event) or a link bumps.
    stats = ProcedurePage.objects.live().aggregate(
        latest=Max("last_published_at"),
        count=Count("id"),
        edited=Max("latest_revision_created_at"),
    )
    raw = f"{stats}|{current}"
    version = (hashlib.sha256(raw.encode()).hexdigest()[:20], stats["latest"])
    cache.set(key, version, 3600)
    return version


def forget_catalogue_version() -> None:
    """Something public in the catalogue changed: every cached read of it,
    and the version token, are recomputed on their next read."""
    public_cache.bump(public_cache.CATALOGUE)


def _fee_offers(page: ProcedurePage) -> list[dict[str, Any]]:
    offers = []
    for channel in page.channels:
        for fee in channel.value.get("fees") or []:
            amount = fee.get("amount")
            try:
                price = "0" if fee.get("is_free") else str(Decimal(amount))
            except (InvalidOperation, TypeError):
                continue
            offers.append(
                {
                    "@type": "Offer",
                    "price": price,
                    "priceCurrency": fee.get("currency") or "VND",
                    "description": fee.get("description") or "",
                }
            )
    return offers


def json_ld(page: ProcedurePage, *, frontend_url: str) -> dict[str, Any]:
    """schema.org GovernmentService for search engines."""
    implementing = [
        role.agency for role in page.agency_roles.all() if role.role == "implementing"
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "identifier": page.code,
        "name": page.name or page.title,
        "url": f"{frontend_url}/thu-tuc/{page.code}",
        "serviceType": page.field.name if page.field else None,
        "audience": {"@type": "Audience", "audienceType": page.applicants}
        if page.applicants
        else None,
        "provider": [
            {"@type": "GovernmentOrganization", "name": agency.name}
            for agency in implementing
        ]
        or None,
        "description": strip_tags(str(page.steps[0].value))[:300]
        if page.steps
        else None,
        "offers": _fee_offers(page) or None,
        "areaServed": {"@type": "Country", "name": "Việt Nam"},
        "availableChannel": [
            {
                "@type": "ServiceChannel",
                "name": channel.value.get("kind"),
                "processingTime": time_label(channel.value) or None,
            }
            for channel in page.channels
        ]
        or None,
    }
    return {key: value for key, value in data.items() if value is not None}


def ensure_catalogue_root():
    """The catalogue index page, created (with Wagtail's tree root and the
    default site) if a database was emptied, e.g. by a test's flush."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    from .models import CatalogueIndexPage

    index = CatalogueIndexPage.objects.first()
    if index is not None:
        return index
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", content_type=None)
    )
    index = root.add_child(
        instance=CatalogueIndexPage(
            title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh"
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": index},
    )
    return index


# The usage score's cold start: what a fresh portal knows before anyone has
# viewed a page or filed a dossier. Life events are the curated "what citizens
# come for"; commune-level procedures are the ones most people meet.
LIFE_EVENT_PRIOR = 1.5
COMMUNE_PRIOR = 0.5
CITIZEN_PRIOR = 0.5
DOSSIER_WEIGHT = 2.0


def usage_score(
    views: int, dossiers: int, life_events: int, levels: str, applicants: str = ""
) -> float:
    """How much a procedure is used, on a log scale.

    ln(1 + views) + 2 ln(1 + dossiers) once there are counts; a dossier
    weighs more than a view (someone actually did it). The cold start adds a
    constant that real use soon outweighs (a few dozen views): life events'
    procedures, commune-level ones and those open to citizens ("Công dân
    Việt Nam" among who may apply) are the ones people come for.
    """
    score = math.log1p(views) + DOSSIER_WEIGHT * math.log1p(dossiers)
    if life_events:
        score += LIFE_EVENT_PRIOR
    if "xa" in levels.split(","):
        score += COMMUNE_PRIOR
    if "công dân" in applicants.casefold():
        score += CITIZEN_PRIOR
    return round(score, 4)


VIEWS_KEY = "catalogue:views:{}"


def count_view(code: str) -> None:
    """One more view of a procedure's page (the usage score reads it hourly).

    Counted in the shared cache, not the database: a read stays a read (no
    row lock on a busy page). ``flush_view_counts`` adds the counts to the
    pages before the usage scores are computed. Without the cache the view
    is counted in the database at once.
    """
    key = VIEWS_KEY.format(code)
    try:
        try:
            cache.incr(key)
        except ValueError:  # the first view since the last flush
            if not cache.add(key, 1, None):
                cache.incr(key)
    except public_cache.CACHE_ERRORS:
        ProcedurePage.objects.filter(code=code).update(popularity=F("popularity") + 1)


def flush_view_counts() -> int:
    """Add the views counted in the cache to the pages; return how many."""
    codes = {
        VIEWS_KEY.format(code): code
        for code in ProcedurePage.objects.values_list("code", flat=True)
    }
    try:
        counts = cache.get_many(list(codes))
    except public_cache.CACHE_ERRORS:
        return 0
    total = 0
    for key, views in counts.items():
        if not views:
            continue
        ProcedurePage.objects.filter(code=codes[key]).update(
            popularity=F("popularity") + views
        )
        cache.decr(key, views)  # views counted meanwhile stay for the next flush
        total += views
    return total


def refresh_usage_scores() -> list[int]:
    """Recompute every procedure's ``usage_score``; return the ids that changed."""
    flush_view_counts()
    rows = ProcedurePage.objects.annotate(
        n_dossiers=Count("dossiers", distinct=True),
        n_events=Count("life_events", distinct=True),
    ).values_list(
        "pk",
        "popularity",
        "n_dossiers",
        "n_events",
        "levels",
        "applicants",
        "usage_score",
    )
    changed = []
    for pk, views, dossiers, events, levels, applicants, old in rows:
        new = usage_score(views, dossiers, events, levels, applicants)
        if abs(new - old) > 1e-6:
            changed.append(ProcedurePage(pk=pk, usage_score=new))
    ProcedurePage.objects.bulk_update(changed, ["usage_score"], batch_size=500)
    if changed:  # "most used" lists are ordered by the score
        forget_catalogue_version()
    return [page.pk for page in changed]


# --- the province's default reception unit ----------------------------------------

# Decree 118/2025/NĐ-CP art. 7-8: the provincial Public Administration Centre
# (Trung tâm Phục vụ hành chính công tỉnh, under the Office of the provincial
# People's Committee) receives for the province; it is the unit created when
# an installation has named none.
DEFAULT_RECEPTION_NAME = "Trung tâm Phục vụ hành chính công tỉnh"


def default_reception_unit() -> tuple[Agency, str]:
    """The province's default reception unit and how it was found.

    The agency whose code is ``FEEDBACK_DEFAULT_AGENCY_CODE`` (``"setting"``),
    else the agency editors flagged "đơn vị tiếp nhận mặc định" (``"flag"``),
    else the provincial centre, created and flagged so that editors can
    rename or replace it (``"created"``): a petition is never left without
    an agency.
    """
    code = settings.FEEDBACK_DEFAULT_AGENCY_CODE
    if code:
        agency = Agency.objects.filter(code=code).first()
        if agency is not None:
            return agency, "setting"
    agency = Agency.objects.filter(default_reception=True).first()
    if agency is not None:
        return agency, "flag"
    agency, created = Agency.objects.get_or_create(
        normalised_name=_normalised(DEFAULT_RECEPTION_NAME),
        defaults={"name": DEFAULT_RECEPTION_NAME, "level": "tinh"},
    )
    # Flag it unless another request flagged one meanwhile (one at most).
    if not Agency.objects.filter(default_reception=True).exists():
        Agency.objects.filter(pk=agency.pk).update(default_reception=True)
    return agency, "created" if created else "flag"


def _normalised(name: str) -> str:
    from .parsing import normalise_agency_name

    return normalise_agency_name(name)
