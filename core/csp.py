"""Content-Security-Policy of the Django server, one policy per part of the site.

django-csp's middleware writes the header; this subclass picks the policy by
path from ``settings.CSP_PATH_POLICIES`` (the first prefix that matches),
falling back to ``CONTENT_SECURITY_POLICY`` (the strict one: the API, error
pages, documents). A view's own ``@csp`` decorator still wins.

Why the parts differ (portal/settings/base.py states each policy):

- The API answers JSON and problem+json: nothing in it is to be run, framed or
  submitted, so ``default-src 'none'``.
- The Wagtail admin (8.0) writes inline scripts without a nonce and offers no
  hook to add one: ``new InlinePanel(...)`` after every inline panel (the
  procedure's agencies), ``initDateTimeChooser(...)`` after every date-time
  widget (a page's go-live and expiry dates), the chooser modals' responses;
  and it sets ``style`` attributes throughout. Under a nonce-only policy those
  parts of the editor stop working (tests/abuse/test_csp.py sees the
  violations in Chromium), so the admin gets ``'unsafe-inline'`` for scripts
  and styles — and nothing else from outside the site: no other host, no
  ``eval``, no plugins, no ``<base>``, forms posting only to the site, framed
  only by itself, and framing only itself and the SvelteKit server (the
  preview).
- The API's reference (Redoc, /api/v1/docs/) loads Redoc from its CDN and its
  fonts from Google, starts a blob: worker and injects its styles.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def policy_for(path: str) -> dict | None:
    """The directives for ``path``: the first matching prefix's, else None."""
    for prefix, directives in getattr(settings, "CSP_PATH_POLICIES", ()):
        if path.startswith(prefix):
            return default_config(directives)
    return None


class PathPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and not report_only:
            parts.config = policy_for(request.path_info)
        return parts
