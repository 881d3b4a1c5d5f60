"""Citizens' journeys in Chromium against the real stack.

PostgreSQL, Redis, OpenSearch and a Celery worker are real; the procedures come
from the national export through the real importer and are indexed on the real
engine; the built SvelteKit server (`node build`) talks to Django's live server.
The browser part is frontend/e2e/flows.mjs (playwright-core driving Debian's
Chromium, axe-core on every page in Vietnamese and English), run in two stages
with the officials' work done here in between:

1. search "lam giay khai sinh" from the home page, filter by a facet, open
   1.001193; send two petitions with an attachment (JavaScript on and off);
   file 1.001193 online twice from its page ("Nộp hồ sơ trực tuyến", a real
   PDF/PNG for each document the API requires), read the receipt (barcode and
   QR) and look each dossier up by code; leave a required document out and see
   the error summary (vi and en, JavaScript on and off);
2. the worker takes the petitions in; an official accepts, answers and
   publishes them in the admin inbox; the dossiers are stored (channel online,
   the documents kept as uploaded), an official resolves one and asks a
   supplement for the other in the admin queue, and the worker e-mails the
   applicants (each event's ``notified_at``: the worker's mail outbox is its own);
3. track both petitions by code in the browser and read the published answer;
   rate the service at the kiosk (/kiosk?co-quan=<id>, "Hài lòng") and find the
   rating in the database; see each dossier's new status, evaluate both
   (/danh-gia?ho-so=CODE, 18 points) and find the evaluations in the database;
   an unknown dossier code (the 404); the public statistics (/thong-ke).

Screenshots and each stage's JSON go to var/test-artifacts/e2e/.
"""

from __future__ import annotations

import hashlib
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

from .conftest import BIRTH_REGISTRATION, COMMUNE, COMMUNE_CODE

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
STAGE_TIMEOUT = 300
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
    from core.models import OfficialProfile

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


def commune_receives(code: str):
    """The commune People's Committee, with a code, implements procedure ``code``,
    which the import opened for online filing (PORTAL_ONLINE_FILING_PILOT)."""
    from catalogue.models import Agency, AgencyRole, ProcedureAgency, ProcedurePage
    from dossiers import filing

    procedure = ProcedurePage.objects.get(code=code)
    assert procedure.online_filing, f"{code} not opened for online filing by the import"
    agency = Agency.objects.filter(name=COMMUNE).first()
    assert agency is not None, f"the import made no agency “{COMMUNE}”"
    agency.code = COMMUNE_CODE
    agency.save(update_fields=["code"])
    ProcedureAgency.objects.get_or_create(
        page=procedure, agency=agency, role=AgencyRole.IMPLEMENTING
    )
    assert filing.receiving_agency(filing.open_procedure(code)) == agency
    return agency


def filing_documents(code: str) -> list[dict]:
    """The documents of the online filing form, as the API gives them."""
    response = Client().get(f"/api/v1/online-filing/{code}/")
    assert response.status_code == 200, (
        f"online filing of {code} not open: {response.status_code}"
    )
    return [
        {"key": d["key"], "name": d["name"], "required": d["required"]}
        for d in response.json()["documents"]
    ]


def check_filed(item: dict, documents: list[dict], agency) -> list[str]:
    """What the database holds of a dossier filed in the browser."""
    from dossiers.models import Channel, Dossier

    problems = []
    dossier = Dossier.objects.select_related("procedure", "agency").get(
        code=item["code"]
    )
    expected = {
        "channel": (dossier.channel, Channel.ONLINE),
        "procedure": (dossier.procedure.code, BIRTH_REGISTRATION),
        "agency": (dossier.agency_id, agency.pk),
        "status": (dossier.status, "received"),
        "applicant": (dossier.applicant_name, item["applicant"]),
        "e-mail": (dossier.applicant_email, item["email"]),
    }
    for what, (stored, wanted) in expected.items():
        if stored != wanted:
            problems.append(
                f"dossier {dossier.code}: {what} {stored!r}, not {wanted!r}"
            )
    stored = {doc.key: doc for doc in dossier.documents.all()}
    uploaded = {f["key"]: f for f in item["files"]}
    required = [d["key"] for d in documents if d["required"]]
    if sorted(stored) != sorted(uploaded) or sorted(uploaded) != sorted(required):
        problems.append(
            f"dossier {dossier.code}: documents {sorted(stored)} stored, "
            f"{sorted(uploaded)} uploaded, {required} required"
        )
    for key, doc in stored.items():
        sent = uploaded.get(key, {})
        with doc.file.open("rb") as handle:
            content = handle.read()
        if (doc.original_name, doc.content_type, doc.size, len(content)) != (
            sent.get("name"),
            sent.get("type"),
            sent.get("size"),
            sent.get("size"),
        ) or hashlib.sha256(content).hexdigest() != doc.sha256:
            problems.append(
                f"dossier {dossier.code}: {key} stored as {doc.original_name} "
                f"{doc.content_type} {doc.size} bytes, sent {sent}"
            )
    return problems


