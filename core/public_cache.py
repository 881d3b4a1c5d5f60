"""The shared cache of public reads, with versioned keys.

Every kind of public data has a *namespace* ("catalogue", "search",
"synonyms", "satisfaction", "dossiers", "petitions") whose version number
lives in the shared cache (Redis in production, so every web process sees the
same numbers). A cached answer's key contains the versions of the namespaces
it depends on. An event that changes the data (a page published, a snippet
saved, a synonym rule edited, a new evaluation) *bumps* the version: nothing
is deleted, the next read simply looks under a new key and recomputes.

A bump happens at once and again after the surrounding transaction commits.
The second bump is what makes the rule hold under concurrency: a reader that
ran between the first bump and the commit saw the old rows and stored them
under the in-between version, which the commit-time bump leaves behind. So
the first read that starts after an edit is committed never sees the old
answer. Entries also expire after a while (``ttl``): memory is bounded and
data that changes without an event (view counts) catches up.

The cache failing never fails a read: without it answers are computed each
time (and a warning is logged).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.utils import translation
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# What a cache that is down raises (Redis, or the database cache without Redis).
CACHE_ERRORS = (RedisError, DatabaseError, ConnectionError, OSError)

T = TypeVar("T")

CATALOGUE = "catalogue"
SEARCH = "search"  # the engine's index contents
SYNONYMS = "synonyms"
SATISFACTION = "satisfaction"
DOSSIERS = "dossiers"
PETITIONS = "petitions"
ALL = (CATALOGUE, SEARCH, SYNONYMS, SATISFACTION, DOSSIERS, PETITIONS)

_MISSING = object()


def _cache():
    return caches[getattr(settings, "PUBLIC_CACHE_ALIAS", "default")]


def _version_key(namespace: str) -> str:
    return f"public:v:{namespace}"


def versions(*namespaces: str) -> str:
    """The current versions of ``namespaces``, as one string for a key."""
    cache = _cache()
    keys = [_version_key(n) for n in namespaces]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        # A fresh (or flushed) cache starts from the clock, so a version is
        # never one that keys were stored under before the flush.
        cache.add(key, time.time_ns(), None)
    if missing:
        found.update(cache.get_many(missing))
    return ".".join(str(found.get(key, 0)) for key in keys)


def _increment(namespaces: tuple[str, ...]) -> None:
    cache = _cache()
    for namespace in namespaces:
        key = _version_key(namespace)
        try:
            try:
                cache.incr(key)
            except ValueError:  # not there yet
                cache.add(key, time.time_ns(), None)
        except CACHE_ERRORS:  # the cache is down: entries expire by time
            log.warning("public cache unavailable; %s not bumped", namespace)


class _AfterCommit:
    """The commit-time bump of one transaction: one callback for all its bumps."""

    def __init__(self) -> None:
        self.namespaces: set[str] = set()

    def __call__(self) -> None:
        _increment(tuple(sorted(self.namespaces)))


def is_bump(callback) -> bool:
    """Whether an ``on_commit`` callback is the cache's commit-time bump (tests
    that count the tasks a service queues leave it out)."""
    return isinstance(callback, _AfterCommit)


def bump(*namespaces: str) -> None:
    """The data of ``namespaces`` changed: now, and again once committed."""
    _increment(namespaces)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # One callback a transaction (an import bumps thousands of times), joined
    # only at the same savepoint depth, so a savepoint's rollback that drops
    # the callback drops no bump made outside that savepoint.
    savepoints = set(connection.savepoint_ids)
    for sids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _AfterCommit) and sids == savepoints:
            callback.namespaces.update(namespaces)
            return
    callback = _AfterCommit()
    callback.namespaces.update(namespaces)
    transaction.on_commit(callback, robust=True)


def key_for(namespaces: tuple[str, ...], *parts: Any) -> str | None:
    """A key for an answer built from ``namespaces`` and ``parts``; None when
    the cache is unreachable."""
    try:
        version = versions(*namespaces)
    except CACHE_ERRORS:
        log.warning("public cache unavailable; reads are not cached")
        return None
    # Labels (levels, statuses, channels) follow the request's language, so
    # the language is part of every answer's key.
    digest = hashlib.sha256(
        repr((translation.get_language(), *parts)).encode()
    ).hexdigest()[:40]
    return f"public:{'+'.join(namespaces)}:{version}:{digest}"


def get(key: str | None) -> Any:
    if key is None:
        return _MISSING
    try:
        return _cache().get(key, _MISSING)
    except CACHE_ERRORS:
        log.warning("public cache unavailable; reads are not cached")
        return _MISSING


def put(key: str | None, value: Any, ttl: int) -> None:
    if key is None:
        return
    try:
        _cache().set(key, value, ttl)
    except CACHE_ERRORS:
        log.warning("public cache unavailable; answer not stored")


def is_missing(value: Any) -> bool:
    return value is _MISSING


def remember(
    namespaces: tuple[str, ...],
    parts: tuple[Any, ...],
    compute: Callable[[], T],
    *,
    ttl: int,
    keep: Callable[[T], bool] | None = None,
) -> T:
    """``compute()``'s answer, from the cache when the namespaces are unchanged.

    ``keep`` says whether an answer may be stored (a degraded answer is not).
    """
    key = key_for(namespaces, *parts)
    value = get(key)
    if not is_missing(value):
        return value
    value = compute()
    if keep is None or keep(value):
        put(key, value, ttl)
    return value
