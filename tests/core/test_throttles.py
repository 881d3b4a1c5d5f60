"""The rate limits' sliding window, on the real cache (Redis)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.test import RequestFactory, override_settings

from core.throttles import ClientIpThrottle

pytestmark = pytest.mark.redis


class Clock:
    now = 0.0


def throttle_class(rate: str, clock: Clock):
    scope = f"test-{uuid.uuid4().hex[:8]}"

    class Limited(ClientIpThrottle):
        setting_name = "TEST_RATE"

        def timer(self):
            return clock.now

    Limited.scope = scope
    return override_settings(TEST_RATE=rate), Limited


def ask(limited) -> tuple[bool, float | None]:
    throttle = limited()
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    allowed = throttle.allow_request(request, None)
    return allowed, None if allowed else throttle.wait()


def test_requests_count_for_the_window_and_it_says_when_to_come_back():
    clock = Clock()
    settings, limited = throttle_class("4/min", clock)  # buckets of 2 s
    with settings:
        clock.now = 6010.5
        assert [ask(limited)[0] for _ in range(2)] == [True, True]
        clock.now = 6040.5
        assert [ask(limited)[0] for _ in range(3)] == [True, True, False]
        # The first two leave the minute with their bucket, from 6070 on.
        assert ask(limited) == (False, pytest.approx(29.5))
        clock.now = 6069.9
        assert ask(limited)[0] is False
        clock.now = 6071.0  # half their bucket is out: 2 + 1 < 4
        assert [ask(limited)[0] for _ in range(2)] == [True, False]
        clock.now = 6072.0  # out
        assert [ask(limited)[0] for _ in range(2)] == [True, False]
        # Then the two of 6040 leave from 6100 on.
        assert ask(limited) == (False, pytest.approx(28.0))


def test_requests_counted_together_are_all_counted():
    clock = Clock()
    clock.now = 1_000_000.0
    settings, limited = throttle_class("1000/hour", clock)
    with settings:
        threads = [
            threading.Thread(target=lambda: [ask(limited) for _ in range(10)])
            for _ in range(10)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        throttle = limited()
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
        throttle.allow_request(request, None)
        assert sum(throttle._counts) == 100  # none lost to a concurrent write
