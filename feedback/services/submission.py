"""Submission: a petition and its attachments stored once, the intake queued."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import workdays
from core.attachments import sha256_of
from core.idempotency import (
    SavedFiles,
    existing_for_key,
    request_fingerprint,
    store_once,
)
from core.masking import normalise_phone

from ..models import (
    Petition,
    PetitionAction,
    PetitionAttachment,
    PetitionEvent,
)
from ..signals import intake_due
from .codes import client_hash, new_tracking_code
from .due_dates import ACCEPT_WITHIN, ANSWER_WITHIN, ASK_INFO_WITHIN
from .intake import route_unsaved

# A new tracking code each time the INSERT finds one already taken.
TRACKING_CODE_ATTEMPTS = 3


@dataclass
class Submission:
    petition: Petition
    created: bool


def _existing_for_key(key: str, fingerprint: str) -> Petition | None:
    return existing_for_key(Petition, key, fingerprint)


def submit_petition(
    *,
    data: dict[str, Any],
    files: list[tuple[UploadedFile, str]],
    client_address: str,
    idempotency_key: str | None = None,
    key_unused: bool = False,
) -> Submission:
    """Store a petition and its attachments durably; queue its intake.

    ``data`` holds the validated fields (``procedure``/``agency`` as objects,
    ``website`` the honeypot); ``files`` pairs each checked upload with its
    sniffed content type. With an ``idempotency_key`` seen before (same
    content) the earlier petition is returned and nothing is stored;
    ``key_unused``: insert without looking the key up first (the caller has
    found no petition with it, or lets the key's unique constraint find a
    retry: a failed INSERT, then the earlier petition).

    One short transaction: the petition, routed already (so that no inbox
    shows it without an agency, and without an UPDATE of the row just
    written), its attachments and its two events in one INSERT; the intake
    is queued once it has committed.
    """
    data = dict(data)
    honeypot = (data.pop("website", "") or "").strip()
    fingerprint = request_fingerprint(data, (upload for upload, _ in files))

    def store(saved: SavedFiles) -> Petition:
        now = timezone.now()
        petition = Petition(
            **data,
            # Unique by the column's constraint: a collision (60 random bits)
            # fails the INSERT and the whole store is tried again.
            tracking_code=new_tracking_code(),
            submitted_at=now,
            acceptance_due=workdays.add_working_days(now, ACCEPT_WITHIN),
            info_due=workdays.add_working_days(now, ASK_INFO_WITHIN),
            answer_due=workdays.add_working_days(now, ANSWER_WITHIN),
            client_hash=client_hash(client_address),
            phone_normalised=normalise_phone(data.get("phone", "")),
            honeypot_filled=bool(honeypot),
            idempotency_key=idempotency_key or None,
            request_fingerprint=fingerprint,
        )
        submitted = PetitionEvent(
            petition=petition, action=PetitionAction.SUBMITTED, created_at=now
        )
        _, routed = route_unsaved(petition)
        petition.save(force_insert=True)
        for upload, content_type in files:
            attachment = PetitionAttachment(
                petition=petition,
                original_name=upload.name[:255],
                content_type=content_type,
                size=upload.size,
                sha256=sha256_of(upload),
            )
            saved.save(attachment.file, upload.name, upload)
            attachment.save()
        PetitionEvent.objects.bulk_create([submitted, routed])
        transaction.on_commit(lambda: queue_intake(petition.pk), robust=True)
        return petition

    for attempt in range(TRACKING_CODE_ATTEMPTS):
        try:
            petition, created = store_once(
                idempotency_key,
                lambda key: _existing_for_key(key, fingerprint),
                store,
                known_new=key_unused and attempt == 0,
            )
        except IntegrityError:
            if attempt == TRACKING_CODE_ATTEMPTS - 1:
                raise
            continue
        return Submission(petition, created=created)
    raise AssertionError("unreachable")  # pragma: no cover


def queue_intake(petition_id: int) -> None:
    """Have the intake queued; a broker failure is left to the periodic sweep."""
    intake_due.send(sender=Petition, petition_id=petition_id)
