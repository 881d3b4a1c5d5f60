"""Submissions a retry may repeat: fingerprints and storing once.

A citizen on a slow network sends the same petition, rating or online filing
again when the first answer does not arrive. With an ``Idempotency-Key`` the
retry gets the row the first request stored (:func:`store_once`); the
request's fingerprint tells a retry (same content) from a key reused for
something else (:func:`existing_for_key`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models.fields.files import FieldFile

from .attachments import sha256_of

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def request_fingerprint(data: dict[str, Any], files: Iterable[UploadedFile]) -> str:
    """Identifies a request's content, to tell a retry from a reused key."""
    canonical = {
        key: (value.pk if hasattr(value, "pk") else value)
        for key, value in sorted(data.items())
    }
    canonical["__files__"] = [sha256_of(upload) for upload in files]
    return hashlib.sha256(
        json.dumps(canonical, sort_keys=True, default=str).encode()
    ).hexdigest()


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used for a different request."""


def existing_for_key(model: type[M], key: str, fingerprint: str) -> M | None:
    """The row an earlier request with ``key`` stored, if its content matched.

    ``model`` keeps ``idempotency_key`` and ``request_fingerprint`` columns; a
    key seen with other content raises :class:`IdempotencyConflict`.
    """
    found = model.objects.filter(idempotency_key=key).first()
    if found is not None and found.request_fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    return found


class SavedFiles:
    """Files written while a row is stored, removed if storing it fails.

    The database rolls back on its own; files on disk do not, so each one is
    written through :meth:`save` and deleted again when the transaction does
    not commit.
    """

    def __init__(self) -> None:
        self._written: list[tuple[Any, str]] = []

    def save(self, field_file: FieldFile, name: str, content: File) -> None:
        """Write ``content`` to ``field_file`` (the model instance is not saved)."""
        field_file.save(name, content, save=False)
        self._written.append((field_file.storage, field_file.name))

    def delete(self) -> None:
        for storage, name in self._written:
            storage.delete(name)


def store_once(
    key: str | None,
    find: Callable[[str], T | None],
    store: Callable[[SavedFiles], T],
    *,
    known_new: bool = False,
    one_statement: bool = False,
) -> tuple[T, bool]:
    """Store a submission once per ``key``: ``(row, created)``.

    ``find(key)`` returns what an earlier request with the key stored (or
    raises :class:`IdempotencyConflict`); without one, ``store`` writes the
    row, and any files through the :class:`SavedFiles` it is given, in one
    transaction. A concurrent retry with the same key that wins the race
    makes the unique key fail here: its row is returned instead, and the
    files written meanwhile are removed.

    ``known_new``: the caller has just looked the key up and found nothing,
    so it is not looked up again before storing (the unique key still
    catches a retry that arrived meanwhile). ``one_statement``: ``store``
    writes a single row and no file, so outside a transaction it needs none
    (no BEGIN and COMMIT around one INSERT); inside one, a savepoint keeps a
    failed INSERT from breaking the caller's transaction.
    """
    if key and not known_new:
        found = find(key)
        if found is not None:
            return found, False
    saved = SavedFiles()
    bare = one_statement and not transaction.get_connection().in_atomic_block
    try:
        if bare:
            return store(saved), True
        with transaction.atomic():
            return store(saved), True
    except IntegrityError:
        saved.delete()
        if key:
            found = find(key)
            if found is not None:
                return found, False
        raise
    except BaseException:
        saved.delete()
        raise
