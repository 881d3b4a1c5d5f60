"""Published versions of procedures, and who follows what."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone

from catalogue.models import Agency, Field, ProcedurePage


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ProcedureVersion(models.Model):
    """A procedure as one publication left it, and what changed from the last.

    ``facts`` are the comparable parts (``changes.facts``) of the revision
    that went live; ``changes`` what differs from the previous version, in
    words (empty for the first publication or a change of other parts).
    """

    procedure = models.ForeignKey(
        ProcedurePage, on_delete=models.CASCADE, related_name="versions"
    )
    revision_id = models.BigIntegerField(unique=True)
    published_at = models.DateTimeField()
    facts = models.JSONField()
    changes = models.JSONField(default=list)
    # When the subscribers' digests were queued and when all had gone.
    digests_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["procedure", "published_at"])]

    def __str__(self) -> str:
        return f"{self.procedure_id} {self.published_at:%Y-%m-%d}"


class Subscriber(models.Model):
    """An e-mail address that follows something (no account)."""

    email = models.EmailField(unique=True)
    # Unsubscribes from everything: the one-click link of each digest.
    token = models.CharField(max_length=64, unique=True, default=new_token)
    # The e-mails' language: the interface's at the last follow ("vi" or "en");
    # the changes themselves are quoted in Vietnamese, as the procedures are.
    language = models.CharField(max_length=8, default="vi")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.email


class Follow(models.Model):
    """One thing an address follows; nothing is sent before it is confirmed."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="follows"
    )
    procedure = models.ForeignKey(
        ProcedurePage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    field = models.ForeignKey(
        Field, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(procedure__isnull=False, field=None, agency=None)
                    | models.Q(procedure=None, field__isnull=False, agency=None)
                    | models.Q(procedure=None, field=None, agency__isnull=False)
                ),
                name="follow_exactly_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id} {self.target}"

    @property
    def target(self):
        return self.procedure or self.field or self.agency


class Delivery(models.Model):
    """A digest sent to a subscriber for a version: never twice."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE)
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "version"], name="delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id} {self.version_id}"
