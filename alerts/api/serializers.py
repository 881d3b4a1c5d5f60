"""Serializers of the alerts API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalogue.models import Agency, Field, ProcedurePage


class ChangeSerializer(serializers.Serializer):
    part = serializers.ChoiceField(
        choices=[
            (p, p) for p in ("fees", "times", "documents", "legal_basis", "status")
        ]
    )
    before = serializers.CharField(allow_null=True)
    after = serializers.CharField(allow_null=True)
    text = serializers.CharField(help_text="lệ phí 50.000 đ → miễn phí")


class VersionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="the anchor of the feed's entry")
    published_at = serializers.DateTimeField(help_text="in force from (went live)")
    changes = ChangeSerializer(many=True)


class ProcedureHistorySerializer(serializers.Serializer):
    procedure = serializers.CharField()
    feed_url = serializers.CharField(help_text="Atom feed of these changes")
    history = VersionSerializer(many=True)


class FollowInSerializer(serializers.Serializer):
    email = serializers.EmailField(
        error_messages={
            "required": _("Trường này là bắt buộc."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
        }
    )
    procedure = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ProcedurePage.objects.live(),
        required=False,
        error_messages={"does_not_exist": _("Không có thủ tục mã “{value}”.")},
    )
    field = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Field.objects.all(),
        required=False,
        error_messages={"does_not_exist": _("Không có lĩnh vực “{value}”.")},
    )
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        error_messages={
            "does_not_exist": _("Không có cơ quan mã số “{pk_value}”."),
            "incorrect_type": _("Mã cơ quan phải là số."),
        },
    )

    def validate(self, attrs):
        chosen = [name for name in ("procedure", "field", "agency") if attrs.get(name)]
        if len(chosen) != 1:
            raise serializers.ValidationError(
                {
                    "procedure": _(
                        "Hãy chọn đúng một thứ để theo dõi: thủ tục, lĩnh vực "
                        "hoặc cơ quan."
                    )
                }
            )
        return attrs


class FollowOutSerializer(serializers.Serializer):
    detail = serializers.CharField()
