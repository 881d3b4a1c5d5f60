"""The Redis cache backend reuses its client object (against the real Redis)."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.redis


def test_one_client_object_serves_every_call_and_each_thread_works():
    from core.cache import RedisCache

    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    assert cache._cache.get_client() is cache._cache.get_client(write=True)

    errors: list[BaseException] = []

    def use(number: int) -> None:
        try:
            for i in range(50):
                key = f"test-reused-client:{number}:{i}"
                caches["default"].set(key, i, 30)
                assert caches["default"].get(key) == i
                assert caches["default"].incr(key) == i + 1
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=use, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_incr_counts_an_existing_key_and_refuses_a_missing_one():
    cache = caches["default"]
    cache.delete("test-incr:missing")
    with pytest.raises(ValueError):
        cache.incr("test-incr:missing")
    assert cache.get("test-incr:missing") is None  # not created by the refusal
    cache.set("test-incr:n", 41, 30)
    assert cache.incr("test-incr:n") == 42
    assert cache.incr("test-incr:n", 8) == 50
    assert cache.get("test-incr:n") == 50
    # The expiry set with the value stays.
    client = cache._cache.get_client()
    assert 0 < client.ttl(cache.make_key("test-incr:n")) <= 30
