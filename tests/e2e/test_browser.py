"""Citizens' journeys in Chromium against the real stack.

PostgreSQL, Redis, OpenSearch and a Celery worker are real; the procedures come
from the national export through the real importer and are indexed on the real
engine; the built SvelteKit server (`node build`) talks to Django's live server.
The browser part is frontend/e2e/ (@playwright/test driving Debian's Chromium,
one spec file a journey, axe-core on every page in Vietnamese and English), run
in two stages with the officials' work done here in between; a failure names
the journeys (spec file and test) that failed, read from Playwright's JSON
report:

1. search "lam giay khai sinh" from the home page, filter by a facet, open
   1.001193; send two petitions with an attachment (JavaScript on and off);
   file 1.001193 online twice from its page ("Nộp hồ sơ trực tuyến") as a
   business (its name, enterprise code and representative), the birth e-form
   filled in as fields, the confirmation showing the values typed, a real
   PDF/PNG for each document the API requires; read the receipt (the person
   masked, the company whole, the e-form; barcode and QR) and look each dossier
   up by code; leave a required document out and see the error summary (vi and
   en, JavaScript on and off); a mistyped enterprise code named on its field;
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

4. with one petition a day a phone and no window to revise an evaluation: a
   petition refused (400) costs nothing, the next is sent, the one after is
   refused with the wait in words keeping what was typed; a dossier evaluated
   again is refused, saying why.

Before that, the procedure page read on a phone (summary card first, times
with their unit, a fee once, forms linked, cases folded, one filing button) and
the home page's most used procedures (by their usage, the prior first);
petitions sent without a code (the procedure found by name, or the agency
picked), each routed to an agency with its reason.

E2E_ONLY (a regular expression on the spec files' paths under frontend/e2e/, e.g.
``E2E_ONLY='procedure-page|limits/'``) runs only the journeys it matches, and the
checks here of what they did: the slow whole run is for CI.

Screenshots (every page, and each failure under failures/), each stage's JSON
report and what the journeys hand on (data/) go to var/test-artifacts/e2e/.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
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

FRONTEND = ROOT / "frontend"
PLAYWRIGHT = FRONTEND / "node_modules" / "@playwright" / "test" / "cli.js"
STAGE_TIMEOUT = 420
ANSWER = (
    "Ủy ban nhân dân xã đã tiếp nhận ý kiến và sẽ bổ sung hướng dẫn "
    "trên cổng dịch vụ công trong tuần này."
)


ANSI = re.compile(r"\x1b\[[0-9;]*m")
ONLY = os.environ.get("E2E_ONLY", "")
SPECS = sorted(
    str(path.relative_to(FRONTEND / "e2e"))
    for path in (FRONTEND / "e2e").rglob("*.spec.ts")
)


def runs(spec: str) -> bool:
    """Whether the journey ``spec`` (a path under frontend/e2e/) is run (E2E_ONLY)."""
    return not ONLY or re.search(ONLY, spec) is not None


def selected() -> list[str]:
    """Playwright's file filters for E2E_ONLY (none: every journey)."""
    if not ONLY:
        return []
    chosen = [f"e2e/{spec}" for spec in SPECS if runs(spec)]
    if not chosen:
        pytest.fail(f"E2E_ONLY={ONLY!r} matches none of {SPECS}")
    return ["--pass-with-no-tests", *(re.escape(spec) + "$" for spec in chosen)]


def failed_journeys(report: dict) -> list[str]:
    """Each test of a Playwright JSON report that did not pass (the journeys
    skip nothing, so a skipped one did not run): its project, spec file and
    title path, and the first lines of each error (what was expected, what
    was found)."""
    failed = []

    def walk(suite: dict, titles: list[str]) -> None:
        here = [*titles, suite["title"]] if suite.get("title") else titles
        for spec in suite.get("specs", []):
            for test in spec.get("tests", []):
                if test.get("status") == "expected":
                    continue
                errors = [
                    " / ".join(
                        line.strip()
                        for line in ANSI.sub("", error.get("message", "")).splitlines()
                        if line.strip() and not line.startswith("Call log")
                    )[:300]
                    for result in test.get("results", [])
                    for error in result.get("errors", [])
                ] or [f"did not run ({test.get('status')})"]
                failed.append(
                    f"[{test.get('projectName')}] {' › '.join([*here, spec['title']])}"
                    + "".join(f"\n      {e}" for e in errors[:6])
                )
        for child in suite.get("suites", []):
            walk(child, here)

    for suite in report.get("suites", []):
        walk(suite, [])
    for error in report.get("errors", []):
        failed.append(f"(run) {error.get('message', '').strip().splitlines()[0]}")
    return failed


