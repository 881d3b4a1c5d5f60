"""Wagtail admin registration: the officials' agencies (a snippet)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OfficialProfile


class OfficialProfileViewSet(SnippetViewSet):
    model = OfficialProfile
    icon = "user"
    list_display = ["user", "agency"]
    menu_label = _("Petition officers")


register_snippet(OfficialProfileViewSet)
