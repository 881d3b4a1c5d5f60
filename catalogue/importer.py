"""Import the national portal's procedure export into the catalogue.

``ProcedureImporter.import_record`` turns one raw record into a published
``ProcedurePage`` (upsert by procedure code). Each record is written in its own
transaction: a record that fails leaves nothing behind and does not stop the
run. A record whose imported content has not changed since the last import is
left alone; a changed record over a page that an editor has edited since the
last import becomes a new draft revision for review, not a published
overwrite, unless ``force`` is set.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone
from django.utils.text import slugify

from core.text import fold_diacritics

from . import bulk, facts, parsing, two_tier
from .bulk import deferred_index_updates
from .models import (
    Agency,
    AgencyRole,
    CatalogueIndexPage,
    Field,
    OnlineLevel,
    ProcedureAgency,
    ProcedurePage,
)

logger = logging.getLogger(__name__)

# Records parsed and, those new to the catalogue, published together.
BATCH_SIZE = 200

# The page's StreamFields.
STREAMS = ("steps", "channels", "dossier", "legal_basis", "results")

# Parts whose parse rate the summary reports.
PARTS = ("steps", "channels", "fees", "dossier_components", "legal_basis", "results")

CREATED, UPDATED, UNCHANGED, HELD, FAILED = (
    "created",
    "updated",
    "unchanged",
    "held for review",
    "failed",
)

ROLE_SOURCES = (
    (AgencyRole.IMPLEMENTING, "implementing"),
    (AgencyRole.COMPETENT, "competent"),
    (AgencyRole.AUTHORISED, "delegated"),
    (AgencyRole.COORDINATING, "coordinating"),
)


@dataclass
class _Prepared:
    """A record parsed and built, not written: its values, or why not."""

    code: str
    values: dict[str, Any] | None = None
    digest: str = ""
    error: str | None = None


@dataclass
class ImportSummary:
    outcomes: Counter = field(default_factory=Counter)
    # Per part: records that had a source value, and those parsed into structure.
    with_source: Counter = field(default_factory=Counter)
    parsed: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Channels with a number, by how the unit was found and which unit:
    # ("stated", "ngày"), ("steps", "ngày làm việc"), ("unknown", "").
    time_units: Counter = field(default_factory=Counter)
    # Fee lines: as parsed, dropped as repeats of another line of the channel,
    # and those whose note only restated the line ("Miễn phí — Miễn phí").
    fee_lines: int = 0
    fee_repeats: int = 0
    fee_notes_restated: int = 0
    # Named forms (mẫu đơn, tờ khai) of the pages written, and those of them
    # with a file an editor attached (kept across re-imports).
    forms: int = 0
    forms_with_files: int = 0
    # Two-tier government (``catalogue.two_tier``): each record whose "Cấp
    # huyện" was mapped, and each district body met, by name (one line each).
    level_mappings: list[two_tier.LevelMapping] = field(default_factory=list)
    district_agencies: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    def share(self, part: str) -> float | None:
        if not self.with_source[part]:
            return None
        return self.parsed[part] / self.with_source[part]


def iter_records(path: str) -> Iterator[dict[str, Any]]:
    """Records of a .jsonl or .jsonl.gz export (see ``parsing.parse_file``)."""
    yield from parsing.parse_file(path)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def page_title(name: str) -> str:
    """The page title: the name, cut at a word boundary to fit 255 characters."""
    if len(name) <= 255:
        return name
    cut = name[:254].rsplit(" ", 1)[0]
    return cut + "…"


def page_slug(code: str, name: str) -> str:
    words = slugify(fold_diacritics(name))[:80].rstrip("-")
    return f"{slugify(code.replace('.', '-'))}-{words}".rstrip("-")


def online_level(parsed: parsing.ParsedProcedure, raw_text: str) -> str:
    """Online service level from the channels (the export has no field for it).

    An online channel means the dossier can be filed online (partial); the
    portal's own wording "toàn trình" marks a fully online procedure.
    """
    if not any(channel.kind == "online" for channel in parsed.channels):
        return OnlineLevel.NONE
    return OnlineLevel.FULL if "toàn trình" in raw_text.lower() else OnlineLevel.PARTIAL


def rich_text(text: str) -> str:
    """Plain text as Wagtail rich text: paragraphs and self-closed line breaks.

    Django's ``linebreaks`` writes ``<br>``; the admin's rich text editor only
    reads ``<br/>`` and fails to open the page otherwise.
    """
    return str(linebreaks_filter(text, autoescape=True)).replace("<br>", "<br/>")


def channel_fees(channel: parsing.Channel) -> list[dict[str, Any]]:
    """A channel's fees as block values, each note cleaned and no line twice."""
    return facts.unique_fees(
        [
            facts.fee_value(
                fee.amount, fee.currency, fee.is_free, fee.label, fee.description
            )
            for fee in channel.fees
        ]
    )


