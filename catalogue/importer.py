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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone
from django.utils.text import slugify

from core.text import fold_diacritics

from . import facts, parsing, two_tier
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

    @property
    def root(self) -> CatalogueIndexPage:
        if self._root is None:
            from .services import ensure_catalogue_root

            self._root = ensure_catalogue_root()
        return self._root

    def run(self, records: Iterable[Any]) -> ImportSummary:
        # Wagtail's admin search and reference indexes are brought up to date
        # once per page at the end instead of on each of a page's saves.
        with deferred_index_updates():
            for record in records:
                self.import_record(record)
        return self.summary

    def import_record(self, record: Any) -> str:
        parsed = parsing.parse_record(record)
        code = parsed.code or "?"
        self._count_parts(parsed)
        if not parsed.code or not parsed.name:
            return self._fail(code, "record has no procedure code or name")
        for problem in parsed.problems:
            self.summary.problems.append((code, problem))
        try:
            values = build_values(parsed, record)
            values["levels"] = self._current_levels(parsed, values["levels"])
            self._note_district_bodies(values["agency_roles"])
            digest = fingerprint(values)
            with transaction.atomic():
                outcome = self._upsert(values, digest)
                if self.dry_run:
                    transaction.set_rollback(True)
        except (DatabaseError, ValidationError, ValueError, TypeError, KeyError) as exc:
            return self._fail(code, f"{type(exc).__name__}: {exc}")
        # Cached snippets created inside a rolled-back transaction are gone.
        if self.dry_run:
            self._fields.clear()
            self._agencies.clear()
        self.summary.outcomes[outcome] += 1
        return outcome

    def _current_levels(self, parsed: parsing.ParsedProcedure, levels: str) -> str:
        """``levels`` with a district level mapped (``docs/legal.md`` §4.3)."""
        slugs = [slug for slug in levels.split(",") if slug]
        if two_tier.DISTRICT not in slugs:
            return levels
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


def _unique_slug(model, text: str) -> str:
    base = slugify(text)[:280] or "linh-vuc"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
