"""What citizens' and officials' actions on petitions may raise."""

from __future__ import annotations


class PetitionError(Exception):
    """An action that the petition's state does not allow (Vietnamese text)."""


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used for a different request."""


class AlreadyReacted(Exception):
    """This reader has already liked or disliked this answer."""
