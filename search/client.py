"""The one place that builds OpenSearch clients."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from opensearchpy import OpenSearch


def hosts(url: str | None = None) -> list[str]:
    """The nodes of ``OPENSEARCH_URL``: one address or several, comma-separated.

    With several, the client sends each request to the next live node in turn;
    a node that refuses or drops a connection is set aside for a while and the
    request is tried again on another one.
    """
    url = settings.OPENSEARCH_URL if url is None else url
    return [host.strip() for host in url.split(",") if host.strip()]


def get_client(*, timeout: float | None = None, max_retries: int = 2) -> OpenSearch:
    """A client for ``OPENSEARCH_URL``; shared unless asked for other limits."""
    if timeout is None and max_retries == 2:
        return _shared_client(settings.OPENSEARCH_URL)
    return OpenSearch(
        hosts=hosts(),
        timeout=timeout or settings.OPENSEARCH_TIMEOUT,
        max_retries=max_retries,
        retry_on_timeout=False,
    )


def search_client() -> OpenSearch:
    """The client of the citizens' searches: ``OPENSEARCH_SEARCH_TIMEOUT`` and no
    retry after a timeout (a refused connection is tried once more, on another
    node where there are several). A search waits for one timeout at most,
    then answers from the database (search/breaker.py keeps it from waiting
    again while the engine hangs)."""
    return _search_client(settings.OPENSEARCH_URL, settings.OPENSEARCH_SEARCH_TIMEOUT)


@lru_cache(maxsize=4)
def _search_client(url: str, timeout: float) -> OpenSearch:
    return OpenSearch(
        hosts=hosts(url),
        timeout=timeout,
        max_retries=1,
        retry_on_timeout=False,
        pool_maxsize=8,
    )


@lru_cache(maxsize=4)
def _shared_client(url: str) -> OpenSearch:
    return OpenSearch(
        hosts=hosts(url),
        timeout=settings.OPENSEARCH_TIMEOUT,
        max_retries=2,
        retry_on_timeout=True,
        # Rebuilds send from two threads; keep both connections open.
        pool_maxsize=4,
    )
