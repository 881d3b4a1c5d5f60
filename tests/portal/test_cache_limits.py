"""Rejected requests cost nothing, and no flood of requests wipes the cache.

On both caches the portal runs on (Redis under ``make test`` and in
production; the database cache of ``make run``'s embedded mode) a script
sends 400 rejected petitions, each with a new phone number and some with a
victim's. Afterwards the real worker is still seen by ``/healthz``, the
victim can still send their petition, and the address's limit still holds.
Then 400 citizens behind the SvelteKit server look up dossiers (one limiter
entry each): the worker registry survives that too.
"""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from portal.settings.base import caches_for
from tests.conftest import start_worker, stop_worker

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

PETITIONS = "/api/v1/petitions/"
SECRET = "cache-test-frontend-secret"
VICTIM = "0987 654 321"


def petition(phone: str, **overrides) -> str:
    data = {
        "kind": "conduct",
        "title": "Hồ sơ đất đai trễ hẹn ba tháng",
        "body": "Tôi nộp hồ sơ cấp giấy chứng nhận từ tháng một, nay chưa có kết quả.",
        "name": "Nguyễn Văn An",
        "phone": phone,
        "consent_publish": False,
    }
    data.update(overrides)
    return json.dumps(data)


def rejected(n: int) -> str:
    """Each rejected in a way a script or a careless form produces."""
    phone = VICTIM if n % 10 == 0 else f"09{n:08d}"
    kinds = [
        {"title": ""},
        {"body": ""},
        {"kind": "spam"},
        {"name": "x" * 1000},
        {"title": None},
    ]
    return petition(phone, **kinds[n % len(kinds)])


def throttle_entries(mode: str) -> int:
    if mode == "redis":
        default = caches["default"]
        client = default._cache.get_client(write=True)
        return sum(1 for _ in client.scan_iter(match=default.make_key("throttle_*")))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM portal_cache WHERE cache_key LIKE %s", ["%throttle_%"]
        )
        return cursor.fetchone()[0]


def forget_limits(mode: str) -> None:
    """Drop the limiter entries, and only them: clearing the Redis cache would
    flush the whole database, the session worker's registry with it."""
    if mode == "redis":
        default = caches["default"]
        client = default._cache.get_client(write=True)
        for key in client.scan_iter(match=default.make_key("throttle_*")):
            client.delete(key)
    else:
        caches["default"].clear()  # the embedded mode's own table


@pytest.fixture(params=["redis", "embedded"])
def cache_mode(request, settings, tmp_path):
    """The cache set-up of each mode, and a real worker writing to it."""
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    env = {}
    if request.param == "embedded":
        settings.CACHES = caches_for("")
        call_command("createcachetable")
        # The worker runs as under `make run`: no Redis, the embedded broker.
        env = {"REDIS_URL": "", "PORTAL_DATA_DIR": str(tmp_path)}
    forget_limits(request.param)
    worker = start_worker(env)
    with mock.patch("feedback.services.submission.queue_intake"):
        yield request.param, worker
    stop_worker(worker)
    forget_limits(request.param)


def test_rejected_requests_cost_no_allowance_and_keep_the_worker(
    client, settings, cache_mode
):
    mode, worker = cache_mode
    settings.FEEDBACK_RATE_PER_IP = "3/hour"
    settings.FEEDBACK_RATE_PER_PHONE = "1/day"
    post = lambda body: client.post(PETITIONS, body, content_type="application/json")  # noqa: E731

    assert post(petition("0912 000 001")).status_code == 202
    assert post(petition("0912 000 002")).status_code == 202
    before = throttle_entries(mode)
    statuses = {post(rejected(n)).status_code for n in range(400)}

    assert statuses == {400}
    assert throttle_entries(mode) == before
    health = client.get("/healthz").json()["services"]["worker"]
    assert worker["hostname"] in health["detail"]["workers"], health
    # The victim's phone was never charged; the address's third petition is
    # allowed and its fourth refused: the limits held.
    assert post(petition(VICTIM)).status_code == 202
    assert post(petition("0912 000 003")).status_code == 429


def test_many_citizens_do_not_push_the_worker_out(client, settings, cache_mode):
    mode, worker = cache_mode
    settings.PORTAL_FRONTEND_SECRET = SECRET
    settings.DOSSIER_LOOKUP_RATE = "1/min"
    for n in range(400):
        response = client.get(
            f"/api/v1/dossiers/H40.01-260406-{n:04d}/",
            HTTP_X_PORTAL_CLIENT_ADDRESS=f"10.{n // 250}.{n % 250}.9",
            HTTP_X_PORTAL_FRONTEND_SECRET=SECRET,
        )
        assert response.status_code == 404
    assert throttle_entries(mode) >= 400

    health = client.get("/healthz").json()["services"]["worker"]
    assert worker["hostname"] in health["detail"]["workers"], health
    # The first citizen's lookup is still counted: the entry was not culled.
    again = client.get(
        "/api/v1/dossiers/H40.01-260406-0000/",
        HTTP_X_PORTAL_CLIENT_ADDRESS="10.0.0.9",
        HTTP_X_PORTAL_FRONTEND_SECRET=SECRET,
    )
    assert again.status_code == 429
