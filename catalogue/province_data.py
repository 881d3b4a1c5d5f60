"""Load a province's catalogue from its JSON description.

The format is ``portal-province-catalogue/1`` (``catalogue/fixtures/provinces/
dien-bien/README.md``): the province, its communes, its units (the Public
Administration Centre, departments, commune centres), the decisions that set
local values, and the procedures it applies with their local overrides.

Upserts by key (communes by slug, units by code or name, decisions by number,
procedures by national code), idempotent: a second load writes nothing and
makes no new revision. What is loaded is published: this is how ``make run``'s
demo set-up ships the sample province; editors' later edits go through review.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import (
    Agency,
    Commune,
    Counter,
    LocalProcedure,
    LocalProcedureAgency,
    LocalRole,
    ProcedurePage,
    Province,
    ProvincialDecision,
    Reception,
)
from .parsing import normalise_agency_name
from .province import national_code
from .province_lists import parse_fee, parse_time

FORMAT = "portal-province-catalogue/1"


class ProvinceDataError(ValueError):
    pass


@dataclass
class LoadReport:
    communes: int = 0
    units: int = 0
    decisions: int = 0
    procedures: int = 0
    written: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"Communes: {self.communes}, units: {self.units}, decisions: "
            f"{self.decisions}, procedures: {self.procedures}.",
            f"Written (new or changed): {len(self.written)}"
            + (f" — {', '.join(self.written[:12])}" if self.written else ""),
        ]


def _is_sample(source: Any, sources: dict[str, Any]) -> bool:
    """Whether a ``source`` (a key, a list, or a per-field object) is made up."""
    if isinstance(source, dict):
        keys = [v for k, v in source.items() if k != "note"]
    elif isinstance(source, list):
        keys = source
    else:
        keys = [source]
    return any(sources.get(key, {}).get("kind") == "sample" for key in keys if key)


def _source_text(source: Any, sources: dict[str, Any]) -> str:
    keys = source if isinstance(source, list) else [source]
    parts = []
    for key in keys:
        entry = sources.get(key) or {}
        if entry:
            title_url = (entry.get("title"), entry.get("url"))
            parts.append(" — ".join(part for part in title_url if part))
    return "\n".join(parts)


def _update(obj, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _publish(obj) -> None:
    """Save a reviewed snippet and publish it as a new revision."""
    obj.save()
    obj.save_revision().publish()


def load_province(path: str | Path) -> LoadReport:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProvinceDataError(f"{path}: cannot be read ({exc})") from exc
    if data.get("format") != FORMAT:
        raise ProvinceDataError(f"{path}: not a {FORMAT} file")
    with transaction.atomic():
        return _load(data)


def _load(data: dict[str, Any]) -> LoadReport:
    report = LoadReport()
    sources = data.get("sources") or {}
    info = data["province"]
    province, created = Province.objects.get_or_create(
        slug=info["slug"], defaults={"name": info["name"]}
    )
    if (
        _update(
            province,
            {
                "name": info["name"],
                "national_suffix": info.get("national_suffix") or "",
                "note": info.get("national_suffix_note") or "",
            },
        )
        or created
    ):
        province.save()
        report.written.append(province.name)

    communes: dict[str, Commune] = {}
    for row in data.get("communes") or []:
        commune = Commune.objects.filter(province=province, slug=row["key"]).first()
        commune = commune or Commune(province=province, slug=row["key"])
        values = {
            "name": row["name"],
            "kind": row["kind"],
            "postal_code": row.get("postal_code") or "",
            "formed_from": "\n".join(row.get("formed_from") or []),
            "source": _source_text(row.get("source"), sources),
        }
        if _update(commune, values) or commune.pk is None:
            commune.save()
            report.written.append(commune.name)
        communes[row["key"]] = commune
    report.communes = len(communes)

    units: dict[str, Agency] = {}
    pending_receives: list[tuple[Agency, str]] = []
    for row in data.get("units") or []:
        agency = _agency(row)
        parent = None
        if row.get("parent"):
            parent, _ = Agency.objects.get_or_create(
                normalised_name=normalise_agency_name(row["parent"]),
                defaults={"name": row["parent"], "level": row.get("level") or ""},
            )
        values = {
            "name": row["name"],
            "code": row.get("code") or None,
            "level": row.get("level") or "",
            "kind": row.get("kind") or "",
            "parent": parent,
            "address": row.get("address") or "",
            "opening_hours": row.get("opening_hours") or "",
            "phone": row.get("phone") or "",
            "map_url": row.get("map_url") or "",
            "commune": communes.get(row.get("commune") or ""),
        }
        if _update(agency, values) or agency.pk is None:
            agency.save()
            report.written.append(agency.name)
        units[row["key"]] = agency
        if row.get("receives_at"):
            pending_receives.append((agency, row["receives_at"]))
    for agency, key in pending_receives:
        if key not in units:
            raise ProvinceDataError(f"unit {agency.name}: receives_at {key!r} unknown")
        if agency.receives_at_id != units[key].pk:
            agency.receives_at = units[key]
            agency.save(update_fields=["receives_at"])
    report.units = len(units)
    for row in data.get("units") or []:
        _counters(units[row["key"]], row.get("counters") or [], units, report)

    decisions: dict[str, ProvincialDecision] = {}
    for row in data.get("decisions") or []:
        decision = ProvincialDecision.objects.filter(
            province=province, number=row["number"]
        ).first() or ProvincialDecision(province=province, number=row["number"])
        values = {
            "date": dt.date.fromisoformat(row["date"]),
            "effective_from": dt.date.fromisoformat(row["effective_from"])
            if row.get("effective_from")
            else None,
            "title": row["title"],
            "url": row.get("url") or "",
            "is_sample": _is_sample(row.get("source"), sources),
        }
        if _update(decision, values) or decision.pk is None or not decision.live:
            decision.live = True
            _publish(decision)
            report.written.append(decision.number)
        decisions[row["key"]] = decision
    report.decisions = len(decisions)

    for row in data.get("procedures") or []:
        if _procedure(province, row, units, decisions, sources):
            report.written.append(row["code"])
        report.procedures += 1
    return report


def _counters(centre: Agency, rows: list[dict], units: dict, report) -> None:
    """A centre's counters and the departments each receives for."""
    for order, row in enumerate(rows):
        unknown = [key for key in row.get("departments") or [] if key not in units]
        if unknown:
            raise ProvinceDataError(
                f"unit {centre.name}: counter {row['number']}: departments "
                f"{unknown} unknown"
            )
        counter = Counter.objects.filter(centre=centre, number=row["number"]).first()
        counter = counter or Counter(centre=centre, number=row["number"])
        values = {"label": row.get("label") or "", "sort_order": order}
        if _update(counter, values) or counter.pk is None:
            counter.full_clean(exclude=["departments"])
            counter.save()
            report.written.append(counter.label or counter.number)
        counter.departments.set([units[key] for key in row.get("departments") or []])


