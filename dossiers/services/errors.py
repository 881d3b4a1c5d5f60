"""What the desk feed refuses, and what it stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar


class DossierError(Exception):
    """A request the feed refuses; carries field errors for a 400."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class DossierForbidden(Exception):
    """The agency may not write this dossier."""


class EventConflict(Exception):
    """An event id reused for a different event."""


T = TypeVar("T")


@dataclass(frozen=True)
class Ingested(Generic[T]):
    """What the feed stored (``created``) or found already stored."""

    obj: T
    created: bool
