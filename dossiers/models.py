"""Dossiers, their event history and the desk systems' API tokens.

A dossier's status is never written by hand: it is derived from its events
ordered by ``occurred_at`` (see ``dossiers.services.recompute``), so events
arriving out of order from a desk system still give the right history. The
denormalised columns (``status``, ``resolved_at``, ``closed_at``,
``closed_kind``, ``supplement_requests``, ``pauses``, ``last_event_at``) hold
the state after the whole history, written in the transaction that stores each
event, so that lists and statistics can filter and classify without replaying
every history.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from catalogue.blocks import CHANNEL_KINDS
from catalogue.models import Agency, ProcedurePage
from core.storage import PrivateStorage


class Channel(models.TextChoices):
    DIRECT = CHANNEL_KINDS[0]
    POSTAL = CHANNEL_KINDS[1]
    ONLINE = CHANNEL_KINDS[2]


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Taken in")
    TRANSFERRED = "transferred", _("Transferred to another agency")
    HANDLING = "handling", _("Being processed")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    SUPPLEMENT_RECEIVED = "supplement_received", _("Supplement received")
    RESOLVED = "resolved", _("Resolved")
    RETURNED = "returned", _("Result returned")
    REJECTED = "rejected", _("Resolution refused")
    WITHDRAWN = "withdrawn", _("Stopped at the applicant's request")
    # Form 04's apology with a new date: the dossier goes on being handled,
    # the statistics keep the first promised date (docs/legal.md §3 item 9).
    APOLOGISED = "apologised", _("Apology and a new date for the result")


# A dossier's status is the kind of its latest event.
Status = EventKind

# Handling is over after these; ``resolved``/``returned`` count as resolved.
RESOLVED_KINDS = frozenset({EventKind.RESOLVED, EventKind.RETURNED})
CLOSED_KINDS = RESOLVED_KINDS | {EventKind.REJECTED, EventKind.WITHDRAWN}


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Individual")
    ORGANISATION = "organisation", _("Organisation or business")


class Dossier(models.Model):
    """One dossier (hồ sơ) filed at a one-stop desk, by post or online."""

    code = models.CharField(_("dossier code"), max_length=80, unique=True)
    procedure = models.ForeignKey(
        ProcedurePage,
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("receiving agency"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    # The one-stop unit the dossier was handed in at, by the province's list
    # (catalogue.province.receiving_unit_for): the Public Administration Centre
    # of the commune the applicant chose, or the provincial Centre receiving for
    # a department (Decree 118/2025/NĐ-CP art. 14). Empty where the list says
    # nothing; ``agency`` stays the agency whose code the dossier carries.
    receiving_unit = models.ForeignKey(
        Agency,
        verbose_name=_("one-stop unit that received it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.DIRECT
    )
    # Private: never served by the public API (the name only masked).
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_phone = models.CharField(_("phone"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_id_number = models.CharField(_("ID number"), max_length=20, blank=True)
    applicant_address = models.TextField(_("address"), blank=True)
    # Filed for an organisation: its name and enterprise (tax) code are public;
    # its representative is a person (masked like the applicant).
    applicant_kind = models.CharField(
        _("applying as"),
        max_length=12,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    organisation_name = models.CharField(
        _("organisation name"), max_length=300, blank=True
    )
    enterprise_code = models.CharField(
        _("enterprise code / tax code"), max_length=14, blank=True
    )
    representative_name = models.CharField(
        _("legal representative"), max_length=200, blank=True
    )
    representative_position = models.CharField(
        _("representative's position"), max_length=100, blank=True
    )
    # Interactive national e-forms filled in online (``dossiers.eforms``):
    # [{"key": "doc-6", "form": "khai-sinh", "name": ..., "fields": [{"name",
    # "label", "value", "personal"}]}], labels kept as they were shown.
    eforms = models.JSONField(_("electronic forms"), default=list, blank=True)
    received_at = models.DateTimeField(_("received on"))
    # A date: the legal deadline is a working day, not an instant.
    promised_at = models.DateField(_("promised for"))
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=Status.choices,
        default=Status.RECEIVED,
        editable=False,
    )
    resolved_at = models.DateTimeField(_("resolved on"), null=True, editable=False)
    # When handling ended (resolved, returned, rejected or withdrawn).
    closed_at = models.DateTimeField(
        verbose_name=_("closed on"), null=True, editable=False
    )
    supplement_requests = models.PositiveSmallIntegerField(
        verbose_name=_("supplement requests"), default=0, editable=False
    )
    # The rest of the state after every event (``services.summarise``), so
    # that statistics classify a dossier without replaying its history: the
    # kind that closed it, its supplement waits as [requested, received or
    # null] instants (null: not summarised yet, the history is replayed) and
    # when its latest event occurred.
    closed_kind = models.CharField(max_length=24, blank=True, editable=False)
    pauses = models.JSONField(null=True, editable=False)
    last_event_at = models.DateTimeField(null=True, editable=False)
    # The promised date pushed back by the supplement waits that have ended;
    # while a wait is open the clock is stopped (see services.deadline).
    due_date = models.DateField(_("deadline"), null=True, editable=False)
    result = models.TextField(_("result"), blank=True)
    # Online filings: a retried submission with the same key is stored once.
    idempotency_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True, editable=False
    )
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(verbose_name=_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated on"), auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossier")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["agency", "received_at"]),
            models.Index(fields=["closed_at"]),
            # The statistics' scan: dossiers received before a period's end.
            models.Index(fields=["received_at"]),
            # The public lookup of a code typed in another case.
            models.Index(Upper("code"), name="dossier_code_upper"),
        ]
        permissions = [
            ("manage_all_dossiers", _("View and handle every agency's dossiers")),
        ]

    def __str__(self) -> str:
        return self.code


class DossierEvent(models.Model):
    """One step in a dossier's history, as reported by a desk system."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="events"
    )
    # The desk system's own id; the agency that sent it makes it unique, so a
    # retried POST stores the event once.
    source_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+"
    )
    event_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    # The agency the dossier went to (transfers) or that acted.
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    # An apology's new date for the result (``EventKind.APOLOGISED`` only);
    # the dossier's ``promised_at`` stays what was promised first.
    new_date = models.DateField(_("new date for the result"), null=True, blank=True)
    # The note as the public lookup and the receipt show it: personal data
    # masked when the event is stored (``services.public_note``), never on read.
    public_note = models.TextField(blank=True, editable=False)
    # The official who recorded it in the admin (None: sent by a desk system).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(verbose_name=_("created on"), auto_now_add=True)
    # When the applicant of an online dossier was told (None: not yet, or
    # nobody to tell); the notification task stamps it after sending.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier event")
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_agency", "event_id"], name="dossier_event_id_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


