"""Change alerts end to end, as citizens and an editor meet them.

On the rendered procedure page (the built SvelteKit server over the live API),
two citizens follow the procedure with the page's form, without JavaScript;
one confirms from the e-mail. An editor saves a draft with the fee abolished
(nobody is told, the page shows nothing new), then publishes it (a real page
revision): the Celery worker sends the confirmed follower one digest and the
other none, and the page shows the change, dated, in its history and in its
Atom feed.
"""

from __future__ import annotations

import html
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.utils import timezone

from alerts.models import Delivery, Follow
from tests.alerts.factories import channel, edit, procedure
from tests.alerts.test_alerts_worker import mail_worker, messages, wait_for  # noqa: F401
from tests.catalogue.factories import AgencyFactory
from tests.feedback.conftest import clear_throttles
from tests.frontend.test_ssr import fetch, frontend_server, start_frontend  # noqa: F401

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


def visible(page: str) -> str:
    """The text a sighted reader sees (screen-reader-only words left out)."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    text = re.sub(r'<span class="visually-hidden[^"]*">[^<]*</span>', "", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_form(base: str, path: str, fields: dict) -> tuple[int, str, str]:
    """POST a form as a browser without JavaScript does: status, Location, body."""
    request = urllib.request.Request(  # noqa: S310 - the test's own server
        base + path,
        data=urllib.parse.urlencode(fields).encode(),
        # SvelteKit refuses a cross-site form post: the browser sends its origin;
        # and answers a page (not JSON) to a request that accepts HTML.
        headers={
            "Origin": base,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "text/html,application/xhtml+xml",
        },
        method="POST",
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, "", response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location") or "", error.read().decode()


def _confirm_from_mail(base: str, folder, address: str) -> None:
    """Open the e-mail's link on the site, then press its button."""
    mail = wait_for(
        lambda: [
            m
            for m in messages(folder)
            if m["To"] == address and "Xác nhận" in str(m["Subject"])
        ]
    )[0]
    link = re.search(r"(http\S+)/theo-doi/xac-nhan/(\S+)", mail.get_content())
    # The public site's address (FRONTEND_URL), not Django's.
    assert link.group(1) == settings.FRONTEND_URL
    path = f"/theo-doi/xac-nhan/{link.group(2)}"
    status, shown = fetch(base + path)
    assert status == 200
    assert '<button type="submit">Xác nhận theo dõi</button>' in shown
    follow = Follow.objects.get(token=link.group(2))
    assert follow.confirmed_at is None  # opening the link confirms nobody
    status, _, done = post_form(base, path, {})
    assert status == 200 and "Đã xác nhận." in done
    follow.refresh_from_db()
    assert follow.confirmed_at is not None
    assert post_form(base, path.replace("/xac-nhan/", "/sai/"), {})[0] == 404


def test_a_published_fee_change_reaches_the_confirmed_follower_and_the_page(
    client,
    frontend_server,  # noqa: F811
    mail_worker,  # noqa: F811
):
    clear_throttles()
    page = procedure()
    path = f"/thu-tuc/{page.code}"

    status, first = fetch(frontend_server + path)
    assert status == 200
    text = visible(first)
    assert "Lịch sử thay đổi" in text
    assert "Chưa có thay đổi nào được công bố" in text
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="Thay đổi: '
        rf'[^"]+" href="{re.escape(path)}/thay-doi.atom"',
        first,
    )
    assert 'action="?/follow"' in first

    # A mistyped address is sent back with its error, next to the field.
    status, _, body = post_form(frontend_server, f"{path}?/follow", {"email": "an@"})
    assert status == 400
    assert re.search(
        r'<p class="f-error[^"]*" id="follow-email-error">Địa chỉ thư điện tử chưa '
        r"đúng, ví dụ: ten@example.com.</p>",
        body,
    )
    assert not Follow.objects.exists()

    # Two follow with the form; each is told to check their e-mail.
    for address in ("an@example.com", "chua-xac-nhan@example.com"):
        status, location, _ = post_form(
            frontend_server, f"{path}?/follow", {"email": address}
        )
        assert (status, location) == (303, f"{path}?theo-doi=da-gui#theo-doi")
    status, sent = fetch(f"{frontend_server}{path}?theo-doi=da-gui")
    assert "Hãy kiểm tra hộp thư của bạn" in visible(sent)
    assert Follow.objects.filter(procedure=page, confirmed_at=None).count() == 2
    _confirm_from_mail(frontend_server, mail_worker, "an@example.com")
    wait_for(lambda: len(messages(mail_worker)) == 2)  # a confirmation each
    confirmations = len(messages(mail_worker))

    # An editor's draft: nobody is told, the page shows nothing new.
    edit(page, publish=False, channels=[channel("direct", 5, None)])
    time.sleep(3)
    assert len(messages(mail_worker)) == confirmations
    draft = visible(fetch(frontend_server + path)[1])
    assert "Chưa có thay đổi nào được công bố" in draft

    # Published: the fee is abolished on both channels.
    edit(
        page,
        publish=True,
        from_live=True,
        channels=[channel("direct", 5, None), channel("online", 5, None)],
    )
    wait_for(lambda: Delivery.objects.count() == 1)
    wait_for(lambda: len(messages(mail_worker)) == confirmations + 1)
    time.sleep(2)  # nothing more comes
    digests = messages(mail_worker)[confirmations:]
    assert [m["To"] for m in digests] == ["an@example.com"]
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"- Từ {today}: lệ phí 50.000 đ → miễn phí" in digests[0].get_content()

    status, after = fetch(frontend_server + path)
    assert status == 200
    history = after[after.index('id="lich-su-thay-doi"') :]
    assert f"Từ {today}: lệ phí 50.000 đ → miễn phí" in visible(history)
    assert "thành" in history  # the arrow, for a screen reader

    status, feed = fetch(f"{frontend_server}{path}/thay-doi.atom")
    assert status == 200
    assert "lệ phí 50.000 đ → miễn phí" in feed
    assert f"{path}#lich-su-thay-doi-" in feed


def test_a_field_and_an_agency_are_followed_from_their_pages(
    frontend_server,  # noqa: F811
):
    clear_throttles()
    agency = AgencyFactory(name="UBND xã Hòa An")
    page = procedure(agency=agency)
    for path, target in (
        (f"/linh-vuc/{page.field.slug}", {"field": page.field}),
        (f"/co-quan/{agency.pk}", {"agency": agency}),
    ):
        status, body = fetch(frontend_server + path)
        assert status == 200, path
        assert f'href="{path}/thay-doi.atom"' in body
        status, location, _ = post_form(
            frontend_server, f"{path}?/follow", {"email": "an@example.com"}
        )
        assert (status, location) == (303, f"{path}?theo-doi=da-gui#theo-doi")
        assert Follow.objects.filter(subscriber__email="an@example.com", **target)
        status, feed = fetch(f"{frontend_server}{path}/thay-doi.atom")
        assert status == 200 and "<feed" in feed, path
    assert fetch(f"{frontend_server}/co-quan/999999/thay-doi.atom")[0] == 404
