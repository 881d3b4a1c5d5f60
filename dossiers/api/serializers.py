"""Serializers of the dossiers API: the desk feed in, the public lookup out."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

from catalogue.models import Agency, ProcedurePage

from ..models import Channel, Dossier, DossierEvent, EventKind
from ..services import Timeliness


class EventKindField(serializers.ChoiceField):
    """An event kind, or a dossier status (the kind of its latest event)."""

    def __init__(self, **kwargs):
        super().__init__(choices=EventKind.choices, **kwargs)


class EventKindFieldSchema(OpenApiSerializerFieldExtension):
    """One named enum component for kinds and statuses.

    Fields called "kind" and "status" already name the petitions' and
    procedures' enums, so the automatic enum naming would collide.
    """

    target_class = EventKindField

    def map_serializer_field(self, auto_schema, direction):
        component = ResolvedComponent(
            name="DossierEventKindEnum",
            type=ResolvedComponent.SCHEMA,
            object="DossierEventKindEnum",
            schema={"type": "string", "enum": list(EventKind.values)},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class DossierInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=80, required=False, allow_blank=True)
    procedure = serializers.CharField(
        max_length=40, required=False, help_text="procedure code, e.g. 1.001193"
    )
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.DIRECT)
    applicant_name = serializers.CharField(max_length=200)
    applicant_phone = serializers.RegexField(
        r"^\+?[\d\s.\-]{8,20}$", required=False, allow_blank=True
    )
    applicant_email = serializers.EmailField(required=False, allow_blank=True)
    applicant_id_number = serializers.RegexField(
        r"^(\d{9}|\d{12})$",
        required=False,
        allow_blank=True,
        error_messages={"invalid": "Số CMND (9 chữ số) hoặc CCCD (12 chữ số)."},
    )
    received_at = serializers.DateTimeField()
    promised_at = serializers.DateField(required=False)
    result = serializers.CharField(required=False, allow_blank=True)

    def validate_procedure(self, value: str) -> ProcedurePage:
        procedure = ProcedurePage.objects.filter(code=value).first()
        if procedure is None:
            raise serializers.ValidationError(f"Không có thủ tục mã “{value}”.")
        return procedure


class DossierFeedSerializer(serializers.ModelSerializer):
    """What the desk system gets back for the dossier it wrote."""

    status = EventKindField(read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "code",
            "status",
            "channel",
            "received_at",
            "promised_at",
            "resolved_at",
            "supplement_requests",
        ]


class EventInSerializer(serializers.Serializer):
    event_id = serializers.CharField(max_length=100)
    kind = EventKindField()
    occurred_at = serializers.DateTimeField()
    agency = serializers.CharField(
        max_length=40,
        required=False,
        help_text="code of the agency the dossier is transferred to",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    result = serializers.CharField(required=False, allow_blank=True)

    def validate_agency(self, value: str) -> Agency:
        agency = Agency.objects.filter(code=value).first()
        if agency is None:
            raise serializers.ValidationError(f"Không có cơ quan mã “{value}”.")
        return agency

    def validate(self, attrs: dict) -> dict:
        if attrs["kind"] == EventKind.TRANSFERRED and "agency" not in attrs:
            raise serializers.ValidationError(
                {"agency": "Sự kiện chuyển hồ sơ cần mã cơ quan nhận."}
            )
        return attrs


class EventOutSerializer(serializers.ModelSerializer):
    dossier = serializers.CharField(source="dossier.code")
    agency = serializers.CharField(source="agency.code", allow_null=True)
    kind = EventKindField(read_only=True)
    dossier_status = EventKindField(source="dossier.status", read_only=True)

    class Meta:
        model = DossierEvent
        fields = [
            "event_id",
            "dossier",
            "kind",
            "occurred_at",
            "agency",
            "note",
            "dossier_status",
        ]


class PublicProcedureSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class PublicEventSerializer(serializers.Serializer):
    kind = EventKindField()
    label = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    agency = serializers.CharField(allow_null=True)
    note = serializers.CharField()


class PublicDossierSerializer(serializers.Serializer):
    """The public lookup: personal data masked, nothing to contact anyone by."""

    code = serializers.CharField()
    procedure = PublicProcedureSerializer(allow_null=True)
    agency = serializers.CharField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant = serializers.CharField(help_text="masked: Nguyễn V. A.")
    status = EventKindField()
    status_label = serializers.CharField()
    received_at = serializers.DateTimeField()
    promised_at = serializers.DateField()
    deadline = serializers.DateField(
        help_text="promised date pushed back by supplement waits"
    )
    resolved_at = serializers.DateTimeField(allow_null=True)
    timeliness = serializers.ChoiceField(
        choices=[(t.value, t.value) for t in Timeliness]
    )
    agencies = serializers.ListField(child=serializers.CharField())
    history = PublicEventSerializer(many=True)


class DossierStatsSerializer(serializers.Serializer):
    period = serializers.CharField()
    agency = serializers.CharField(allow_null=True)
    received = serializers.IntegerField()
    received_new = serializers.IntegerField()
    carried_over = serializers.IntegerField()
    received_online = serializers.IntegerField()
    resolved = serializers.IntegerField()
    resolved_early = serializers.IntegerField()
    resolved_on_time = serializers.IntegerField()
    resolved_late = serializers.IntegerField()
    rejected = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    pending = serializers.IntegerField()
    pending_within = serializers.IntegerField()
    pending_overdue = serializers.IntegerField()
    on_time_rate = serializers.FloatField(allow_null=True)
    online_share = serializers.FloatField(allow_null=True)