def _agency(row: dict[str, Any]) -> Agency:
    if row.get("code"):
        found = Agency.objects.filter(code=row["code"]).first()
        if found:
            return found
    found = Agency.objects.filter(normalised_name=normalise_agency_name(row["name"]))
    return found.first() or Agency()


def _procedure(province, row, units, decisions, sources) -> bool:
    code = row["code"]
    national = national_code(code, province.national_suffix)
    local = LocalProcedure.objects.filter(
        province=province, national_code=national
    ).first() or LocalProcedure(province=province)
    overrides = row.get("local") or {}
    decision = decisions.get(overrides.get("decision") or "")
    time_text = overrides.get("time") or ""
    fee_text = overrides.get("fee") or ""
    amount, unit = parse_time(time_text) if time_text else (None, "")
    fee_amount, fee_free = parse_fee(fee_text) if fee_text else (None, False)
    values = {
        "code": code,
        "procedure": ProcedurePage.objects.filter(code=national).first(),
        "name": row["name"],
        "field_name": row.get("field") or "",
        "level": row.get("level") or "tinh",
        "announced_by": decisions.get(row.get("announced_by") or ""),
        "reception": row.get("reception") or Reception.UNITS,
        "time_text": time_text,
        "time_amount": amount,
        "time_unit": unit,
        "time_decision": decision if time_text else None,
        "fee_text": fee_text,
        "fee_amount": fee_amount,
        "fee_is_free": fee_free,
        "fee_decision": decision if fee_text else None,
        "note": row.get("note") or overrides.get("note") or "",
        "is_sample": _is_sample(row.get("source"), sources)
        or _is_sample(overrides.get("source"), sources)
        or bool(
            decisions.get(row.get("announced_by") or "")
            and decisions[row["announced_by"]].is_sample
        ),
    }
    wanted_roles = [
        (units[key], LocalRole.IMPLEMENTING) for key in row.get("implementing") or []
    ] + [(units[key], LocalRole.RECEIVING) for key in row.get("receiving") or []]
    current = (
        [(link.agency, link.role) for link in local.agency_roles.all()]
        if local.pk
        else []
    )
    changed = _update(local, values)
    if not changed and local.pk and current == wanted_roles and local.live:
        return False
    local.agency_roles = [
        LocalProcedureAgency(agency=agency, role=role) for agency, role in wanted_roles
    ]
    local.live = True
    _publish(local)
    return True
