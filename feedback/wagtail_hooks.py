"""Wagtail admin registration: the petitions inbox and the officials' agencies."""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import PetitionViewSet
from .models import OfficialProfile

petition_viewset = PetitionViewSet("petitions")


@hooks.register("register_admin_viewset")
def register_petitions():
    return petition_viewset


class SatisfactionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("feedback.view_petition")


@hooks.register("register_admin_menu_item")
def register_satisfaction_menu():
    return SatisfactionMenuItem(
        "Mức độ hài lòng",
        reverse_lazy(petition_viewset.get_url_name("satisfaction")),
        icon_name="pick",
        order=211,
    )


class OfficialProfileViewSet(SnippetViewSet):
    model = OfficialProfile
    icon = "user"
    list_display = ["user", "agency"]
    menu_label = "Cán bộ tiếp nhận PAKN"


register_snippet(OfficialProfileViewSet)
