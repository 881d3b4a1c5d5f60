"""Rate limits on petitions and ratings (per client IP, per phone number)."""

from __future__ import annotations

from collections.abc import Mapping

from core.masking import normalise_phone
from core.throttles import ClientIpThrottle, FailOpenThrottle


class PetitionIpThrottle(ClientIpThrottle):
    scope = "petition_ip"
    setting_name = "FEEDBACK_RATE_PER_IP"


class PetitionPhoneThrottle(FailOpenThrottle):
    scope = "petition_phone"
    setting_name = "FEEDBACK_RATE_PER_PHONE"

    def get_cache_key(self, request, view) -> str | None:
        data = request.data if isinstance(request.data, Mapping) else {}
        phone = normalise_phone(str(data.get("phone") or ""))
        if not phone:
            return None
        return self.cache_format % {"scope": self.scope, "ident": phone}


class RatingIpThrottle(PetitionIpThrottle):
    scope = "rating_ip"
    setting_name = "FEEDBACK_RATE_RATINGS_PER_IP"
