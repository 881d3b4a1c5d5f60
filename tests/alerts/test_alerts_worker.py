"""Alerts end to end with a real Celery worker and e-mails written to files.

A citizen follows by the API (double opt-in: the confirmation e-mail's link
is opened and its button pressed); an editor saves a draft (nobody is told),
then publishes a fee change: the worker sends each confirmed subscriber one
digest, with RFC 8058 one-click unsubscribe headers, and never the
unconfirmed one; the task run again sends nothing more; the one-click POST
unsubscribes.
"""

from __future__ import annotations

import email
import email.policy
import re
import time
from pathlib import Path

import pytest

from alerts import services, tasks
from alerts.models import Delivery, Follow, ProcedureVersion
from tests.catalogue.factories import AgencyFactory
from tests.conftest import other_workers_paused, start_worker, stop_worker
from tests.feedback.conftest import clear_throttles

from .factories import channel, edit, procedure

pytestmark = [
    # Committed for the worker to see. Not serialized_rollback: restoring the
    # saved rows after an earlier transactional test's flush (content types
    # made again with new ids) collided with them in the full suite.
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.worker,
]


def messages(folder: Path) -> list[email.message.EmailMessage]:
    """Every e-mail the file backend wrote, in the order written."""
    found = []
    for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                found.append(
                    email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                )
    return found


def wait_for(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out")


@pytest.fixture
def mail_worker(tmp_path, settings):
    folder = tmp_path / "mail"
    folder.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    # The session's worker would take the e-mails to another folder.
    with other_workers_paused():
        worker = start_worker({"EMAIL_FILE_PATH": str(folder)})
        yield folder
        stop_worker(worker)


def _follow(client, address: str, **target) -> None:
    response = client.post(
        "/api/v1/alerts/follows/",
        {"email": address, **target},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content


def _confirm_from_mail(client, folder: Path, address: str) -> None:
    mail = wait_for(
        lambda: [
            m
            for m in messages(folder)
            if m["To"] == address and "Xác nhận" in str(m["Subject"])
        ]
    )[0]
    body = mail.get_content()
    # The link is the citizens' site's; Django's page behind it is asked here.
    link = re.search(r"http\S+/theo-doi/xac-nhan/(\S+)", body)
    path = f"/alerts/confirm/{link.group(1)}"
    page = client.get(path)
    assert page.status_code == 200
    assert (
        Follow.objects.get(token=link.group(1)).confirmed_at is None
    )  # GET only shows
    assert client.post(path).status_code == 200


def test_a_published_fee_change_reaches_a_confirmed_subscriber_once(
    client, mail_worker
):
    clear_throttles()
    agency = AgencyFactory(code="H40.09", name="UBND xã Hòa An")
    page = procedure(agency=agency)
    _follow(client, "an@example.com", procedure=page.code)
    # Also follows the field: still one digest for one publication.
    _follow(client, "an@example.com", field=page.field.slug)
    _follow(client, "binh@example.com", agency=agency.pk)
    _follow(client, "chua-xac-nhan@example.com", procedure=page.code)
    for address in ("an@example.com", "binh@example.com"):
        _confirm_from_mail(client, mail_worker, address)
    # Both of an's follows are confirmed (a confirmation mail each).
    for follow in Follow.objects.filter(subscriber__email="an@example.com"):
        services.confirm(follow.token)
    wait_for(lambda: len(messages(mail_worker)) == 4)  # one a follow
    confirmations = len(messages(mail_worker))

    # An editor's draft: nothing is recorded, nobody is told.
    edit(page, publish=False, channels=[channel("direct", 5, None)])
    time.sleep(3)
    assert len(messages(mail_worker)) == confirmations
    assert not ProcedureVersion.objects.filter(procedure=page).exclude(changes=[])

    # Published: the fee is abolished on every channel.
    edit(
        page,
        publish=True,
        from_live=True,
        channels=[channel("direct", 5, None), channel("online", 5, None)],
    )
    version = ProcedureVersion.objects.filter(procedure=page).exclude(changes=[]).get()
    wait_for(lambda: Delivery.objects.filter(version=version).count() == 2)
    wait_for(lambda: len(messages(mail_worker)) == confirmations + 2)

    # Run again (a retry, a redelivery): nobody gets it twice.
    tasks.send_change_digests.delay(version.pk).get(timeout=30)
    time.sleep(1)
    digests = messages(mail_worker)[confirmations:]
    assert sorted(m["To"] for m in digests) == ["an@example.com", "binh@example.com"]
    for digest in digests:
        body = digest.get_content()
        assert "lệ phí 50.000 đ → miễn phí" in body
        assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        header = "".join(str(digest["List-Unsubscribe"]).split())
        unsubscribe = re.fullmatch(r"<(\S+)>", header).group(1)
        assert "/alerts/unsubscribe/" in unsubscribe
    # The unconfirmed address got its confirmation and nothing else.
    assert [m["To"] for m in messages(mail_worker)].count(
        "chua-xac-nhan@example.com"
    ) == 1

    # One click (RFC 8058): the mail client POSTs List-Unsubscribe=One-Click.
    header = "".join(str(digests[0]["List-Unsubscribe"]).split())
    path = re.search(r"/alerts/unsubscribe/[^>]+", header)
    response = client.post(
        path.group(0),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    left = Follow.objects.filter(
        subscriber__email=digests[0]["To"], unsubscribed_at=None
    )
    assert not left.exists()
