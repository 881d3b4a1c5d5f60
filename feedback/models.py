"""Feedback models: petitions (PAKN) with their audit trail, and satisfaction.

A petition keeps the submitter's contact details private and a masked public
copy of its text; its intake (screening, masking, routing, acknowledgement,
statistics) is done by Celery workers, each step stamped with the time it was
done so that a repeated or resumed intake never does a step twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from core.storage import PrivateStorage

from .criteria import CRITERIA, MAX_POINTS


@deconstructible
class AttachmentStorage(PrivateStorage):
    """Petitions' attachments: outside the web root, downloaded by staff only."""

    root_setting = "FEEDBACK_PRIVATE_ROOT"
    no_url_message = "Tệp đính kèm chỉ được tải qua trang quản trị."


private_storage = AttachmentStorage()


class PetitionKind(models.TextChoices):
    PROCEDURE = "procedure", _("Feedback on an administrative procedure")
    CONDUCT = "conduct", _("Feedback on the conduct of officials")
    SUGGESTION = "suggestion", _("Recommendation or proposal")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted for handling")
    REJECTED = "rejected", _("Refused")
    HANDLING = "handling", _("Being handled")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", _("Answer published")


class Screening(models.TextChoices):
    PENDING = "pending", _("Not screened yet")
    CLEAN = "clean", _("Clean")
    HELD = "held", _("Held for review (suspected spam)")


