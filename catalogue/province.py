"""The province's catalogue: codes, communes, and "where do I go?".

A ``LocalProcedure`` says how the province applies a procedure; this module
answers a citizen who chose a commune (ward): the unit that receives the
dossier, its address, hours and map link, and the time and fee that apply
here — the province's, with the decision that set them, where it departs
from the national catalogue, else the national ones, said to be so.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote_plus

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from core.text import fold_diacritics

from .facts import fee_line, time_label, unique_fees
from .models import (
    Agency,
    AgencyKind,
    Commune,
    Counter,
    LocalProcedure,
    LocalProcedureAgency,
    LocalRole,
    LocalStatus,
    ProcedurePage,
    Province,
    ProvincialDecision,
    Reception,
)

_SUFFIX = re.compile(r"\.H\d{2}$", re.IGNORECASE)
_NATIONAL_TAIL = re.compile(r"^(\d\.\d{6})\.000\.00\.00$")


def national_code(code: str, suffix: str = "") -> str:
    """The national code of a code as a province publishes it.

    "1.013401.H18" → "1.013401"; "2.000004.000.00.00.H36" → "2.000004";
    a code with no province suffix is kept ("BCT.KM.01").
    """
    code = (code or "").strip()
    if suffix and code.upper().endswith(f".{suffix.upper()}"):
        code = code[: -len(suffix) - 1]
    else:
        code = _SUFFIX.sub("", code)
    match = _NATIONAL_TAIL.match(code)
    return match.group(1) if match else code


def fold(text: str) -> str:
    """Casefolded, without diacritics or punctuation: "Phường Điện Biên Phủ" →
    "phuong dien bien phu"."""
    folded = fold_diacritics(text or "").casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


_KIND_WORDS = re.compile(r"^(?:xa|phuong|thi tran|dac khu)\s+")


def the_province() -> Province | None:
    """The province the portal serves (one per deployment)."""
    return Province.objects.order_by("pk").first()


class UnknownCommune(ValueError):
    """The commune a citizen named is not one of the province's."""


def resolve_commune(province: Province, value: str) -> Commune | None:
    """The commune for a slug, a current name or a former name ("Him Lam")."""
    value = (value or "").strip()
    if not value:
        return None
    communes = list(province.communes.all())
    for commune in communes:
        if commune.slug == value:
            return commune
    wanted = _KIND_WORDS.sub("", fold(value))
    for commune in communes:
        if _KIND_WORDS.sub("", fold(commune.name)) == wanted:
            return commune
    for commune in communes:
        former = (_KIND_WORDS.sub("", fold(old)) for old in commune.former_names)
        if wanted in former:
            return commune
    raise UnknownCommune(value)


def live_local_procedures(province: Province | None = None) -> QuerySet:
    """Published entries of the province's list (what citizens may see)."""
    queryset = LocalProcedure.objects.filter(live=True)
    if province is not None:
        queryset = queryset.filter(province=province)
    return queryset.select_related(
        "procedure", "announced_by", "time_decision", "fee_decision"
    ).prefetch_related(
        Prefetch(
            "agency_roles",
            queryset=LocalProcedureAgency.objects.select_related(
                "agency", "agency__receives_at"
            ).order_by("sort_order", "pk"),
        )
    )


def local_for(code: str, province: Province | None) -> LocalProcedure | None:
    if province is None:
        return None
    return (
        live_local_procedures(province)
        .filter(national_code=code, status=LocalStatus.APPLIES)
        .first()
    )


def map_link(agency: Agency) -> tuple[str, str]:
    """The unit's map link and where it came from: the editors' link, else
    a search for its address on OpenStreetMap."""
    if agency.map_url:
        return agency.map_url, "editor"
    if agency.address:
        return (
            "https://www.openstreetmap.org/search?query=" + quote_plus(agency.address),
            "address_search",
        )
    return "", ""


def decision_data(decision: ProvincialDecision | None) -> dict[str, Any] | None:
    if decision is None or not decision.live:
        return None
    return {
        "number": decision.number,
        "date": decision.date.isoformat(),
        "title": decision.title,
        "url": decision.url,
        "is_sample": decision.is_sample,
        "label": f"Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y}",
    }


def unit_data(agency: Agency) -> dict[str, Any]:
    url, basis = map_link(agency)
    return {
        "id": agency.pk,
        "name": agency.name,
        "kind": agency.kind,
        "kind_label": agency.get_kind_display() if agency.kind else "",
        "address": agency.address,
        "opening_hours": agency.opening_hours,
        "phone": agency.phone,
        "email": agency.email,
        "map_url": url,
        "map_basis": basis,
    }


def _roles(local: LocalProcedure, role: str) -> list[Agency]:
    return [link.agency for link in local.agency_roles.all() if link.role == role]


