"""The curated life events: the committed file, loading, idempotency, the API."""

from __future__ import annotations

import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from catalogue import parsing
from catalogue.importer import ProcedureImporter
from catalogue.life_events import (
    CREATED,
    DEFAULT_PATH,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    LifeEventFileError,
    load_life_events,
    read_life_events,
)
from catalogue.models import LifeEvent, ProcedurePage
from tests.catalogue.factories import ProcedurePageFactory

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"


def bundle_records() -> list[dict]:
    with gzip.open(BUNDLE, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write(tmp_path: Path, events: list[dict], name: str = "events.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"life_events": events}, ensure_ascii=False))
    return path


def event(slug: str, name: str, codes: list[str], **extra) -> dict:
    return {
        "slug": slug,
        "name": name,
        "description": f"Mô tả {name}.",
        "sort_order": extra.pop("sort_order", 10),
        "procedures": codes,
        **extra,
    }


def linked_codes(slug: str) -> set[str]:
    return set(
        LifeEvent.objects.get(slug=slug).procedures.values_list("code", flat=True)
    )


# The committed file (no services needed) --------------------------------------


def test_every_committed_code_is_a_procedure_of_the_bundle():
    # The codes as the importer stores them (parsed), and only records the
    # importer accepts (a code and a name).
    parsed = (parsing.parse_record(record) for record in bundle_records())
    bundle = {p.code for p in parsed if p.code and p.name}
    assert len(bundle) > 400

    specs = read_life_events(DEFAULT_PATH)
    missing = {
        spec.slug: [code for code in spec.codes if code not in bundle] for spec in specs
    }
    assert {slug: codes for slug, codes in missing.items() if codes} == {}


def test_committed_file_is_curated_and_well_formed():
    raw = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["life_events"]
    specs = read_life_events(DEFAULT_PATH)

    assert len(specs) >= 10
    for item, spec in zip(raw, specs, strict=True):
        # Written by hand: no duplicates, between 3 and 12 procedures each.
        assert len(item["procedures"]) == len(set(item["procedures"])), spec.slug
        assert 3 <= len(spec.codes) <= 12, spec.slug
        # One Vietnamese sentence.
        assert spec.description.endswith("."), spec.slug
        assert spec.description.count(". ") == 0, spec.slug
        assert spec.slug == spec.slug.lower() and " " not in spec.slug
    assert len({spec.sort_order for spec in specs}) == len(specs)
    slugs = {spec.slug for spec in specs}
    assert {"sinh-con", "ket-hon", "nguoi-than-qua-doi", "khoi-su-kinh-doanh"} <= slugs


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"events": []}', "expected"),
        ('{"life_events": [{"slug": "a"}]}', "has no name"),
        (
            '{"life_events": [{"slug": "a", "name": "A", "procedures": "1.0"}]}',
            "list of codes",
        ),
        (
            '{"life_events": [{"slug": "a", "name": "A"}, {"slug": "a", "name": "B"}]}',
            "repeated",
        ),
    ],
)
def test_malformed_file_is_refused(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(LifeEventFileError, match=message):
        read_life_events(path)


# Loading (PostgreSQL) ---------------------------------------------------------


@pytest.fixture
def pages():
    return {
        code: ProcedurePageFactory(code=code, title=f"Thủ tục {code}")
        for code in ("1.001193", "2.000986", "1.000656", "1.000894")
    }


@pytest.mark.django_db
@pytest.mark.postgres
def test_loading_creates_events_and_links_procedures(tmp_path, pages):
    path = write(
        tmp_path,
        [
            event("sinh-con", "Sinh con", ["1.001193", "2.000986"], sort_order=10),
            event("ket-hon", "Kết hôn", ["1.000894", "9.999999"], sort_order=20),
        ],
    )

    summary = load_life_events(path)

    assert summary.events == {"sinh-con": CREATED, "ket-hon": CREATED}
    assert summary.links_added == 3
    assert summary.unknown_codes == {"ket-hon": ["9.999999"]}
    assert linked_codes("sinh-con") == {"1.001193", "2.000986"}
    assert linked_codes("ket-hon") == {"1.000894"}
    birth = LifeEvent.objects.get(slug="sinh-con")
    assert (birth.name, birth.description, birth.sort_order) == (
        "Sinh con",
        "Mô tả Sinh con.",
        10,
    )


@pytest.mark.django_db
@pytest.mark.postgres
def test_second_run_changes_nothing_and_no_page_is_revised(tmp_path, pages):
    path = write(
        tmp_path,
        [
            event("sinh-con", "Sinh con", ["1.001193", "2.000986"]),
            event("qua-doi", "Người thân qua đời", ["1.000656"], sort_order=20),
        ],
    )
    before = {
        page.pk: (page.live, page.last_published_at, page.latest_revision_id)
        for page in ProcedurePage.objects.all()
    }
    revisions = Revision.objects.count()

    first = load_life_events(path)
    second = load_life_events(path)

    assert first.links_added == 3
    assert second.events == {"sinh-con": UNCHANGED, "qua-doi": UNCHANGED}
    assert (second.links_added, second.links_present) == (0, 3)
    assert not second.changed
    # Neither run wrote a revision, published or unpublished anything.
    assert Revision.objects.count() == revisions
    after = {
        page.pk: (page.live, page.last_published_at, page.latest_revision_id)
        for page in ProcedurePage.objects.all()
    }
    assert after == before
    assert ProcedurePage.life_events.through.objects.count() == 3
    assert LifeEvent.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.postgres
def test_upsert_by_slug_updates_and_keeps_editors_links(tmp_path, pages):
    load_life_events(write(tmp_path, [event("sinh-con", "Sinh con", ["1.001193"])]))
    # An editor links one more procedure in the admin.
    extra = pages["1.000656"]
    extra.life_events.add(LifeEvent.objects.get(slug="sinh-con"))
    extra.save_revision().publish()

    summary = load_life_events(
        write(
            tmp_path,
            [event("sinh-con", "Sinh con, có con nhỏ", ["1.001193", "2.000986"])],
            name="v2.json",
        )
    )

    assert summary.events == {"sinh-con": UPDATED}
    assert summary.links_added == 1
    assert LifeEvent.objects.get(slug="sinh-con").name == "Sinh con, có con nhỏ"
    assert linked_codes("sinh-con") == {"1.001193", "2.000986", "1.000656"}


@pytest.mark.django_db
@pytest.mark.postgres
def test_name_taken_by_another_slug_is_reported_not_fatal(tmp_path, pages):
    LifeEvent.objects.create(name="Kết hôn", slug="dang-ky-ket-hon")

    summary = load_life_events(
        write(
            tmp_path,
            [
                event("ket-hon", "Kết hôn", ["1.000894"]),
                event("sinh-con", "Sinh con", ["1.001193"], sort_order=20),
            ],
        )
    )

    assert summary.events == {"ket-hon": SKIPPED, "sinh-con": CREATED}
    assert "dang-ky-ket-hon" in summary.conflicts["ket-hon"]
    assert linked_codes("sinh-con") == {"1.001193"}
    assert linked_codes("dang-ky-ket-hon") == set()


@pytest.mark.django_db
@pytest.mark.postgres
def test_a_pending_draft_keeps_the_links_when_published(tmp_path, pages):
    page = pages["1.001193"]
    draft = ProcedurePage.objects.get(pk=page.pk)
    draft.requirements = "Bản nháp của biên tập viên"
    draft.save_revision()
    revisions = Revision.objects.count()

    summary = load_life_events(
        write(tmp_path, [event("sinh-con", "Sinh con", ["1.001193", "2.000986"])])
    )

    assert summary.drafts_updated == 1
    assert Revision.objects.count() == revisions
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert page.requirements == ""  # the live version is untouched
    # The editor publishes the draft later: the links are still there.
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.requirements == "Bản nháp của biên tập viên"
    assert linked_codes("sinh-con") == {"1.001193", "2.000986"}
    # And a rerun finds nothing to do.
    again = load_life_events(
        write(tmp_path, [event("sinh-con", "Sinh con", ["1.001193", "2.000986"])])
    )
    assert not again.changed


@pytest.mark.django_db
@pytest.mark.postgres
def test_api_lists_the_events_with_their_procedures(client, tmp_path, pages):
    draft = ProcedurePageFactory(code="1.004873", title="Bản nháp", live=False)
    path = write(
        tmp_path,
        [
            event("sinh-con", "Sinh con", ["1.001193", "2.000986"], sort_order=10),
            event("ket-hon", "Kết hôn", [draft.code, "1.000894"], sort_order=20),
        ],
    )
    # A client read the list before the load: its validator must not get a
    # 304 for the old (empty) answer afterwards.
    before = client.get("/api/v1/life-events/")
    assert before.json() == []

    load_life_events(path)

    response = client.get("/api/v1/life-events/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert response.status_code == 200
    listed = [(e["slug"], e["procedure_count"]) for e in response.json()]
    # Ordered by sort_order; only live procedures are counted.
    assert listed == [("sinh-con", 2), ("ket-hon", 1)]
    detail = client.get("/api/v1/life-events/sinh-con/").json()
    assert detail["name"] == "Sinh con"
    assert detail["description"] == "Mô tả Sinh con."

    procedures = client.get("/api/v1/procedures/?life_event=sinh-con").json()
    assert {p["code"] for p in procedures["results"]} == {"1.001193", "2.000986"}
    married = client.get("/api/v1/procedures/?life_event=ket-hon").json()
    assert {p["code"] for p in married["results"]} == {"1.000894"}
    page = client.get("/api/v1/procedures/1.001193/").json()
    assert [e["slug"] for e in page["life_events"]] == ["sinh-con"]


@pytest.mark.django_db
@pytest.mark.postgres
def test_command_loads_the_committed_file_over_imported_procedures():
    # The real records of two events, imported as `setup_demo` does.
    specs = {spec.slug: spec for spec in read_life_events(DEFAULT_PATH)}
    wanted = set(specs["sinh-con"].codes) | set(specs["ket-hon"].codes)
    records = [r for r in bundle_records() if r["ma_thu_tuc"].strip() in wanted]
    assert len(records) == len(wanted)
    ProcedureImporter().run(records)
    revisions = Revision.objects.count()

    out = StringIO()
    call_command("load_life_events", stdout=out)

    output = out.getvalue()
    total = len(specs)
    # Every event is created; each listed code that was imported is linked
    # (also in other events that share a procedure with these two).
    links = sum(code in wanted for spec in specs.values() for code in spec.codes)
    assert f"Life events: {total} created, 0 updated, 0 unchanged." in output
    assert f"Procedure links: {links} added, 0 already present." in output
    assert "not in the catalogue, not linked" in output
    assert "  khoi-su-kinh-doanh: 1.001612" in output
    assert linked_codes("sinh-con") == set(specs["sinh-con"].codes)
    assert linked_codes("ket-hon") == set(specs["ket-hon"].codes)
    assert Revision.objects.count() == revisions

    out = StringIO()
    call_command("load_life_events", stdout=out)
    assert f"0 created, 0 updated, {total} unchanged." in out.getvalue()
    assert "Procedure links: 0 added" in out.getvalue()


def test_command_refuses_a_missing_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_life_events", str(tmp_path / "none.json"))
