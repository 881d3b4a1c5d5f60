"""One whole record: each part parsed on its own, the better source chosen."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .channels import parse_channels
from .dossier import parse_dossier
from .fields import _SECTION_HEADINGS, parse_agencies, parse_levels, raw_sections
from .legal import parse_legal_basis
from .model import (
    EMPTY,
    FAILED,
    PARSED,
    Agencies,
    Channel,
    Level,
    NoValue,
    ParsedProcedure,
    ParseError,
    Result,
    Step,
)
from .results import parse_results
from .steps import parse_steps
from .text import clean_block, clean_text
from .times import infer_time_units

T = TypeVar("T")

_PART_FIELDS = {
    "steps": "trinh_tu_thuc_hien",
    "channels": "cach_thuc_thuc_hien",
    "dossier_components": "thanh_phan_ho_so",
    "legal_basis": "can_cu_phap_ly",
    "results": "ket_qua_xu_ly",
}


def _field_text(record: Mapping[str, Any], key: str) -> str | None:
    return clean_block(record.get(key))


_PARSE_ERRORS = (ParseError, ValueError, TypeError, IndexError, AttributeError)
_SPILLED_HEADING = re.compile(
    r"^Không có thông tin\s*(?:"
    + "|".join(re.escape(h) for _k, h in _SECTION_HEADINGS)
    + ")",
    re.IGNORECASE,
)


def _part_text(value: Any) -> str | None:
    """Cleaned text of a part; "Không có thông tin" + next heading is none."""
    text = clean_block(value)
    if text is not None and _SPILLED_HEADING.match(text):
        return None
    return text


def _pick_source(
    part: str,
    record: Mapping[str, Any],
    sections: Mapping[str, str],
    parser: Callable[[Any], T],
) -> tuple[T | None, str | None, str, str | None]:
    """Parse a part from its field or from the same section of ``raw_text``.

    The field is used when it matches the page.  When it is the page's
    section cut short, or differs from it (the collector split the page on a
    heading that also occurs in body text), the page's section is tried first.

    Returns ``(value, text, source, error)``: ``source`` is ``"field"`` or
    ``"raw_text"``; ``text`` is ``None`` when the part has no value; ``error``
    is why a part with a value could not be parsed.
    """
    field_value = record.get(_PART_FIELDS[part])
    field_text = _part_text(field_value) if isinstance(field_value, str) else None
    has_section = part in sections
    section = _part_text(sections[part]) if has_section else None
    error = None
    if field_value is not None and not isinstance(field_value, str):
        error = f"unexpected {type(field_value).__name__} value"
    candidates: list[tuple[str, str]] = []
    if has_section and section != field_text and section is not None:
        candidates.append((section, "raw_text"))
    if field_text is not None:
        candidates.append((field_text, "field"))
    for text, source in candidates:
        try:
            return parser(text), text, source, None
        except NoValue:
            return None, None, source, None
        except _PARSE_ERRORS as exc:
            error = error or str(exc) or exc.__class__.__name__
    if has_section and section is None and field_text is not None:
        # the page has no such section: the field holds another part's text
        return None, None, "raw_text", None
    if error is None:
        return None, None, "field", None
    return None, field_text or section, "field", error


def parse_record(record: Any) -> ParsedProcedure:
    """Parse one raw record.  Never raises; see ``problems``."""
    if not isinstance(record, Mapping):
        return ParsedProcedure(
            code=None,
            name=None,
            problems=[f"record: not a mapping ({type(record).__name__})"],
        )
    problems: list[str] = []
    warnings: list[str] = []
    raw: dict[str, str | None] = {}
    status: dict[str, str] = {}
    sources: dict[str, str] = {}
    try:
        sections = raw_sections(record.get("raw_text"))
    except Exception as exc:  # noqa: BLE001 - a bad page must not stop the import
        sections = {}
        warnings.append(f"raw_text: could not be cut into sections ({exc})")

    def simple(key: str) -> str | None:
        value = record.get(key)
        if value is not None and not isinstance(value, str | int | float):
            problems.append(f"{key}: unexpected {type(value).__name__} value")
            return None
        return clean_text(value)

    def run(part: str, parser: Callable[[Any], T], empty: T) -> T:
        try:
            value, text, source, error = _pick_source(part, record, sections, parser)
        except Exception as exc:  # noqa: BLE001 - never raise on a bad record
            value, text, source, error = None, None, "field", repr(exc)
        raw[part] = text
        if source != "field":
            sources[part] = source
        if error is not None:
            status[part] = FAILED
            problems.append(f"{part}: {error}")
            return empty
        status[part] = PARSED if text is not None else EMPTY
        return value if value is not None else empty

    steps = run("steps", parse_steps, [])
    channel_pair = run("channels", parse_channels, ([], []))
    channels, channel_warnings = channel_pair
    channels = infer_time_units(channels, raw.get("steps"))
    warnings.extend(channel_warnings)
    dossier, dossier_warnings = run("dossier_components", parse_dossier, ([], []))
    warnings.extend(dossier_warnings)
    legal, legal_warnings = run("legal_basis", parse_legal_basis, ([], []))
    warnings.extend(legal_warnings)
    results, keywords, result_description = run(
        "results", parse_results, ([], None, None)
    )
    warnings.extend(_quality_warnings(steps, results, channels))
    status["fees"] = _fee_status(channels, status.get("channels"))
    raw["fees"] = "\n".join(c.fee_text for c in channels if c.fee_text) or None
    if status["fees"] == FAILED:
        problems.append("fees: a channel's fee cell could not be read")

    levels: list[Level] = []
    try:
        levels = parse_levels(record.get("cap_thuc_hien"))
    except (ParseError, TypeError, ValueError) as exc:
        problems.append(f"levels: {exc}")
    raw["levels"] = clean_text(record.get("cap_thuc_hien"))
    try:
        agencies = parse_agencies(record)
    except Exception as exc:  # noqa: BLE001 - one bad part must not lose the record
        agencies = Agencies()
        problems.append(f"agencies: {exc!r}")
    raw["agencies"] = clean_text(record.get("co_quan_thuc_hien"))
    applicants_text = simple("doi_tuong_thuc_hien")
    applicants = (
        [p.strip() for p in re.split(r"\s*[,;]\s*", applicants_text) if p.strip()]
        if applicants_text
        else []
    )
    return ParsedProcedure(
        code=simple("ma_thu_tuc"),
        name=simple("ten_thu_tuc"),
        decision_number=simple("so_quyet_dinh"),
        procedure_type=simple("loai_thu_tuc"),
        field=simple("linh_vuc"),
        levels=levels,
        applicants=applicants,
        agencies=agencies,
        reception_address=clean_text(record.get("dia_chi_tiep_nhan")),
        requirements=clean_block(record.get("yeu_cau_dieu_kien")),
        related_procedures=clean_block(record.get("thu_tuc_lien_quan")),
        steps=steps,
        channels=channels,
        dossier_components=dossier,
        legal_basis=legal,
        results=results,
        keywords=keywords,
        result_description=result_description,
        url=simple("detail_url"),
        ministry=simple("_agency_dir"),
        raw=raw,
        status=status,
        problems=problems,
        warnings=warnings,
        sources=sources,
    )


def _quality_warnings(
    steps: list[Step], results: list[Result], channels: list[Channel]
) -> list[str]:
    """Warnings for parts that parsed but look incomplete."""
    warnings: list[str] = []
    if len(steps) == 1 and len(steps[0].text) > 600:
        warnings.append("steps: one long block without step markers")
    if any(r.code for r in results) and not all(r.code for r in results):
        warnings.append("results: a result has no code")
    elif results and not any(r.code for r in results):
        warnings.append("results: no result code (Mã: KQ...)")
    if any(
        fee.amount is not None and fee.currency == "VND" and 0 < fee.amount < 1000
        for c in channels
        for fee in c.fees
    ):
        warnings.append("fees: an amount under 1,000 VND (thousands dropped?)")
    return warnings


def _fee_status(channels: list[Channel], channel_status: str | None) -> str:
    if channel_status == FAILED:
        return FAILED
    if any(not c.fees_parsed for c in channels):
        return FAILED
    with_value = [c for c in channels if c.fee_text or c.fees]
    if not with_value:
        return EMPTY
    ok = all(c.fees for c in with_value) and all(
        fee.is_free or fee.amount is not None for c in with_value for fee in c.fees
    )
    return PARSED if ok else FAILED
