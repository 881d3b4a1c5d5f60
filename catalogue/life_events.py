"""The curated life events (sự kiện) and the procedures each one groups.

The list is a committed data file, ``catalogue/fixtures/life-events.json``:
each event has a slug, a name, a one-sentence description, a sort order and
the codes of the procedures a citizen living that event needs, chosen by hand
from the bundled catalogue (nothing is matched by keyword here).

``load_life_events()`` upserts the events by slug and links the listed
procedures. It is idempotent: a second run writes nothing. Links are only ever
added (an editor's own links in the admin are kept), and a code that is not in
the catalogue is reported, not fatal.

``ProcedurePage.life_events`` is a ``ParentalManyToManyField``: saving it the
usual way means a new revision and a publish of every page. Instead the rows of
the relation's table are written directly, which is what the public API reads
(``services.procedure_detail_queryset``, ``life_events_with_counts`` and the
``life_event`` filter all query that table on live pages). Wagtail edits a page
without unpublished changes from that live row, so the links survive the next
edit; a page that has a pending draft (or a scheduled revision) gets the new
links added to that revision's content too, so publishing the draft keeps
them. No revision is created and nothing is published or unpublished.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from wagtail.models import Revision

from . import services
from .models import LifeEvent, ProcedurePage

DEFAULT_PATH = Path(__file__).resolve().parent / "fixtures" / "life-events.json"

CREATED, UPDATED, UNCHANGED, SKIPPED = "created", "updated", "unchanged", "skipped"


class LifeEventFileError(ValueError):
    """The data file is missing, not JSON, or not shaped as expected."""


@dataclass(frozen=True)
class LifeEventSpec:
    slug: str
    name: str
    description: str
    sort_order: int
    codes: tuple[str, ...]


@dataclass
class LoadSummary:
    # slug -> created / updated / unchanged / skipped
    events: dict[str, str] = field(default_factory=dict)
    links_added: int = 0
    links_present: int = 0
    # slug -> codes of the file that no procedure in the catalogue has
    unknown_codes: dict[str, list[str]] = field(default_factory=dict)
    # slug -> why the event was not written
    conflicts: dict[str, str] = field(default_factory=dict)
    # pending (unpublished) revisions whose content got the new links
    drafts_updated: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for value in self.events.values() if value == outcome)

    @property
    def unknown_total(self) -> int:
        return sum(len(codes) for codes in self.unknown_codes.values())

    @property
    def changed(self) -> bool:
        return bool(
            self.count(CREATED)
            or self.count(UPDATED)
            or self.links_added
            or self.drafts_updated
        )


def read_life_events(path: str | Path = DEFAULT_PATH) -> list[LifeEventSpec]:
    """The events of a data file, validated; ``LifeEventFileError`` otherwise."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LifeEventFileError(f"Cannot read {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise LifeEventFileError(f"{path} is not valid JSON: {exc}") from exc
    items = data.get("life_events") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LifeEventFileError(f'{path}: expected {{"life_events": [...]}}')
    specs: list[LifeEventSpec] = []
    slugs: set[str] = set()
    names: set[str] = set()
    for number, item in enumerate(items, start=1):
        specs.append(_spec(item, f"{path.name}: life event #{number}"))
        spec = specs[-1]
        if spec.slug in slugs:
            raise LifeEventFileError(f"{path.name}: slug {spec.slug!r} is repeated")
        if spec.name in names:
            raise LifeEventFileError(f"{path.name}: name {spec.name!r} is repeated")
        slugs.add(spec.slug)
        names.add(spec.name)
    return specs


def _spec(item: Any, where: str) -> LifeEventSpec:
    if not isinstance(item, dict):
        raise LifeEventFileError(f"{where} is not an object")
    for key in ("slug", "name"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise LifeEventFileError(f"{where} has no {key}")
    description = item.get("description", "")
    sort_order = item.get("sort_order", 0)
    codes = item.get("procedures", [])
    if not isinstance(description, str):
        raise LifeEventFileError(f"{where}: description must be text")
    if not isinstance(sort_order, int) or isinstance(sort_order, bool):
        raise LifeEventFileError(f"{where}: sort_order must be a whole number")
    if not (0 <= sort_order <= 32767):
        raise LifeEventFileError(f"{where}: sort_order out of range")
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise LifeEventFileError(f"{where}: procedures must be a list of codes")
    unique_codes = tuple(dict.fromkeys(code.strip() for code in codes if code.strip()))
    return LifeEventSpec(
        slug=item["slug"].strip(),
        name=item["name"].strip(),
        description=description.strip(),
        sort_order=sort_order,
        codes=unique_codes,
    )


def load_life_events(path: str | Path = DEFAULT_PATH) -> LoadSummary:
    """Upsert the file's events by slug and link their procedures (idempotent)."""
    specs = read_life_events(path)
    summary = LoadSummary()
    with transaction.atomic():
        events = {}
        for spec in specs:
            event = _upsert_event(spec, summary)
            if event is not None:
                events[spec.slug] = event
        _link(specs, events, summary)
    if summary.changed:
        # The events' own saves already dropped the cached version token; a
        # run that only adds links must drop it too.
        services.forget_catalogue_version()
    return summary


def _upsert_event(spec: LifeEventSpec, summary: LoadSummary) -> LifeEvent | None:
    values = {
        "name": spec.name,
        "description": spec.description,
        "sort_order": spec.sort_order,
    }
    clash = LifeEvent.objects.filter(name=spec.name).exclude(slug=spec.slug).first()
    if clash is not None:
        summary.events[spec.slug] = SKIPPED
        summary.conflicts[spec.slug] = (
            f"tên {spec.name!r} đã được dùng cho sự kiện {clash.slug!r}"
        )
        return None
    event = LifeEvent.objects.filter(slug=spec.slug).first()
    if event is None:
        event = LifeEvent.objects.create(slug=spec.slug, **values)
        summary.events[spec.slug] = CREATED
        return event
    changed = [name for name, value in values.items() if getattr(event, name) != value]
    if changed:
        for name in changed:
            setattr(event, name, values[name])
        event.save(update_fields=changed)
        summary.events[spec.slug] = UPDATED
    else:
        summary.events[spec.slug] = UNCHANGED
    return event


def _link(
    specs: list[LifeEventSpec],
    events: dict[str, LifeEvent],
    summary: LoadSummary,
) -> None:
    through = ProcedurePage.life_events.through
    page_column = ProcedurePage._meta.get_field("life_events").m2m_column_name()
    event_column = ProcedurePage._meta.get_field("life_events").m2m_reverse_name()
    wanted_codes = {
        code for spec in specs if spec.slug in events for code in spec.codes
    }
    page_ids = dict(
        ProcedurePage.objects.filter(code__in=wanted_codes).values_list("code", "id")
    )
    existing = set(
        through.objects.filter(
            **{f"{event_column}__in": [e.pk for e in events.values()]}
        ).values_list(page_column, event_column)
    )
    new_links: list[tuple[int, int]] = []
    for spec in specs:
        event = events.get(spec.slug)
        if event is None:
            continue
        unknown = [code for code in spec.codes if code not in page_ids]
        if unknown:
            summary.unknown_codes[spec.slug] = unknown
        for code in spec.codes:
            if code not in page_ids:
                continue
            link = (page_ids[code], event.pk)
            if link in existing:
                summary.links_present += 1
            else:
                new_links.append(link)
                existing.add(link)
    through.objects.bulk_create(
        [
            through(**{page_column: page_id, event_column: event_id})
            for page_id, event_id in new_links
        ]
    )
    summary.links_added = len(new_links)
    summary.drafts_updated = _carry_into_pending_revisions(new_links)


def _carry_into_pending_revisions(links: list[tuple[int, int]]) -> int:
    """Add the new links to the content of revisions not yet published.

    A draft (an editor's, or an import held for review) or a scheduled
    revision was serialised before the links existed; publishing it would
    write its own, older list of life events back. Only revisions newer than
    the live one are touched, and only by adding ids: no revision is created.
    """
    if not links:
        return 0
    by_page: dict[int, set[int]] = {}
    for page_id, event_id in links:
        by_page.setdefault(page_id, set()).add(event_id)
    pages = ProcedurePage.objects.filter(
        pk__in=by_page, has_unpublished_changes=True
    ).values_list("pk", "live_revision_id")
    updated = 0
    for page_id, live_revision_id in pages:
        pending = Revision.page_revisions.filter(object_id=str(page_id))
        if live_revision_id is not None:
            pending = pending.filter(pk__gt=live_revision_id)
        for revision in pending.only("pk", "content"):
            content = dict(revision.content)
            current = list(content.get("life_events") or [])
            missing = sorted(by_page[page_id] - set(current))
            if not missing:
                continue
            content["life_events"] = current + missing
            Revision.objects.filter(pk=revision.pk).update(content=content)
            updated += 1
    return updated