class Petition(models.Model):
    """A complaint or petition (phản ánh, kiến nghị) from a citizen."""

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=PetitionKind.choices)
    procedure = models.ForeignKey(
        "catalogue.ProcedurePage",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    agency = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("handling agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    # Masked copies for the public (personal data removed by the intake).
    public_title = models.CharField(
        verbose_name=_("public title"), max_length=300, blank=True
    )
    public_body = models.TextField(verbose_name=_("public text"), blank=True)

    # Private: never returned by a public endpoint.
    name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone number"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    consent_publish = models.BooleanField(_("agrees to publication"), default=False)

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PetitionStatus.choices,
        default=PetitionStatus.RECEIVED,
        db_index=True,
    )
    screening = models.CharField(
        _("screening"),
        max_length=8,
        choices=Screening.choices,
        default=Screening.PENDING,
        db_index=True,
    )
    screening_reasons = models.JSONField(
        verbose_name=_("screening reasons"), default=list, blank=True
    )
    reject_reason = models.TextField(_("reason for refusal"), blank=True)
    # The reason as the tracking page shows it (personal data masked).
    public_reject_reason = models.TextField(
        verbose_name=_("public reason for refusal"), blank=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_petitions",
    )
    answer = models.TextField(_("answer"), blank=True)
    public_answer = models.TextField(verbose_name=_("public answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who published the public copy, and what more they masked by hand in it
    # (officials only: the strings are personal data themselves).
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extra_masks = models.JSONField(
        verbose_name=_("extra masks"), default=list, blank=True
    )
    likes = models.PositiveIntegerField(verbose_name=_("likes"), default=0)
    dislikes = models.PositiveIntegerField(verbose_name=_("dislikes"), default=0)

    submitted_at = models.DateTimeField(
        _("sent on"), default=timezone.now, db_index=True
    )
    accepted_at = models.DateTimeField(
        verbose_name=_("accepted on"), null=True, blank=True
    )
    rejected_at = models.DateTimeField(
        verbose_name=_("refused on"), null=True, blank=True
    )
    answered_at = models.DateTimeField(
        verbose_name=_("answered on"), null=True, blank=True
    )
    published_at = models.DateTimeField(
        verbose_name=_("published on"), null=True, blank=True, db_index=True
    )
    # Deadlines in working days (Decision 766/QĐ-TTg), set on receipt / answer.
    acceptance_due = models.DateField(_("accept or refuse by"), null=True, blank=True)
    info_due = models.DateField(_("ask for information by"), null=True, blank=True)
    answer_due = models.DateField(_("answer by"), null=True, blank=True)
    publish_due = models.DateField(_("publish by"), null=True, blank=True)

    # Intake steps done by the workers (None: not yet).
    screened_at = models.DateTimeField(null=True, blank=True)
    masked_at = models.DateTimeField(null=True, blank=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    intake_completed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    # Abuse control: a keyed hash of the client address, the normalised phone.
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone_normalised = models.CharField(max_length=20, blank=True, db_index=True)
    honeypot_filled = models.BooleanField(default=False)
    idempotency_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True
    )
    request_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petition")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("manage_all_petitions", _("View and handle every agency's petitions"))
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to="petitions/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.original_name


class PetitionAction(models.TextChoices):
    SUBMITTED = "submitted", _("Taken in")
    SCREENED = "screened", _("Screening")
    ROUTED = "routed", _("Passed to another agency")
    ACKNOWLEDGED = "acknowledged", _("Acknowledgement sent")
    RELEASED = "released", _("Released from hold")
    ASSIGNED = "assigned", _("Assigned")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Refusal")
    HANDLING = "handling", _("Handling started")
    NOTE = "note", _("Internal note")
    ANSWERED = "answered", _("Answer")
    PUBLISHED = "published", _("Made public")
    # The public copy masked again by a newer masker; the copy it replaced
    # is kept in ``data`` (officials only).
    REMASKED = "remasked", _("Personal data masked")


class PetitionEvent(models.Model):
    """The audit trail: who did what to a petition, and when."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=14, choices=PetitionAction.choices)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("handling log entry")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%d/%m/%Y %H:%M}"


class Reaction(models.TextChoices):
    LIKE = "like", _("Like")
    DISLIKE = "dislike", _("Dislike")


class PetitionReaction(models.Model):
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="reactions"
    )
    voter = models.CharField(max_length=64)
    value = models.CharField(max_length=8, choices=Reaction.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "voter"], name="one_reaction_per_reader"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.value}"


class PetitionDailyStat(models.Model):
    """Petitions received per day, agency and kind (updated by the intake)."""

    date = models.DateField()
    agency = models.ForeignKey(
        "catalogue.Agency", null=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=PetitionKind.choices)
    received = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["date", "agency", "kind"],
                name="one_petition_stat_per_day",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.agency_id} {self.kind}: {self.received}"


# --- Satisfaction -------------------------------------------------------------

# The portal's 18-point survey: nine criteria, 0-2 points each (feedback.criteria).
EVALUATION_CRITERIA = [(criterion.name, criterion.label.vi) for criterion in CRITERIA]
CRITERION_NAMES = [name for name, _ in EVALUATION_CRITERIA]


class DossierEvaluation(models.Model):
    """A citizen's evaluation of how a dossier was handled (18 points)."""

    agency = models.ForeignKey(
        "catalogue.Agency", on_delete=models.PROTECT, related_name="evaluations"
    )
    procedure = models.ForeignKey(
        "catalogue.ProcedurePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    dossier_code = models.CharField(max_length=60, blank=True)
    total_time = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    agency_time = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    contacts = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    agencies_contacted = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(2)]
    )
    one_stop = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    publicly_posted = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(2)]
    )
    attitude = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    feedback_handling = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(2)]
    )
    online_quality = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    total = models.PositiveSmallIntegerField(editable=False)
    grade = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When a second evaluation of the same dossier replaced the scores.
    revised_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True
    )

    class Meta:
        verbose_name = _("dossier evaluation")
        verbose_name_plural = _("dossier evaluation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__lte=MAX_POINTS), name="evaluation_max_18"
            ),
            # One evaluation a dossier (feedback.satisfaction.record_evaluation):
            # the statistics count each dossier once.
            models.UniqueConstraint(
                fields=["dossier_code"],
                condition=~models.Q(dossier_code=""),
                name="one_evaluation_per_dossier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.total}/{MAX_POINTS}"


class CounterLevel(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class CounterRating(models.Model):
    """A quick three-level rating at the one-stop desk's kiosk."""

    agency = models.ForeignKey(
        "catalogue.Agency", on_delete=models.PROTECT, related_name="counter_ratings"
    )
    level = models.CharField(max_length=16, choices=CounterLevel.choices)
    # The desk the kiosk stands at ("1", "Quầy 3"): the admin's figures per
    # counter show where service falls short; empty when the kiosk names none.
    counter = models.CharField(_("counter"), max_length=20, blank=True, default="")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    idempotency_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True
    )

    class Meta:
        verbose_name = _("counter rating")
        verbose_name_plural = _("counter rating")

    def __str__(self) -> str:
        return self.get_level_display()


class PageFeedback(models.Model):
    """ "Was this page useful?" on a procedure page."""

    procedure = models.ForeignKey(
        "catalogue.ProcedurePage",
        on_delete=models.CASCADE,
        related_name="page_feedback",
    )
    useful = models.BooleanField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When the editor responsible was told (a "no" with a comment).
    notified_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True
    )

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self) -> str:
        return f"{self.procedure_id} {'có' if self.useful else 'không'}"
