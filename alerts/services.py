"""Recording publications, following, confirming, and the digests."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import ProcedurePage

from . import changes
from .models import Delivery, Follow, ProcedureVersion, Subscriber

log = logging.getLogger(__name__)


def base_url() -> str:
    """Where Django answers the links itself (the one-click unsubscribe)."""
    return getattr(settings, "ALERTS_BASE_URL", settings.WAGTAILADMIN_BASE_URL)


# The citizens' site's paths of the e-mails' links (frontend/src/routes/theo-doi/,
# passing on this app's pages at /alerts/confirm|stop|unsubscribe/).
SITE_PATHS = {
    "confirm": "xac-nhan",
    "stop": "bo-theo-doi",
    "unsubscribe": "bo-theo-doi-tat-ca",
}


def site_link(action: str, token: str) -> str:
    """The address an e-mail shows for ``action``: on the public site."""
    return f"{settings.FRONTEND_URL}/theo-doi/{SITE_PATHS[action]}/{token}"


def record_publication(page: ProcedurePage, revision) -> ProcedureVersion | None:
    """Store what ``revision`` (just published) changed: once per revision."""
    if revision is None:
        return None
    found = ProcedureVersion.objects.filter(revision_id=revision.pk).first()
    if found is not None:
        return found
    previous = (
        ProcedureVersion.objects.filter(procedure=page)
        .order_by("-published_at", "-pk")
        .first()
    )
    now_facts = changes.facts(page)
    try:
        with transaction.atomic():
            return ProcedureVersion.objects.create(
                procedure=page,
                revision_id=revision.pk,
                published_at=page.last_published_at or timezone.now(),
                facts=now_facts,
                changes=changes.diff(previous.facts if previous else None, now_facts),
            )
    except IntegrityError:
        return ProcedureVersion.objects.filter(revision_id=revision.pk).first()


def rebuild_history(page: ProcedurePage) -> int:
    """The versions of a page recomputed from its published revisions (the
    publish entries of its log), for pages published before this app."""
    from wagtail.models import PageLogEntry

    entries = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        .exclude(revision=None)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    ProcedureVersion.objects.filter(procedure=page).delete()
    previous = None
    made = 0
    for entry in entries:
        old = entry.revision.as_object()
        now_facts = changes.facts(old)
        ProcedureVersion.objects.create(
            procedure=page,
            revision_id=entry.revision_id,
            published_at=entry.timestamp,
            facts=now_facts,
            changes=changes.diff(previous, now_facts),
            # Long past: nobody is told of these again.
            digests_sent_at=timezone.now(),
        )
        previous = now_facts
        made += 1
    return made


def history(procedure: ProcedurePage) -> list[dict]:
    """Every publication that changed something, newest first."""
    versions = ProcedureVersion.objects.filter(procedure=procedure).exclude(changes=[])
    return [
        {
            "id": version.pk,
            "published_at": version.published_at,
            "changes": version.changes,
        }
        for version in versions.order_by("-published_at", "-pk")
    ]


# --- Following ------------------------------------------------------------------


LANGUAGES = ("vi", "en")


def mail_language(language: str | None) -> str:
    """The e-mails' language for an interface language ("en-gb" -> "en")."""
    code = (language or "").split("-")[0].lower()
    return code if code in LANGUAGES else "vi"


def follow(
    email: str, *, procedure=None, field=None, agency=None, language: str = "vi"
) -> Follow:
    """A follow waiting for confirmation (the same one again if it exists); the
    address's e-mails are written in ``language`` from now on."""
    email = email.strip().lower()
    language = mail_language(language)
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language}
    )
    if subscriber.language != language:
        Subscriber.objects.filter(pk=subscriber.pk).update(language=language)
    target = {"procedure": procedure, "field": field, "agency": agency}
    existing = (
        Follow.objects.filter(subscriber=subscriber, unsubscribed_at=None, **target)
        .order_by("-pk")
        .first()
    )
    if existing is not None:
        return existing
    return Follow.objects.create(subscriber=subscriber, **target)


