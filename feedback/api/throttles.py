"""Rate limits on submissions: DRF throttles on the shared cache.

The cache is Redis in production, so the limits hold across every web
process. If the cache itself is unreachable the limits fail open: refusing
citizens' petitions because the rate limiter is down would lose them, and the
workers' screening still holds bursts for review.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

from ..masking import normalise_phone

logger = logging.getLogger(__name__)


class FailOpenThrottle(SimpleRateThrottle):
    setting_name = ""

    def get_rate(self) -> str:
        return getattr(settings, self.setting_name)

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except (RedisError, DatabaseError, ConnectionError):
            logger.warning("rate-limit cache unavailable; %s not applied", self.scope)
            return True


class PetitionIpThrottle(FailOpenThrottle):
    scope = "petition_ip"
    setting_name = "FEEDBACK_RATE_PER_IP"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class PetitionPhoneThrottle(FailOpenThrottle):
    scope = "petition_phone"
    setting_name = "FEEDBACK_RATE_PER_PHONE"

    def get_cache_key(self, request, view) -> str | None:
        phone = normalise_phone(str(request.data.get("phone") or ""))
        if not phone:
            return None
        return self.cache_format % {"scope": self.scope, "ident": phone}


class RatingIpThrottle(PetitionIpThrottle):
    scope = "rating_ip"
    setting_name = "FEEDBACK_RATE_RATINGS_PER_IP"
