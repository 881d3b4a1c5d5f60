"""Rate limits: the public lookup (codes must not be enumerable) and filing."""

from __future__ import annotations

from django.conf import settings

from core.throttles import ClientIpThrottle

DEFAULT_LOOKUP_RATE = "30/min"


class DossierLookupThrottle(ClientIpThrottle):
    """Per client IP on the shared cache; unknown codes count as much as known."""

    scope = "dossier_lookup"

    def get_rate(self) -> str:
        return getattr(settings, "DOSSIER_LOOKUP_RATE", DEFAULT_LOOKUP_RATE)


class DossierFilingThrottle(DossierLookupThrottle):
    """Online filings per client IP."""

    scope = "dossier_filing"

    def get_rate(self) -> str:
        return settings.DOSSIER_FILING_RATE
