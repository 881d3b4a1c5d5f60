"""Rate limits on the shared cache that fail open.

The cache is Redis in production, so the limits hold across every web
process. If the cache itself is unreachable the limits fail open: refusing
citizens' submissions because the rate limiter is down would lose them, and
the workers' screening still holds bursts for review.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

from core.client_address import limit_key

logger = logging.getLogger(__name__)


class FailOpenThrottle(SimpleRateThrottle):
    """A throttle whose rate is the setting ``setting_name``; lets through when
    the cache is down."""

    setting_name = ""

    def get_rate(self) -> str:
        return getattr(settings, self.setting_name)

    def get_ident(self, request) -> str:
        # Never DRF's: it believes whatever X-Forwarded-For the client sends.
        return limit_key(request)

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except (RedisError, DatabaseError, ConnectionError):
            logger.warning("rate-limit cache unavailable; %s not applied", self.scope)
            return True


class ClientIpThrottle(FailOpenThrottle):
    """Counted per client IP address."""

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
