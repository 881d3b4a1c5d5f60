"""GeoReport v2 routes (mounted at /open311/v2/ by portal/urls.py)."""

from django.urls import re_path

from . import views

FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

urlpatterns = [
    re_path(r"^services" + FMT, views.ServiceListView.as_view(), name="services"),
    re_path(
        r"^services/(?P<code>[\w.-]+)" + FMT,
        views.ServiceDefinitionView.as_view(),
        name="service",
    ),
    re_path(r"^requests" + FMT, views.RequestsView.as_view(), name="requests"),
    re_path(
        r"^requests/(?P<code>[0-9A-Za-z-]+)" + FMT,
        views.RequestView.as_view(),
        name="request",
    ),
    re_path(
        r"^tokens/(?P<token>[0-9A-Za-z-]+)" + FMT,
        views.TokenView.as_view(),
        name="token",
    ),
    re_path(r"^openapi\.json$", views.openapi_document, name="openapi"),
    # Anything else under /open311/v2/ (a code with characters no route takes,
    # a path no route has) is the spec's 404, not the site's HTML page.
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not-found"),
]

app_name = "open311"
