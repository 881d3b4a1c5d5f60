"""Intake through the real broker and a real Celery worker."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from feedback.models import Petition, Screening
from feedback.tasks import process_petition, sweep_unprocessed
from tests.feedback.factories import PetitionFactory
from tests.helpers import wait_for

pytestmark = [
    # Last in the session (see conftest): their flush removes migration data.
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.worker,
]


def test_submitted_petition_is_taken_in_by_the_worker(
    client, celery_worker_process, fresh_cache
):
    response = client.post(
        "/api/v1/petitions/",
        json.dumps(
            {
                "kind": "conduct",
                "title": "Cán bộ tiếp nhận gây khó dễ",
                "body": "Tôi gọi 0912 345 678 nhiều lần nhưng không ai nghe, "
                "CCCD 001203004567.",
                "name": "Lê Văn Cường",
                "phone": "0912345678",
                "consent_publish": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 202
    code = response.json()["tracking_code"]

    wait_for(
        lambda: Petition.objects.filter(
            tracking_code=code, intake_completed_at__isnull=False
        ).exists()
    )
    petition = Petition.objects.get(tracking_code=code)
    assert petition.screening == Screening.CLEAN
    assert "001203004567" not in petition.public_body
    assert petition.acknowledged_at is not None
    assert petition.events.filter(action="acknowledged").count() == 1


def test_sweep_requeues_a_petition_whose_message_was_lost(celery_worker_process):
    # Stored, but its task never reached the broker (e.g. Redis was down).
    petition = PetitionFactory(
        submitted_at=timezone.now() - timezone.timedelta(minutes=10)
    )

    assert sweep_unprocessed.delay().get(timeout=30) >= 1
    wait_for(
        lambda: Petition.objects.filter(
            pk=petition.pk, intake_completed_at__isnull=False
        ).exists()
    )


def test_duplicate_messages_do_each_step_once(celery_worker_process):
    petition = PetitionFactory()
    results = [process_petition.delay(petition.pk) for _ in range(4)]
    assert all(r.get(timeout=30) for r in results)
    petition.refresh_from_db()
    assert petition.events.filter(action="acknowledged").count() == 1
    assert petition.events.filter(action="screened").count() == 1
