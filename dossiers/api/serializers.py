"""Serializers of the dossiers API: the desk feed in, the public lookup out."""

from __future__ import annotations

import copy

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from stdnum import exceptions as stdnum_errors
from stdnum.vn import mst

from catalogue import province as provinces
from catalogue.models import Agency, ProcedurePage
from core.attachments import AttachmentRejected, check_attachment
from core.serializers import (
    REQUIRED,
    DayField,
    InstantField,
    phone_number,
    plain_text,
    required_plain_text,
)

from .. import eforms
from ..models import ApplicantKind, Channel, Dossier, DossierEvent, EventKind
from ..services import Timeliness
from ..statistics import INDICATOR_2_1


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
        error_messages={"invalid": _("Số CMND (9 chữ số) hoặc CCCD (12 chữ số).")},
    )
    received_at = InstantField()
    promised_at = DayField(required=False)
    result = serializers.CharField(required=False, allow_blank=True)

    def validate_procedure(self, value: str) -> ProcedurePage:
        procedure = ProcedurePage.objects.filter(code=value).first()
        if procedure is None:
            raise serializers.ValidationError(
                _("Không có thủ tục mã “%(code)s”.") % {"code": value}
            )
        return procedure


class CachedModelFieldsMixin:
    """A ModelSerializer building its fields from the model once per class.

    ``ModelSerializer.get_fields`` inspects the model for every instance, on
    every request of the feed; the fields only depend on ``Meta``, so copies
    of the first ones are handed out (as plain serializers do).
    """

    def get_fields(self):
        cls = type(self)
        fields = cls.__dict__.get("_model_fields")
        if fields is None:
            fields = super().get_fields()
            cls._model_fields = fields
        return copy.deepcopy(fields)