def build_values(parsed: parsing.ParsedProcedure, record: dict) -> dict[str, Any]:
    """The page's imported values as plain JSON-able data."""
    steps = [{"type": "step", "value": rich_text(step.text)} for step in parsed.steps]
    channels = [
        {
            "type": "channel",
            "value": {
                "kind": channel.kind,
                "processing_time": _decimal(channel.processing_time),
                "time_unit": channel.time_unit or "",
                "time_unit_basis": channel.time_unit_basis or "",
                "time_text": channel.time_text or "",
                "fees": channel_fees(channel),
                "description": channel.description or "",
            },
        }
        for channel in parsed.channels
    ]
    cases: dict[str | None, list[dict[str, Any]]] = {}
    for component in parsed.dossier_components:
        cases.setdefault(component.case, []).append(
            {
                "name": component.name,
                "originals": component.originals,
                "copies": component.copies,
                "form_name": "; ".join([*component.form_codes, *component.forms])[:500],
                "form_document": None,
                "notes": component.notes or "",
            }
        )
    dossier = [
        {"type": "case", "value": {"case": (case or "")[:1000], "components": items}}
        for case, items in cases.items()
    ]
    legal_basis = [
        {
            "type": "document",
            "value": {
                "title": document.title,
                "number": (document.number or "")[:120],
                "issued": document.issued.isoformat() if document.issued else "",
                "url": "",
            },
        }
        for document in parsed.legal_basis
    ]
    results = [
        {"type": "result", "value": {"name": result.name, "code": result.code or ""}}
        for result in parsed.results
    ]
    roles = [
        (role.value, name[:500])
        for role, attribute in ROLE_SOURCES
        for name in getattr(parsed.agencies, attribute)
    ]
    return {
        "code": parsed.code,
        "name": parsed.name,
        "field": parsed.field,
        "levels": ",".join(level.slug for level in parsed.levels),
        "procedure_kind": (parsed.procedure_type or "")[:200],
        "applicants": "\n".join(parsed.applicants),
        "reception_address": parsed.reception_address or "",
        "requirements": parsed.requirements or "",
        "related_text": parsed.related_procedures or "",
        "decision_number": (parsed.decision_number or "")[:200],
        "online_level": online_level(parsed, str(record.get("raw_text") or "")),
        "source_url": (parsed.url or "")[:500],
        "steps": steps,
        "channels": channels,
        "dossier": dossier,
        "legal_basis": legal_basis,
        "results": results,
        "agency_roles": roles,
        "import_problems": {
            problem.split(":", 1)[0]: parsed.raw.get(problem.split(":", 1)[0])
            for problem in parsed.problems
        },
    }


def fingerprint(values: dict[str, Any]) -> str:
    canonical = json.dumps(values, sort_keys=True, default=_json_default)
    return hashlib.sha256(canonical.encode()).hexdigest()


