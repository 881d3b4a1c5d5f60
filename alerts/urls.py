"""E-mail links and Atom feeds (mounted at /alerts/ by portal/urls.py)."""

from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path(
        "confirm/<str:token>",
        views.token_action,
        {"action": "confirm"},
        name="confirm",
    ),
    path("stop/<str:token>", views.token_action, {"action": "stop"}, name="stop"),
    path(
        "unsubscribe/<str:token>",
        views.token_action,
        {"action": "unsubscribe"},
        name="unsubscribe",
    ),
    path(
        "feeds/procedure/<str:code>.atom",
        views.ProcedureFeed(),
        name="feed-procedure",
    ),
    path("feeds/field/<slug:slug>.atom", views.FieldFeed(), name="feed-field"),
    path("feeds/agency/<int:pk>.atom", views.AgencyFeed(), name="feed-agency"),
]
