"""Search models: editors' synonym list and the queries that found nothing."""

from __future__ import annotations

from django.db import models
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
        ABBREVIATION = "abbreviation", "Viết tắt"
        EVERYDAY = "everyday", "Cách gọi thông dụng"
        SPELLING = "spelling", "Cách viết khác"
        INTENT = "intent", "Ý định (động từ của người hỏi)"
        FILLER = "filler", "Từ bỏ qua"

    rule = models.CharField(
        "quy tắc",
        max_length=500,
        unique=True,
        help_text="Ví dụ: “cccd, căn cước công dân”, “sổ đỏ => giấy chứng nhận "
        "quyền sử dụng đất”, “mất => cấp lại, trình báo mất”; với loại “Từ bỏ "
        "qua”: “ở đâu, mất bao lâu”.",
    )
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("rule"), FieldPanel("kind"), FieldPanel("note")]

    class Meta:
        verbose_name = "quy tắc tìm kiếm"
        verbose_name_plural = "từ đồng nghĩa và quy tắc tìm kiếm"
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

    query = models.CharField("câu tìm kiếm", max_length=200)
    normalised = models.CharField(max_length=200, db_index=True, editable=False)
    filters = models.JSONField("bộ lọc", default=dict, blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    resolved = models.BooleanField("đã xử lý", default=False)

    panels = [FieldPanel("query", read_only=True), FieldPanel("resolved")]

    class Meta:
        verbose_name = "tìm kiếm không có kết quả"
        verbose_name_plural = "tìm kiếm không có kết quả"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.query