def handed_on(out: Path, kind: str) -> list[dict]:
    """What the journeys wrote for the next stage (frontend/e2e/helpers.ts handOn)."""
    return [
        item
        for path in sorted((out / "data").glob(f"{kind}--*.json"))
        for item in json.loads(path.read_text())
    ]


def run_stage(
    stage: str, projects: list[str], base_url: str, out: Path, report, **env
) -> list[str]:
    """Run the journeys of Playwright projects ``projects`` (one spec file a
    journey, frontend/playwright.config.ts); their output goes to the terminal.
    Returns the journeys that failed, by name."""
    report_path = out / f"report-{stage}.json"
    started = time.monotonic()
    try:
        completed = subprocess.run(
            [
                "node",
                str(PLAYWRIGHT),
                "test",
                *(f"--project={project}" for project in projects),
                *selected(),
            ],
            cwd=FRONTEND,
            env={
                **os.environ,
                "E2E_BASE_URL": base_url,
                "E2E_OUT": str(out),
                "E2E_REPORT": str(report_path),
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
    if not report_path.exists():
        pytest.fail(
            f"browser stage {stage} crashed (exit {completed.returncode}):\n"
            + output[-4000:]
        )
    failed = failed_journeys(json.loads(report_path.read_text()))
    if completed.returncode != 0 and not failed:
        failed.append(f"stage {stage}: Playwright exited {completed.returncode}")
    return failed


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
        {
            "key": d["key"],
            "name": d["name"],
            "required": d["required"],
            "eform": d["eform"],
        }
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
        "applicant kind": (dossier.applicant_kind, "organisation"),
        "organisation": (dossier.organisation_name, item["organisation"]),
        "enterprise code": (dossier.enterprise_code, item["enterprise_code"]),
        "e-form values": (
            {
                f"{eform['key']}-{field['name']}": field["value"]
                for eform in dossier.eforms
                for field in eform["fields"]
            },
            item["eform"],
        ),
    }
    for what, (stored, wanted) in expected.items():
        if stored != wanted:
            problems.append(
                f"dossier {dossier.code}: {what} {stored!r}, not {wanted!r}"
            )
    stored = {doc.key: doc for doc in dossier.documents.all()}
    uploaded = {f["key"]: f for f in item["files"]}
    required = [d["key"] for d in documents if d["required"] and not d["eform"]]
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


# A paper that is a form to fill in (frontend/src/lib/procedure.ts FORM_START).
FORM_START = re.compile(r"^\s*(?:[-+•]\s*)?(?:tờ khai|đơn|mẫu|phiếu|bản khai)\b", re.I)


def attach_form_file(code: str) -> dict:
    """An editor attaches a Wagtail document to the first form of the procedure's
    dossier (a named form, or a tờ khai the export names as a paper), as
    tests/catalogue/test_forms.py does; what the page should then offer."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    from catalogue.models import ProcedurePage

    # Wagtail's migration makes the root collection that documents go in; an
    # earlier transactional test's flush removes it, as a reinstall would not.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    page = ProcedurePage.objects.get(code=code)
    content = b"%PDF-1.4\n% to khai dang ky khai sinh\n%%EOF\n"
    document = Document.objects.create(
        title="Tờ khai đăng ký khai sinh",
        file=ContentFile(content, name="to-khai-khai-sinh.pdf"),
    )
    data = page.dossier.raw_data
    forms = [
        component["value"]
        for case in data
        for component in case["value"]["components"]
        if component["value"].get("form_name")
        or FORM_START.match(component["value"]["name"])
    ]
    assert forms, f"{code}'s dossier has no form"
    forms[0]["form_document"] = document.pk
    page.dossier = data
    page.save_revision().publish()
    return {
        "form": forms[0].get("form_name") or forms[0]["name"],
        "size": len(content),
        "named": len(forms),
    }


def usage_scores() -> dict[str, float]:
    """Each live procedure's usage score: what the home page's "most used"
    are ranked by (on a fresh catalogue, every counter 0, the prior alone)."""
    from catalogue.models import ProcedurePage

    return dict(ProcedurePage.objects.live().values_list("code", "usage_score"))


DEFAULT_UNIT = ["setting", "flag", "created"]


def check_routed(item: dict, receiving) -> list[str]:
    """A petition sent in the browser reached an agency, and its trail says why:
    the procedure's implementing agency (``receiving``), the one chosen, or the
    province's default reception unit (``reason`` a list: any of them)."""
    from feedback.models import Petition, PetitionAction

    wait_for(
        lambda: Petition.objects.filter(
            tracking_code=item["code"], routed_at__isnull=False
        ).exists(),
        f"the routing of {item['code']}",
    )
    petition = Petition.objects.get(tracking_code=item["code"])
    reasons = item["reason"] if isinstance(item["reason"], list) else [item["reason"]]
    if reasons == DEFAULT_UNIT:
        wanted = petition.agency_id or "an agency"
    else:
        wanted = item.get("agency") or receiving.pk
    event = petition.events.filter(action=PetitionAction.ROUTED).first()
    problems = []
    if petition.agency_id is None or petition.agency_id != wanted:
        problems.append(f"{item['code']}: routed to {petition.agency_id}, not {wanted}")
    if event is None or event.data.get("reason") not in reasons or not event.note:
        problems.append(
            f"{item['code']}: routed for {event and event.data}, "
            f"not {reasons} with a note"
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
    # An editor attached the file of the procedure's first named form (before the
    # agency is added: publishing the revision keeps what the page held).
    form_file = attach_form_file(BIRTH_REGISTRATION)
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
    failed = run_stage(
        "before",
        ["before"],
        frontend_url,
        artifacts,
        report,
        E2E_FILING=json.dumps({"documents": documents}),
        E2E_USAGE_SCORES=json.dumps(usage_scores()),
        E2E_FORM_FILE=json.dumps(form_file),
        E2E_COMMUNE=COMMUNE,
    )
    sent = handed_on(artifacts, "petitions")
    wanted = 2 if runs("before/petition.spec.ts") else 0
    assert len(sent) == wanted, (
        "the browser did not send both petitions:\n  " + "\n  ".join(failed)
    )
    filed = handed_on(artifacts, "dossiers")
    wanted = 2 if runs("before/filing.spec.ts") else 0
    assert len(filed) == wanted, (
        "the browser did not file both dossiers:\n  " + "\n  ".join(failed)
    )
    routed = handed_on(artifacts, "petitions-routed")
    wanted = 4 if runs("before/petition-find.spec.ts") else 0
    assert len(routed) == wanted, (
        "the browser did not send the petitions without a code:\n  "
        + "\n  ".join(failed)
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
    # Every petition reaches an agency, and the trail says why that one.
    routing_problems = [
        problem
        for item in [*({**i, "reason": "procedure"} for i in sent), *routed]
        for problem in check_routed(item, receiving)
    ]
    assert not routing_problems, "\n".join(routing_problems)

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
    failed += run_stage(
        "after",
        ["after"],
        frontend_url,
        artifacts,
        report,
        E2E_PETITIONS=json.dumps(sent),
        E2E_AGENCY=str(agency),
        E2E_DOSSIERS=json.dumps(dossiers),
    )
    # The statistics once the after stage's ratings and evaluations are in: a
    # stage of its own, so that it runs whatever became of those journeys.
    failed += run_stage(
        "statistics",
        ["stats"],
        frontend_url,
        artifacts,
        report,
        E2E_DOSSIERS=json.dumps(dossiers),
    )
    # 4. The limits, tight: one petition a day a phone, no evaluation window.
    if any(runs(spec) for spec in SPECS if spec.startswith("limits/")):
        settings.FEEDBACK_RATE_PER_PHONE = "1/day"
        settings.FEEDBACK_EVALUATION_REVISE_DAYS = 0
        clear_throttles()
        failed += run_stage(
            "limits",
            ["limits"],
            frontend_url,
            artifacts,
            report,
            E2E_DOSSIERS=json.dumps(dossiers),
        )
        clear_throttles()
    stored = CounterRating.objects.filter(
        agency_id=agency, level="satisfied", counter="2"
    ).count()

    failures = [f"journey {journey}" for journey in failed]
    pressed = len(handed_on(artifacts, "ratings"))
    if stored != pressed:
        failures.append(
            f"kiosk: {pressed} presses of “Hài lòng”, {stored} ratings stored "
            f"for agency {agency} at counter 2"
        )
    evaluated = handed_on(artifacts, "evaluations")
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
    for item in handed_on(artifacts, "petitions-limits"):
        # The 400 before it cost nothing; the 429 after it stored nothing.
        kept = Petition.objects.filter(title=item["title"]).count()
        if not item["code"] or kept != 1:
            failures.append(
                f"limits: {kept} petitions stored for {item['phone']}, one sent"
            )
        else:
            # A suggestion about neither a procedure nor an agency: the default unit.
            failures += check_routed({**item, "reason": DEFAULT_UNIT}, receiving)
    shots = sorted(artifacts.glob("*.png"))
    report(
        f"e2e: {time.monotonic() - started:.0f} s; {len(shots)} screenshots in "
        f"{artifacts}; ratings stored {stored}; evaluations stored "
        f"{DossierEvaluation.objects.count()}"
    )
    assert not failures, "browser checks failed:\n  " + "\n  ".join(failures)
