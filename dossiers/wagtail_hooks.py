"""Wagtail admin: the desk systems' API tokens (issued by create_agency_token)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AgencyToken


class AgencyTokenViewSet(SnippetViewSet):
    model = AgencyToken
    icon = "key"
    menu_label = "Khóa API hồ sơ"
    add_to_settings_menu = True
    list_display = ["name", "agency", "active", "created_at", "last_used_at"]
    list_filter = ["active"]


register_snippet(AgencyTokenViewSet)
