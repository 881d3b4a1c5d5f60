"""Queue the workers' tasks for what the services announce (``signals``).

A broker failure is raised to the caller, the service's ``on_commit`` hook,
which logs it; the periodic sweep queues the work again later.
"""

from __future__ import annotations

from . import signals, tasks


def queue_intake(sender, petition_id: int, **kwargs) -> None:
    tasks.process_petition.delay(petition_id)


def queue_editor_notice(sender, feedback_id: int, **kwargs) -> None:
    tasks.notify_page_editor.delay(feedback_id)


def register() -> None:
    signals.intake_due.connect(queue_intake, dispatch_uid="feedback.queue_intake")
    signals.editor_notice_due.connect(
        queue_editor_notice, dispatch_uid="feedback.queue_editor_notice"
    )
