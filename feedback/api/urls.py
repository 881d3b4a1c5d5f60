"""Routes of the feedback API (mounted by portal/api.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("petitions", views.PetitionViewSet, basename="petition")

urlpatterns = [
    *router.urls,
    path(
        "satisfaction/evaluations/",
        views.EvaluationView.as_view(),
        name="satisfaction-evaluation",
    ),
    path(
        "satisfaction/criteria/",
        views.EvaluationCriteriaView.as_view(),
        name="satisfaction-criteria",
    ),
    path(
        "satisfaction/counter-ratings/",
        views.CounterRatingView.as_view(),
        name="satisfaction-counter",
    ),
    path(
        "satisfaction/page-feedback/",
        views.PageFeedbackView.as_view(),
        name="satisfaction-page",
    ),
    path(
        "stats/satisfaction/",
        views.SatisfactionStatsView.as_view(),
        name="stats-satisfaction",
    ),
]
