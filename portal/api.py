"""The one API router: every app's API is mounted here under /api/v1/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from . import views

# Wagtail's page API for the headless frontend (live pages only). It keeps its
# own URL namespace, so it is mounted beside the portal's API, not inside it.
wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
    path("", include("catalogue.api.urls")),
    path("", include("feedback.api.urls")),
    path("", include("dossiers.api.urls")),
    path("", include("search.api.urls")),
]

app_name = "api"


def api_urls():
    return include((urlpatterns, app_name), namespace="api")
