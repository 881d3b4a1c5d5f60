"""The sweep: digests whose task never ran are sent later, once.

A fee change is published while the broker is away (the task cannot be
queued): nobody is told at once, and the sweep, run by the worker, sends each
confirmed subscriber one digest and the unconfirmed one none; the next sweeps
send nothing more. When the first task did reach the broker but the worker
was down past the sweep's delay, both the first task and the sweep's run
once the worker is back, and still each subscriber gets one digest.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from alerts import services, tasks
from alerts.models import Delivery, ProcedureVersion
from tests.conftest import other_workers_paused, start_worker, stop_worker

from .factories import channel, edit, procedure
from .test_alerts_worker import messages, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.worker,
]


@pytest.fixture
def mail_folder(tmp_path, settings):
    folder = tmp_path / "mail"
    folder.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    return folder


@pytest.fixture
def worker_later(mail_folder):
    """Start the worker when the test says so (it is down until then)."""
    started = []

    def start():
        started.append(start_worker({"EMAIL_FILE_PATH": str(mail_folder)}))

    # Down means no worker at all: the session's would take the tasks.
    with other_workers_paused():
        yield start
        for worker in started:
            stop_worker(worker)


def _subscribers(page) -> None:
    for address in ("an@example.com", "binh@example.com"):
        services.confirm(services.follow(address, procedure=page).token)
    services.follow("chua-xac-nhan@example.com", procedure=page)  # never confirmed


def _publish_fee_abolished(page) -> ProcedureVersion:
    edit(
        page,
        publish=True,
        from_live=True,
        channels=[channel("direct", 5, None), channel("online", 5, None)],
    )
    version = ProcedureVersion.objects.exclude(changes=[]).get(procedure=page)
    # Published longer ago than the sweep waits for a digest.
    ProcedureVersion.objects.filter(pk=version.pk).update(
        published_at=timezone.now() - timezone.timedelta(minutes=10)
    )
    return version


def _digests(folder):
    return sorted(
        m["To"] for m in messages(folder) if "thay đổi từ" in str(m["Subject"])
    )


def test_a_digest_lost_with_the_broker_is_sent_by_the_sweep_once(
    monkeypatch, mail_folder, worker_later
):
    page = procedure()
    _subscribers(page)

    def broker_away(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as outage:
        outage.setattr(tasks.send_change_digests, "delay", broker_away)
        version = _publish_fee_abolished(page)
    assert version.changes[0]["text"] == "lệ phí 50.000 đ → miễn phí"
    assert list(services.undigested(timezone.timedelta(minutes=5))) == [version]
    # Not before its time: the usual path is not doubled.
    assert not services.undigested(timezone.timedelta(minutes=30)).exists()

    worker_later()
    assert tasks.sweep_unsent.delay().get(timeout=60) == 1
    wait_for(lambda: Delivery.objects.filter(version=version).count() == 2)
    wait_for(lambda: len(_digests(mail_folder)) == 2)
    assert _digests(mail_folder) == ["an@example.com", "binh@example.com"]
    version.refresh_from_db()
    assert version.digests_sent_at is not None

    # The next sweeps find nothing: nobody is told twice.
    assert tasks.sweep_unsent.delay().get(timeout=60) == 0
    tasks.send_change_digests.delay(version.pk).get(timeout=60)
    assert _digests(mail_folder) == ["an@example.com", "binh@example.com"]
    assert "chua-xac-nhan@example.com" not in [m["To"] for m in messages(mail_folder)]


def test_the_first_task_and_the_sweeps_run_after_an_outage_send_once(
    mail_folder, worker_later
):
    page = procedure(code="1.000894")
    _subscribers(page)
    # Queued on the broker, but no worker takes it: the sweep queues it again.
    version = _publish_fee_abolished(page)
    assert tasks.sweep_unsent.apply().get() == 1
    assert Delivery.objects.count() == 0

    worker_later()
    wait_for(lambda: Delivery.objects.filter(version=version).count() == 2)
    # Both messages are taken (the broker's queue runs dry), the second in vain.
    wait_for(lambda: ProcedureVersion.objects.get(pk=version.pk).digests_sent_at)
    tasks.send_change_digests.delay(version.pk).get(timeout=60)
    assert _digests(mail_folder) == ["an@example.com", "binh@example.com"]


def test_a_confirmation_lost_with_the_broker_is_found_by_the_sweep():
    page = procedure(code="1.000895", title="Đăng ký kết hôn")
    follow = services.follow("an@example.com", procedure=page)
    follow.created_at = timezone.now() - timezone.timedelta(minutes=10)
    follow.save(update_fields=["created_at"])
    older = timezone.timedelta(minutes=5)
    assert list(services.unconfirmed_unsent(older)) == [follow]
    assert services.send_confirmation(follow.pk)
    assert not services.unconfirmed_unsent(older).exists()
