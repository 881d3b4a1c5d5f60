"""The links of the e-mails (confirm, unsubscribe) and the Atom feeds.

A link opened (GET) only shows a button: mail scanners that fetch links
never confirm or unsubscribe anyone. The button POSTs; so does a mail
client's one-click unsubscribe (RFC 8058: ``List-Unsubscribe=One-Click``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalogue.models import Agency, Field, ProcedurePage

from . import services
from .models import Follow, ProcedureVersion, Subscriber

ACTIONS = {
    "confirm": (
        services.confirm,
        _lazy("Xác nhận theo dõi"),
        _lazy("Bấm nút để bắt đầu nhận thư khi có thay đổi."),
        _lazy("Đã xác nhận. Bạn sẽ nhận thư khi có thay đổi được công bố."),
    ),
    "stop": (
        services.unsubscribe_follow,
        _lazy("Bỏ theo dõi"),
        _lazy("Bấm nút để không nhận thư về mục này nữa."),
        _lazy("Đã bỏ theo dõi. Bạn sẽ không nhận thư về mục này nữa."),
    ),
    "unsubscribe": (
        services.unsubscribe_all,
        _lazy("Bỏ theo dõi tất cả"),
        _lazy("Bấm nút để không nhận thư nào từ cổng nữa."),
        _lazy("Đã bỏ theo dõi tất cả. Bạn sẽ không nhận thư nào nữa."),
    ),
}

GONE = _lazy(
    "Liên kết này không còn dùng được: có thể bạn đã bỏ theo dõi, hoặc liên kết "
    "bị chép thiếu. Hãy mở lại liên kết trong thư, hoặc theo dõi lại trên trang "
    "thủ tục."
)


def _page(request, context: dict, lang: str, status: int = 200):
    # Rendered (its lazy texts read) in the language of the e-mails.
    with translation.override(lang):
        context = {**context, "lang": lang, "site": _("Cổng dịch vụ hành chính công")}
        response = render(request, "alerts/action.html", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # the token in the address is the credential; nothing else is read
@require_http_methods(["GET", "POST"])
def token_action(request, action: str, token: str):
    """The page of an e-mail's link, in the language of its e-mails."""
    act, title, prompt, done_text = ACTIONS[action]
    back = follow = None
    if action == "unsubscribe":
        subscriber = Subscriber.objects.filter(token=token).first()
    else:
        follow = (
            Follow.objects.filter(token=token)
            .select_related("subscriber", "procedure", "field", "agency")
            .first()
        )
        subscriber = follow.subscriber if follow else None
    lang = services.mail_language(
        subscriber.language if subscriber else translation.get_language()
    )
    if follow is not None and follow.unsubscribed_at is not None:
        follow = subscriber = None  # used up, said in its language
    if follow is not None:
        with translation.override(lang):
            text = _("Xem trang %(target)s") % {"target": services.target_name(follow)}
        back = (services.target_url(follow), text)
    context = {"title": title, "prompt": prompt, "done": False, "back": back}
    if subscriber is None:
        # A link used up or cut short: said so, not a bare "not found".
        return _page(request, {**context, "done": True, "prompt": GONE}, lang, 404)
    if request.method == "POST":
        if not act(token):
            return _page(request, {**context, "done": True, "prompt": GONE}, lang, 404)
        context.update(done=True, prompt=done_text)
    return _page(request, context, lang)


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def item_title(self, version: ProcedureVersion) -> str:
        day = timezone.localdate(version.published_at)
        return f"{version.procedure.code}: thay đổi từ {day:%d/%m/%Y}"

    def item_description(self, version: ProcedureVersion) -> str:
        return "; ".join(change["text"] for change in version.changes)

    def item_link(self, version: ProcedureVersion) -> str:
        path = version.procedure.frontend_path()
        return f"{settings.FRONTEND_URL}{path}#lich-su-thay-doi-{version.pk}"

    def item_pubdate(self, version: ProcedureVersion):
        return version.published_at

    def item_updateddate(self, version: ProcedureVersion):
        return version.published_at

    def link(self, obj) -> str:
        return settings.FRONTEND_URL

    def versions(self):
        return (
            ProcedureVersion.objects.exclude(changes=[])
            .filter(procedure__live=True)
            .select_related("procedure")
            .order_by("-published_at", "-pk")
        )


class ProcedureFeed(ChangesFeed):
    def get_object(self, request, code: str):
        return get_object_or_404(ProcedurePage.objects.live(), code=code)

    def link(self, obj) -> str:
        return f"{settings.FRONTEND_URL}{obj.frontend_path()}"

    def feed_url(self, obj) -> str:
        # The address readers subscribe to: the frontend passes the feed on.
        return f"{self.link(obj)}/thay-doi.atom"

    def title(self, obj) -> str:
        return f"Thay đổi của thủ tục {obj.code} {obj.title}"

    def items(self, obj):
        return self.versions().filter(procedure=obj)[:50]


class FieldFeed(ChangesFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(Field, slug=slug)

    def link(self, obj) -> str:
        return f"{settings.FRONTEND_URL}/linh-vuc/{obj.slug}"

    def feed_url(self, obj) -> str:
        return f"{self.link(obj)}/thay-doi.atom"

    def title(self, obj) -> str:
        return f"Thay đổi thủ tục lĩnh vực {obj.name}"

    def items(self, obj):
        return self.versions().filter(procedure__field=obj)[:50]


class AgencyFeed(ChangesFeed):
    def get_object(self, request, pk: int):
        return get_object_or_404(Agency, pk=pk)

    def link(self, obj) -> str:
        return f"{settings.FRONTEND_URL}/co-quan/{obj.pk}"

    def feed_url(self, obj) -> str:
        return f"{self.link(obj)}/thay-doi.atom"

    def title(self, obj) -> str:
        return f"Thay đổi thủ tục của {obj.name}"

    def items(self, obj):
        return (
            self.versions().filter(procedure__agency_roles__agency=obj).distinct()[:50]
        )
