"""Routes of the catalogue API (mounted by portal/api.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("procedures", views.ProcedureViewSet, basename="procedure")
router.register("fields", views.FieldViewSet, basename="field")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("life-events", views.LifeEventViewSet, basename="life-event")

urlpatterns = [
    *router.urls,
    path("preview/", views.ProcedurePreviewView.as_view(), name="procedure-preview"),
]
