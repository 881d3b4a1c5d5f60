"""Feedback fixtures: private attachment folder, clean rate-limit cache, files."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from PIL import Image


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"


def clear_throttles() -> None:
    """Forget the rate-limit counters, and only them.

    Clearing the whole cache would also drop the workers' heartbeats, which
    other tests (health) read.
    """
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("throttle_*")):
        client.delete(key)


@pytest.fixture
def fresh_cache():
    """Rate-limit counters start from zero (needs the Redis cache)."""
    clear_throttles()
    yield cache
    clear_throttles()


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the feedback worker tests at the very end of the session.

    They commit (``transaction=True``) and so end with a flush that removes
    the rows data migrations made, such as the catalogue root; tests that run
    later without ``serialized_rollback`` and rely on those rows would fail.
    Placed after pytest-django's own ordering (trylast), this keeps the
    suite's order otherwise unchanged.
    """
    feedback_worker = [
        item for item in items if "tests/feedback/test_tasks.py" in item.nodeid
    ]
    if feedback_worker:
        rest = [item for item in items if item not in feedback_worker]
        items[:] = rest + feedback_worker
