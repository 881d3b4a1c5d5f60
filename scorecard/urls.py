"""Routes of the index (mounted by portal/api.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("stats/index-766/", api.IndexView.as_view(), name="stats-index-766"),
]
