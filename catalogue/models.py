"""The catalogue's content model.

Agencies, fields and life events are snippets; every procedure is a
``ProcedurePage`` under a ``CatalogueIndexPage``, so editors get Wagtail's
revisions, workflow, scheduled publishing and locking for free.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_headless_preview.models import HeadlessPreviewMixin

from . import blocks
from .forms import ProcedurePageForm

# The levels in force: central bodies, province, commune (two-tier local
# government since 1/7/2025: Law 72/2025/QH15; Decree 118/2025/NĐ-CP art. 1(1)).
# These are the only ones offered in filters, facets, browse pages and the admin.
LEVELS = [
    ("bo", _("Ministry level")),
    ("tinh", _("Province level")),
    ("xa", _("Commune level")),
    ("khac", _("Other bodies")),
]
# Kept on historical rows only (a district body); see ``catalogue.two_tier``.
HISTORICAL_LEVELS = [("huyen", _("District level (until 30/6/2025)"))]
HISTORICAL_LEVEL_SLUGS = frozenset(slug for slug, _ in HISTORICAL_LEVELS)
LEVEL_LABELS = dict(LEVELS + HISTORICAL_LEVELS)


class OnlineLevel(models.TextChoices):
    NONE = "none", _("No online public service")
    PARTIAL = "partial", _("Partly online public service")
    FULL = "full", _("Fully online public service")


class EffectiveStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REPLACED = "replaced", _("Replaced")
    ABOLISHED = "abolished", _("Abolished")


class AgencyRole(models.TextChoices):
    IMPLEMENTING = "implementing", _("Implementing agency")
    COMPETENT = "competent", _("Competent agency")
    AUTHORISED = "authorised", _("Authorised agency")
    COORDINATING = "coordinating", _("Coordinating agency")


class AgencyKind(models.TextChoices):
    """What a unit is in the one-stop mechanism (Decree 118/2025 arts 7, 14)."""

    CENTRE = (
        "public_administration_centre",
        _("Provincial Public Administration Centre"),
    )
    DEPARTMENT = "department", _("Department or board")
    COMMUNE_CENTRE = "commune_centre", _("Commune Public Administration Centre")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
    VERTICAL = "vertical_agency", _("Vertically managed agency")
    OTHER = "other", _("Other unit")


@register_snippet
class Agency(index.Indexed, models.Model):
    """An agency (cơ quan) that receives, decides or coordinates procedures."""

    name = models.CharField(_("agency name"), max_length=500)
    # Casefolded, punctuation-free name; the importer deduplicates on it.
    normalised_name = models.CharField(max_length=500, unique=True, editable=False)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    code = models.CharField(
        _("agency code"), max_length=40, blank=True, null=True, unique=True
    )
    level = models.CharField(_("level"), max_length=8, choices=LEVELS, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    map_url = models.URLField(_("map"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind of unit"), max_length=32, choices=AgencyKind.choices, blank=True
    )
    # A commune centre or committee: the commune (xã, phường) it serves.
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("commune served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    # A department whose dossiers are received at the Centre's counters.
    receives_at = models.ForeignKey(
        "self",
        verbose_name=_("dossiers received at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="receives_for",
        help_text=_(
            "The one-stop unit that receives this agency's dossiers (e.g. the "
            "provincial Public Administration Centre)."
        ),
    )
    # The province's default reception unit: petitions naming neither a
    # procedure with an agency nor an agency are routed here (at most one).
    default_reception = models.BooleanField(
        _("default reception unit"),
        default=False,
        help_text=(
            _(
                "Petitions naming neither a procedure nor an agency are sent to"
                " this unit (one unit in the province)."
            )
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("parent")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("commune")]),
        FieldPanel("receives_at"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("opening_hours"),
        FieldPanel("map_url"),
        FieldPanel("default_reception"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
    ]

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agency")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["default_reception"],
                condition=models.Q(default_reception=True),
                name="one_default_reception_unit",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from .parsing import normalise_agency_name

        self.normalised_name = normalise_agency_name(self.name)
        super().save(*args, **kwargs)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def is_historical(self) -> bool:
        """A district body (gone since 1/7/2025): named by old procedures only."""
        return self.level in HISTORICAL_LEVEL_SLUGS


@register_snippet
class Field(index.Indexed, models.Model):
    """A field (lĩnh vực) such as "Hộ tịch" or "Đất đai"."""

    name = models.CharField(_("field name"), max_length=300, unique=True)
    name_en = models.CharField(
        _("English name"),
        max_length=300,
        blank=True,
        help_text=_("Shown on the English site; English searches read this name."),
    )
    slug = models.SlugField(
        verbose_name=_("slug"), max_length=300, unique=True, allow_unicode=False
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("field")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name)
        super().save(*args, **kwargs)


@register_snippet
class LifeEvent(index.Indexed, models.Model):
    """A life event (sự kiện) grouping procedures across fields."""

    name = models.CharField(_("life event name"), max_length=300, unique=True)
    slug = models.SlugField(verbose_name=_("slug"), max_length=300, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        verbose_name = _("life event")
        verbose_name_plural = _("life event")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name)
        super().save(*args, **kwargs)


def slugify_vi(text: str) -> str:
    """ASCII slug for Vietnamese text ("Hộ tịch" -> "ho-tich")."""
    from core.text import fold_diacritics

    return slugify(fold_diacritics(text))[:300] or "x"


class CitizensSitePage:
    """A page that lives on the citizens' (SvelteKit) site, not on Django's.

    The portal is headless: Django serves the admin and the API, the pages
    are drawn at ``FRONTEND_URL``. Every URL Wagtail gives for the page (the
    admin's "Live" and "View live", the page API's ``html_url``) is the
    frontend's, and a request that reaches Django's page serving is sent
    there instead of failing for want of a template.
    """

    def frontend_path(self) -> str:
        return "/"

    def get_full_url(self, request=None) -> str:
        return settings.FRONTEND_URL + self.frontend_path()

    full_url = property(get_full_url)

    def get_url(self, request=None, current_site=None) -> str:
        return self.get_full_url(request)

    url = property(get_url)

    def relative_url(self, current_site, request=None) -> str:
        return self.get_full_url(request)

    def serve(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_full_url(request))


class CatalogueIndexPage(CitizensSitePage, Page):
    """The root of the procedure catalogue; browse pages are API views."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["catalogue.ProcedurePage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("procedure catalogue")


