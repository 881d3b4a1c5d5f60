"""Celery entry points for indexing (thin: the work is in ``search.indexing``)."""

from __future__ import annotations

from celery import shared_task
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import ConnectionTimeout, TransportError

from core.celery import retrying

from . import indexing

RETRYABLE = (EngineConnectionError, ConnectionTimeout, TransportError)
# Engine outages are retried with growing, jittered delays (up to ~1 hour in all).
RETRY = retrying(*RETRYABLE, max_retries=12, backoff_max=300, acks_late=True)


@shared_task(**RETRY)
def index_procedure(self, page_id: int) -> str:
    """Bring one page's document in line with the database.

    Idempotent (acks_late is safe): it re-reads the page and writes the same
    document, or removes it if the page is no longer live; running it twice
    gives the same index.
    """
    return indexing.index_page(page_id)


@shared_task(**RETRY)
def remove_procedure(self, page_id: int) -> None:
    """Remove a deleted page's document. Idempotent: a missing document is fine."""
    indexing.delete_page(page_id)


@shared_task(**RETRY)
def rebuild_index(self) -> dict:
    """A full rebuild (new index, alias swap): queued after a large import.

    Idempotent: a second run builds the same index again and swaps to it.
    """
    return indexing.rebuild()


@shared_task(**retrying(*RETRYABLE, max_retries=20, backoff_max=120))
def ensure_index_built(self) -> dict | None:
    """Build the index if the alias does not exist yet (``make run``'s first start).

    Retries until the engine answers, so it can be queued before the engine is up.
    """
    client = indexing.get_client()
    if client.indices.exists_alias(name=indexing.index_alias()):
        return None
    return indexing.rebuild()


@shared_task(**RETRY)
def refresh_usage(self) -> int:
    """Recompute the usage scores (views, dossiers) and write them to the index.

    Run by beat every hour. Idempotent: scores are recomputed from the
    counters, and only the documents whose score changed are updated.
    """
    from catalogue.services import refresh_usage_scores

    return indexing.update_priors(refresh_usage_scores())
