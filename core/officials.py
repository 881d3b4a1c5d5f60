"""Whom an official works for: the agency of their profile."""

from __future__ import annotations

from typing import Any

from .models import OfficialProfile


def official_agency(user) -> Any:
    """The ``catalogue.Agency`` of ``user``'s profile, or None without one."""
    profile = OfficialProfile.objects.filter(user=user).select_related("agency").first()
    return profile.agency if profile else None
