"""What citizens' and officials' actions on petitions may raise."""

from __future__ import annotations

from core.idempotency import IdempotencyConflict

__all__ = ["AlreadyReacted", "IdempotencyConflict", "InvalidReader", "PetitionError"]


class PetitionError(Exception):
    """An action that the petition's state does not allow (Vietnamese text)."""


class AlreadyReacted(Exception):
    """This reader has already liked or disliked this answer."""


class InvalidReader(Exception):
    """A reader id the server did not issue (made up or changed)."""
