"""Tracking codes a citizen can read aloud, and keyed hashes of addresses."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

# Letters and digits that cannot be mistaken for one another when read aloud
# or typed from a receipt: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4

# --- tracking codes -------------------------------------------------------------


def new_tracking_code() -> str:
    """``XXXX-XXXX-XXXX`` from the unambiguous alphabet (about 56 bits)."""
    groups = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    ]
    return "-".join(groups)


def normalise_tracking_code(raw: str) -> str:
    """What a citizen typed, in canonical form (case, spaces and dashes ignored)."""
    compact = re.sub(r"[^0-9A-Za-z]", "", raw).upper()
    return "-".join(
        compact[i : i + CODE_GROUP_LENGTH]
        for i in range(0, len(compact), CODE_GROUP_LENGTH)
    )


def client_hash(address: str) -> str:
    """A keyed hash of a client address: comparable, not reversible."""
    return hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()
