"""Alerts API: a procedure's change history, and following by e-mail."""

from __future__ import annotations

import logging

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import ProcedurePage
from core import public_cache
from core.api import (
    ThrottledInVietnamese,
    matches_etag,
    not_modified,
    versions_etag,
)
from core.throttles import ClientIpThrottle, CountsAcceptedOnly

from .. import services, tasks
from . import serializers as s

log = logging.getLogger(__name__)


class ProcedureHistoryView(APIView):
    @extend_schema(
        summary="Every published change of a procedure, dated, in words",
        responses=s.ProcedureHistorySerializer,
    )
    def get(self, request, code: str):
        # The history is kept under the catalogue's version: so is its tag.
        etag = versions_etag(request, (public_cache.CATALOGUE,))
        if matches_etag(request, etag):
            return not_modified(etag)
        procedure = get_object_or_404(ProcedurePage.objects.live(), code=code)
        history = public_cache.remember(
            (public_cache.CATALOGUE,),
            ("procedure-history", procedure.pk),
            lambda: services.history(procedure),
            ttl=300,
        )
        body = {
            "procedure": procedure.code,
            "feed_url": reverse("alerts:feed-procedure", args=[procedure.code]),
            "history": history,
        }
        response = Response(s.ProcedureHistorySerializer(body).data)
        if etag:
            response["ETag"] = etag
            response["Vary"] = "Accept, Accept-Language"
        return response


class FollowThrottle(ClientIpThrottle):
    scope = "alerts_follow"
    setting_name = "ALERTS_RATE_PER_IP"


class FollowView(ThrottledInVietnamese, CountsAcceptedOnly, APIView):
    throttle_classes = [FollowThrottle]

    @extend_schema(
        summary="Follow a procedure, a field or an agency by e-mail (double opt-in)",
        request=s.FollowInSerializer,
        responses={202: s.FollowOutSerializer},
    )
    def post(self, request):
        serializer = s.FollowInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        # The e-mails in the language the form was shown in (Accept-Language).
        follow = services.follow(
            data.pop("email"), language=get_language() or "vi", **data
        )
        if follow.confirmed_at is None:
            try:
                tasks.send_confirmation.delay(follow.pk)
            except Exception:  # noqa: BLE001 - the broker is away
                log.exception("alerts: confirmation of follow %s not queued", follow.pk)
        return Response(
            {
                "detail": _(
                    "Đã gửi thư xác nhận. Hãy mở thư và bấm liên kết để bắt "
                    "đầu nhận tin."
                )
            },
            status=status.HTTP_202_ACCEPTED,
        )
