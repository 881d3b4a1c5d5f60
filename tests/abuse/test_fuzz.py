"""A bounded schemathesis run over every operation of the API (``make test``).

The live test server on PostgreSQL gets schemathesis's generated cases, valid
and invalid, for every operation of the published schema; no answer may be a
5xx, and every answer must conform to the schema (a documented status, its
content type, a body of the documented shape). ``make fuzz-api`` runs the same
for longer against gunicorn and prints its figures.
"""

from __future__ import annotations

import pytest

from . import fuzzing

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.timeout(900)]


@pytest.fixture
def fuzz_target(live_server, transactional_db, settings, tmp_path):
    for name, rate in fuzzing.FUZZ_RATES.items():
        setattr(settings, name, rate)
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "feedback"
    settings.DOSSIER_PRIVATE_ROOT = tmp_path / "dossiers"
    yield live_server.url, fuzzing.seed()
    # The run's accepted submissions queued intake and e-mail tasks for rows
    # the database flush removes after this test: drop them, or the session's
    # worker spends the next tests (the browser journeys' intake) on them.
    from portal.celery import app

    app.control.purge()


def test_every_operation_survives_a_bounded_fuzz_run(fuzz_target):
    from drf_spectacular.generators import SchemaGenerator

    base_url, seeded = fuzz_target
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = sum(len(item) for item in schema["paths"].values())

    figures = fuzzing.run(
        base_url, seeded["token"], max_examples=10, phases="examples,fuzzing", seed=16
    )

    report = "\n".join(figures.failures[:20])
    assert figures.operations == operations, report
    assert figures.cases >= 5 * operations, figures.summary()
    assert figures.server_errors == 0, report
    assert figures.schema_failures == 0, report
    assert figures.other_failures == 0, report
    print(f"schemathesis: {figures.summary()}")


def test_every_open311_operation_survives_a_bounded_fuzz_run(fuzz_target, tmp_path):
    from open311.openapi import document

    base_url, seeded = fuzz_target
    operations = sum(len(item) for item in document()["paths"].values())

    figures = fuzzing.run(
        base_url,
        seeded["token"],
        schema=str(fuzzing.open311_schema(seeded, tmp_path)),
        max_examples=20,
        phases="examples,coverage,fuzzing",
        seed=16,
    )

    report = "\n".join(figures.failures[:20])
    assert figures.operations == operations == 12, report
    assert set(figures.groups) == {"open311/json", "open311/xml"}, report
    assert figures.cases >= 10 * operations, figures.summary()
    assert figures.server_errors == 0, report
    assert figures.schema_failures == 0, report
    assert figures.other_failures == 0, report
    assert figures.errors == 0, report
    print(f"schemathesis (Open311): {figures.summary()}")
