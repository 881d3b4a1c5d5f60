"""Queue the workers' tasks for what the services announce (``signals``).

A broker failure is raised to the caller, the service's ``on_commit`` hook,
which logs it; the periodic sweep queues the e-mail again later.
"""

from __future__ import annotations

from . import signals, tasks


def queue_applicant_notice(sender, event_id: int, **kwargs) -> None:
    tasks.notify_applicant.delay(event_id)


def register() -> None:
    signals.applicant_notice_due.connect(
        queue_applicant_notice, dispatch_uid="dossiers.queue_applicant_notice"
    )
