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