def target_name(follow: Follow) -> str:
    """What is followed, in the active language (the names stay Vietnamese)."""
    if follow.procedure_id:
        return _("thủ tục %(code)s %(title)s") % {
            "code": follow.procedure.code,
            "title": follow.procedure.title,
        }
    if follow.field_id:
        return _("lĩnh vực %(name)s") % {"name": follow.field.name}
    return _("cơ quan %(name)s") % {"name": follow.agency.name}


def _confirmation_allowed(email: str) -> bool:
    """At most ``ALERTS_CONFIRMATIONS_PER_ADDRESS`` confirmation e-mails an address
    a day, whatever is followed and from however many client addresses: the form
    cannot be used to flood someone's mailbox."""
    digest = hashlib.sha256(email.encode()).hexdigest()[:32]
    key = f"alerts-confirmations:{digest}:{timezone.localdate().isoformat()}"
    cache.add(key, 0, timeout=2 * 86400)
    try:
        count = cache.incr(key)
    except ValueError:  # gone between add and incr
        cache.set(key, 1, timeout=2 * 86400)
        count = 1
    return count <= settings.ALERTS_CONFIRMATIONS_PER_ADDRESS


def target_url(follow: Follow) -> str:
    """The citizens' page of what ``follow`` follows."""
    if follow.procedure_id:
        path = follow.procedure.frontend_path()
    elif follow.field_id:
        path = f"/linh-vuc/{follow.field.slug}"
    else:
        path = f"/co-quan/{follow.agency_id}"
    return f"{settings.FRONTEND_URL}{path}"


def send_confirmation(follow_id: int) -> bool:
    follow = Follow.objects.select_related("subscriber").filter(pk=follow_id).first()
    if follow is None or follow.confirmed_at or follow.unsubscribed_at:
        return False
    if not _confirmation_allowed(follow.subscriber.email):
        log.warning("alerts: confirmations to subscriber %s over the day's limit",
                    follow.subscriber_id)  # fmt: skip
        # Stamped all the same, so that the sweep leaves it; asked again another
        # day, it is sent.
        Follow.objects.filter(pk=follow.pk).update(confirmation_sent_at=timezone.now())
        return False
    link = site_link("confirm", follow.token)
    with translation.override(mail_language(follow.subscriber.language)):
        body = (
            _("Bạn (hoặc ai đó) đã đăng ký nhận thư khi %(target)s thay đổi.")
            % {"target": target_name(follow)}
            + "\n\n"
            + _("Để xác nhận, mở liên kết sau và bấm “Xác nhận theo dõi”:")
            + f"\n{link}\n\n"
            + _(
                "Nếu không phải bạn đăng ký, hãy bỏ qua thư này: sẽ không có thư "
                "nào khác."
            )
        )
        subject = _("Xác nhận theo dõi thay đổi thủ tục hành chính")
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.FEEDBACK_FROM_EMAIL,
        to=[follow.subscriber.email],
    ).send()
    Follow.objects.filter(pk=follow.pk).update(confirmation_sent_at=timezone.now())
    return True


def confirm(token: str) -> Follow | None:
    follow = Follow.objects.filter(token=token, unsubscribed_at=None).first()
    if follow is None:
        return None
    if follow.confirmed_at is None:
        follow.confirmed_at = timezone.now()
        follow.save(update_fields=["confirmed_at"])
    return follow


def unsubscribe_follow(token: str) -> bool:
    return bool(
        Follow.objects.filter(token=token, unsubscribed_at=None).update(
            unsubscribed_at=timezone.now()
        )
    )


def unsubscribe_all(token: str) -> bool:
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return False
    Follow.objects.filter(subscriber=subscriber, unsubscribed_at=None).update(
        unsubscribed_at=timezone.now()
    )
    return True


# --- Digests ----------------------------------------------------------------------


