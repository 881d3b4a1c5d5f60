"""Forms (mẫu đơn, tờ khai): the export names them, editors attach the files.

A named form without a file links to the procedure's page on the national
portal; one an editor attached (a Wagtail document on the form's item) is
downloaded from the portal and survives a re-import; the import summary
counts both.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document

from catalogue.importer import UPDATED, ProcedureImporter
from catalogue.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

FIXTURE = Path(__file__).parent / "fixtures" / "records.jsonl"
# 1.002681: "Cấp chứng chỉ hành nghề Quản tài viên", whose dossier names forms.
CODE = "1.002681"


def record(code: str = CODE) -> dict:
    records = map(json.loads, filter(None, FIXTURE.read_text().splitlines()))
    return next(r for r in records if r["ma_thu_tuc"] == code)


def named_forms(page: ProcedurePage) -> list[dict]:
    return [
        component
        for block in page.dossier
        for component in block.value["components"]
        if component["form_name"]
    ]


def attach_file(page: ProcedurePage, index: int = 0) -> Document:
    """An editor attaches a file to the page's ``index``-th named form."""
    document = Document.objects.create(
        title="Mẫu đơn", file=ContentFile(b"%PDF-1.4 form\n", name="mau-don.pdf")
    )
    data = page.dossier.raw_data
    seen = -1
    for case in data:
        for component in case["value"]["components"]:
            if component["value"]["form_name"]:
                seen += 1
                if seen == index:
                    component["value"]["form_document"] = document.pk
    page.dossier = data
    page.save_revision().publish()
    return document


def api_forms(client, code: str = CODE) -> list[dict]:
    body = client.get(f"/api/v1/procedures/{code}/").json()
    return [c for case in body["dossier"] for c in case["components"] if c["form_name"]]


def test_named_forms_link_to_the_national_portal(client):
    ProcedureImporter().run([record()])
    page = ProcedurePage.objects.get(code=CODE)
    assert named_forms(page), "the record names its forms"

    forms = api_forms(client)

    assert forms and all(not form["form_has_file"] for form in forms)
    assert {form["form_source_url"] for form in forms} == {page.source_url}
    assert page.source_url.startswith("https://dichvucong.gov.vn/")
    assert all(form["form_url"] is None for form in forms)


def test_an_attached_file_is_downloaded_and_survives_a_reimport(client):
    ProcedureImporter().run([record()])
    page = ProcedurePage.objects.get(code=CODE)
    document = attach_file(page)

    changed = copy.deepcopy(record())
    changed["yeu_cau_dieu_kien"] = "Yêu cầu mới của nguồn."
    outcome = ProcedureImporter(force=True).run([changed])

    assert outcome.outcomes[UPDATED] == 1
    page = ProcedurePage.objects.get(code=CODE)
    assert page.requirements == "Yêu cầu mới của nguồn."
    forms = api_forms(client)
    with_file = [form for form in forms if form["form_has_file"]]
    assert len(with_file) == 1
    assert with_file[0]["form_url"].endswith(document.url)
    assert with_file[0]["form_source_url"] is None
    assert all(form["form_source_url"] for form in forms if not form["form_has_file"])
    assert outcome.forms == len(forms) and outcome.forms_with_files == 1


def test_import_summary_counts_forms_with_files(capsys):
    call_command("import_procedures", str(FIXTURE), "--no-progress")
    out = capsys.readouterr().out
    first = re.search(r"Forms named: (\d+), with a file attached: (\d+)", out)
    assert first and int(first.group(1)) > 0 and first.group(2) == "0", out

    attach_file(ProcedurePage.objects.get(code=CODE))
    call_command("import_procedures", str(FIXTURE), "--no-progress")
    out = capsys.readouterr().out
    again = re.search(r"Forms named: (\d+), with a file attached: (\d+)", out)
    assert again and again.group(1) == first.group(1) and again.group(2) == "1", out
