"""Schemathesis against the live API: what the fuzz test and ``make fuzz-api`` share.

``seed()`` writes what the operations need to reach past their 404s (an agency
with a desk token, a procedure open for online filing, a petition, a dossier);
``run()`` sends schemathesis's generated cases (valid and invalid) to every
operation of a published schema (the API's, or Open311's: ``open311_schema``,
whose XML answers tests/abuse/open311_xml.py reads) and reads its JSON
report into figures, by operation group: cases sent, responses 5xx,
schema-conformance failures and the other checks' failures. Checks: no
server error, responses conform to the schema (status code documented,
content type, body), and the API refuses what the schema says is invalid.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
]

# Rate limits high enough for a fuzz run from one address (the environment
# variables portal/settings/base.py reads).
FUZZ_RATES = {
    "FEEDBACK_RATE_PER_IP": "1000000/min",
    "FEEDBACK_RATE_PER_PHONE": "1000000/min",
    "FEEDBACK_RATE_RATINGS_PER_IP": "1000000/min",
    "DOSSIER_LOOKUP_RATE": "1000000/min",
    "DOSSIER_FILING_RATE": "1000000/min",
}


def seed() -> dict:
    """What the operations need (Django set up, on the database to fuzz)."""
    from dossiers import services
    from tests.dossiers.factories import agency as make_agency
    from tests.dossiers.factories import at, online_procedure, token_for
    from tests.feedback.factories import PetitionFactory

    agency = make_agency("H40.01", name="UBND xã Hòa An")
    online_procedure(agency, code="1.001193", title="Đăng ký khai sinh")
    token = token_for(agency)
    dossier = services.ingest_dossier(
        agency,
        received_at=at(2026, 4, 6),
        promised_at=at(2026, 4, 13).date(),
        applicant_name="Nguyễn Văn An",
    ).obj
    petition = PetitionFactory(agency=agency)
    return {
        "token": token,
        "dossier": dossier.code,
        "petition": petition.tracking_code,
        **seed_open311(agency),
    }


def seed_open311(agency) -> dict:
    """An api_key, a published petition (``requests.json`` lists it) and the
    token of one filed through Open311."""
    from django.utils import timezone

    from feedback.models import Petition, PetitionStatus, Screening
    from open311.models import ApiClient, Submission, hash_key, new_key
    from tests.feedback.factories import PetitionFactory

    key = new_key()
    client = ApiClient.objects.create(name="Fuzz", key_hash=hash_key(key))
    public = PetitionFactory(agency=agency, consent_publish=True)
    now = timezone.now()
    Petition.objects.filter(pk=public.pk).update(
        status=PetitionStatus.PUBLISHED,
        screening=Screening.CLEAN,
        public_title="Đề nghị mở cửa bộ phận một cửa sáng thứ bảy",
        public_body="Đề nghị mở cửa bộ phận một cửa vào sáng thứ bảy.",
        answer="Đã bố trí mở cửa sáng thứ bảy từ tháng sau.",
        public_answer="Đã bố trí mở cửa sáng thứ bảy từ tháng sau.",
        accepted_at=now,
        answered_at=now,
        published_at=now,
    )
    filed = Submission.objects.create(
        petition=PetitionFactory(agency=agency), client=client, token=new_key()[:32]
    )
    return {
        "api_key": key,
        "open311_request": public.tracking_code,
        "open311_token": filed.token,
    }


def open311_schema(seeded: dict, folder: Path) -> Path:
    """The Open311 document (open311/openapi.py) for a fuzz run, written to
    ``folder``: filings carry the seeded api_key (or they all stop at 403),
    and the path parameters have the seeded request and token as examples."""
    from open311.openapi import document

    schema = document(xml_schemas=True)
    examples = {
        "service_code": "procedure",
        "service_request_id": seeded["open311_request"],
        "token": seeded["open311_token"],
    }
    for item in schema["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] in examples and parameter["in"] == "path":
                    parameter["example"] = examples[parameter["name"]]
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                media["schema"]["properties"]["api_key"] = {
                    "type": "string",
                    "enum": [seeded["api_key"]],
                }
    path = folder / "open311.json"
    path.write_text(json.dumps(schema, ensure_ascii=False))
    return path


API_SCHEMA = "/api/v1/schema/"
OPEN311_SCHEMA = "/open311/v2/openapi.json"


def group_of(label: str) -> str:
    """An operation's group: ``GET /api/v1/feedback/…`` is ``api/feedback``,
    ``POST /open311/v2/requests.xml`` is ``open311/xml``."""
    path = label.split(" ", 1)[-1]
    parts = [part for part in path.split("/") if part]
    if parts[:2] == ["api", "v1"] and len(parts) > 2:
        return f"api/{parts[2]}"
    if parts[:1] == ["open311"]:
        return "open311/" + path.rsplit(".", 1)[-1]
    return parts[0] if parts else "?"


@dataclass
class Count:
    operations: set = field(default_factory=set)
    cases: int = 0
    server_errors: int = 0
    schema_failures: int = 0
    other_failures: int = 0
    errors: int = 0

    def add(self, other: Count) -> None:
        self.operations |= other.operations
        self.cases += other.cases
        self.server_errors += other.server_errors
        self.schema_failures += other.schema_failures
        self.other_failures += other.other_failures
        self.errors += other.errors

    def line(self) -> str:
        return (
            f"operations {len(self.operations)}, cases {self.cases}, "
            f"5xx {self.server_errors}, schema-conformance failures "
            f"{self.schema_failures}, other check failures {self.other_failures}, "
            f"errors {self.errors}"
        )


@dataclass
class Figures:
    groups: dict[str, Count] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    exit_code: int = 0

    def group(self, name: str) -> Count:
        return self.groups.setdefault(name, Count())

    @property
    def total(self) -> Count:
        total = Count()
        for count in self.groups.values():
            total.add(count)
        return total

    @property
    def cases(self) -> int:
        return self.total.cases

    @property
    def server_errors(self) -> int:
        return self.total.server_errors

    @property
    def schema_failures(self) -> int:
        return self.total.schema_failures

    @property
    def other_failures(self) -> int:
        return self.total.other_failures

    @property
    def errors(self) -> int:
        return self.total.errors

    @property
    def operations(self) -> int:
        return len(self.total.operations)

    def add(self, other: Figures) -> None:
        for name, count in other.groups.items():
            self.group(name).add(count)
        self.failures.extend(other.failures)
        self.exit_code = max(self.exit_code, other.exit_code)

    def summary(self) -> str:
        return self.total.line()

    def table(self) -> str:
        width = max([len(name) for name in self.groups] + [5])
        lines = [
            f"{name:<{width}}  {self.groups[name].line()}"
            for name in sorted(self.groups)
        ]
        lines.append(f"{'total':<{width}}  {self.summary()}")
        return "\n".join(lines)


def run(
    base_url: str,
    token: str,
    *,
    max_examples: int,
    schema: str = API_SCHEMA,
    phases: str = "examples,coverage,fuzzing",
    workers: int = 1,
    seed: int | None = None,
    max_time: int | None = None,
    extra: list[str] | None = None,
    report_path: Path | None = None,
) -> Figures:
    """Run schemathesis's CLI against ``base_url`` (the schema at ``schema``:
    a path on it, or a local file) and read its report."""
    with tempfile.TemporaryDirectory() as folder:
        report = report_path or Path(folder) / "report.ndjson"
        local = Path(schema).is_file()
        location = schema if local else f"{base_url}{schema}"
        command = [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            location,
            *(["--url", base_url] if local else []),
            "--checks",
            ",".join(CHECKS),
            "--max-examples",
            str(max_examples),
            "--phases",
            phases,
            "--workers",
            str(workers),
            "--header",
            f"Authorization: Token {token}",
            "--request-timeout",
            "60",
            "--continue-on-failure",
            "--suppress-health-check",
            "all",
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(report),
            *(["--seed", str(seed)] if seed is not None else []),
            *(["--max-time", str(max_time)] if max_time else []),
            *(extra or []),
        ]
        completed = subprocess.run(  # noqa: S603 - our own interpreter
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            # Open311's XML answers read into their JSON rows and validated.
            env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.abuse.open311_xml"},
        )
        figures = read_report(report)
        figures.exit_code = completed.returncode
        if completed.returncode not in (0, 1) or not figures.cases:
            figures.failures.append(
                f"schemathesis exited {completed.returncode}:\n"
                + completed.stdout[-4000:]
                + completed.stderr[-4000:]
            )
        return figures


def read_report(path: Path) -> Figures:
    """Figures from schemathesis's ndjson event stream, by operation group."""
    figures = Figures()
    if not path.exists():
        return figures
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        event = json.loads(line)
        for kind, body in event.items():
            if kind == "NonFatalError":
                label = body.get("label", "?")
                figures.group(group_of(label)).errors += 1
                info = body.get("info") or {}
                figures.failures.append(
                    f"{label} error: {str(info.get('message') or info)[:400]}"
                )
                continue
            if kind != "ScenarioFinished":
                continue
            recorder = body.get("recorder") or {}
            label = recorder.get("label", "?")
            count = figures.group(group_of(label))
            count.operations.add(label)
            interactions = recorder.get("interactions") or {}
            for interaction in interactions.values():
                response = interaction.get("response") or {}
                count.cases += 1
                if int(response.get("status_code") or 0) >= 500:
                    count.server_errors += 1
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    name = check.get("name", "?")
                    if name == "response_schema_conformance":
                        count.schema_failures += 1
                    elif name != "not_a_server_error":
                        count.other_failures += 1
                    failure = (check.get("failure_info") or {}).get("failure", {})
                    request = (interactions.get(case_id) or {}).get("request") or {}
                    uri = str(request.get("uri"))[:300]
                    figures.failures.append(
                        f"{label} {name}: {failure.get('message', '')[:400]}\n"
                        f"    request: {request.get('method')} {uri} "
                        f"{str(request.get('body'))[:300]}"
                    )
    return figures
