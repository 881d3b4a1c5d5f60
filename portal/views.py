"""Platform views: health and the portal summary the home page shows."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from core import public_cache
from core.api import json_problem, matches_etag, not_modified, versions_etag

from . import health
from .summary import live_counts

SUMMARY_SECONDS = 300


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """State of the database, broker, search engine and worker."""
    healthy, body = health.report()
    return JsonResponse(
        body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False}
    )


@never_cache
def healthz_ready(request: HttpRequest) -> JsonResponse:
    """For a load balancer: 200 while this process can serve, even degraded."""
    ready, body = health.ready()
    return JsonResponse(
        body, status=200 if ready else 503, json_dumps_params={"ensure_ascii": False}
    )


@never_cache
def healthz_live(request: HttpRequest) -> JsonResponse:
    """For a supervisor: the process answers (nothing else is checked)."""
    return JsonResponse({"status": "ok"})


@extend_schema(
    summary="Portal name and live counts",
    responses=inline_serializer(
        "Summary",
        {
            "name": serializers.CharField(),
            "counts": inline_serializer(
                "SummaryCounts",
                {
                    "procedures": serializers.IntegerField(),
                    "fields": serializers.IntegerField(),
                    "agencies": serializers.IntegerField(),
                    "petitions": serializers.IntegerField(
                        help_text="Published answers to petitions."
                    ),
                },
            ),
        },
    ),
)
@api_view(["GET"])
def summary(request: Request) -> Response:
    namespaces = (public_cache.CATALOGUE, public_cache.PETITIONS)
    # Tagged by the versions and the time the counts are kept (the SvelteKit
    # server revalidates its home page with it).
    period = int(time.time() // SUMMARY_SECONDS)
    etag = versions_etag(request, namespaces, period)
    if matches_etag(request, etag):
        return not_modified(etag)
    counts = public_cache.remember(
        namespaces, ("summary",), live_counts, ttl=SUMMARY_SECONDS
    )
    response = Response({"name": settings.PORTAL_NAME, "counts": counts})
    if etag:
        response["ETag"] = etag
        response["Vary"] = "Accept, Accept-Language"
    return response


@csrf_exempt
def api_not_found(request: HttpRequest, exception: Exception | None = None):
    # No form posts here: without the exemption a POST to an unknown API path
    # got the CSRF failure's HTML 403 instead of this 404.
    return json_problem(404, _("Không có tài nguyên nào ở địa chỉ này."))


def login_locked(request: HttpRequest, original_response=None, credentials=None):
    """django-axes' answer to a locked log-in: 429 with a Vietnamese page."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 3600
    response = render(
        request,
        "portal/login_locked.html",
        {
            "site_name": settings.PORTAL_NAME,
            "failure_limit": get_failure_limit(request, credentials),
            "minutes": max(1, -(-seconds // 60)),
            "login_url": request.path,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
