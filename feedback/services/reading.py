"""What the public reads: published answers, a petition by its code, likes.

Each browser likes or dislikes an answer once: its reader id is issued by the
server and signed (Django signing), so a client cannot make up ids to vote
again; one that drops its id gets a new one, and the per-address limit on
reactions to one answer (``FEEDBACK_RATE_REACTIONS_PER_IP``) bounds that.
"""

from __future__ import annotations

import uuid

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from ..models import (
    Petition,
    PetitionReaction,
    PetitionStatus,
    Screening,
)
from .codes import client_hash, normalise_tracking_code
from .errors import AlreadyReacted, InvalidReader, PetitionError

READER_SALT = "feedback.reactions.reader"


def published_petitions() -> QuerySet[Petition]:
    """Answers the public may read: published and consented to."""
    return (
        Petition.objects.filter(
            status=PetitionStatus.PUBLISHED,
            consent_publish=True,
            screening=Screening.CLEAN,
        )
        .select_related("agency", "procedure")
        .order_by("-published_at", "-pk")
    )


def find_by_tracking_code(raw: str) -> Petition | None:
    return (
        Petition.objects.select_related("agency", "procedure")
        .filter(tracking_code=normalise_tracking_code(raw))
        .first()
    )


def react(petition: Petition, voter: str, value: str) -> Petition:
    """Record a like or dislike once per reader; raise AlreadyReacted after."""
    if petition.status != PetitionStatus.PUBLISHED:
        raise PetitionError(_("Chỉ có thể đánh giá câu trả lời đã công khai."))
    counter = "likes" if value == "like" else "dislikes"
    try:
        with transaction.atomic():
            PetitionReaction.objects.create(
                petition=petition, voter=client_hash(voter), value=value
            )
            Petition.objects.filter(pk=petition.pk).update(**{counter: F(counter) + 1})
    except IntegrityError as exc:
        raise AlreadyReacted from exc
    petition.refresh_from_db(fields=["likes", "dislikes"])
    return petition


def new_reader() -> str:
    """A new reader id, signed: what a browser sends back with its reactions."""
    return signing.Signer(salt=READER_SALT).sign(uuid.uuid4().hex)


def reader_id(token: str) -> str:
    """The id inside a signed reader token; InvalidReader if not ours."""
    try:
        return signing.Signer(salt=READER_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise InvalidReader from exc
