"""Submission: a petition and its attachments stored once, the intake queued."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
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
from .intake import apply_routing


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
) -> Submission:
    """Store a petition and its attachments durably; queue its intake.

    ``data`` holds the validated fields (``procedure``/``agency`` as objects,
    ``website`` the honeypot); ``files`` pairs each checked upload with its
    sniffed content type. With an ``idempotency_key`` seen before (same
    content) the earlier petition is returned and nothing is stored.
    """
    data = dict(data)
    honeypot = (data.pop("website", "") or "").strip()
    fingerprint = request_fingerprint(data, (upload for upload, _ in files))

    def store(saved: SavedFiles) -> Petition:
        now = timezone.now()
        petition = Petition.objects.create(
            **data,
            tracking_code=_unique_tracking_code(),
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
        PetitionEvent.objects.create(
            petition=petition, action=PetitionAction.SUBMITTED, created_at=now
        )
        # Routed at once, so that no inbox shows a petition without an agency
        # while the intake is queued.
        apply_routing(petition)
        transaction.on_commit(lambda: queue_intake(petition.pk), robust=True)
        return petition

    petition, created = store_once(
        idempotency_key, lambda key: _existing_for_key(key, fingerprint), store
    )
    return Submission(petition, created=created)


def _unique_tracking_code() -> str:
    while True:
        code = new_tracking_code()
        if not Petition.objects.filter(tracking_code=code).exists():
            return code


def queue_intake(petition_id: int) -> None:
    """Have the intake queued; a broker failure is left to the periodic sweep."""
    intake_due.send(sender=Petition, petition_id=petition_id)
