"""Officials' profiles: which agency a staff account works for.

The petitions inbox (``feedback``) and the dossier queue (``dossiers``) both
scope what an official sees by this agency (``core.officials``).

The table was created as ``feedback_officialprofile`` and moved here without
touching its rows (see ``core/migrations/0001_officialprofile.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficialProfile(models.Model):
    """Ties a staff account to its agency: officials see that agency's work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="official_profile",
    )
    agency = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="officials",
    )

    class Meta:
        verbose_name = _("petition officer")
        verbose_name_plural = _("petition officer")

    def __str__(self) -> str:
        return f"{self.user} – {self.agency}"
