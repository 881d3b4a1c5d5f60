"""Admin for search: the synonym list and the queries that found nothing."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Synonym, ZeroResultQuery


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["rule", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["rule"]


class ZeroResultFilterSet(WagtailFilterSet):
    class Meta:
        model = ZeroResultQuery
        fields = ["resolved"]


class ZeroResultViewSet(SnippetViewSet):
    model = ZeroResultQuery
    icon = "warning"
    menu_label = _("Searches that found nothing")
    list_display = ["query", "filters", "created_at", "resolved"]
    filterset_class = ZeroResultFilterSet
    search_fields = ["query"]
    ordering = ["resolved", "-created_at"]


class SearchGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, ZeroResultViewSet)
    menu_icon = "search"
    menu_label = _("Search")
    menu_name = "portal-search"


register_snippet(SearchGroup)
