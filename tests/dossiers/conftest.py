"""Dossier fixtures: two agencies with codes, a procedure, a clean throttle."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from . import factories


@pytest.fixture
def agency_a(db):
    return factories.agency("H40.01", name="UBND xã Hòa An")


@pytest.fixture
def agency_b(db):
    return factories.agency("H40.02", name="Phòng Tư pháp huyện")


@pytest.fixture
def procedure(db):
    return factories.procedure(code="1.001193", title="Đăng ký khai sinh")


def _clear_throttles() -> None:
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("throttle_dossier_*")):
        client.delete(key)


@pytest.fixture
def fresh_throttle():
    """Lookup rate-limit counters start from zero (needs the Redis cache)."""
    _clear_throttles()
    yield
    _clear_throttles()
