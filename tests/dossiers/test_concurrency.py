"""The feed under concurrent requests: unique codes, events stored once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from dossiers import services
from dossiers.models import Dossier, DossierEvent, EventKind

from .factories import agency, at, procedure

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

WORKERS = 8


def _in_thread(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    finally:
        connection.close()


def test_concurrent_receipts_get_distinct_consecutive_codes():
    desk = agency("H40.09")
    proc = procedure()

    def receive(n: int) -> str:
        return services.ingest_dossier(
            desk, received_at=at(2026, 4, 6, 8), procedure=proc, applicant_name=f"A {n}"
        ).obj.code

    with ThreadPoolExecutor(WORKERS) as pool:
        codes = list(pool.map(lambda n: _in_thread(receive, n), range(WORKERS * 2)))
    assert sorted(codes) == [
        f"H40.09-260406-{n:04d}" for n in range(1, WORKERS * 2 + 1)
    ]


def test_the_same_event_sent_concurrently_is_stored_once():
    desk = agency("H40.08")
    dossier = services.ingest_dossier(
        desk, received_at=at(2026, 4, 6), procedure=procedure(), applicant_name="B"
    ).obj

    def send(_: int) -> bool:
        return services.ingest_event(
            desk,
            Dossier.objects.get(pk=dossier.pk),
            event_id="same",
            kind=EventKind.RESOLVED,
            occurred_at=at(2026, 4, 8),
        ).created

    with ThreadPoolExecutor(WORKERS) as pool:
        created = list(pool.map(lambda n: _in_thread(send, n), range(WORKERS)))
    assert created.count(True) == 1
    assert DossierEvent.objects.filter(event_id="same").count() == 1
    dossier.refresh_from_db()
    assert dossier.status == EventKind.RESOLVED