class DossierFeedSerializer(CachedModelFieldsMixin, serializers.ModelSerializer):
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
    occurred_at = InstantField()
    agency = serializers.CharField(
        max_length=40,
        required=False,
        help_text="code of the agency the dossier is transferred to",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    result = serializers.CharField(required=False, allow_blank=True)
    new_date = DayField(
        required=False,
        help_text="apologised only: the new date for the result (form 04), after "
        "the date first promised, which the statistics keep",
    )

    def validate_agency(self, value: str) -> Agency:
        agency = Agency.objects.filter(code=value).first()
        if agency is None:
            raise serializers.ValidationError(
                _("Không có cơ quan mã “%(code)s”.") % {"code": value}
            )
        return agency

    def validate(self, attrs: dict) -> dict:
        if attrs["kind"] == EventKind.TRANSFERRED and "agency" not in attrs:
            raise serializers.ValidationError(
                {"agency": _("Sự kiện chuyển hồ sơ cần mã cơ quan nhận.")}
            )
        return attrs


class EventOutSerializer(CachedModelFieldsMixin, serializers.ModelSerializer):
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
            "new_date",
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
    new_date = serializers.DateField(allow_null=True)


class PublicOrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    enterprise_code = serializers.CharField(help_text="0101234567 or 0101234567-001")
    representative = serializers.CharField(help_text="masked: Lê T. H.")
    representative_position = serializers.CharField()


class PublicEFormFieldSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField(
        help_text="names as initials, dates of birth as years"
    )


class PublicEFormSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    fields = PublicEFormFieldSerializer(many=True)


class ReceivingUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    opening_hours = serializers.CharField()
    phone = serializers.CharField()
    map_url = serializers.CharField(help_text="the editors' link or a map search")


class PublicDossierSerializer(serializers.Serializer):
    """The public lookup: personal data masked, nothing to contact anyone by."""

    code = serializers.CharField()
    procedure = PublicProcedureSerializer(allow_null=True)
    agency = serializers.CharField()
    receiving_unit = ReceivingUnitSerializer(
        allow_null=True,
        help_text="the one-stop unit it was handed in at (the province's list)",
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant = serializers.CharField(help_text="masked: Nguyễn V. A.")
    organisation = PublicOrganisationSerializer(
        allow_null=True, help_text="filed for an organisation: its public details"
    )
    eforms = PublicEFormSerializer(many=True, help_text="e-forms filled in online")
    status = EventKindField()
    status_label = serializers.CharField()
    received_at = serializers.DateTimeField()
    promised_at = serializers.DateField()
    new_date = serializers.DateField(
        allow_null=True,
        help_text="after an apology: the date the agency now promises (the "
        "statistics keep promised_at)",
    )
    deadline = serializers.DateField(
        help_text="promised date pushed back by supplement waits"
    )
    resolved_at = serializers.DateTimeField(allow_null=True)
    timeliness = serializers.ChoiceField(
        choices=[(t.value, t.value) for t in Timeliness]
    )
    agencies = serializers.ListField(child=serializers.CharField())
    history = PublicEventSerializer(many=True)


class EstimateSerializer(serializers.Serializer):
    """Working days from receipt to result of the dossiers resolved in the
    period (supplement waits left out): median and 90th percentile."""

    median_days = serializers.IntegerField()
    p90_days = serializers.IntegerField()
    count = serializers.IntegerField(help_text="dossiers behind the figures")
    period_start = serializers.DateField()
    period_end = serializers.DateField()


class DossierEstimateSerializer(EstimateSerializer):
    scope = serializers.ChoiceField(
        choices=[("agency", "agency"), ("procedure", "procedure")],
        help_text="agency: the dossier's agency's figures; procedure: every agency's",
    )


class DossierLookupSerializer(PublicDossierSerializer):
    completion_estimate = DossierEstimateSerializer(
        allow_null=True,
        help_text="how long dossiers like this one took; null: too few resolved",
    )


class EstimateAgencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class AgencyEstimateSerializer(EstimateSerializer):
    agency = EstimateAgencySerializer()


class CompletionTimeSerializer(serializers.Serializer):
    procedure = serializers.CharField()
    minimum_dossiers = serializers.IntegerField(
        help_text="fewer resolved dossiers than this: no figure"
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    overall = EstimateSerializer(allow_null=True)
    agencies = AgencyEstimateSerializer(many=True)


class IndicatorSerializer(serializers.Serializer):
    """One Decision 766 indicator: its figures, its formula and its source."""

    id = serializers.CharField()
    label = serializers.CharField()
    formula = serializers.CharField()
    source = serializers.CharField()
    on_time = serializers.IntegerField()
    denominator = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="percent; null: no data")


class DossierStatsSerializer(serializers.Serializer):
    period = serializers.CharField()
    agency = serializers.CharField(allow_null=True)
    receiving_unit = serializers.CharField(
        allow_null=True, help_text="code (else id) of the one-stop unit counted"
    )
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
    indicator_2_1 = serializers.SerializerMethodField(
        help_text="Decision 766 indicator 2.1 as the national portal computes it"
    )

    @extend_schema_field(IndicatorSerializer)
    def get_indicator_2_1(self, figures) -> dict:
        return {
            **INDICATOR_2_1,
            "on_time": figures["indicator_2_1_on_time"],
            "denominator": figures["received"],
            "rate": figures["indicator_2_1_rate"],
        }


class StatsUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class UnitStatsSerializer(serializers.Serializer):
    unit = StatsUnitSerializer()
    figures = DossierStatsSerializer()


class ReceiptSerializer(PublicDossierSerializer):
    """The public summary with what a printed receipt needs."""

    lookup_url = serializers.URLField()
    evaluation_url = serializers.URLField()
    barcode_svg = serializers.CharField(help_text="Code 128 of the code, SVG")
    qr_svg = serializers.CharField(help_text="QR code of lookup_url, SVG")


class OnlineFilingSerializer(serializers.Serializer):
    """An online filing: the applicant's details, the pledge and the files.

    The files come in ``context["files"]`` (the request's ``FILES``) and are
    checked against ``context["slots"]``, the procedure's document slots; all
    field and file errors are reported together.
    """

    applicant_name = serializers.CharField(
        max_length=200,
        error_messages={
            **REQUIRED,
            "max_length": _("Họ tên tối đa {max_length} ký tự."),
        },
    )
    applicant_id_number = serializers.RegexField(
        r"^(\d{9}|\d{12})$",
        error_messages={
            **REQUIRED,
            "invalid": _("Số CCCD (12 chữ số) hoặc CMND (9 chữ số)."),
        },
    )
    applicant_phone = serializers.CharField(max_length=20, error_messages=REQUIRED)
    applicant_email = serializers.EmailField(
        max_length=254,
        error_messages={**REQUIRED, "invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    applicant_address = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        error_messages={"max_length": _("Địa chỉ tối đa {max_length} ký tự.")},
    )
    confirm = serializers.BooleanField(
        error_messages={**REQUIRED, "invalid": _("Phải là có hoặc không.")}
    )
    applicant_kind = serializers.ChoiceField(
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
        error_messages={
            "invalid_choice": _("Chọn cá nhân (person) hoặc tổ chức (organisation).")
        },
    )
    organisation_name = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        error_messages={"max_length": _("Tên tổ chức tối đa {max_length} ký tự.")},
    )
    enterprise_code = serializers.CharField(
        max_length=20, required=False, allow_blank=True
    )
    representative_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        error_messages={"max_length": _("Họ tên tối đa {max_length} ký tự.")},
    )
    representative_position = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        error_messages={"max_length": _("Chức vụ tối đa {max_length} ký tự.")},
    )

    commune = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="the commune (ward) slug, where the form asks for it",
    )

    ORGANISATION_FIELDS = {
        "organisation_name": _("Cần điền tên tổ chức, doanh nghiệp."),
        "enterprise_code": _("Cần điền mã số doanh nghiệp/mã số thuế."),
        "representative_name": _("Cần điền họ tên người đại diện theo pháp luật."),
        "representative_position": _("Cần điền chức vụ người đại diện."),
    }

    def validate_applicant_name(self, value: str) -> str:
        return required_plain_text(value)

    def validate_organisation_name(self, value: str) -> str:
        return plain_text(value)

    def validate_representative_name(self, value: str) -> str:
        return plain_text(value)

    def validate_representative_position(self, value: str) -> str:
        return plain_text(value)

    def validate_enterprise_code(self, value: str) -> str:
        """The enterprise code, which is the tax code (Law on Enterprises 2020
        art. 29): 10 digits whose last is a check digit, or 13 for a branch or
        dependent unit written 0101234567-001 (Circular 105/2020/TT-BTC art. 5).
        """
        value = value.strip()
        if not value:
            return value
        try:
            return mst.format(mst.validate(value))
        except stdnum_errors.InvalidChecksum:
            raise serializers.ValidationError(
                _(
                    "Mã số doanh nghiệp không đúng: chữ số cuối (chữ số kiểm tra) "
                    "không khớp. Kiểm tra lại theo Giấy chứng nhận đăng ký doanh "
                    "nghiệp."
                )
            ) from None
        except stdnum_errors.ValidationError:
            raise serializers.ValidationError(
                _(
                    "Mã số doanh nghiệp gồm 10 chữ số, hoặc 13 chữ số với chi "
                    "nhánh, đơn vị phụ thuộc (dạng 0101234567-001)."
                )
            ) from None

    def _organisation(self, data, values, errors) -> None:
        """An organisation's details all required; a person's dropped."""
        if data.get("applicant_kind") == ApplicantKind.ORGANISATION:
            for name, message in self.ORGANISATION_FIELDS.items():
                typed = data.get(name)
                filled = isinstance(typed, str) and typed.strip()
                if name not in errors and not filled:
                    errors[name] = [message]
        else:
            for name in self.ORGANISATION_FIELDS:
                errors.pop(name, None)
                values[name] = ""

    def _reception(self, data, values, errors) -> None:
        """The one-stop unit the dossier goes to, by the province's list and
        the commune chosen (``catalogue.province.receiving_unit_for``)."""
        code = self.context.get("procedure_code")
        if code is None or "commune" in errors:
            return
        typed = data.get("commune", "")
        typed = typed.strip() if isinstance(typed, str) else ""
        try:
            values["receiving_unit"] = provinces.receiving_unit_for(code, typed)
        except provinces.UnknownCommune:
            errors["commune"] = [
                _(
                    "Không có xã, phường “%(commune)s” trong danh mục của tỉnh: "
                    "chọn một xã, phường trong danh sách."
                )
                % {"commune": typed[:80]}
            ]
        except provinces.CommuneRequired:
            errors["commune"] = [_("Chọn xã, phường nơi nộp hồ sơ.")]
        values["commune"] = typed

    def validate_applicant_address(self, value: str) -> str:
        return plain_text(value)

    def validate_applicant_phone(self, value: str) -> str:
        return phone_number(value)

    def validate_confirm(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(
                _("Cần xác nhận cam đoan trước khi nộp hồ sơ.")
            )
        return value

    def to_internal_value(self, data):
        errors: dict = {}
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            errors.update(exc.detail)
            values = {}
        self._organisation(data, values, errors)
        self._reception(data, values, errors)
        files = {}
        if self.context.get("fields_only"):
            errors.pop("confirm", None)  # the pledge comes with the files
        else:
            files, file_errors = self._check_files()
            errors.update(file_errors)
        filled = []
        for slot in self.context["slots"]:
            if slot.eform is None:
                continue
            fields, eform_errors = eforms.clean(slot.eform, slot.key, data, plain_text)
            errors.update(eform_errors)
            filled.append(
                {
                    "key": slot.key,
                    "form": slot.eform.form,
                    "name": slot.name,
                    "title": slot.eform.title,
                    "fields": fields,
                }
            )
        if errors:
            raise serializers.ValidationError(errors)
        values["files"] = files
        values["eforms"] = filled
        return values

    def _check_files(self) -> tuple[dict, dict[str, list[str]]]:
        slots = {slot.key: slot for slot in self.context["slots"]}
        uploads = self.context["files"]
        errors: dict[str, list[str]] = {}
        checked: dict[str, list] = {}
        total = 0
        limit = settings.DOSSIER_MAX_FILES_PER_DOCUMENT
        for key in uploads:
            if key not in slots:
                errors[key] = [_("Hồ sơ của thủ tục này không có giấy tờ này.")]
                continue
            if slots[key].eform is not None:
                errors[key] = [
                    _("Tờ khai này được điền trực tuyến, không cần tải tệp.")
                ]
                continue
            files = uploads.getlist(key)
            if len(files) > limit:
                errors[key] = [
                    _("Tối đa %(count)d tệp cho mỗi giấy tờ.") % {"count": limit}
                ]
                continue
            for upload in files:
                try:
                    mime = check_attachment(upload, settings.DOSSIER_MAX_FILE_BYTES)
                except AttachmentRejected as exc:
                    errors.setdefault(key, []).append(str(exc))
                    continue
                total += upload.size
                checked.setdefault(key, []).append((upload, mime))
        for key, slot in slots.items():
            if slot.eform is not None:
                continue
            if slot.required and key not in uploads and key not in errors:
                errors[key] = [_("Cần nộp: %(name)s") % {"name": slot.name}]
        if total > settings.DOSSIER_MAX_TOTAL_BYTES:
            most = settings.DOSSIER_MAX_TOTAL_BYTES // (1024 * 1024)
            errors["documents"] = [
                _("Tổng dung lượng các tệp vượt quá %(mb)s MB.") % {"mb": most}
            ]
        return checked, errors


class FilingAgencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class FilingProcedureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    agency = FilingAgencySerializer()


class ProcessingTimeSerializer(serializers.Serializer):
    amount = serializers.CharField()
    unit = serializers.CharField()


class FieldChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class RequiredWhenSerializer(serializers.Serializer):
    field = serializers.CharField()
    value = serializers.CharField()


class ApplicantFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField()
    type = serializers.ChoiceField(
        choices=[
            "text",
            "tel",
            "email",
            "textarea",
            "checkbox",
            "radio",
            "date",
            "select",
        ]
    )
    max_length = serializers.IntegerField(required=False)
    hint = serializers.CharField(required=False)
    choices = FieldChoiceSerializer(many=True, required=False)
    group = serializers.CharField(
        required=False, help_text="organisation: asked of organisations only"
    )
    required_when = RequiredWhenSerializer(
        required=False, help_text="required when another field has this value"
    )


class EFormSchemaSerializer(serializers.Serializer):
    form = serializers.CharField(help_text="khai-sinh, khai-tu, ket-hon or chung")
    title = serializers.CharField()
    fields = ApplicantFieldSerializer(
        many=True, help_text="multipart names: <document key>-<field>"
    )


class FormRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class DocumentSlotSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="multipart field name, e.g. doc-1")
    name = serializers.CharField()
    case = serializers.CharField(help_text="the case the document belongs to")
    required = serializers.BooleanField()
    forms = FormRefSerializer(many=True)
    accept = serializers.ListField(child=serializers.CharField())
    max_bytes = serializers.IntegerField()
    max_files = serializers.IntegerField()
    eform = EFormSchemaSerializer(
        allow_null=True,
        help_text="an interactive national e-form: filled in, not uploaded",
    )


class FilingFormSerializer(serializers.Serializer):
    procedure = FilingProcedureSerializer()
    processing_time = ProcessingTimeSerializer(allow_null=True)
    applicant_fields = ApplicantFieldSerializer(many=True)
    documents = DocumentSlotSerializer(many=True)
    max_total_bytes = serializers.IntegerField()


class FieldsCheckedSerializer(serializers.Serializer):
    valid = serializers.BooleanField(help_text="always true: a 400 says what is wrong")


class FiledSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = EventKindField()
    receipt_url = serializers.CharField()
    lookup_url = serializers.URLField()
    received_at = serializers.DateTimeField()
    promised_at = serializers.DateField()
