"""Citizens' journeys in Chromium against the real stack.

PostgreSQL, Redis, OpenSearch and a Celery worker are real; the procedures come
from the national export through the real importer and are indexed on the real
engine; the built SvelteKit server (`node build`) talks to Django's live server.
The browser part is frontend/e2e/flows.mjs (playwright-core driving Debian's
Chromium, axe-core on every page in Vietnamese and English), run in two stages
with the officials' work done here in between:

1. search "lam giay khai sinh" from the home page, filter by a facet, open
   1.001193; send two petitions with an attachment (JavaScript on and off);
2. the worker takes them in; an official accepts, answers and publishes them in
   the admin inbox;
3. track both by code in the browser and read the published answer; rate the
   service at the kiosk (/kiosk?co-quan=<id>, "Hài lòng") and find the rating in
   the database.

Screenshots and each stage's JSON go to var/test-artifacts/e2e/.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests.conftest import ROOT
from tests.feedback.conftest import clear_throttles

from .conftest import BIRTH_REGISTRATION

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.opensearch,
    pytest.mark.redis,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

FLOWS = ROOT / "frontend" / "e2e" / "flows.mjs"
STAGE_TIMEOUT = 240
ANSWER = (
    "Ủy ban nhân dân xã đã tiếp nhận ý kiến và sẽ bổ sung hướng dẫn "
    "trên cổng dịch vụ công trong tuần này."
)


def run_stage(stage: str, base_url: str, out: Path, report, **env) -> dict:
    """Run one stage of the browser script; its output goes to the terminal."""
    result_path = out / f"result-{stage}.json"
    started = time.monotonic()
    try:
        completed = subprocess.run(
            ["node", str(FLOWS)],
            cwd=ROOT / "frontend",
            env={
                **os.environ,
                "E2E_STAGE": stage,
                "E2E_BASE_URL": base_url,
                "E2E_OUT": str(out),
                "E2E_RESULT": str(result_path),
                "E2E_PROCEDURE": BIRTH_REGISTRATION,
                **env,
            },
            capture_output=True,
            text=True,
            timeout=STAGE_TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(
            f"browser stage {stage} took over {STAGE_TIMEOUT} s:\n{exc.stdout or ''}"
        )
    output = completed.stdout + completed.stderr
    report(
        f"--- browser stage {stage}: exit {completed.returncode}, "
        f"{time.monotonic() - started:.1f} s ---\n{output}"
    )
    if not result_path.exists():
        pytest.fail(
            f"browser stage {stage} crashed (exit {completed.returncode}):\n"
            + output[-4000:]
        )
    result = json.loads(result_path.read_text())
    result["exit"] = completed.returncode
    result["output"] = output
    return result


def wait_for(predicate, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.25)


def official_for(agency, django_user_model, admin_user):
    """An official of the petition's agency (the superuser when it has none)."""
    from feedback.models import OfficialProfile

    if agency is None:
        return admin_user
    group, _ = Group.objects.get_or_create(name="Cán bộ PAKN (e2e)")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["feedback", "wagtailadmin"],
            codename__in=["access_admin", "view_petition", "change_petition"],
        )
    )
    user, _ = django_user_model.objects.get_or_create(
        username=f"canbo-{agency.pk}",
        defaults={"email": f"canbo{agency.pk}@example.com"},
    )
    user.groups.add(group)
    OfficialProfile.objects.get_or_create(user=user, defaults={"agency": agency})
    return user


def answer_in_admin(petition, official) -> None:
    """Accept, answer and publish through the admin inbox's action forms."""
    client = Client()
    client.force_login(official)
    url = f"/admin/petitions/edit/{petition.pk}/"
    assert client.get(url).status_code == 200
    for data in (
        {"action": "accept"},
        {"action": "answer", "text": ANSWER},
        {"action": "publish"},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "Đã ghi nhận." in response.content.decode(), (
            f"admin action {data['action']} on {petition.tracking_code} refused"
        )


def test_citizen_journeys_in_chromium(
    e2e_catalogue,
    celery_worker_process,
    frontend_url,
    artifacts,
    chromium,
    settings,
    tmp_path,
    admin_user,
    django_user_model,
    capsys,
):
    from catalogue.models import Agency
    from feedback.models import CounterRating, Petition, PetitionStatus, Screening

    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    clear_throttles()
    started = time.monotonic()
    lines: list[str] = []

    def report(text: str) -> None:
        lines.append(text)
        with capsys.disabled():
            print("\n" + text, flush=True)

    # 1. Search, facet, procedure page; two petitions with attachments.
    before = run_stage("before", frontend_url, artifacts, report)
    sent = before["petitions"]
    assert len(sent) == 2, "the browser did not send both petitions:\n" + "\n".join(
        before["failures"]
    )

    # 2. The worker takes them in; an official answers and publishes.
    for item in sent:
        wait_for(
            lambda code=item["code"]: Petition.objects.filter(
                tracking_code=code, intake_completed_at__isnull=False
            ).exists(),
            f"the worker's intake of {item['code']}",
        )
        petition = Petition.objects.select_related("procedure", "agency").get(
            tracking_code=item["code"]
        )
        assert petition.screening == Screening.CLEAN, petition.screening
        assert petition.masked_at is not None and petition.acknowledged_at is not None
        assert petition.procedure.code == BIRTH_REGISTRATION
        assert petition.title == item["title"]
        attachments = list(petition.attachments.all())
        assert len(attachments) == 1, f"{item['code']}: {len(attachments)} attachments"
        answer_in_admin(
            petition, official_for(petition.agency, django_user_model, admin_user)
        )
        petition.refresh_from_db()
        assert petition.status == PetitionStatus.PUBLISHED
        item["answer"] = ANSWER

    # 3. Tracking by code, the kiosk.
    agency = (
        Petition.objects.filter(agency__isnull=False)
        .values_list("agency", flat=True)
        .first()
        or Agency.objects.order_by("pk").values_list("pk", flat=True).first()
    )
    assert agency is not None, "the import made no agency"
    clear_throttles()
    after = run_stage(
        "after",
        frontend_url,
        artifacts,
        report,
        E2E_PETITIONS=json.dumps(sent),
        E2E_AGENCY=str(agency),
    )
    stored = CounterRating.objects.filter(agency_id=agency, level="satisfied").count()

    failures = [*before["failures"], *after["failures"]]
    if stored != after["ratings"]:
        failures.append(
            f"kiosk: {after['ratings']} presses of “Hài lòng”, {stored} ratings stored "
            f"for agency {agency}"
        )
    shots = sorted({p["shot"] for p in before["pages"] + after["pages"]})
    report(
        f"e2e: {time.monotonic() - started:.0f} s; {len(shots)} screenshots in "
        f"{artifacts}; ratings stored {stored}"
    )
    assert not failures, "browser checks failed:\n  " + "\n  ".join(failures)
    assert before["exit"] == 0 and after["exit"] == 0
