"""Routes of the alerts API (mounted by portal/api.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "procedures/<str:code>/changes/",
        views.ProcedureHistoryView.as_view(),
        name="procedure-changes",
    ),
    path("alerts/follows/", views.FollowView.as_view(), name="alerts-follow"),
]
