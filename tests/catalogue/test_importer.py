"""The importer on real records: structure, idempotency, editors' edits, failures."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Revision

from catalogue.importer import (
    CREATED,
    FAILED,
    HELD,
    UNCHANGED,
    UPDATED,
    ProcedureImporter,
)
from catalogue.models import Agency, Field, ProcedurePage

FIXTURE = Path(__file__).parent / "fixtures" / "records.jsonl"

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def records() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text().splitlines() if line]


def record(code: str) -> dict:
    return next(r for r in records() if r["ma_thu_tuc"] == code)


def test_fixture_imports_into_structured_pages():
    summary = ProcedureImporter().run(records())

    assert summary.outcomes[CREATED] == len(records())
    assert summary.outcomes[FAILED] == 0
    page = ProcedurePage.objects.live().get(code="1.001193")
    assert page.name == "Thủ tục đăng ký khai sinh"
    assert page.field.name == "Hộ tịch"
    assert page.level_list == ["xa"]
    kinds = [block.value["kind"] for block in page.channels]
    assert sorted(kinds) == ["direct", "online", "postal"]
    for channel in page.channels:
        assert [fee["is_free"] for fee in channel.value["fees"]] == [True]
    assert page.has_fee is False
    numbers = [block.value["number"] for block in page.legal_basis]
    assert "123/2015/NĐ-CP" in numbers and "60/2014/QH13" in numbers
    results = [(b.value["name"], b.value["code"]) for b in page.results]
    assert results == [("Giấy khai sinh", "KQ.G15.000031")]
    cases = {block.value["case"]: block.value["components"] for block in page.dossier}
    assert "Giấy tờ phải nộp" in cases
    birth_certificate = next(
        c for c in cases["Giấy tờ phải nộp"] if c["name"].startswith("Giấy chứng sinh")
    )
    assert (birth_certificate["originals"], birth_certificate["copies"]) == (1, 0)


def test_second_run_changes_nothing():
    ProcedureImporter().run(records())
    revisions = Revision.objects.count()

    summary = ProcedureImporter().run(records())

    assert summary.outcomes[UNCHANGED] == len(records())
    assert Revision.objects.count() == revisions


def test_changed_record_publishes_a_new_revision():
    ProcedureImporter().run([record("1.001193")])
    changed = copy.deepcopy(record("1.001193"))
    changed["ten_thu_tuc"] = "Thủ tục đăng ký khai sinh (sửa đổi)"

    outcome = ProcedureImporter().import_record(changed)

    assert outcome == UPDATED
    page = ProcedurePage.objects.get(code="1.001193")
    assert page.name == "Thủ tục đăng ký khai sinh (sửa đổi)"
    assert page.revisions.count() == 2


def test_editor_edit_is_not_overwritten_without_force():
    ProcedureImporter().run([record("1.001193")])
    editor = get_user_model().objects.create_user("editor", password="x")
    page = ProcedurePage.objects.get(code="1.001193")
    page.requirements = "Yêu cầu do biên tập viên cập nhật."
    page.save_revision(user=editor).publish()
    changed = copy.deepcopy(record("1.001193"))
    changed["ten_thu_tuc"] = "Tên mới từ Cổng quốc gia"

    assert ProcedureImporter().import_record(changed) == HELD
    page.refresh_from_db()
    assert page.requirements == "Yêu cầu do biên tập viên cập nhật."
    assert page.name == "Thủ tục đăng ký khai sinh"
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.name == "Tên mới từ Cổng quốc gia"
    # Running the same import again does not pile up drafts.
    assert ProcedureImporter().import_record(changed) == UNCHANGED

    assert (
        ProcedureImporter(force=True).import_record(
            {**changed, "ten_thu_tuc": "Tên mới lần hai"}
        )
        == UPDATED
    )
    page.refresh_from_db()
    assert page.name == "Tên mới lần hai"


def test_dry_run_writes_nothing():
    summary = ProcedureImporter(dry_run=True).run(records())

    assert summary.outcomes[CREATED] == len(records())
    assert ProcedurePage.objects.count() == 0
    assert Agency.objects.count() == 0
    assert Field.objects.count() == 0


def test_bad_record_fails_alone_and_leaves_nothing():
    garbage = {"ma_thu_tuc": None, "ten_thu_tuc": ["not", "text"], "raw_text": 42}
    too_long_code = {**record("1.001193"), "ma_thu_tuc": "9." + "1" * 60}
    good = record("1.000889")

    summary = ProcedureImporter().run([garbage, too_long_code, good])

    assert summary.outcomes[FAILED] == 2
    assert summary.outcomes[CREATED] == 1
    assert list(ProcedurePage.objects.values_list("code", flat=True)) == ["1.000889"]


def test_agencies_are_deduplicated_by_normalised_name():
    first = copy.deepcopy(record("1.000889"))
    second = copy.deepcopy(record("1.001010"))
    first["co_quan_thuc_hien"] = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    second["co_quan_thuc_hien"] = "cục cảnh sát quản lý hành chính về trật tự xã hội."

    ProcedureImporter().run([first, second])

    assert Agency.objects.filter(name__icontains="trật tự xã hội").count() == 1


def test_command_reports_summary(tmp_path, capsys):
    call_command("import_procedures", str(FIXTURE), "--no-progress")

    out = capsys.readouterr().out
    assert f"created           {len(records())}" in out
    assert "channels" in out and "legal_basis" in out
    # 1.001193's bare "1" takes its unit from the steps ("trong ngày làm việc")
    assert re.search(r"steps +\d+  \(ngày làm việc \d+", out), out
    assert re.search(r"unknown +\d+  \(— \d+\)", out), out
    # 1.001193's three "Miễn phí" lines had the note "Miễn phí" again
    restated = re.search(r"Fee lines: (\d+), 0 repeats dropped, (\d+) notes", out)
    assert restated and int(restated.group(2)) >= 3, out


def test_command_refuses_a_missing_file():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such file"):
        call_command("import_procedures", "/nonexistent/file.jsonl")
