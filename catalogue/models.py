"""The catalogue's content model.

Agencies, fields and life events are snippets; every procedure is a
``ProcedurePage`` under a ``CatalogueIndexPage``, so editors get Wagtail's
revisions, workflow, scheduled publishing and locking for free.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_headless_preview.models import HeadlessPreviewMixin

from . import blocks

# The levels in force: central bodies, province, commune (two-tier local
# government since 1/7/2025: Law 72/2025/QH15; Decree 118/2025/NĐ-CP art. 1(1)).
# These are the only ones offered in filters, facets, browse pages and the admin.
LEVELS = [
    ("bo", "Cấp bộ"),
    ("tinh", "Cấp tỉnh"),
    ("xa", "Cấp xã"),
    ("khac", "Cơ quan khác"),
]
# Kept on historical rows only (a district body); see ``catalogue.two_tier``.
HISTORICAL_LEVELS = [("huyen", "Cấp huyện (đến 30/6/2025)")]
HISTORICAL_LEVEL_SLUGS = frozenset(slug for slug, _ in HISTORICAL_LEVELS)
LEVEL_LABELS = dict(LEVELS + HISTORICAL_LEVELS)


class OnlineLevel(models.TextChoices):
    NONE = "none", "Không có dịch vụ công trực tuyến"
    PARTIAL = "partial", "Dịch vụ công trực tuyến một phần"
    FULL = "full", "Dịch vụ công trực tuyến toàn trình"


class EffectiveStatus(models.TextChoices):
    IN_FORCE = "in_force", "Còn hiệu lực"
    REPLACED = "replaced", "Đã được thay thế"
    ABOLISHED = "abolished", "Đã bãi bỏ"


class AgencyRole(models.TextChoices):
    IMPLEMENTING = "implementing", "Cơ quan thực hiện"
    COMPETENT = "competent", "Cơ quan có thẩm quyền"
    AUTHORISED = "authorised", "Cơ quan được ủy quyền"
    COORDINATING = "coordinating", "Cơ quan phối hợp"


@register_snippet
class Agency(index.Indexed, models.Model):
    """An agency (cơ quan) that receives, decides or coordinates procedures."""

    name = models.CharField("tên cơ quan", max_length=500)
    # Casefolded, punctuation-free name; the importer deduplicates on it.
    normalised_name = models.CharField(max_length=500, unique=True, editable=False)
    short_name = models.CharField("tên viết tắt", max_length=120, blank=True)
    code = models.CharField(
        "mã cơ quan", max_length=40, blank=True, null=True, unique=True
    )
    level = models.CharField("cấp", max_length=8, choices=LEVELS, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    address = models.TextField("địa chỉ", blank=True)
    phone = models.CharField("điện thoại", max_length=60, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    opening_hours = models.TextField("giờ làm việc", blank=True)
    map_url = models.URLField("bản đồ", blank=True)
    # The province's default reception unit: petitions naming neither a
    # procedure with an agency nor an agency are routed here (at most one).
    default_reception = models.BooleanField(
        "đơn vị tiếp nhận mặc định",
        default=False,
        help_text=(
            "Phản ánh, kiến nghị không nêu thủ tục hay cơ quan được chuyển đến "
            "đơn vị này (chỉ một đơn vị trong tỉnh)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("parent")]),
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
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
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

    name = models.CharField("tên lĩnh vực", max_length=300, unique=True)
    name_en = models.CharField(
        "tên tiếng Anh",
        max_length=300,
        blank=True,
        help_text="Hiện trên trang tiếng Anh; tìm kiếm bằng tiếng Anh đọc tên này.",
    )
    slug = models.SlugField(max_length=300, unique=True, allow_unicode=False)
    description = models.TextField("mô tả", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
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

    name = models.CharField("tên sự kiện", max_length=300, unique=True)
    slug = models.SlugField(max_length=300, unique=True)
    description = models.TextField("mô tả", blank=True)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
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

    intro = RichTextField("giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["catalogue.ProcedurePage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "danh mục thủ tục"


class ProcedureAgency(Orderable):
    """An agency's role in a procedure (implementing, competent, ...)."""

    page = ParentalKey(
        "catalogue.ProcedurePage", on_delete=models.CASCADE, related_name="agency_roles"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan",
        on_delete=models.PROTECT,
        related_name="procedure_roles",
    )
    role = models.CharField("vai trò", max_length=16, choices=AgencyRole.choices)

    panels = [FieldPanel("agency"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "cơ quan"
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

    code = models.CharField("mã thủ tục", max_length=40, unique=True)
    # The official name can run to a thousand characters; the page title is
    # limited to 255, so the full name is kept here and shown to citizens.
    name = models.TextField("tên thủ tục đầy đủ", blank=True)
    name_en = models.TextField(
        "tên tiếng Anh",
        blank=True,
        help_text="Hiện trên trang tiếng Anh; tìm kiếm bằng tiếng Anh đọc tên này.",
    )
    field = models.ForeignKey(
        Field,
        verbose_name="lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    levels = models.CharField(
        "cấp thực hiện",
        max_length=64,
        blank=True,
        help_text="Các cấp, cách nhau bằng dấu phẩy: bo, tinh, xa, khac.",
    )
    procedure_kind = models.CharField("loại thủ tục", max_length=200, blank=True)
    applicants = models.TextField("đối tượng thực hiện", blank=True)
    reception_address = models.TextField("địa chỉ tiếp nhận", blank=True)
    steps = StreamField(
        [("step", blocks.StepBlock())], blank=True, verbose_name="trình tự thực hiện"
    )
    channels = StreamField(
        [("channel", blocks.ChannelBlock())],
        blank=True,
        verbose_name="cách thức thực hiện",
    )
    dossier = StreamField(
        [("case", blocks.DossierCaseBlock())],
        blank=True,
        verbose_name="thành phần hồ sơ",
    )
    requirements = models.TextField("yêu cầu, điều kiện", blank=True)
    results = StreamField(
        [("result", blocks.ResultBlock())], blank=True, verbose_name="kết quả"
    )
    legal_basis = StreamField(
        [("document", blocks.LegalBasisBlock())],
        blank=True,
        verbose_name="căn cứ pháp lý",
    )
    related_procedures = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name="thủ tục liên quan"
    )
    related_text = models.TextField("thủ tục liên quan (nguyên văn)", blank=True)
    life_events = ParentalManyToManyField(
        LifeEvent, blank=True, related_name="procedures", verbose_name="sự kiện"
    )
    decision_number = models.CharField(
        "số quyết định công bố", max_length=200, blank=True
    )
    online_level = models.CharField(
        "mức độ dịch vụ công trực tuyến",
        max_length=8,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    status = models.CharField(
        "tình trạng hiệu lực",
        max_length=10,
        choices=EffectiveStatus.choices,
        default=EffectiveStatus.IN_FORCE,
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="thay thế bởi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    # The portal's own online filing form (dossiers.filing) is open for it.
    online_filing = models.BooleanField(
        "Mở nộp hồ sơ trực tuyến",
        default=False,
        help_text="Công dân nộp hồ sơ của thủ tục này qua cổng (biểu mẫu trực tuyến).",
    )
    popularity = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    # How much the procedure is used: page views and dossiers, with a cold
    # start from life events and commune level (``services.usage_score``).
    # Orders "most used" lists and is the search ranking's prior.
    usage_score = models.FloatField(default=0.0, editable=False, db_index=True)
    # Derived from ``channels`` on save, so lists can filter without parsing.
    has_fee = models.BooleanField(default=False, editable=False)
    source_url = models.URLField("nguồn", max_length=500, blank=True)
    # Parts of the source the importer could not structure: raw text kept.
    import_problems = models.JSONField(default=dict, blank=True, editable=False)
    # What the importer last wrote (hash of the imported values) and when, so
    # a re-import changes nothing and an editor's later edit is recognised.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = [
        TitleFieldPanel("title", heading="Tên thủ tục (tiêu đề trang)"),
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
            heading="Thông tin chung",
        ),
        FieldPanel("applicants"),
        InlinePanel("agency_roles", heading="Cơ quan", label="Cơ quan"),
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
        MultiFieldPanel([FieldPanel("online_filing")], heading="Dịch vụ trực tuyến"),
    ]
    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types: list[str] = []

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
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"

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
