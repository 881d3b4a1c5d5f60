"""Wagtail admin registration: the petitions inbox and the satisfaction figures.

The officials' agencies are a snippet of ``core`` (``core/wagtail_hooks.py``).
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PetitionViewSet

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
        _("Satisfaction"),
        reverse_lazy(petition_viewset.get_url_name("satisfaction")),
        icon_name="pick",
        order=211,
    )
