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
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalogue.models import Agency, Field, ProcedurePage

from . import services
from .models import Follow, ProcedureVersion, Subscriber

ACTIONS = {
    "confirm": (
        services.confirm,
        "Xác nhận theo dõi",
        "Bấm nút để bắt đầu nhận thư khi có thay đổi.",
        "Đã xác nhận. Bạn sẽ nhận thư khi có thay đổi được công bố.",
    ),
    "stop": (
        services.unsubscribe_follow,
        "Bỏ theo dõi",
        "Bấm nút để không nhận thư về mục này nữa.",
        "Đã bỏ theo dõi. Bạn sẽ không nhận thư về mục này nữa.",
    ),
    "unsubscribe": (
        services.unsubscribe_all,
        "Bỏ theo dõi tất cả",
        "Bấm nút để không nhận thư nào từ cổng nữa.",
        "Đã bỏ theo dõi tất cả. Bạn sẽ không nhận thư nào nữa.",
    ),
}


GONE = (
    "Liên kết này không còn dùng được: có thể bạn đã bỏ theo dõi, hoặc liên kết "
    "bị chép thiếu. Hãy mở lại liên kết trong thư, hoặc theo dõi lại trên trang "
    "thủ tục."
)


def _page(request, context: dict, status: int = 200):
    response = render(request, "alerts/action.html", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # the token in the address is the credential; nothing else is read
@require_http_methods(["GET", "POST"])
def token_action(request, action: str, token: str):
    act, title, prompt, done_text = ACTIONS[action]
    if action == "unsubscribe":
        valid = Subscriber.objects.filter(token=token).exists()
        back = None
    else:
        follow = (
            Follow.objects.filter(token=token, unsubscribed_at=None)
            .select_related("procedure", "field", "agency")
            .first()
        )
        valid = follow is not None
        back = None
        if follow is not None:
            with translation.override("vi"):  # the page is in Vietnamese
                name = services.target_name(follow)
            back = (services.target_url(follow), name)
    context = {"title": title, "prompt": prompt, "done": False, "back": back}
    if not valid:
        # A link used up or cut short: said so, not a bare "not found".
        return _page(request, {**context, "done": True, "prompt": GONE}, 404)
    if request.method == "POST":
        if not act(token):
            return _page(request, {**context, "done": True, "prompt": GONE}, 404)
        context.update(done=True, prompt=done_text)
    return _page(request, context)


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