class ProcedureImporter:
    """Upserts procedures by code; see the module docstring for the rules."""

    def __init__(self, *, force: bool = False, dry_run: bool = False) -> None:
        self.force = force
        self.dry_run = dry_run
        self.summary = ImportSummary()
        self._root: CatalogueIndexPage | None = None
        self._fields: dict[str, Field] = {}
        self._agencies: dict[str, Agency] = {}
        self._field_slugs: set[str] = set()
        self._snippets_loaded = False

    @property
    def root(self) -> CatalogueIndexPage:
        if self._root is None:
            from .services import ensure_catalogue_root

            self._root = ensure_catalogue_root()
        return self._root

    def run(
        self,
        records: Iterable[Any],
        *,
        progress: Callable[[str], None] | None = None,
    ) -> ImportSummary:
        """Import ``records`` a batch at a time; ``progress`` gets each outcome.

        Wagtail's admin search and reference indexes are brought up to date
        once per page at the end instead of on each of a page's saves.
        """
        with deferred_index_updates():
            batch: list[Any] = []
            for record in records:
                batch.append(record)
                if len(batch) == BATCH_SIZE:
                    self._run_batch(batch, progress)
                    batch = []
            if batch:
                self._run_batch(batch, progress)
        return self.summary

    def _run_batch(
        self, records: list[Any], progress: Callable[[str], None] | None
    ) -> None:
        for outcome in self.import_batch(records):
            if progress is not None:
                progress(outcome)

    def import_record(self, record: Any) -> str:
        """Import one record in its own transaction; returns the outcome."""
        return self._write(self._prepare(record))

    def import_batch(self, records: list[Any]) -> list[str]:
        """Import ``records``: the procedures not in the catalogue yet are
        published together (``bulk.publish_new_pages``, one transaction), the
        others one by one as by ``import_record``. The outcomes are those
        ``import_record`` would give, in the order of ``records``.
        """
        codes = [_record_code(record) for record in records]
        seen: set[str] = set()
        for index, code in enumerate(codes):
            if code is None:
                continue
            if code in seen:
                # A code met again: what its first record writes must be
                # stored before the second is read against it.
                return self.import_batch(records[:index]) + self.import_batch(
                    records[index:]
                )
            seen.add(code)
        with deferred_index_updates():
            stored = dict(
                ProcedurePage.objects.filter(code__in=seen).values_list(
                    "code", "levels"
                )
            )
            prepared = [self._prepare(record, stored) for record in records]
            new = [
                item
                for item in prepared
                if item.values is not None and item.code not in stored
            ]
            settled = self._create_together(new) if new and not self.dry_run else {}
            return [settled.get(id(item)) or self._write(item) for item in prepared]

    def _prepare(
        self, record: Any, stored_levels: dict[str, str] | None = None
    ) -> _Prepared:
        """Parse and build a record's values (no writes)."""
        parsed = parsing.parse_record(record)
        code = parsed.code or "?"
        self._count_parts(parsed)
        if not parsed.code or not parsed.name:
            return _Prepared(code, error="record has no procedure code or name")
        for problem in parsed.problems:
            self.summary.problems.append((code, problem))
        try:
            values = build_values(parsed, record)
            values["levels"] = self._current_levels(
                parsed, values["levels"], stored_levels
            )
            self._note_district_bodies(values["agency_roles"])
            return _Prepared(code, values=values, digest=fingerprint(values))
        except (ValidationError, ValueError, TypeError, KeyError) as exc:
            return _Prepared(code, error=f"{type(exc).__name__}: {exc}")

    def _write(self, item: _Prepared) -> str:
        """Write one prepared record in its own transaction."""
        if item.values is None:
            return self._fail(item.code, item.error or "")
        try:
            with transaction.atomic():
                outcome = self._upsert(item.values, item.digest)
                if self.dry_run:
                    transaction.set_rollback(True)
        except (DatabaseError, ValidationError, ValueError, TypeError, KeyError) as exc:
            return self._fail(item.code, f"{type(exc).__name__}: {exc}")
        # Cached snippets created inside a rolled-back transaction are gone.
        if self.dry_run:
            self._fields.clear()
            self._agencies.clear()
        self.summary.outcomes[outcome] += 1
        return outcome

    def _create_together(self, items: list[_Prepared]) -> dict[int, str]:
        """Publish new procedures together; the outcome of each item settled
        (by ``id()``).

        Each page is validated as Wagtail's save would (its fields; its slug
        free among its siblings): an invalid one fails alone, the others are
        written in one transaction. Should that transaction fail, nothing of
        it stays and none is settled: the caller writes them one by one.
        """
        failed: list[tuple[_Prepared, str]] = []
        pages: list[ProcedurePage] = []
        kept: list[_Prepared] = []
        try:
            with transaction.atomic():
                self._load_snippets()
                self._create_snippets([item.values for item in items])
                slugs = set(self.root.get_children().values_list("slug", flat=True))
                for item in items:
                    page = self._new_page(item.values)
                    self._apply(page, item.values, item.digest)
                    page.refresh_derived()
                    if not page.name:
                        page.name = page.title
                    # Each stream read as blocks, as a save through Wagtail
                    # leaves it (list items stored with their ids).
                    for name in STREAMS:
                        list(getattr(page, name))
                    error = _page_errors(page, slugs)
                    if error:
                        failed.append((item, error))
                        continue
                    slugs.add(page.slug)
                    # No comments, life events or related procedures yet,
                    # said in memory: the revision then asks no queries.
                    page.wagtail_admin_comments = []
                    page.life_events = []
                    page.related_procedures = []
                    pages.append(page)
                    kept.append(item)
                bulk.publish_new_pages(self.root, pages)
        except (DatabaseError, ValidationError, ValueError, TypeError, KeyError):
            logger.warning(
                "Publishing %d procedures together failed; one by one instead",
                len(items),
                exc_info=True,
            )
            self._fields.clear()
            self._agencies.clear()
            self._snippets_loaded = False
            return {}
        for item, error in failed:
            self._fail(item.code, error)
        for page in pages:
            self._count_forms(page)
        self.summary.outcomes[CREATED] += len(pages)
        settled = {id(item): CREATED for item in kept}
        settled.update({id(item): FAILED for item, _error in failed})
        return settled

    def _new_page(self, values: dict[str, Any]) -> ProcedurePage:
        return ProcedurePage(
            slug=page_slug(values["code"], values["name"]),
            live=False,
            # The online filing pilot opens on creation only: editors own
            # the flag afterwards, a re-import never touches it.
            online_filing=values["code"] in settings.PORTAL_ONLINE_FILING_PILOT,
        )

    def _load_snippets(self) -> None:
        """Every field and agency in memory, once a run (the import's own
        are added as it creates them)."""
        if self._snippets_loaded:
            return
        self._fields = {field.name: field for field in Field.objects.all()}
        self._agencies = {a.normalised_name: a for a in Agency.objects.all()}
        self._field_slugs = set(Field.objects.values_list("slug", flat=True))
        self._snippets_loaded = True

    def _create_snippets(self, all_values: list[dict[str, Any]]) -> None:
        """The fields and agencies ``all_values`` name and the catalogue has
        not, created together (``save()``'s defaults, its signals sent)."""
        fields: dict[str, Field] = {}
        agencies: dict[str, Agency] = {}
        for values in all_values:
            name = values["field"]
            if name and name not in self._fields and name not in fields:
                slug = _free_slug(fold_diacritics(name), self._field_slugs)
                self._field_slugs.add(slug)
                fields[name] = Field(name=name, slug=slug)
            for _role, agency_name in values["agency_roles"]:
                key = parsing.normalise_agency_name(agency_name)
                if key not in self._agencies and key not in agencies:
                    historical = two_tier.is_district_body(agency_name)
                    agencies[key] = Agency(
                        name=agency_name,
                        normalised_name=key,
                        level=two_tier.DISTRICT if historical else "",
                    )
        for model, created in ((Field, fields), (Agency, agencies)):
            if not created:
                continue
            model.objects.bulk_create(created.values(), batch_size=bulk.BATCH_SIZE)
            for instance in created.values():
                post_save.send(
                    sender=model,
                    instance=instance,
                    created=True,
                    update_fields=None,
                    raw=False,
                    using=instance._state.db,
                )
        self._fields.update(fields)
        self._agencies.update(agencies)

    def _current_levels(
        self,
        parsed: parsing.ParsedProcedure,
        levels: str,
        stored_levels: dict[str, str] | None = None,
    ) -> str:
        """``levels`` with a district level mapped (``docs/legal.md`` §4.3);
        ``stored_levels``: the stored pages' levels by code, if known."""
        slugs = [slug for slug in levels.split(",") if slug]
        if two_tier.DISTRICT not in slugs:
            return levels
        if stored_levels is not None:
            stored = stored_levels.get(parsed.code or "")
        else:
            stored = (
                ProcedurePage.objects.filter(code=parsed.code)
                .values_list("levels", flat=True)
                .first()
            )
        mapped, mapping = two_tier.map_levels(
            parsed.code or "?",
            slugs,
            agencies=[*parsed.agencies.implementing, *parsed.agencies.competent],
            current=[slug for slug in (stored or "").split(",") if slug],
        )
        if mapping is not None:
            self.summary.level_mappings.append(mapping)
        return ",".join(mapped)

    def _note_district_bodies(self, roles: list[tuple[str, str]]) -> None:
        for _role, name in roles:
            if two_tier.is_district_body(name):
                key = parsing.normalise_agency_name(name)
                self.summary.district_agencies.setdefault(
                    key, two_tier.agency_line(name)
                )

    def _fail(self, code: str, message: str) -> str:
        self.summary.outcomes[FAILED] += 1
        self.summary.failures.append((code, message))
        return FAILED

    def _count_parts(self, parsed: parsing.ParsedProcedure) -> None:
        for channel in parsed.channels:
            kept = channel_fees(channel)
            self.summary.fee_lines += len(channel.fees)
            self.summary.fee_repeats += len(channel.fees) - len(kept)
            self.summary.fee_notes_restated += sum(
                1
                for fee in channel.fees
                if (fee.description or fee.text)
                and not any(
                    facts.fee_value(
                        fee.amount,
                        fee.currency,
                        fee.is_free,
                        fee.label,
                        fee.description,
                    )[part]
                    for part in ("description", "exemptions")
                )
            )
        for channel in parsed.channels:
            if channel.processing_time is not None:
                basis = channel.time_unit_basis or "unknown"
                self.summary.time_units[basis, channel.time_unit or ""] += 1
        for part in PARTS:
            state = parsed.status.get(part)
            if state in (parsing.PARSED, parsing.FAILED):
                self.summary.with_source[part] += 1
            if state == parsing.PARSED:
                self.summary.parsed[part] += 1

    def _field(self, name: str | None) -> Field | None:
        if not name:
            return None
        if name not in self._fields:
            found = Field.objects.filter(name=name).first()
            if found is None:
                slug = _unique_slug(Field, fold_diacritics(name))
                found = Field.objects.create(name=name, slug=slug)
            self._fields[name] = found
        return self._fields[name]

    def _agency(self, name: str) -> Agency:
        key = parsing.normalise_agency_name(name)
        if key not in self._agencies:
            found = Agency.objects.filter(normalised_name=key).first()
            historical = two_tier.is_district_body(name)
            if found is None:
                # A district body is kept as a historical agency: its
                # procedures still name it, no filter or list offers it.
                found = Agency.objects.create(
                    name=name, level=two_tier.DISTRICT if historical else ""
                )
            elif historical and found.level != two_tier.DISTRICT:
                found.level = two_tier.DISTRICT
                found.save(update_fields=["level"])
            self._agencies[key] = found
        return self._agencies[key]

    def _upsert(self, values: dict[str, Any], digest: str) -> str:
        existing = (
            ProcedurePage.objects.filter(code=values["code"])
            .select_related("latest_revision")
            .first()
        )
        if existing is not None and digest in self._known_fingerprints(existing):
            self._count_forms(existing)
            return UNCHANGED
        # Decide before applying: the latest revision object may be ``existing``
        # itself (Wagtail returns the live row when there is no draft).
        edited = existing is not None and self._edited_since_import(existing)
        if existing is None:
            # Created as a draft and then published, as Wagtail's own create
            # view does: the full validation runs on the revision, not also on
            # the first insert (all inside this record's transaction).
            page = ProcedurePage(
                slug=page_slug(values["code"], values["name"]),
                live=False,
                # The online filing pilot opens on creation only: editors own
                # the flag afterwards, a re-import never touches it.
                online_filing=values["code"] in settings.PORTAL_ONLINE_FILING_PILOT,
            )
        else:
            page = existing.get_latest_revision_as_object()
        self._apply(page, values, digest)
        self._count_forms(page)
        if existing is None:
            self.root.add_child(instance=page)
            page.save_revision().publish()
            return CREATED
        revision = page.save_revision(clean=False)
        if edited and not self.force:
            # Keep the editor's live version; the import waits as a draft.
            return HELD
        revision.publish()
        return UPDATED

    @staticmethod
    def _known_fingerprints(page: ProcedurePage) -> set[str]:
        """The live import and the newest draft (an import held for review)."""
        known = {page.import_fingerprint}
        if page.latest_revision is not None:
            known.add(page.latest_revision.content.get("import_fingerprint", ""))
        return known

    @staticmethod
    def _edited_since_import(page: ProcedurePage) -> bool:
        """Has a person saved a revision since the import that went live?"""
        edits = page.revisions.filter(user__isnull=False)
        if page.imported_at is not None:
            edits = edits.filter(created_at__gt=page.imported_at)
        return edits.exists()

    def _apply(self, page: ProcedurePage, values: dict[str, Any], digest: str) -> None:
        # The files editors attached to the page's forms survive the import.
        dossier = _keep_form_files(page, values["dossier"]) if page.pk else None
        page.title = page_title(values["name"])
        page.draft_title = page.title
        for name in (
            "code",
            "name",
            "levels",
            "procedure_kind",
            "applicants",
            "reception_address",
            "requirements",
            "related_text",
            "decision_number",
            "online_level",
            "source_url",
            "steps",
            "channels",
            "dossier",
            "legal_basis",
            "results",
            "import_problems",
        ):
            setattr(page, name, values[name])
        if dossier is not None:
            page.dossier = dossier
        page.field = self._field(values["field"])
        page.agency_roles = [
            ProcedureAgency(agency=self._agency(name), role=role, sort_order=index)
            for index, (role, name) in enumerate(_unique_roles(values["agency_roles"]))
        ]
        page.import_fingerprint = digest
        page.imported_at = timezone.now()

    def _count_forms(self, page: ProcedurePage) -> None:
        for block in page.dossier:
            for component in block.value["components"]:
                if component.get("form_name") or component.get("form_document"):
                    self.summary.forms += 1
                    if component.get("form_document") is not None:
                        self.summary.forms_with_files += 1