@deconstructible
class DossierStorage(PrivateStorage):
    """Documents of online dossiers: on disk outside the web root, no URL."""

    root_setting = "DOSSIER_PRIVATE_ROOT"
    no_url_message = "Tệp hồ sơ chỉ được tải qua trang quản trị."


dossier_storage = DossierStorage()


class DossierDocument(models.Model):
    """A file an applicant uploaded for one document of an online dossier."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="documents"
    )
    # The key of the filing form ("doc-1") and the document's name then.
    key = models.CharField(max_length=20)
    name = models.TextField()
    file = models.FileField(storage=dossier_storage, upload_to="dossiers/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier document")
        ordering = ["dossier", "key", "pk"]

    def __str__(self) -> str:
        return self.original_name


class DossierSequence(models.Model):
    """The last sequence number given to an agency's dossiers on one day."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "day"], name="dossier_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day} {self.last}"


def hash_token(token: str) -> str:
    """Tokens are long random strings: a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


class AgencyToken(models.Model):
    """An API token with which a desk system writes its agency's dossiers."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("system name"), max_length=200)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(
        _("created on"), default=timezone.now, editable=False
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, editable=False)

    panels = [FieldPanel("agency"), FieldPanel("name"), FieldPanel("active")]

    class Meta:
        verbose_name = _("agency API token")
        verbose_name_plural = _("agency API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            # Never left without a hash: the admin's create view and
            # ``manage.py create_agency_token`` set the hash of the token they
            # show once; anything else gets a token nobody knows.
            import secrets

            self.token_hash = hash_token(secrets.token_urlsafe(32))
        super().save(*args, **kwargs)
