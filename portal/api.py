"""The one API router: every app's API is mounted here under /api/v1/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from . import views

# Wagtail's page API for the headless frontend (live pages only).
wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="schema"), name="docs"),
    path("cms/", wagtail_api.urls),
]

app_name = "api"


def api_urls():
    return include((urlpatterns, app_name), namespace="api")
