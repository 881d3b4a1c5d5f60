"""Content-Security-Policy of the Django server (:8000).

Before issue 16 the Django server sent no Content-Security-Policy: an injected
script in an admin page or an error page would have run. Now every answer
carries one (django-csp, core/csp.py): strict on the API and error pages, the
Redoc reference with a nonce, and the Wagtail admin with what it needs — its
inline scripts and styles, from the site only. The browser test logs in to the
admin in Chromium and works a procedure's editor under the policy.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.catalogue.factories import ProcedurePageFactory
from tests.conftest import missing_service

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/procedures/",
        "/api/v1/procedures/0.000000/",  # a 404 problem
        "/api/v1/search/?page=x",  # a 400 problem
        "/api/khong-co/",
        "/khong-co-trang-nay/",  # Django's HTML 404
        "/healthz",
    ],
)
def test_api_and_error_answers_have_the_strict_policy(client, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_the_admin_login_has_the_admin_policy_and_no_outside_host(client, settings):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    # Only the SvelteKit server (the preview) besides the site itself.
    hosts = {v for values in policy.values() for v in values if "://" in v}
    assert hosts == {settings.FRONTEND_URL}


def test_an_admin_page_behind_log_in_has_the_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_the_api_reference_allows_redoc_and_no_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "https://cdn.jsdelivr.net"]
    page = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts), scripts
    assert "https://cdn.jsdelivr.net/" in page


# --- in Chromium ---------------------------------------------------------------------


def work_the_editor(live_server, admin_user) -> dict:
    if not CHROMIUM.exists():
        missing_service("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    page = ProcedurePageFactory(code="1.000001", title="Đăng ký thường trú")
    completed = subprocess.run(
        [
            "node",
            "e2e/admin-csp.mjs",
            live_server.url,
            admin_user.username,
            "password",
            f"/admin/pages/{page.pk}/edit/",
        ],
        cwd=ROOT / "frontend",
        capture_output=True,
        text=True,
        timeout=420,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.frontend
@pytest.mark.timeout(600)
def test_the_wagtail_editor_works_under_the_admin_policy(
    live_server, transactional_db, admin_user
):
    result = work_the_editor(live_server, admin_user)
    assert "error" not in result["checks"], result
    assert result["checks"]["inline_panel_rows_added"] == 1, result
    assert result["violations"] == [], result


@pytest.mark.frontend
@pytest.mark.timeout(600)
def test_a_nonce_only_policy_would_break_the_editor(
    live_server, transactional_db, admin_user, settings
):
    """Why the admin has 'unsafe-inline': Wagtail's inline scripts are refused.

    With the strict policy on /admin/ too, Chromium refuses the editor's inline
    scripts and the agencies' "add" button does nothing.
    """
    settings.CSP_PATH_POLICIES = []
    result = work_the_editor(live_server, admin_user)
    refused = {v["directive"] for v in result["violations"]}
    assert {"script-src-elem"} <= refused, result
    assert result["checks"].get("inline_panel_rows_added") != 1, result
