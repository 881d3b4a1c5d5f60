"""A circuit breaker around the citizens' searches (the circuitbreaker library).

When the engine hangs instead of refusing, every search would wait for its
timeout and the web threads would fill up. After
``OPENSEARCH_BREAKER_FAILURES`` failures in a row the breaker opens: searches
go straight to the database fallback without touching the engine. After
``OPENSEARCH_BREAKER_RESET_SECONDS`` the next searches probe it; the first
that succeeds closes the breaker, a failure opens it for another while.

One breaker per engine URL and process (each web process finds out for
itself, within a few searches). Only outages count: a refused or timed-out
connection, or a 5xx; a missing index or a query the engine rejects does not.
(pybreaker, the other kept library, holds a lock through every call, which
would let a process run one search at a time.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import circuitbreaker
from django.conf import settings
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import TransportError

log = logging.getLogger(__name__)

CircuitOpen = circuitbreaker.CircuitBreakerError
T = TypeVar("T")

_breakers: dict[tuple, circuitbreaker.CircuitBreaker] = {}
_lock = threading.Lock()


def is_outage(exc_type: type, exc: BaseException) -> bool:
    """Whether a failure says the engine is down (rather than this request bad)."""
    if issubclass(exc_type, EngineConnectionError):  # refused, reset, timed out
        return True
    if issubclass(exc_type, TransportError):
        status = getattr(exc, "status_code", None)
        return not isinstance(status, int) or status >= 500
    return False


def breaker() -> circuitbreaker.CircuitBreaker:
    """The breaker of the configured engine."""
    key = (
        settings.OPENSEARCH_URL,
        settings.OPENSEARCH_BREAKER_FAILURES,
        settings.OPENSEARCH_BREAKER_RESET_SECONDS,
    )
    with _lock:
        if key not in _breakers:
            _breakers[key] = circuitbreaker.CircuitBreaker(
                failure_threshold=settings.OPENSEARCH_BREAKER_FAILURES,
                recovery_timeout=settings.OPENSEARCH_BREAKER_RESET_SECONDS,
                expected_exception=is_outage,
                name="search",
            )
        return _breakers[key]


def call(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` unless the breaker is open (then CircuitOpen)."""
    guard = breaker()
    if guard.opened:
        raise CircuitOpen(guard)
    was_closed = guard.closed
    try:
        return guard.call(func, *args, **kwargs)
    finally:
        if was_closed and guard.opened:
            log.warning("search engine failing: searches skip it for a while")
        elif not was_closed and guard.closed:
            log.info("search engine answers again: searches use it")


def is_open() -> bool:
    """Whether searches skip the engine right now (no probe is due yet)."""
    return breaker().opened
