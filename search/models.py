"""Search models: editors' synonym list and the queries that found nothing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .rules import parse_rule


class Synonym(models.Model):
    """A query rule, in the synonym_graph format editors may know from Solr.

    ``a, b, c`` makes the phrases equivalent; ``a => b, c`` rewrites ``a`` only.
    Intent rules say what a citizen's verb means ("mất => cấp lại, trình báo
    mất"); filler rules list words dropped from queries ("ở đâu, bao lâu").
    Applied to queries at search time: saving takes effect at once, no reindex.
    """

    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", _("Abbreviation")
        EVERYDAY = "everyday", _("Common name")
        SPELLING = "spelling", _("Other spelling")
        INTENT = "intent", _("Intent (the searcher's verb)")
        FILLER = "filler", _("Ignored words")

    rule = models.CharField(
        _("rule"),
        max_length=500,
        unique=True,
        help_text=_(
            "For example: “cccd, căn cước công dân”, “sổ đỏ => giấy chứng nhận"
            " quyền sử dụng đất”, “mất => cấp lại, trình báo mất”; for the kind"
            " “Ignored words”: “ở đâu, mất bao lâu”."
        ),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("notes"), max_length=300, blank=True)
    updated_at = models.DateTimeField(verbose_name=_("updated on"), auto_now=True)

    panels = [FieldPanel("rule"), FieldPanel("kind"), FieldPanel("note")]

    class Meta:
        verbose_name = _("search rule")
        verbose_name_plural = _("synonyms and search rules")
        ordering = ["rule"]

    def __str__(self) -> str:
        return self.rule

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        try:
            parse_rule(self.rule, self.kind)
        except ValueError as exc:
            raise ValidationError({"rule": str(exc)}) from exc


class ZeroResultQuery(models.Model):
    """A citizen query that found nothing: a to-do for editors."""

    query = models.CharField(_("query"), max_length=200)
    normalised = models.CharField(max_length=200, db_index=True, editable=False)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    panels = [FieldPanel("query", read_only=True), FieldPanel("resolved")]

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("search without results")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.query
