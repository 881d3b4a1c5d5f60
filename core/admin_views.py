"""What the officials' admin pages of several apps share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class RecordHandleView(WagtailAdminTemplateMixin, TemplateView):
    """The page on which an official works one record of their agency.

    A subclass names the permission it needs, the section it belongs to and
    the records the user may open (``records_for``: their agency's, or all for
    an administrator); another agency's record is a 404, as if it did not
    exist. The record is ``self.record``.
    """

    permission: str = ""
    section_label: str = ""
    viewset = None
    record: Model

    def records_for(self, user) -> QuerySet:
        raise NotImplementedError

    def record_label(self, record: Model) -> str:
        return str(record)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.record = get_object_or_404(self.records_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.section_label} {self.record_label(self.record)}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse(self.viewset.get_url_name("index")),
                "label": self.section_label,
            },
            {"url": "", "label": self.record_label(self.record)},
        ]
