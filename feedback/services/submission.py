"""Submission: a petition and its attachments stored once, the intake queued."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import workdays
from core.attachments import sha256_of
from core.idempotency import request_fingerprint
from core.masking import normalise_phone

from ..models import (
    Petition,
    PetitionAction,
    PetitionAttachment,
    PetitionEvent,
)
from .codes import client_hash, new_tracking_code
from .due_dates import ACCEPT_WITHIN, ANSWER_WITHIN, ASK_INFO_WITHIN
from .errors import IdempotencyConflict


@dataclass
class Submission:
    petition: Petition
    created: bool


def _existing_for_key(key: str, fingerprint: str) -> Petition | None:
    found = Petition.objects.filter(idempotency_key=key).first()
    if found is not None and found.request_fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    return found


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
    if idempotency_key:
        existing = _existing_for_key(idempotency_key, fingerprint)
        if existing is not None:
            return Submission(existing, created=False)

    now = timezone.now()
    saved_names: list[str] = []
    try:
        with transaction.atomic():
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
                attachment.file.save(upload.name, upload, save=False)
                saved_names.append(attachment.file.name)
                attachment.save()
            PetitionEvent.objects.create(
                petition=petition, action=PetitionAction.SUBMITTED, created_at=now
            )
            transaction.on_commit(lambda: queue_intake(petition.pk), robust=True)
    except IntegrityError:
        _delete_files(saved_names)
        if idempotency_key:
            # A concurrent retry with the same key won the race.
            existing = _existing_for_key(idempotency_key, fingerprint)
            if existing is not None:
                return Submission(existing, created=False)
        raise
    except BaseException:
        _delete_files(saved_names)
        raise
    return Submission(petition, created=True)


def _unique_tracking_code() -> str:
    while True:
        code = new_tracking_code()
        if not Petition.objects.filter(tracking_code=code).exists():
            return code


def _delete_files(names: list[str]) -> None:
    from ..models import private_storage

    for name in names:
        private_storage.delete(name)


def queue_intake(petition_id: int) -> None:
    """Send the intake task; a broker failure is left to the periodic sweep."""
    from ..tasks import process_petition

    process_petition.delay(petition_id)