def receiving_units(local: LocalProcedure, commune: Commune | None) -> list[Agency]:
    """Where the dossier is handed in, for a citizen of ``commune``."""
    if local.reception in (Reception.COMMUNE, Reception.ANY_COMMUNE):
        if commune is None:
            return []
        return list(
            Agency.objects.filter(
                commune=commune, kind=AgencyKind.COMMUNE_CENTRE
            ).order_by("name")
        )
    named = _roles(local, LocalRole.RECEIVING)
    if named:
        return named
    units: list[Agency] = []
    for agency in _roles(local, LocalRole.IMPLEMENTING):
        unit = agency.receives_at or agency
        if unit not in units:
            units.append(unit)
    return units


def _national_times(page: ProcedurePage | None) -> list[dict[str, str]]:
    if page is None:
        return []
    labels = {
        "direct": _("Trực tiếp"),
        "postal": _("Dịch vụ bưu chính"),
        "online": _("Trực tuyến"),
    }
    rows = []
    for block in page.channels:
        value = block.value
        text = time_label(dict(value))
        if text:
            rows.append({"channel": labels.get(value.get("kind"), ""), "text": text})
    return rows


def _national_fees(page: ProcedurePage | None) -> list[str]:
    if page is None:
        return []
    fees = []
    for block in page.channels:
        fees.extend(dict(fee) for fee in block.value.get("fees") or [])
    return [fee_line(fee) for fee in unique_fees(fees)]


def _summary(rows: list[str]) -> str:
    unique = list(dict.fromkeys(rows))
    return "; ".join(unique)


def local_time(local: LocalProcedure) -> dict[str, Any] | None:
    """The province's time, or None when the national one applies."""
    if not local.has_time_override:
        return None
    text = local.time_text
    if not text and local.time_amount is not None:
        text = time_label(
            {"processing_time": local.time_amount, "time_unit": local.time_unit}
        )
    return {"text": text, "decision": decision_data(local.time_decision)}


def local_fee(local: LocalProcedure) -> dict[str, Any] | None:
    if not local.has_fee_override:
        return None
    text = local.fee_text
    if not text:
        text = (
            "Miễn phí"
            if local.fee_is_free
            else fee_line({"amount": local.fee_amount, "currency": "VND"})
        )
    return {
        "text": text,
        "amount": None if local.fee_amount is None else str(local.fee_amount),
        "is_free": local.fee_is_free,
        "decision": decision_data(local.fee_decision),
    }


def _time_answer(local: LocalProcedure | None, page: ProcedurePage | None):
    override = local_time(local) if local is not None else None
    national = _national_times(page)
    national_text = (
        _summary([row["text"] for row in national])
        if len({row["text"] for row in national}) <= 1
        else _summary([f"{row['channel']}: {row['text']}" for row in national])
    )
    if override:
        return {
            "source": "local",
            "text": override["text"],
            "decision": override["decision"],
            "national_text": national_text,
        }
    return {
        "source": "national",
        "text": national_text,
        "decision": None,
        "national_text": national_text,
    }


def _fee_answer(local: LocalProcedure | None, page: ProcedurePage | None):
    override = local_fee(local) if local is not None else None
    national_text = _summary(_national_fees(page))
    if override:
        return {
            "source": "local",
            "text": override["text"],
            "decision": override["decision"],
            "national_text": national_text,
        }
    return {
        "source": "national",
        "text": national_text,
        "decision": None,
        "national_text": national_text,
    }


def commune_data(commune: Commune) -> dict[str, Any]:
    return {
        "slug": commune.slug,
        "name": commune.name,
        "kind": commune.kind,
        "formed_from": commune.former_names,
    }


def where_to_go(page: ProcedurePage, commune_value: str = "") -> dict[str, Any]:
    """The "where do I go?" answer for a published procedure page.

    Raises ``UnknownCommune`` for a commune the province does not have.
    """
    province = the_province()
    local = local_for(page.code, province)
    communes = list(province.communes.order_by("name")) if province else []
    commune = resolve_commune(province, commune_value) if province else None
    if commune_value and province is None:
        raise UnknownCommune(commune_value)
    answer: dict[str, Any] = {
        "code": page.code,
        "province": province.name if province else "",
        "communes": [commune_data(c) for c in communes],
        "commune": commune_data(commune) if commune else None,
        "applies": local is not None,
        "local_code": local.code if local else "",
        "announced_by": decision_data(local.announced_by) if local else None,
        "reception": local.reception if local else "",
        "reception_label": local.get_reception_display() if local else "",
        "needs_commune": bool(
            local
            and local.reception in (Reception.COMMUNE, Reception.ANY_COMMUNE)
            and commune is None
        ),
        "implementing": [
            unit_data(agency)
            for agency in (_roles(local, LocalRole.IMPLEMENTING) if local else [])
        ],
        "units": [],
        "message": "",
        "time": _time_answer(local, page),
        "fee": _fee_answer(local, page),
        "is_sample": bool(local and local.is_sample),
    }
    if local is None:
        answer["message"] = (
            _("Thủ tục này chưa có trong danh mục thủ tục hành chính của %(province)s.")
            % {"province": f"{province.name[:1].lower()}{province.name[1:]}"}
            if province
            else _("Cổng chưa có danh mục thủ tục hành chính của tỉnh.")
        )
        return answer
    units = receiving_units(local, commune)
    answer["units"] = [unit_data(unit) for unit in units]
    if answer["needs_commune"]:
        answer["message"] = _(
            "Chọn xã, phường nơi bạn nộp hồ sơ để biết nơi tiếp nhận."
        )
    elif not units:
        answer["message"] = (
            _(
                "Trung tâm Phục vụ hành chính công của %(commune)s chưa có trong "
                "danh mục của cổng; hãy liên hệ Ủy ban nhân dân xã, phường."
            )
            % {"commune": commune.name}
            if commune is not None
            else _("Chưa có đơn vị tiếp nhận trong danh mục của tỉnh.")
        )
    elif local.reception == Reception.ANY_COMMUNE:
        answer["message"] = _(
            "Thủ tục tiếp nhận không phụ thuộc địa giới: bạn cũng có thể nộp tại "
            "Trung tâm Phục vụ hành chính công của xã, phường khác trong tỉnh."
        )
    return answer


