"""Serializers of the feedback API: what citizens send, what the public reads.

No serializer here outputs a submitter's name, phone, e-mail or the unmasked
text: the public shapes read only the masked copies.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.models import Agency, ProcedurePage
from core.attachments import AttachmentRejected, check_attachment
from core.parsers import MULTILINE_STYLE
from core.serializers import (
    REQUIRED,
    phone_number,
    plain_text,
    required_plain_text,
)

from .. import satisfaction, services
from ..models import (
    CRITERION_NAMES,
    CounterLevel,
    Petition,
    PetitionKind,
    Reaction,
)

# A kiosk's counter name: letters (any script), digits, spaces, "." and "-",
# as the kiosk page accepts it in ``?quay=``.
COUNTER_NAME = re.compile(r"^(?:[^\W_]|[ .-]){1,20}$")


def _procedure_field(required: bool) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=ProcedurePage.objects.live(),
        required=required,
        allow_null=not required,
        error_messages={
            **REQUIRED,
            "does_not_exist": _("Không có thủ tục mã “{value}”."),
            "invalid": _("Mã thủ tục không hợp lệ."),
        },
    )


def _agency_field(required: bool) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(),
        required=required,
        allow_null=not required,
        error_messages={
            **REQUIRED,
            "does_not_exist": _("Không có cơ quan mã số “{pk_value}”."),
            "incorrect_type": _("Mã cơ quan phải là số."),
        },
    )


class PetitionCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=PetitionKind.choices,
        error_messages={
            **REQUIRED,
            "invalid_choice": _("Loại “{input}” không hợp lệ."),
        },
    )
    procedure = _procedure_field(required=False)
    agency = _agency_field(required=False)
    title = serializers.CharField(
        max_length=300,
        min_length=5,
        error_messages={
            **REQUIRED,
            "max_length": _("Tiêu đề tối đa {max_length} ký tự."),
            "min_length": _("Tiêu đề phải có ít nhất {min_length} ký tự."),
        },
    )
    body = serializers.CharField(
        max_length=10_000,
        min_length=20,
        style=MULTILINE_STYLE,
        error_messages={
            **REQUIRED,
            "max_length": _("Nội dung tối đa {max_length} ký tự."),
            "min_length": _("Nội dung phải có ít nhất {min_length} ký tự."),
        },
    )
    name = serializers.CharField(
        max_length=200,
        error_messages={
            **REQUIRED,
            "max_length": _("Họ tên tối đa {max_length} ký tự."),
        },
    )
    phone = serializers.CharField(max_length=20, error_messages=REQUIRED)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    consent_publish = serializers.BooleanField(
        default=False, error_messages={"invalid": _("Phải là có hoặc không.")}
    )
    # Honeypot: hidden from people by the form, filled in by bots.
    website = serializers.CharField(required=False, allow_blank=True, max_length=500)
    attachments = serializers.ListField(
        child=serializers.FileField(
            allow_empty_file=False,
            error_messages={"invalid": _("Tệp đính kèm không hợp lệ.")},
        ),
        required=False,
        max_length=settings.FEEDBACK_MAX_ATTACHMENTS,
        error_messages={
            "max_length": _("Tối đa {max_length} tệp đính kèm."),
            "not_a_list": _("Tệp đính kèm không hợp lệ."),
        },
    )

    def validate_title(self, value: str) -> str:
        value = plain_text(value)
        if len(value) < 5:
            raise serializers.ValidationError(_("Tiêu đề phải có ít nhất 5 ký tự."))
        return value

    def validate_body(self, value: str) -> str:
        value = plain_text(value)
        if len(value) < 20:
            raise serializers.ValidationError(_("Nội dung phải có ít nhất 20 ký tự."))
        return value

    def validate_name(self, value: str) -> str:
        return required_plain_text(value)

    def validate_phone(self, value: str) -> str:
        return phone_number(value)

    def validate_attachments(self, files):
        checked = []
        for upload in files:
            try:
                mime = check_attachment(upload, settings.FEEDBACK_MAX_ATTACHMENT_BYTES)
            except AttachmentRejected as exc:
                raise serializers.ValidationError(str(exc)) from exc
            checked.append((upload, mime))
        return checked

    def validate(self, attrs):
        if attrs.get("kind") == PetitionKind.PROCEDURE and not (
            attrs.get("procedure") or attrs.get("agency")
        ):
            raise serializers.ValidationError(
                {"procedure": _("Hãy chọn thủ tục hoặc cơ quan bị phản ánh.")}
            )
        return attrs


class AgencyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ProcedureRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class DeadlineSerializer(serializers.Serializer):
    name = serializers.CharField()
    due = serializers.DateField()
    done_at = serializers.DateTimeField(allow_null=True)
    on_time = serializers.BooleanField(allow_null=True)
    working_days_left = serializers.IntegerField(allow_null=True)


class PublicPetitionSerializer(serializers.ModelSerializer):
    """A published petition with its answer (masked copies only)."""

    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField(source="public_title")
    body = serializers.CharField(source="public_body")
    answer = serializers.CharField(source="public_answer")
    agency = AgencyRefSerializer(allow_null=True)
    procedure = ProcedureRefSerializer(allow_null=True)

    class Meta:
        model = Petition
        fields = [
            "tracking_code",
            "kind",
            "kind_label",
            "title",
            "body",
            "agency",
            "procedure",
            "submitted_at",
            "answered_at",
            "published_at",
            "answer",
            "likes",
            "dislikes",
        ]


class PetitionStatusSerializer(serializers.ModelSerializer):
    """What the holder of a tracking code sees: status, dates, countdowns."""

    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    title = serializers.CharField(source="public_title")
    reject_reason = serializers.CharField(
        source="public_reject_reason", label="Lý do từ chối"
    )
    agency = AgencyRefSerializer(allow_null=True)
    procedure = ProcedureRefSerializer(allow_null=True)
    deadlines = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "tracking_code",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "title",
            "agency",
            "procedure",
            "submitted_at",
            "accepted_at",
            "rejected_at",
            "reject_reason",
            "answered_at",
            "published_at",
            "deadlines",
            "answer",
            "likes",
            "dislikes",
        ]

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, petition: Petition) -> list[dict]:
        return DeadlineSerializer(services.deadlines(petition), many=True).data

    def get_answer(self, petition: Petition) -> str | None:
        if petition.status == "published":
            return petition.public_answer
        return None


class ReactionSerializer(serializers.Serializer):
    value = serializers.ChoiceField(
        choices=Reaction.choices,
        error_messages={
            **REQUIRED,
            "invalid_choice": _("Chỉ nhận “like” hoặc “dislike”."),
        },
    )
    reader = serializers.CharField(
        required=False,
        max_length=200,
        help_text="the signed reader id of an earlier answer; without one the "
        "server issues a new one (counted by the per-address limit)",
    )

    def validate_reader(self, value: str) -> str:
        try:
            services.reader_id(value)
        except services.InvalidReader:
            raise serializers.ValidationError(
                _("Mã người đọc không hợp lệ (không do cổng cấp hoặc đã bị sửa).")
            ) from None
        return value


class EvaluationSerializer(serializers.Serializer):
    agency = _agency_field(required=True)
    procedure = _procedure_field(required=False)
    dossier_code = serializers.CharField(
        required=False, allow_blank=True, max_length=60
    )

    def get_fields(self):
        fields = super().get_fields()
        for name in CRITERION_NAMES:
            fields[name] = serializers.IntegerField(
                min_value=0,
                max_value=2,
                error_messages={
                    **REQUIRED,
                    "invalid": _("Điểm phải là số nguyên."),
                    "min_value": _("Điểm từ 0 đến 2."),
                    "max_value": _("Điểm từ 0 đến 2."),
                },
            )
        return fields


class CounterRatingSerializer(serializers.Serializer):
    agency = _agency_field(required=True)
    level = serializers.ChoiceField(
        choices=CounterLevel.choices,
        error_messages={**REQUIRED, "invalid_choice": _("Mức đánh giá không hợp lệ.")},
    )
    counter = serializers.RegexField(
        COUNTER_NAME,
        required=False,
        allow_blank=True,
        max_length=20,
        error_messages={
            "invalid": _("Tên quầy chỉ gồm chữ, số, dấu cách, dấu chấm và gạch ngang."),
            "max_length": _("Tên quầy tối đa 20 ký tự."),
        },
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, style=MULTILINE_STYLE
    )

    def validate_counter(self, value: str) -> str:
        return " ".join(value.split())

    def validate(self, attrs):
        # A centre that lists its counters (catalogue.Counter) takes ratings
        # for those only: a mistyped ?quay= on a tablet would count apart.
        counter = attrs.get("counter") or ""
        agency = attrs["agency"]
        numbers = set(
            agency.counters.filter(active=True).values_list("number", flat=True)
        )
        if counter and numbers and counter not in numbers:
            raise serializers.ValidationError(
                {
                    "counter": [
                        _(
                            "%(agency)s không có quầy “%(counter)s”: "
                            "các quầy là %(numbers)s."
                        )
                        % {
                            "agency": agency.name,
                            "counter": counter,
                            "numbers": ", ".join(sorted(numbers)),
                        }
                    ]
                }
            )
        return attrs

    def validate_reason(self, value: str) -> str:
        return plain_text(value)


class PageFeedbackSerializer(serializers.Serializer):
    procedure = _procedure_field(required=True)
    useful = serializers.BooleanField(
        error_messages={**REQUIRED, "invalid": _("Phải là có hoặc không.")}
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, style=MULTILINE_STYLE
    )

    def validate_comment(self, value: str) -> str:
        return plain_text(value)


class LabelSerializer(serializers.Serializer):
    vi = serializers.CharField()
    en = serializers.CharField()


class CriterionOptionSerializer(serializers.Serializer):
    points = serializers.IntegerField()
    label = LabelSerializer()


class CriterionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="the field to POST the points under")
    label = LabelSerializer()
    max_points = serializers.IntegerField()
    options = CriterionOptionSerializer(many=True, help_text="0, 1, 2 points")


class GradeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = LabelSerializer()
    min_total = serializers.IntegerField(help_text="the lowest total of the grade")


class EvaluationFormSerializer(serializers.Serializer):
    """What a client needs to draw the evaluation form and read its result."""

    max_points = serializers.IntegerField()
    criteria = CriterionSerializer(many=True)
    grades = GradeSerializer(many=True, help_text="best first")


# --- Shapes of answers built as dicts, for the OpenAPI schema ---------------------


class ReactionCountsSerializer(serializers.Serializer):
    likes = serializers.IntegerField()
    dislikes = serializers.IntegerField()
    reader = serializers.CharField(
        help_text="the reader's signed id: send it with the next reactions"
    )


class RatingResultSerializer(serializers.Serializer):
    """The 201 (or the replayed 200) of a counter rating or page feedback."""

    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class EvaluationResultSerializer(RatingResultSerializer):
    replaced = serializers.BooleanField(
        help_text="true: this dossier's earlier evaluation was replaced"
    )
    total = serializers.IntegerField()
    grade = serializers.CharField()
    grade_label = serializers.CharField()


class IntervalSerializer(serializers.Serializer):
    """A share (0–1, Wilson interval) or a mean, with its 95% interval; null
    when there are no responses."""

    value = serializers.FloatField(allow_null=True)
    ci95 = serializers.ListField(
        child=serializers.FloatField(), min_length=2, max_length=2, allow_null=True
    )


class _Named(serializers.Serializer):
    """One property a name, each of ``child``'s shape."""

    names: tuple[str, ...] = ()
    child: type[serializers.Field] = serializers.IntegerField

    def get_fields(self):
        return {name: self.child() for name in self.names}


class CounterLevelsSerializer(_Named):
    names = tuple(CounterLevel.values)


class CriteriaMeansSerializer(_Named):
    names = tuple(CRITERION_NAMES)
    child = IntervalSerializer


class GradeCountsSerializer(_Named):
    names = tuple(code for code, _, _ in satisfaction.GRADE_BANDS)


class CounterFiguresSerializer(serializers.Serializer):
    responses = serializers.IntegerField()
    levels = CounterLevelsSerializer()
    share_satisfied = IntervalSerializer()


class EvaluationFiguresSerializer(serializers.Serializer):
    responses = serializers.IntegerField()
    max_points = serializers.IntegerField()
    mean_total = IntervalSerializer()
    share_satisfied = IntervalSerializer()
    criteria = CriteriaMeansSerializer()
    grades = GradeCountsSerializer()


class PageFiguresSerializer(serializers.Serializer):
    responses = serializers.IntegerField()
    share_useful = IntervalSerializer()


class SatisfactionStatsSerializer(serializers.Serializer):
    period = serializers.CharField()
    agency = serializers.IntegerField(allow_null=True)
    counter = CounterFiguresSerializer()
    evaluations = EvaluationFiguresSerializer()
    pages = PageFiguresSerializer()