class ProcedureAgency(Orderable):
    """An agency's role in a procedure (implementing, competent, ...)."""

    page = ParentalKey(
        "catalogue.ProcedurePage", on_delete=models.CASCADE, related_name="agency_roles"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="procedure_roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=AgencyRole.choices)

    panels = [FieldPanel("agency"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("agency")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "agency", "role"], name="unique_procedure_agency_role"
            )
        ]


class ProcedurePage(CitizensSitePage, HeadlessPreviewMixin, Page):
    """One administrative procedure (thủ tục hành chính) as published.

    Preview is headless: the editor's Preview shows the SvelteKit frontend's
    ``/preview?content_type=catalogue.procedurepage&token=...`` page, which
    reads the draft from ``GET /api/v1/preview/`` (see ``catalogue.api``).
    """

    code = models.CharField(_("procedure code"), max_length=40, unique=True)
    # The official name can run to a thousand characters; the page title is
    # limited to 255, so the full name is kept here and shown to citizens.
    name = models.TextField(_("full procedure name"), blank=True)
    name_en = models.TextField(
        _("English name"),
        blank=True,
        help_text=_("Shown on the English site; English searches read this name."),
    )
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    levels = models.CharField(
        _("levels"),
        max_length=64,
        blank=True,
        help_text=_("The levels, separated by commas: bo, tinh, xa, khac."),
    )
    procedure_kind = models.CharField(_("procedure kind"), max_length=200, blank=True)
    applicants = models.TextField(_("applicants"), blank=True)
    reception_address = models.TextField(_("reception address"), blank=True)
    steps = StreamField(
        [("step", blocks.StepBlock())], blank=True, verbose_name=_("steps")
    )
    channels = StreamField(
        [("channel", blocks.ChannelBlock())],
        blank=True,
        verbose_name=_("channels"),
    )
    dossier = StreamField(
        [("case", blocks.DossierCaseBlock())],
        blank=True,
        verbose_name=_("required documents"),
    )
    requirements = models.TextField(_("requirements and conditions"), blank=True)
    results = StreamField(
        [("result", blocks.ResultBlock())], blank=True, verbose_name=_("result")
    )
    legal_basis = StreamField(
        [("document", blocks.LegalBasisBlock())],
        blank=True,
        verbose_name=_("legal basis"),
    )
    related_procedures = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related procedures")
    )
    related_text = models.TextField(_("related procedures (as written)"), blank=True)
    life_events = ParentalManyToManyField(
        LifeEvent, blank=True, related_name="procedures", verbose_name=_("life event")
    )
    decision_number = models.CharField(
        _("number of the publishing decision"), max_length=200, blank=True
    )
    online_level = models.CharField(
        _("online service level"),
        max_length=8,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    status = models.CharField(
        _("legal status"),
        max_length=10,
        choices=EffectiveStatus.choices,
        default=EffectiveStatus.IN_FORCE,
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    # The portal's own online filing form (dossiers.filing) is open for it.
    online_filing = models.BooleanField(
        _("Open for online filing"),
        default=False,
        help_text=_(
            "Citizens file this procedure's dossiers through the portal (online form)."
        ),
    )
    popularity = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # How much the procedure is used: page views and dossiers, with a cold
    # start from life events and commune level (``services.usage_score``).
    # Orders "most used" lists and is the search ranking's prior.
    usage_score = models.FloatField(default=0.0, editable=False, db_index=True)
    # Derived from ``channels`` on save, so lists can filter without parsing.
    has_fee = models.BooleanField(default=False, editable=False)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    # Parts of the source the importer could not structure: raw text kept.
    import_problems = models.JSONField(default=dict, blank=True, editable=False)
    # What the importer last wrote (hash of the imported values) and when, so
    # a re-import changes nothing and an editor's later edit is recognised.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = [
        TitleFieldPanel("title", heading=_("Procedure name (page title)")),
        FieldPanel("name"),
        FieldPanel("name_en"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("decision_number")]),
                FieldRowPanel([FieldPanel("field"), FieldPanel("levels")]),
                FieldRowPanel([FieldPanel("online_level"), FieldPanel("status")]),
                FieldPanel("replaced_by"),
                FieldPanel("procedure_kind"),
            ],
            heading=_("General information"),
        ),
        FieldPanel("applicants"),
        InlinePanel("agency_roles", heading=_("Agency"), label=_("Agency")),
        FieldPanel("reception_address"),
        FieldPanel("steps"),
        FieldPanel("channels"),
        FieldPanel("dossier"),
        FieldPanel("requirements"),
        FieldPanel("results"),
        FieldPanel("legal_basis"),
        FieldPanel("related_procedures"),
        FieldPanel("life_events"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel([FieldPanel("online_filing")], heading=_("Online services")),
    ]
    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ProcedurePageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("name"),
        index.AutocompleteField("code"),
        index.SearchField("applicants"),
        index.FilterField("status"),
        index.FilterField("online_level"),
    ]
    api_fields = [
        APIField("code"),
        APIField("name"),
        APIField("name_en"),
        APIField("field"),
        APIField("levels"),
        APIField("procedure_kind"),
        APIField("applicants"),
        APIField("reception_address"),
        APIField("steps"),
        APIField("channels"),
        APIField("dossier"),
        APIField("requirements"),
        APIField("results"),
        APIField("legal_basis"),
        APIField("decision_number"),
        APIField("online_level"),
        APIField("status"),
        APIField("has_fee"),
        APIField("online_filing"),
    ]

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedure")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def frontend_path(self) -> str:
        # The citizens' site's route (frontend/src/routes/thu-tuc/[code]).
        return f"/thu-tuc/{quote(self.code, safe='')}"

    @property
    def level_list(self) -> list[str]:
        return [slug for slug in self.levels.split(",") if slug]

    def refresh_derived(self) -> None:
        """Recompute the denormalised columns from the structured parts."""
        has_fee = False
        for channel in self.channels:
            for fee in channel.value.get("fees") or []:
                if not fee.get("is_free") and fee.get("amount"):
                    has_fee = True
        self.has_fee = has_fee

    def save(self, *args, **kwargs):
        self.refresh_derived()
        if not self.name:
            self.name = self.title
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------
# The province's own catalogue (issue 18; design in docs/province-catalogue.md)
#
# What the province publishes for itself — which national procedures apply
# here, who carries them out, where a dossier is handed in, and the local time
# and fee its decisions set — is kept apart from the national content of
# ``ProcedurePage``: a national re-import never touches it and a provincial
# import never touches national content. Decisions and local procedures are
# snippets with drafts, revisions, locking and the review workflow; the public
# API reads published (live) rows only.
# ---------------------------------------------------------------------------


