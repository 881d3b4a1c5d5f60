"""A publish indexed by the real worker reaches the next search and suggestion.

Real OpenSearch, PostgreSQL, Redis and a Celery worker. The worker's indexing
task bumps the search version once the engine shows the change; the test
waits for both (the engine showing it and the version moving on), then reads
the API once.
"""

from __future__ import annotations

import time

import pytest

from search import indexing
from tests.catalogue.factories import ProcedurePageFactory
from tests.helpers import wait_until
from tests.search.test_search_cache import search, search_version, suggest

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.worker,
]


def indexed_names() -> set[str]:
    client = indexing.get_client()
    client.indices.refresh(index=indexing.index_alias())
    hits = client.search(index=indexing.index_alias(), body={"size": 100})
    return {hit["_source"]["name"] for hit in hits["hits"]["hits"]}


def settled() -> int:
    """The search version once the worker has run what earlier tests queued."""
    last = search_version()
    stable_since = time.monotonic()
    while time.monotonic() - stable_since < 3:
        time.sleep(0.5)
        now = search_version()
        if now != last:
            last, stable_since = now, time.monotonic()
    return last


@pytest.fixture
def empty_index(transactional_db):
    result = indexing.rebuild()
    yield result
    client = indexing.get_client()
    for name in client.indices.get_alias(name=indexing.index_alias()):
        client.indices.delete(index=name, ignore_unavailable=True)


def test_a_publish_indexed_by_the_worker_reaches_the_next_search(
    celery_worker_process, empty_index
):
    start = settled()
    page = ProcedurePageFactory(code="8.000011", title="Đăng ký nuôi ong mật")
    assert wait_until(
        lambda: search_version() > start and "Đăng ký nuôi ong mật" in indexed_names()
    )
    names = [r["name"] for r in search("nuoi ong mat")["results"]]
    assert names == ["Đăng ký nuôi ong mật"]
    assert suggest("nuoi ong") == ["Đăng ký nuôi ong mật"]
    search("nuoi ong mat"), suggest("nuoi ong")  # cached now

    published = search_version()
    page.title = page.name = "Đăng ký nuôi ong mật và ong dú"
    page.save_revision().publish()

    assert wait_until(
        lambda: (
            search_version() > published
            and "Đăng ký nuôi ong mật và ong dú" in indexed_names()
        )
    )
    names = [r["name"] for r in search("nuoi ong mat")["results"]]
    assert names == ["Đăng ký nuôi ong mật và ong dú"]
    assert suggest("nuoi ong") == ["Đăng ký nuôi ong mật và ong dú"]

    unpublished = search_version()
    page.unpublish()

    assert wait_until(
        lambda: (
            search_version() > unpublished
            and "Đăng ký nuôi ong mật và ong dú" not in indexed_names()
        )
    )
    assert search("nuoi ong mat")["count"] == 0
    assert suggest("nuoi ong") == []
