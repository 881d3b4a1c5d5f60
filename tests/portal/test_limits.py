"""Rate limits that hold against the ways people really try to get round them.

The attacker here types headers: made-up ``X-Forwarded-For`` addresses, a
trailing comma, spaces, a forged frontend header. Each limit is checked
through the real API views on the real Redis cache.
"""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.core.cache import cache

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

PETITIONS = "/api/v1/petitions/"


def _clear_throttles() -> None:
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("throttle_*")):
        client.delete(key)


@pytest.fixture(autouse=True)
def fresh_limits(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    _clear_throttles()
    with mock.patch("feedback.services.submission.queue_intake"):
        yield
    _clear_throttles()


def petition(n: int) -> dict:
    return {
        "kind": "suggestion",
        "title": f"Đề nghị số {n} về giờ tiếp nhận hồ sơ",
        "body": "Bộ phận một cửa nên làm việc thêm sáng thứ bảy cho người đi làm.",
        "name": "Trần Thị Bình",
        # A different phone each time: only the address limit is in play.
        "phone": f"0912{n:06d}",
        "consent_publish": True,
    }


def post_petition(client, n: int, **meta):
    return client.post(
        PETITIONS, json.dumps(petition(n)), content_type="application/json", **meta
    )


def spoofed(n: int) -> str:
    """What a script sends to look like a new visitor each time."""
    variants = [
        f"203.0.113.{n % 250}",
        f"198.51.100.{n % 250}, 10.0.0.{n % 250}",
        "127.0.0.1," + " " * n,
        f"{n}",
        " , " * (n % 5 + 1),
        f"2001:db8::{n:x}",
        "unknown",
    ]
    return variants[n % len(variants)]


def test_spoofed_forwarded_for_gets_the_same_429_as_the_real_address(client, settings):
    settings.FEEDBACK_RATE_PER_IP = "20/hour"
    statuses = [
        post_petition(client, n, HTTP_X_FORWARDED_FOR=spoofed(n)).status_code
        for n in range(25)
    ]

    assert statuses == [202] * 20 + [429] * 5
    # The real address (no header at all) is refused the same way.
    assert post_petition(client, 99).status_code == 429
    # A trailing comma or spaces after it give no fresh allowance either.
    assert (
        post_petition(client, 98, HTTP_X_FORWARDED_FOR="127.0.0.1,").status_code == 429
    )
    assert (
        post_petition(client, 97, HTTP_X_FORWARDED_FOR=" 127.0.0.1 ").status_code == 429
    )


def test_spoofed_forwarded_for_does_not_multiply_dossier_lookups(client, settings):
    settings.DOSSIER_LOOKUP_RATE = "30/min"
    statuses = [
        client.get(
            f"/api/v1/dossiers/H40.01-260406-{n:04d}/",
            HTTP_X_FORWARDED_FOR=spoofed(n),
        ).status_code
        for n in range(35)
    ]

    assert statuses == [404] * 30 + [429] * 5
    assert client.get("/api/v1/dossiers/H40.01-260406-9999/").status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_counted(client, settings):
    """The proxy appends the address it saw; what the client wrote before it
    (made-up addresses, commas) is not believed."""
    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1/32", "10.20.0.0/16"]
    settings.FEEDBACK_RATE_PER_IP = "3/hour"

    def through_proxies(n: int, client_wrote: str) -> int:
        # The visitor 198.51.100.7 -> edge proxy 10.20.0.5 -> local proxy 127.0.0.1.
        chain = f"{client_wrote}, 198.51.100.7, 10.20.0.5".lstrip(", ")
        return post_petition(client, n, HTTP_X_FORWARDED_FOR=chain).status_code

    statuses = [through_proxies(n, spoofed(n)) for n in range(5)]
    assert statuses == [202, 202, 202, 429, 429]
    # Another visitor behind the same proxies has an allowance of their own.
    other = post_petition(
        client, 50, HTTP_X_FORWARDED_FOR="198.51.100.8, 10.20.0.5"
    ).status_code
    assert other == 202
    # An untrusted peer's header is ignored: it counts as its own address.
    direct = [
        post_petition(
            client, 60 + n, REMOTE_ADDR="192.0.2.44", HTTP_X_FORWARDED_FOR=spoofed(n)
        ).status_code
        for n in range(4)
    ]
    assert direct == [202, 202, 202, 429]


def test_forged_frontend_header_without_the_secret_is_ignored(client, settings):
    settings.PORTAL_FRONTEND_SECRET = "s3cret-shared-with-sveltekit"
    settings.FEEDBACK_RATE_PER_IP = "3/hour"
    forged = [
        post_petition(
            client,
            n,
            HTTP_X_PORTAL_CLIENT_ADDRESS=f"203.0.113.{n}",
            HTTP_X_PORTAL_FRONTEND_SECRET="guessed" if n % 2 else "",
        ).status_code
        for n in range(4)
    ]
    assert forged == [202, 202, 202, 429]
    # With the secret, each citizen behind the frontend is counted apart.
    with_secret = [
        post_petition(
            client,
            10 + n,
            HTTP_X_PORTAL_CLIENT_ADDRESS=f"203.0.113.{n}",
            HTTP_X_PORTAL_FRONTEND_SECRET="s3cret-shared-with-sveltekit",
        ).status_code
        for n in range(4)
    ]
    assert with_secret == [202] * 4