@register_snippet
class Province(models.Model):
    """The province (tỉnh, thành phố) the portal serves."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    national_suffix = models.CharField(
        _("province suffix of procedure codes"),
        max_length=10,
        blank=True,
        help_text=_(
            'The suffix of procedure codes in the province\'s list, e.g. "H18".'
        ),
    )
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("national_suffix"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CommuneKind(models.TextChoices):
    XA = "xa", _("Commune")
    PHUONG = "phuong", _("Ward")
    DAC_KHU = "dac_khu", _("Special zone")


@register_snippet
class Commune(index.Indexed, models.Model):
    """A commune-level unit (xã, phường, đặc khu) in force since 1/7/2025."""

    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.CASCADE,
        related_name="communes",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=CommuneKind.choices)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    formed_from = models.TextField(
        _("formed from"),
        blank=True,
        help_text=_(
            "The former administrative units (before 1/7/2025), one a line; a "
            "citizen searching by a former name finds the new commune or ward."
        ),
    )
    source = models.TextField(_("source"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("province"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("postal_code"),
        FieldPanel("formed_from"),
        FieldPanel("source"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("formed_from")]

    class Meta:
        verbose_name = _("commune or ward")
        verbose_name_plural = _("communes and wards")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "slug"], name="unique_commune_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def former_names(self) -> list[str]:
        return [line.strip() for line in self.formed_from.splitlines() if line.strip()]


class ReviewedSnippet(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    """A snippet edited as drafts and published after review (the workflow
    "Duyệt thủ tục" is assigned to it by migration, as to the pages)."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="+")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="+",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


