"""Platform tasks: a round-trip probe through the broker and a worker."""

import socket

from celery import shared_task


@shared_task(name="portal.tasks.echo")
def echo(value: str) -> dict[str, str]:
    """Return what it was given, with the worker's host name.

    A result proves the message crossed the broker and a real worker ran the
    code; the round-trip test and ``make run``'s smoke check use it.
    """
    return {"echo": value, "worker": socket.gethostname()}
