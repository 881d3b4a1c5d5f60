"""Rate limit on the public lookup, so dossier codes cannot be enumerated."""

from __future__ import annotations

from django.conf import settings

from feedback.api.throttles import FailOpenThrottle

DEFAULT_LOOKUP_RATE = "30/min"


class DossierLookupThrottle(FailOpenThrottle):
    """Per client IP on the shared cache; unknown codes count as much as known."""

    scope = "dossier_lookup"

    def get_rate(self) -> str:
        return getattr(settings, "DOSSIER_LOOKUP_RATE", DEFAULT_LOOKUP_RATE)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