def reception_of(agency: Agency) -> dict[str, Any]:
    """A one-stop unit's counters and the departments each receives for; for
    a department, the centres and counters where its dossiers are received."""
    counters = (
        agency.counters.filter(active=True)
        .prefetch_related("departments")
        .order_by("sort_order", "number")
    )
    received_at = (
        Counter.objects.filter(departments=agency, active=True)
        .select_related("centre")
        .order_by("centre__name", "sort_order", "number")
    )
    return {
        "kind": agency.kind,
        "kind_label": agency.get_kind_display() if agency.kind else "",
        "counters": [
            {
                "number": counter.number,
                "label": counter.label,
                "departments": [
                    {"id": d.pk, "name": d.name}
                    for d in sorted(counter.departments.all(), key=lambda d: d.name)
                ],
            }
            for counter in counters
        ],
        "received_at": [
            {
                "centre": unit_data(counter.centre),
                "number": counter.number,
                "label": counter.label,
            }
            for counter in received_at
        ],
        "receives_at": (
            unit_data(agency.receives_at) if agency.receives_at_id else None
        ),
    }


class CommuneRequired(ValueError):
    """The province receives this procedure at the commune's own centre, and
    the applicant named no commune."""


def needs_commune(local: LocalProcedure | None) -> bool:
    return bool(local and local.reception in (Reception.COMMUNE, Reception.ANY_COMMUNE))


def filing_communes(code: str) -> list[Commune]:
    """The communes an online filing of ``code`` asks the applicant to choose
    from: the province's, when its list receives the procedure by commune."""
    province = the_province()
    if not needs_commune(local_for(code, province)):
        return []
    return list(province.communes.order_by("name"))


def receiving_unit_for(code: str, commune_value: str = "") -> Agency | None:
    """The one-stop unit that receives a dossier of procedure ``code`` from an
    applicant of ``commune_value``, by the province's published list: the
    commune's Public Administration Centre for a procedure received by
    commune, else the unit named (or the one the implementing department
    receives at). None when the list says nothing of the procedure.

    Raises ``UnknownCommune`` for a commune the province does not have and
    ``CommuneRequired`` when the list receives by commune and none was named.
    """
    province = the_province()
    if province is None:
        if commune_value:
            raise UnknownCommune(commune_value)
        return None
    commune = resolve_commune(province, commune_value)
    local = local_for(code, province)
    if local is None:
        return None
    if needs_commune(local) and commune is None:
        raise CommuneRequired(code)
    units = receiving_units(local, commune)
    return units[0] if units else None


def agency_local_procedures(agency: Agency) -> list[dict[str, Any]]:
    """The province's list of procedures an agency carries out or receives."""
    from .services import procedure_url

    entries = (
        live_local_procedures()
        .filter(
            Q(agency_roles__agency=agency) | Q(agency_roles__agency__receives_at=agency)
        )
        .distinct()
        .order_by("field_name", "code")
    )
    rows = []
    for local in entries:
        page = local.procedure if local.procedure and local.procedure.live else None
        rows.append(
            {
                "code": local.code,
                "national_code": local.national_code,
                "name": local.name,
                "field": local.field_name,
                "level": local.level,
                "status": local.status,
                "status_label": local.get_status_display(),
                "url": procedure_url(page.code) if page else "",
                "in_national_catalogue": page is not None,
                "time": (local_time(local) or {}).get("text", ""),
                "fee": (local_fee(local) or {}).get("text", ""),
                "announced_by": decision_data(local.announced_by),
                "is_sample": local.is_sample,
            }
        )
    return rows


def decimal_or_none(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))