def _keep_form_files(page: ProcedurePage, dossier: list[dict]) -> list[dict]:
    """The imported dossier with the files editors attached to its forms.

    The export names forms but has no files; an editor attaches one as a
    Wagtail document on the form's item. A re-import keeps it on the item
    with the same form name (or, without one, the same paper name).
    """
    files: dict[tuple[str, str], int] = {}
    for block in page.dossier:
        for component in block.value["components"]:
            document = component.get("form_document")
            if document is not None:
                key = ("form", component.get("form_name") or "")
                if not key[1]:
                    key = ("name", component.get("name") or "")
                files.setdefault(key, document.pk)
    if not files:
        return dossier
    kept = copy.deepcopy(dossier)
    for case in kept:
        for component in case["value"]["components"]:
            key = ("form", component["form_name"])
            if not component["form_name"]:
                key = ("name", component["name"])
            component["form_document"] = files.get(key)
    return kept


def _unique_roles(roles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for role, name in roles:
        key = (role, parsing.normalise_agency_name(name))
        if key not in seen:
            seen.add(key)
            unique.append((role, name))
    return unique


def _record_code(record: Any) -> str | None:
    """A raw record's procedure code as the parser reads it, if any."""
    if not isinstance(record, Mapping):
        return None
    code = record.get("ma_thu_tuc")
    return parsing.clean_text(code) if isinstance(code, str | int | float) else None


def _page_errors(page: ProcedurePage, sibling_slugs: set[str]) -> str | None:
    """Why Wagtail's save would refuse the new ``page``, or None.

    The fields are checked as ``full_clean()`` checks them; the relations
    (set by the importer to rows it has) and the code (not in the catalogue,
    once in the batch) need no query, the slug is checked against its
    siblings' in memory.
    """
    # The tree's columns are set when the page is written (publish_new_pages).
    unset = ["path", "depth", "numchild", "url_path"]
    relations = [f.name for f in ProcedurePage._meta.fields if f.is_relation]
    try:
        page.clean_fields(exclude=[*relations, *unset])
    except ValidationError as exc:
        return f"ValidationError: {exc}"
    if page.slug in sibling_slugs:
        return f"ValidationError: the slug '{page.slug}' is already in use"
    return None


def _free_slug(text: str, taken: set[str]) -> str:
    base = slugify(text)[:280] or "linh-vuc"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _unique_slug(model, text: str) -> str:
    base = slugify(text)[:280] or "linh-vuc"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
