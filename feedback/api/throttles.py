"""Rate limits on petitions and ratings (per client IP, per phone number)."""

from __future__ import annotations

from collections.abc import Mapping

from core.masking import normalise_phone
from core.throttles import ClientIpThrottle, FailOpenThrottle

from ..services.codes import normalise_tracking_code


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


class ReactionIpThrottle(ClientIpThrottle):
    """Reactions one address adds to one answer (whatever reader ids it sends)."""

    scope = "reaction_ip"
    setting_name = "FEEDBACK_RATE_REACTIONS_PER_IP"

    def get_cache_key(self, request, view) -> str:
        code = normalise_tracking_code(str(view.kwargs.get("tracking_code", "")))
        return self.cache_format % {
            "scope": self.scope,
            "ident": f"{self.get_ident(request)}:{code}",
        }


class RatingIpThrottle(PetitionIpThrottle):
    scope = "rating_ip"
    setting_name = "FEEDBACK_RATE_RATINGS_PER_IP"
