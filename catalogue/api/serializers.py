"""Serializers of the catalogue API: plain data, every part structured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..blocks import CHANNEL_KINDS
from ..facts import time_label
from ..models import (
    LEVEL_LABELS,
    Agency,
    AgencyRole,
    Field,
    LifeEvent,
    ProcedurePage,
)
from ..services import json_ld, procedure_url


class FieldSerializer(serializers.ModelSerializer):
    procedure_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Field
        fields = ["id", "name", "name_en", "slug", "description", "procedure_count"]


class LifeEventSerializer(serializers.ModelSerializer):
    procedure_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = LifeEvent
        fields = ["id", "name", "slug", "description", "procedure_count"]


class AgencySerializer(serializers.ModelSerializer):
    procedure_count = serializers.IntegerField(read_only=True, required=False)
    level_label = serializers.CharField(read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "short_name",
            "code",
            "level",
            "level_label",
            "parent",
            "address",
            "phone",
            "email",
            "opening_hours",
            "map_url",
            "procedure_count",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.is_historical:
            # A district body: no current level; the label says what it was.
            data["level"] = ""
        return data


class FieldRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["name", "name_en", "slug"]


class LevelSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()


def levels_of(page: ProcedurePage) -> list[dict[str, str]]:
    return [
        {"slug": slug, "label": LEVEL_LABELS.get(slug, slug)}
        for slug in page.level_list
    ]


class ProcedureListSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    field = FieldRefSerializer(read_only=True, allow_null=True)
    levels = serializers.SerializerMethodField()
    online_level_label = serializers.CharField(
        source="get_online_level_display", read_only=True
    )

    class Meta:
        model = ProcedurePage
        fields = [
            "code",
            "name",
            "name_en",
            "url",
            "field",
            "levels",
            "online_level",
            "online_level_label",
            "has_fee",
            "status",
            "popularity",
            "last_published_at",
        ]

    def get_url(self, page: ProcedurePage) -> str:
        return procedure_url(page.code)

    @extend_schema_field(LevelSerializer(many=True))
    def get_levels(self, page: ProcedurePage) -> list[dict[str, str]]:
        return levels_of(page)


# The shapes of the detail's structured parts, for the OpenAPI schema (and so for
# the frontend's generated types); the methods below build the dicts.


class FeeSerializer(serializers.Serializer):
    amount = serializers.FloatField(allow_null=True)
    currency = serializers.CharField()
    label = serializers.CharField(
        help_text="the charge's name: Lệ phí, Phí …; or empty"
    )
    description = serializers.CharField()
    is_free = serializers.BooleanField()
    exemptions = serializers.CharField()


class ChannelSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CHANNEL_KINDS)
    kind_label = serializers.CharField()
    processing_time = serializers.FloatField(allow_null=True)
    time_unit = serializers.CharField(help_text="empty when the source gives none")
    time_unit_basis = serializers.CharField(
        help_text="how the unit was found: stated, channels, description, steps; "
        "empty when unknown"
    )
    time_text = serializers.CharField(help_text="the time cell as published")
    time_label = serializers.CharField(
        help_text="the time as the page shows it: never a bare number"
    )
    fees = FeeSerializer(many=True)
    description = serializers.CharField()


class DossierComponentSerializer(serializers.Serializer):
    name = serializers.CharField()
    originals = serializers.IntegerField(allow_null=True)
    copies = serializers.IntegerField(allow_null=True)
    form_name = serializers.CharField()
    form_url = serializers.URLField(
        allow_null=True, help_text="the form's file an editor attached, if any"
    )
    form_has_file = serializers.BooleanField()
    form_source_url = serializers.URLField(
        allow_null=True,
        help_text="a named form without a file: the procedure's page on the "
        "national portal, where the form is published",
    )
    notes = serializers.CharField()


class DossierCaseSerializer(serializers.Serializer):
    case = serializers.CharField()
    components = DossierComponentSerializer(many=True)


class ResultSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()


class LegalDocumentSerializer(serializers.Serializer):
    title = serializers.CharField()
    number = serializers.CharField()
    issued = serializers.CharField(help_text="ISO date, or empty when unknown")
    url = serializers.CharField()


class ProcedureAgencySerializer(AgencySerializer):
    """An agency as a procedure names it, with the part it plays."""

    role = serializers.CharField()
    role_label = serializers.CharField()

    class Meta(AgencySerializer.Meta):
        fields = [*AgencySerializer.Meta.fields, "role", "role_label"]


class ProcedureLinkSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()


def _stream(value) -> list[dict[str, Any]]:
    """StreamField data as plain JSON (block values only, in order)."""
    return [
        block["value"] for block in value.stream_block.get_api_representation(value)
    ]


class ProcedureDetailSerializer(ProcedureListSerializer):
    steps = serializers.SerializerMethodField()
    channels = serializers.SerializerMethodField()
    dossier = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    legal_basis = serializers.SerializerMethodField()
    agencies = serializers.SerializerMethodField()
    related_procedures = serializers.SerializerMethodField()
    life_events = LifeEventSerializer(many=True, read_only=True)
    replaced_by = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    json_ld = serializers.SerializerMethodField()
    # A URL, or empty when the record has none: a URLField's schema (format
    # uri) would not admit the empty string it serves.
    source_url = serializers.CharField(
        read_only=True, help_text="the national portal's page; empty when unknown"
    )

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields,
            "title",
            "status_label",
            "procedure_kind",
            "applicants",
            "reception_address",
            "steps",
            "channels",
            "dossier",
            "requirements",
            "results",
            "legal_basis",
            "agencies",
            "related_procedures",
            "related_text",
            "life_events",
            "decision_number",
            "online_filing",
            "replaced_by",
            "source_url",
            "json_ld",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_steps(self, page: ProcedurePage) -> list[str]:
        """Each step as sanitised HTML (rich text)."""
        return [str(block.value) for block in page.steps]

    @extend_schema_field(ChannelSerializer(many=True))
    def get_channels(self, page: ProcedurePage) -> list[dict[str, Any]]:
        labels = {
            "direct": _("Trực tiếp"),
            "postal": _("Dịch vụ bưu chính"),
            "online": _("Trực tuyến"),
        }
        channels = []
        for channel in _stream(page.channels):
            channels.append(
                {
                    **channel,
                    # Blocks saved before a field existed lack it: the schema
                    # promises a string (empty) or a list, never null.
                    "time_text": channel.get("time_text") or "",
                    "description": channel.get("description") or "",
                    "fees": channel.get("fees") or [],
                    "time_unit": channel.get("time_unit") or "",
                    "time_unit_basis": channel.get("time_unit_basis") or "",
                    "time_label": time_label(channel),
                    "kind_label": labels.get(channel["kind"], ""),
                }
            )
        return channels

    @extend_schema_field(DossierCaseSerializer(many=True))
    def get_dossier(self, page: ProcedurePage) -> list[dict[str, Any]]:
        request = self.context.get("request")
        cases = []
        for block in page.dossier:
            components = []
            for component in block.value["components"]:
                document = component.get("form_document")
                download = None
                if document is not None:
                    download = document.url
                    if request is not None:
                        download = request.build_absolute_uri(download)
                components.append(
                    {
                        "name": component["name"],
                        "originals": component["originals"],
                        "copies": component["copies"],
                        "form_name": component["form_name"],
                        "form_url": download,
                        "form_has_file": download is not None,
                        "form_source_url": (page.source_url or None)
                        if component["form_name"] and download is None
                        else None,
                        "notes": component["notes"],
                    }
                )
            cases.append({"case": block.value["case"], "components": components})
        return cases

    @extend_schema_field(ResultSerializer(many=True))
    def get_results(self, page: ProcedurePage) -> list[dict[str, Any]]:
        return _stream(page.results)

    @extend_schema_field(LegalDocumentSerializer(many=True))
    def get_legal_basis(self, page: ProcedurePage) -> list[dict[str, Any]]:
        return _stream(page.legal_basis)

    @extend_schema_field(ProcedureAgencySerializer(many=True))
    def get_agencies(self, page: ProcedurePage) -> list[dict[str, Any]]:
        roles = dict(AgencyRole.choices)
        return [
            {
                "role": role.role,
                "role_label": roles.get(role.role, role.role),
                **AgencySerializer(role.agency).data,
            }
            for role in page.agency_roles.all()
        ]

    @extend_schema_field(ProcedureLinkSerializer(many=True))
    def get_related_procedures(self, page: ProcedurePage) -> list[dict[str, str]]:
        return [
            {"code": other.code, "name": other.name, "url": procedure_url(other.code)}
            # Filtered here rather than with .live(): this also serves a
            # previewed draft, whose relations are held in memory.
            for other in page.related_procedures.all()
            if other.live
        ]

    @extend_schema_field(ProcedureLinkSerializer(allow_null=True))
    def get_replaced_by(self, page: ProcedurePage) -> dict[str, str] | None:
        other = page.replaced_by
        if other is None or not other.live:
            return None
        return {
            "code": other.code,
            "name": other.name,
            "url": procedure_url(other.code),
        }

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_json_ld(self, page: ProcedurePage) -> dict[str, Any]:
        return json_ld(page, frontend_url=settings.FRONTEND_URL)


# --- The province's catalogue: "where do I go?" -----------------------------


class DecisionRefSerializer(serializers.Serializer):
    number = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="the text's address; empty when unknown")
    is_sample = serializers.BooleanField(
        help_text="made up for the demo, not a published decision"
    )
    label = serializers.CharField(help_text='"Quyết định số … ngày dd/mm/yyyy"')


class UnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    address = serializers.CharField()
    opening_hours = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    map_url = serializers.CharField(help_text="empty when neither link nor address")
    map_basis = serializers.ChoiceField(
        choices=["editor", "address_search", ""],
        help_text="editor: the unit's own link; address_search: a map search "
        "for its address",
    )


class CommuneRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    formed_from = serializers.ListField(
        child=serializers.CharField(), help_text="the units before 1/7/2025"
    )


class AppliedValueSerializer(serializers.Serializer):
    source = serializers.ChoiceField(
        choices=["local", "national"],
        help_text="local: set by the province's decision; national: the "
        "national catalogue's",
    )
    text = serializers.CharField()
    decision = DecisionRefSerializer(allow_null=True)
    national_text = serializers.CharField()


class WhereQuerySerializer(serializers.Serializer):
    xa = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="the commune or ward: its slug, its name or a former name",
    )


class WhereSerializer(serializers.Serializer):
    code = serializers.CharField()
    province = serializers.CharField()
    communes = CommuneRefSerializer(many=True)
    commune = CommuneRefSerializer(allow_null=True)
    applies = serializers.BooleanField(
        help_text="the province's published list has this procedure"
    )
    local_code = serializers.CharField()
    announced_by = DecisionRefSerializer(allow_null=True)
    reception = serializers.CharField()
    reception_label = serializers.CharField()
    needs_commune = serializers.BooleanField()
    implementing = UnitSerializer(many=True)
    units = UnitSerializer(many=True, help_text="where to hand the dossier in")
    message = serializers.CharField()
    time = AppliedValueSerializer()
    fee = AppliedValueSerializer()
    is_sample = serializers.BooleanField()


class LocalProcedureRowSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="as the province published it")
    national_code = serializers.CharField()
    name = serializers.CharField()
    field = serializers.CharField()
    level = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    url = serializers.CharField(help_text="the procedure's page; empty when none")
    in_national_catalogue = serializers.BooleanField()
    time = serializers.CharField(help_text="the province's time; empty: national")
    fee = serializers.CharField(help_text="the province's fee; empty: national")
    announced_by = DecisionRefSerializer(allow_null=True)
    is_sample = serializers.BooleanField()


class CounterDepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CounterSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="as on the counter and its kiosk (quay)")
    label = serializers.CharField()
    departments = CounterDepartmentSerializer(
        many=True, help_text="the departments whose dossiers it receives"
    )


class ReceivedAtSerializer(serializers.Serializer):
    centre = UnitSerializer()
    number = serializers.CharField()
    label = serializers.CharField()


class ReceptionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    counters = CounterSerializer(
        many=True, help_text="a Public Administration Centre's counters"
    )
    received_at = ReceivedAtSerializer(
        many=True, help_text="a department: the centres' counters receiving for it"
    )
    receives_at = UnitSerializer(
        allow_null=True, help_text="the unit that receives this agency's dossiers"
    )