def followers(version: ProcedureVersion) -> dict[Subscriber, list[Follow]]:
    """Confirmed follows of the procedure, its field or one of its agencies."""
    procedure = version.procedure
    agencies = list(procedure.agency_roles.values_list("agency_id", flat=True))
    matches = Q(procedure=procedure) | Q(agency_id__in=agencies)
    if procedure.field_id:
        matches |= Q(field_id=procedure.field_id)
    follows = (
        Follow.objects.filter(matches, confirmed_at__isnull=False, unsubscribed_at=None)
        .select_related("subscriber", "procedure", "field", "agency")
        .order_by("pk")
    )
    grouped: dict[Subscriber, list[Follow]] = {}
    for follow in follows:
        grouped.setdefault(follow.subscriber, []).append(follow)
    return grouped


def _digest(version: ProcedureVersion, subscriber: Subscriber, follows) -> EmailMessage:
    with translation.override(mail_language(subscriber.language)):
        return _digest_message(version, subscriber, follows)


def _digest_message(version, subscriber, follows) -> EmailMessage:
    procedure = version.procedure
    day = f"{timezone.localdate(version.published_at):%d/%m/%Y}"
    # The change is quoted as stored (Vietnamese, as the procedure is).
    lines = [
        "- " + _("Từ %(day)s: %(change)s") % {"day": day, "change": change["text"]}
        for change in version.changes
    ]
    page = f"{settings.FRONTEND_URL}{procedure.frontend_path()}"
    everything = site_link("unsubscribe", subscriber.token)
    one_click = f"{base_url()}/alerts/unsubscribe/{subscriber.token}"
    reasons = "\n".join(
        f"- {target_name(follow)}: "
        + _("bỏ theo dõi %(link)s") % {"link": site_link("stop", follow.token)}
        for follow in follows
    )
    names = {"code": procedure.code, "title": procedure.title}
    body = (
        _("Thủ tục %(code)s %(title)s vừa thay đổi:") % names
        + "\n\n"
        + "\n".join(lines)
        + "\n\n"
        + _("Xem thủ tục: %(link)s") % {"link": page}
        + "\n\n"
        + _("Bạn nhận thư này vì đang theo dõi:")
        + f"\n{reasons}\n\n"
        + _("Bỏ theo dõi tất cả: %(link)s") % {"link": everything}
        + "\n"
    )
    return EmailMessage(
        subject=_("Thủ tục %(code)s thay đổi từ %(day)s")
        % {"code": procedure.code, "day": day},
        body=body,
        from_email=settings.FEEDBACK_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            # RFC 8058 one-click: a POST to this address (Django's) unsubscribes.
            "List-Unsubscribe": f"<{one_click}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_digests(version_id: int) -> int:
    """One e-mail per confirmed subscriber, never twice (``Delivery``)."""
    version = (
        ProcedureVersion.objects.select_related("procedure")
        .filter(pk=version_id)
        .first()
    )
    if version is None or not version.changes:
        return 0
    sent = 0
    for subscriber, follows in followers(version).items():
        try:
            with transaction.atomic():
                Delivery.objects.create(subscriber=subscriber, version=version)
                _digest(version, subscriber, follows).send()
        except IntegrityError:
            continue  # already sent (a retried or repeated task)
        sent += 1
    ProcedureVersion.objects.filter(pk=version.pk).update(
        digests_sent_at=timezone.now()
    )
    return sent


# --- The sweep -----------------------------------------------------------------------

# Older than this, a change is no news to send (the page and the feed still show it).
SWEEP_WINDOW = dt.timedelta(days=7)


def undigested(older_than: dt.timedelta):
    """Versions with changes whose digests have not all gone ``older_than`` after
    publication: their task was lost (broker down at publication) or failed for good."""
    now = timezone.now()
    return (
        ProcedureVersion.objects.filter(
            digests_sent_at=None,
            published_at__lte=now - older_than,
            published_at__gte=now - SWEEP_WINDOW,
        )
        .exclude(changes=[])
        .order_by("published_at")
    )


def unconfirmed_unsent(older_than: dt.timedelta):
    """Follows whose confirmation e-mail never went (the broker was away)."""
    now = timezone.now()
    return Follow.objects.filter(
        confirmation_sent_at=None,
        confirmed_at=None,
        unsubscribed_at=None,
        created_at__lte=now - older_than,
        created_at__gte=now - dt.timedelta(days=2),
    ).order_by("created_at")
