"""Routes of the catalogue API (mounted by portal/api.py)."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("procedures", views.ProcedureViewSet, basename="procedure")
router.register("fields", views.FieldViewSet, basename="field")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("life-events", views.LifeEventViewSet, basename="life-event")

urlpatterns = router.urls
