"""Root URLs: health, the API, the editors' admin and Wagtail's page serving."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .api import api_urls, wagtail_api

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz-ready"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
    path("api/v1/cms/", wagtail_api.urls),
    path("api/v1/", api_urls()),
    path("open311/v2/", include("open311.urls")),
    path("alerts/", include("alerts.urls")),
    re_path(r"^api/", views.api_not_found),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