@register_snippet
class ProvincialDecision(ReviewedSnippet):
    """A decision of the province: the list it announced, or the local time
    or fee it set (a People's Council resolution for fees)."""

    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    number = models.CharField(_("number and symbol"), max_length=100)
    date = models.DateField(_("date issued"))
    effective_from = models.DateField(_("date in force"), null=True, blank=True)
    title = models.TextField(_("summary"))
    url = models.URLField(_("link to the document"), max_length=500, blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Not a decision actually issued (for tests and demonstrations)."),
    )

    panels = [
        FieldPanel("province"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("effective_from"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("provincial decision")
        verbose_name_plural = _("provincial decisions")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number"], name="unique_provincial_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ngày {self.date:%d/%m/%Y}"


# The units of a local time (as ``catalogue.facts.TIME_UNITS`` writes them).
TIME_UNIT_CHOICES = [
    ("ngày làm việc", _("working days")),
    ("ngày", _("days")),
    ("giờ làm việc", _("working hours")),
    ("giờ", _("hours")),
    ("tháng", _("months")),
]


class LocalStatus(models.TextChoices):
    APPLIES = "applies", _("Applies in the province")
    NOT_APPLICABLE = "not_applicable", _("Does not apply in the province")
    ABOLISHED = "abolished", _("Abolished")


class Reception(models.TextChoices):
    """Where a citizen hands the dossier in."""

    UNITS = "units", _("At the receiving units chosen")
    COMMUNE = "commune", _("At the Public Administration Centre of the commune or ward")
    ANY_COMMUNE = (
        "any_commune",
        _(
            "At the Public Administration Centre of any commune or ward of the "
            "province (regardless of boundaries)"
        ),
    )


class LocalRole(models.TextChoices):
    IMPLEMENTING = "implementing", _("Implementing agency")
    RECEIVING = "receiving", _("Receiving unit")
    COORDINATING = "coordinating", _("Coordinating agency")


@register_snippet
class LocalProcedure(ReviewedSnippet):
    """A procedure as the province applies it: a national one (``procedure``)
    or one known by the province only (no page: code and name here)."""

    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="local_procedures",
    )
    procedure = models.ForeignKey(
        ProcedurePage,
        verbose_name=_("procedure in the national catalogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="local_applications",
    )
    code = models.CharField(
        _("procedure code as the province published it"),
        max_length=60,
        help_text=_('E.g. "1.013401.H18".'),
    )
    national_code = models.CharField(
        _("national procedure code"), max_length=40, db_index=True, editable=False
    )
    name = models.TextField(_("procedure name"))
    field_name = models.CharField(_("field"), max_length=300, blank=True)
    level = models.CharField(
        _("level carried out at"), max_length=8, choices=LEVELS, default="tinh"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=LocalStatus.choices,
        default=LocalStatus.APPLIES,
    )
    announced_by = models.ForeignKey(
        ProvincialDecision,
        verbose_name=_("announcing decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announced",
    )
    reception = models.CharField(
        _("where dossiers are received"),
        max_length=16,
        choices=Reception.choices,
        default=Reception.UNITS,
    )
    time_text = models.TextField(
        _("processing time in the province"),
        blank=True,
        help_text=_("Leave empty where the national catalogue's time applies."),
    )
    time_amount = models.DecimalField(
        _("amount"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    time_unit = models.CharField(
        _("unit"), max_length=20, blank=True, choices=TIME_UNIT_CHOICES
    )
    time_decision = models.ForeignKey(
        ProvincialDecision,
        verbose_name=_("decision setting the time"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="times_set",
    )
    fee_text = models.TextField(
        _("fees and charges in the province"),
        blank=True,
        help_text=_("Leave empty where the national catalogue's fees apply."),
    )
    fee_amount = models.DecimalField(
        _("amount charged (VND)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
    )
    fee_is_free = models.BooleanField(_("free of charge"), default=False)
    fee_decision = models.ForeignKey(
        ProvincialDecision,
        verbose_name=_("document setting the charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fees_set",
    )
    # The row as the province published it (STT, time and fee cells …).
    published = models.JSONField(
        _("as published"), default=dict, blank=True, editable=False
    )
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("province"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("code"), FieldPanel("procedure")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("field_name"), FieldPanel("level")]),
        FieldPanel("announced_by"),
        InlinePanel("agency_roles", heading=_("Agencies and units"), label=_("Agency")),
        FieldPanel("reception"),
        MultiFieldPanel(
            [
                FieldPanel("time_text"),
                FieldRowPanel([FieldPanel("time_amount"), FieldPanel("time_unit")]),
                FieldPanel("time_decision"),
            ],
            heading=_("Processing time in the province"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("fee_text"),
                FieldRowPanel([FieldPanel("fee_amount"), FieldPanel("fee_is_free")]),
                FieldPanel("fee_decision"),
            ],
            heading=_("Fees and charges in the province"),
        ),
        FieldPanel("note"),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("procedure applied in the province")
        verbose_name_plural = _("the province's list of procedures")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "national_code"], name="unique_local_procedure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:120]}"

    def save(self, *args, **kwargs):
        from .province import national_code

        self.national_code = national_code(self.code, self.province.national_suffix)
        super().save(*args, **kwargs)

    @property
    def has_time_override(self) -> bool:
        return bool(self.time_text or self.time_amount is not None)

    @property
    def has_fee_override(self) -> bool:
        return bool(self.fee_text or self.fee_amount is not None or self.fee_is_free)


class LocalProcedureAgency(Orderable):
    local = ParentalKey(
        LocalProcedure, on_delete=models.CASCADE, related_name="agency_roles"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency or unit"),
        on_delete=models.PROTECT,
        related_name="local_roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=LocalRole.choices)

    panels = [FieldPanel("agency"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("agency or unit")
        constraints = [
            models.UniqueConstraint(
                fields=["local", "agency", "role"], name="unique_local_agency_role"
            )
        ]


# A counter's number as the kiosk sends it (``?quay=``) and ratings store it.
COUNTER_NUMBER = r"^(?:[^\W_]|[ .-]){1,20}$"


@register_snippet
class Counter(models.Model):
    """A reception counter (quầy) of a Public Administration Centre and the
    departments whose dossiers it receives (Decree 118/2025/NĐ-CP art. 7:
    the Centre receives the dossiers of the agencies that receive there)."""

    centre = models.ForeignKey(
        Agency,
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="counters",
        limit_choices_to={"kind__in": [AgencyKind.CENTRE, AgencyKind.COMMUNE_CENTRE]},
    )
    number = models.CharField(
        _("counter number"),
        max_length=20,
        validators=[
            RegexValidator(
                COUNTER_NUMBER,
                _("Letters, digits, spaces, dots and hyphens only (20 at most)."),
            )
        ],
        help_text=_(
            "As on the counter and on its kiosk tablet (/kiosk?co-quan=…&quay=…), "
            'e.g. "3".'
        ),
    )
    label = models.CharField(_("label"), max_length=200, blank=True)
    departments = models.ManyToManyField(
        Agency,
        verbose_name=_("departments received here"),
        blank=True,
        related_name="centre_counters",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in service"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("centre"), FieldPanel("number")]),
        FieldPanel("label"),
        FieldPanel("departments"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        ordering = ["centre", "sort_order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "number"], name="unique_counter_number"
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.centre} – {self.number}"
