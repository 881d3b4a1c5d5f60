"""Wagtail admin registration: desk API tokens, the dossier queue, statistics."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import DossierViewSet, TokenCreateView
from .models import AgencyToken


class AgencyTokenViewSet(SnippetViewSet):
    """Tokens per agency; "Thêm" shows the new token once, unticking
    "đang dùng" revokes one (only hashes are stored, none can be shown)."""

    model = AgencyToken
    icon = "key"
    menu_label = _("Dossier API tokens")
    add_to_settings_menu = True
    add_view_class = TokenCreateView
    list_display = ["name", "agency", "active", "created_at", "last_used_at"]
    list_filter = ["active", "agency"]
    ordering = ["agency__name", "-created_at"]


register_snippet(AgencyTokenViewSet)

dossier_viewset = DossierViewSet("dossiers")


@hooks.register("register_admin_viewset")
def register_dossiers():
    return dossier_viewset


class DossierStatsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("dossiers.view_dossier")


@hooks.register("register_admin_menu_item")
def register_dossier_stats_menu():
    return DossierStatsMenuItem(
        _("Dossier statistics"),
        reverse_lazy(dossier_viewset.get_url_name("statistics")),
        icon_name="table",
        order=213,
    )
