"""Status e-mails to the applicants of online dossiers (sent once each)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..models import (
    Channel,
    DossierEvent,
    EventKind,
)
from .feed import wants_notification
from .public import evaluation_url, lookup_url, receipt_pdf_url


def notification_text(event: DossierEvent) -> tuple[str, str]:
    """Subject and body of the e-mail telling an applicant of a status change."""
    dossier = event.dossier
    label = EventKind(event.kind).label
    procedure = dossier.procedure.title if dossier.procedure else ""
    lines = [
        f"Kính gửi ông/bà {dossier.applicant_name},",
        "",
        f"Hồ sơ {dossier.code}"
        + (f" ({procedure})" if procedure else "")
        + f" đã chuyển sang trạng thái: {label}.",
        f"Thời điểm: {timezone.localtime(event.occurred_at):%H:%M %d/%m/%Y}.",
    ]
    if event.kind == EventKind.RECEIVED:
        lines.append(f"Ngày hẹn trả kết quả: {dossier.promised_at:%d/%m/%Y}.")
        lines.append(f"Giấy biên nhận (PDF, để in): {receipt_pdf_url(dossier.code)}")
    if event.note:
        lines.append(f"Nội dung: {event.note}")
    lines += [
        "",
        f"Tra cứu hồ sơ: {lookup_url(dossier.code)}",
        f"Đánh giá việc giải quyết: {evaluation_url(dossier.code)}",
    ]
    return f"Hồ sơ {dossier.code}: {label}", "\n".join(lines)


def notify_applicant(event_id: int) -> bool:
    """E-mail the applicant of an online dossier about one event (once).

    The mail is sent while the event row is locked and the stamp written
    after it: a crash in between sends it again (at least once), never not
    at all. False when there is nothing (more) to send.
    """
    from django.conf import settings
    from django.core.mail import send_mail

    with transaction.atomic():
        event = (
            DossierEvent.objects.select_for_update(of=("self",))
            .select_related("dossier", "dossier__procedure")
            .filter(pk=event_id, notified_at__isnull=True)
            .first()
        )
        if event is None or not wants_notification(event.dossier):
            return False
        subject, body = notification_text(event)
        send_mail(
            subject, body, settings.DOSSIER_FROM_EMAIL, [event.dossier.applicant_email]
        )
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return True


def unnotified(older_than: dt.timedelta) -> Any:
    """Events of online dossiers whose e-mail has not gone within ``older_than``."""
    now = timezone.now()
    return (
        DossierEvent.objects.filter(
            notified_at__isnull=True,
            dossier__channel=Channel.ONLINE,
            created_at__lte=now - older_than,
            created_at__gte=now - dt.timedelta(days=2),
        )
        .exclude(dossier__applicant_email="")
        .order_by("created_at")
    )