def work_dossiers_in_admin(filed: list[dict], official) -> list[dict]:
    """The queue lists the online filings; the first is resolved, the second asked
    for a supplement, each step posted to the dossier's page as an official would."""
    from django.urls import reverse

    from dossiers.models import Dossier

    client = Client()
    client.force_login(official)
    queue = client.get("/admin/dossiers/")
    assert queue.status_code == 200
    steps = [
        (
            "resolved",
            "Đã giải quyết",
            "",
            [
                {"action": "handling"},
                {"action": "resolved", "result": "Trích lục khai sinh số 15/2026"},
            ],
        ),
        (
            "supplement_requested",
            "Yêu cầu bổ sung hồ sơ",
            "Bổ sung bản chụp rõ nét giấy chứng sinh.",
            [
                {
                    "action": "supplement_requested",
                    "note": "Bổ sung bản chụp rõ nét giấy chứng sinh.",
                }
            ],
        ),
    ]
    updated = []
    for item, (status, label, note, actions) in zip(filed, steps, strict=False):
        assert item["code"] in queue.content.decode(), (
            f"{item['code']} not in the queue"
        )
        dossier = Dossier.objects.get(code=item["code"])
        url = reverse("dossiers:edit", args=[dossier.pk])
        page = client.get(url)
        assert page.status_code == 200
        document = dossier.documents.order_by("key").first()
        assert document.original_name in page.content.decode()
        download = client.get(reverse("dossiers:document", args=[document.pk]))
        assert download.status_code == 200
        assert hashlib.sha256(b"".join(download)).hexdigest() == document.sha256
        for data in actions:
            response = client.post(url, data, follow=True)
            assert "Đã ghi nhận." in response.content.decode(), (
                f"admin action {data['action']} on {dossier.code} refused"
            )
        dossier.refresh_from_db()
        assert dossier.status == status, dossier.status
        updated.append(
            {
                "code": item["code"],
                "js": item["js"],
                "status": status,
                "label": label,
                "note": note,
            }
        )
    return updated


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
    from dossiers.models import DossierEvent
    from feedback.models import (
        CounterRating,
        DossierEvaluation,
        Petition,
        PetitionStatus,
        Screening,
    )

    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    settings.DOSSIER_PRIVATE_ROOT = tmp_path / "dossiers"
    receiving = commune_receives(BIRTH_REGISTRATION)
    documents = filing_documents(BIRTH_REGISTRATION)
    clear_throttles()
    started = time.monotonic()
    lines: list[str] = []

    def report(text: str) -> None:
        lines.append(text)
        with capsys.disabled():
            print("\n" + text, flush=True)

    # 1. Search, facet, procedure page; two petitions with attachments.
    before = run_stage(
        "before",
        frontend_url,
        artifacts,
        report,
        E2E_FILING=json.dumps({"documents": documents}),
    )
    sent = before["petitions"]
    assert len(sent) == 2, "the browser did not send both petitions:\n" + "\n".join(
        before["failures"]
    )
    filed = before["dossiers"]
    assert len(filed) == 2, "the browser did not file both dossiers:\n" + "\n".join(
        before["failures"]
    )
    stored_problems = [
        problem for item in filed for problem in check_filed(item, documents, receiving)
    ]
    assert not stored_problems, "\n".join(stored_problems)

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

    # The dossiers: an official's steps in the admin queue, e-mailed by the worker.
    dossiers = work_dossiers_in_admin(filed, admin_user)
    events = DossierEvent.objects.filter(dossier__code__in=[d["code"] for d in filed])
    wait_for(
        lambda: not events.filter(notified_at__isnull=True).exists(),
        "the worker's status e-mails to the applicants",
    )
    report(
        "dossiers: "
        + "; ".join(f"{d['code']} {d['status']}" for d in dossiers)
        + f"; {events.count()} status e-mails sent by the worker"
    )

    # 3. Tracking by code, the kiosk, the dossiers, evaluations, statistics.
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
        E2E_DOSSIERS=json.dumps(dossiers),
    )
    stored = CounterRating.objects.filter(
        agency_id=agency, level="satisfied", counter="2"
    ).count()

    failures = [*before["failures"], *after["failures"]]
    if stored != after["ratings"]:
        failures.append(
            f"kiosk: {after['ratings']} presses of “Hài lòng”, {stored} ratings stored "
            f"for agency {agency} at counter 2"
        )
    evaluated = after["evaluations"]
    if len(evaluated) != len(dossiers):
        failures.append(
            f"{len(evaluated)} evaluations sent for {len(dossiers)} dossiers"
        )
    for item in evaluated:
        rows = list(
            DossierEvaluation.objects.filter(dossier_code=item["code"]).values(
                "agency_id", "procedure__code", "total", "grade"
            )
        )
        wanted = {
            "agency_id": receiving.pk,
            "procedure__code": BIRTH_REGISTRATION,
            "total": item["total"],
            "grade": item["grade"],
        }
        if rows != [wanted]:
            failures.append(
                f"evaluation of {item['code']}: stored {rows}, sent {wanted}"
            )
    shots = sorted({p["shot"] for p in before["pages"] + after["pages"]})
    report(
        f"e2e: {time.monotonic() - started:.0f} s; {len(shots)} screenshots in "
        f"{artifacts}; ratings stored {stored}; evaluations stored "
        f"{DossierEvaluation.objects.count()}"
    )
    assert not failures, "browser checks failed:\n  " + "\n  ".join(failures)
    assert before["exit"] == 0 and after["exit"] == 0
