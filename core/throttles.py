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
from django.db import DatabaseError
from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

from core.client_address import limit_key

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, DatabaseError, ConnectionError)


class FailOpenThrottle(SimpleRateThrottle):
    """A throttle whose rate is the setting ``setting_name``; lets through when
    the cache is down."""

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
            return super().allow_request(request, view)
        except CACHE_ERRORS:
            logger.warning("rate-limit cache unavailable; %s not applied", self.scope)
            return True

    def throttle_success(self) -> bool:
        if self.deferred:
            self._pending = True
            return True
        return super().throttle_success()

    def record(self) -> None:
        """Count the request checked by allow_request (deferred mode)."""
        if not self._pending:
            return
        self._pending = False
        try:
            self.now = self.timer()
            history = [
                t for t in self.cache.get(self.key, []) if t > self.now - self.duration
            ]
            history.insert(0, self.now)
            self.cache.set(self.key, history, self.duration)
        except CACHE_ERRORS:
            logger.warning("rate-limit cache unavailable; %s not counted", self.scope)


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
