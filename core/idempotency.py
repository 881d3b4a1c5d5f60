"""Submissions a retry may repeat: fingerprints and storing once.

A citizen on a slow network sends the same petition, rating or online filing
again when the first answer does not arrive. With an ``Idempotency-Key`` the
retry gets the row the first request stored; the request's fingerprint tells
a retry (same content) from a key reused for something else.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from .attachments import sha256_of


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
