"""Rate limits on the shared cache that fail open.

The cache is Redis in production, so the limits hold across every web
process. If the cache itself is unreachable the limits fail open: refusing
citizens' submissions because the rate limiter is down would lose them, and
the workers' screening still holds bursts for review.

Submissions are counted only once accepted (:class:`CountsAcceptedOnly`): a
rejected request (a 400) writes no limiter entry, so a script sending junk
with other people's phone numbers neither uses up their allowance nor fills
the cache.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import DatabaseError
from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

from core.cache import RedisCache
from core.client_address import limit_key

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, DatabaseError, ConnectionError)


# A rate's window is counted in this many buckets (and the one its start falls
# in, in part).
BUCKETS = 30


class FailOpenThrottle(SimpleRateThrottle):
    """A throttle whose rate is the setting ``setting_name``; lets through when
    the cache is down.

    Counted in buckets of a thirtieth of the rate's window, each a counter in
    the cache (the requests of the bucket the window's start falls in taken
    as spread over it): a check reads them all in one request, a count is one
    atomic increment, whatever the number of requests. (DRF's own keeps every
    timestamp in one list, read and written whole each time, and loses counts
    to concurrent writers.)
    """

    setting_name = ""
    # When set (by CountsAcceptedOnly), allow_request only checks; record()
    # counts the request once the view has accepted it.
    deferred = False
    _pending = False

    def get_rate(self) -> str:
        return getattr(settings, self.setting_name)

    def get_ident(self, request) -> str:
        # Never DRF's: it believes whatever X-Forwarded-For the client sends.
        return limit_key(request)

    def allow_request(self, request, view) -> bool:
        try:
            return self._allow(request, view)
        except CACHE_ERRORS:
            logger.warning("rate-limit cache unavailable; %s not applied", self.scope)
            return True

    def _allow(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        self._size = self.duration / BUCKETS
        self._bucket = int(self.now // self._size)
        keys = [f"{self.key}:{self._bucket - age}" for age in range(BUCKETS + 1)]
        found = self.cache.get_many(keys)
        # By age: the current bucket first.
        self._counts = [int(found.get(key, 0)) for key in keys]
        if self.estimate() >= self.num_requests:
            return self.throttle_failure()
        return self.throttle_success()

    def estimate(self) -> float:
        """The requests of the last window: the oldest bucket, which the
        window's start falls in, in proportion to the part still inside."""
        inside = 1 - (self.now - self._bucket * self._size) / self._size
        return sum(self._counts[:BUCKETS]) + self._counts[BUCKETS] * inside

    def throttle_success(self) -> bool:
        if self.deferred:
            self._pending = True
        else:
            self._count()
        return True

    def wait(self) -> float:
        """Seconds until a request would be let through, if no other came:
        the buckets leave the window oldest first, each over its own length."""
        newer = sum(self._counts)
        for age in range(BUCKETS, -1, -1):
            count = self._counts[age]
            newer -= count
            if count and newer < self.num_requests:
                leaving = (self._bucket - age + BUCKETS) * self._size
                share = (self.num_requests - newer) / count
                return max(1.0, leaving + self._size * (1 - share) - self.now)
        return float(self.duration)  # pragma: no cover - a rate of 0

    def record(self) -> None:
        """Count the request checked by allow_request (deferred mode)."""
        if not self._pending:
            return
        self._pending = False
        try:
            self._count()
        except CACHE_ERRORS:
            logger.warning("rate-limit cache unavailable; %s not counted", self.scope)

    def _count(self) -> None:
        slot = f"{self.key}:{self._bucket}"
        # Kept while it still counts in the window.
        timeout = int(self.duration + 2 * self._size) + 1
        if not isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache):
            # Another cache's incr may set the default expiry: read and write.
            self.cache.set(slot, int(self.cache.get(slot, 0)) + 1, timeout)
            return
        try:
            self.cache.incr(slot)  # atomic, its expiry kept
        except ValueError:  # the bucket's first request
            if not self.cache.add(slot, 1, timeout):
                self.cache.incr(slot)


class ClientIpThrottle(FailOpenThrottle):
    """Counted per client IP address."""

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class CountsAcceptedOnly:
    """A view mixin: its throttles refuse as ever, but a request costs
    allowance only when it was accepted (a 2xx answer)."""

    def check_throttles(self, request):
        self._throttles_to_count = []
        durations = []
        for throttle in self.get_throttles():
            throttle.deferred = True
            if throttle.allow_request(request, self):
                self._throttles_to_count.append(throttle)
            else:
                durations.append(throttle.wait())
        if durations:
            self._throttles_to_count = []
            known = [d for d in durations if d is not None]
            self.throttled(request, max(known, default=None))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if 200 <= response.status_code < 300:
            for throttle in getattr(self, "_throttles_to_count", []):
                throttle.record()
        self._throttles_to_count = []
        return response
