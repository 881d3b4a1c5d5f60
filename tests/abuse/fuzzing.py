"""Schemathesis against the live API: what the fuzz test and ``make fuzz-api`` share.

``seed()`` writes what the operations need to reach past their 404s (an agency
with a desk token, a procedure open for online filing, a petition, a dossier);
``run()`` sends schemathesis's generated cases (valid and invalid) to every
operation of the published schema and reads its JSON report into figures:
cases sent, responses 5xx, schema-conformance failures and the other checks'
failures. Checks: no server error, responses conform to the schema (status
code documented, content type, body), and the API refuses what the schema
says is invalid.
"""

from __future__ import annotations

import json
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
    return {"token": token, "dossier": dossier.code, "petition": petition.tracking_code}


@dataclass
class Figures:
    cases: int = 0
    server_errors: int = 0
    schema_failures: int = 0
    other_failures: int = 0
    operations: int = 0
    failures: list[str] = field(default_factory=list)
    exit_code: int = 0

    def summary(self) -> str:
        return (
            f"operations {self.operations}, cases {self.cases}, "
            f"5xx {self.server_errors}, schema-conformance failures "
            f"{self.schema_failures}, other check failures {self.other_failures}"
        )


def run(
    base_url: str,
    token: str,
    *,
    max_examples: int,
    phases: str = "examples,coverage,fuzzing",
    workers: int = 1,
    seed: int | None = None,
    max_time: int | None = None,
    extra: list[str] | None = None,
) -> Figures:
    """Run schemathesis's CLI against ``base_url`` and read its report."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.ndjson"
        command = [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{base_url}/api/v1/schema/",
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
            command, cwd=ROOT, capture_output=True, text=True, check=False
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
    """Figures from schemathesis's ndjson event stream."""
    figures = Figures()
    if not path.exists():
        return figures
    operations = set()
    for line in path.read_text().splitlines():
        event = json.loads(line)
        for kind, body in event.items():
            if kind != "ScenarioFinished":
                continue
            recorder = body.get("recorder") or {}
            label = recorder.get("label", "?")
            operations.add(label)
            interactions = recorder.get("interactions") or {}
            for interaction in interactions.values():
                response = interaction.get("response") or {}
                figures.cases += 1
                if int(response.get("status_code") or 0) >= 500:
                    figures.server_errors += 1
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    name = check.get("name", "?")
                    if name == "response_schema_conformance":
                        figures.schema_failures += 1
                    elif name != "not_a_server_error":
                        figures.other_failures += 1
                    failure = (check.get("failure_info") or {}).get("failure", {})
                    request = (interactions.get(case_id) or {}).get("request") or {}
                    figures.failures.append(
                        f"{label} {name}: {failure.get('message', '')[:400]}\n"
                        f"    request: {request.get('method')} {request.get('uri')} "
                        f"{str(request.get('body'))[:300]}"
                    )
    figures.operations = len(operations)
    return figures
