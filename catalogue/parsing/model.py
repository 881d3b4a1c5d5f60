"""The structure a record is parsed into: frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal

from .text import normalise_agency_name


@dataclass(frozen=True)
class Level:
    """An administrative level that carries out the procedure."""

    slug: str  # bo, tinh, huyen, xa, khac
    label: str  # as published, e.g. "Cấp tỉnh"


@dataclass(frozen=True)
class Fee:
    """One fee or charge of a channel.

    ``amount`` is ``Decimal(0)`` for a free channel ("Miễn phí") and ``None``
    when the portal gives no figure.  ``label`` is the fee's own name when the
    text gives one ("Phí", "Lệ phí", "Phí công bố nội dung ...").
    """

    amount: Decimal | None
    currency: str = "VND"
    description: str | None = None
    is_free: bool = False
    label: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Channel:
    """A way of filing (direct, postal, online) with its time and fees."""

    kind: str  # direct | postal | online
    label: str  # as published: "Trực tiếp", "Dịch vụ bưu chính", "Trực tuyến"
    processing_time: Decimal | None
    time_unit: str | None  # "ngày làm việc", "ngày", "giờ", "tháng", ...
    time_text: str | None
    fees: list[Fee] = dc_field(default_factory=list)
    fee_text: str | None = None
    description: str | None = None
    fees_parsed: bool = True  # False when the fee cell could not be read
    # How ``time_unit`` was found (``times.UNIT_BASES``): "stated" in the
    # cell, or inferred from the record; None while the unit is unknown.
    time_unit_basis: str | None = None


@dataclass(frozen=True)
class DossierComponent:
    """One paper of the dossier (thành phần hồ sơ)."""

    name: str
    originals: int | None = None  # bản chính
    copies: int | None = None  # bản sao
    forms: list[str] = dc_field(default_factory=list)  # attached template files
    form_codes: list[str] = dc_field(default_factory=list)  # "Mẫu số 01", ...
    notes: str | None = None
    case: str | None = None  # heading of the case group, if any
    count_text: str | None = None

    @property
    def informational(self) -> bool:
        """True for rows that only carry a note (0 originals, no copies)."""
        return self.originals == 0 and not self.copies


@dataclass(frozen=True)
class DossierGroup:
    """Components listed under one case heading (or under none)."""

    case: str | None
    components: list[DossierComponent]


@dataclass(frozen=True)
class LegalDocument:
    """A legal basis entry: the document's title and number."""

    title: str
    number: str | None
    doc_type: str | None = None  # "Luật", "Nghị định", "Thông tư", ...
    issued: dt.date | None = None


@dataclass(frozen=True)
class Result:
    """A result of the procedure (kết quả), with its catalogue code."""

    name: str
    code: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of the procedure (trình tự thực hiện).

    ``note`` marks the entries that follow a "Lưu ý" (note) heading: they
    are remarks printed with the steps rather than steps.
    """

    number: int
    text: str
    note: bool = False


@dataclass(frozen=True)
class Agencies:
    """Agencies named by the record, split into lists of names."""

    implementing: list[str] = dc_field(default_factory=list)  # cơ quan thực hiện
    competent: list[str] = dc_field(default_factory=list)  # có thẩm quyền
    delegated: list[str] = dc_field(default_factory=list)  # được ủy quyền
    coordinating: list[str] = dc_field(default_factory=list)  # phối hợp

    def all_names(self) -> list[str]:
        """Every name once, first spelling kept, deduplicated by normal form."""
        seen: dict[str, str] = {}
        for name in (
            *self.implementing,
            *self.competent,
            *self.delegated,
            *self.coordinating,
        ):
            seen.setdefault(normalise_agency_name(name), name)
        return list(seen.values())


#: Parts reported by :func:`coverage`, in display order.
COVERAGE_PARTS = (
    "channels",
    "fees",
    "dossier_components",
    "legal_basis",
    "results",
    "steps",
)
PARSED, FAILED, EMPTY = "parsed", "failed", "empty"


@dataclass(frozen=True)
class ParsedProcedure:
    """A procedure record put into structure.

    ``raw`` maps each part to the cleaned source text it was parsed from
    (``None`` when the portal had none); ``status`` maps each part to
    ``"parsed"``, ``"failed"`` or ``"empty"``; ``problems`` names the parts
    that had a source value but could not be parsed, with a reason;
    ``warnings`` notes partial parses; ``sources`` says which parts were cut
    from ``raw_text`` instead of the record's own field.
    """

    code: str | None
    name: str | None
    decision_number: str | None = None
    procedure_type: str | None = None
    field: str | None = None
    levels: list[Level] = dc_field(default_factory=list)
    applicants: list[str] = dc_field(default_factory=list)
    agencies: Agencies = dc_field(default_factory=Agencies)
    reception_address: str | None = None
    requirements: str | None = None
    related_procedures: str | None = None
    steps: list[Step] = dc_field(default_factory=list)
    channels: list[Channel] = dc_field(default_factory=list)
    dossier_components: list[DossierComponent] = dc_field(default_factory=list)
    legal_basis: list[LegalDocument] = dc_field(default_factory=list)
    results: list[Result] = dc_field(default_factory=list)
    keywords: str | None = None
    result_description: str | None = None
    url: str | None = None
    ministry: str | None = None
    raw: dict[str, str | None] = dc_field(default_factory=dict)
    status: dict[str, str] = dc_field(default_factory=dict)
    problems: list[str] = dc_field(default_factory=list)
    warnings: list[str] = dc_field(default_factory=list)
    sources: dict[str, str] = dc_field(default_factory=dict)

    @property
    def dossier_groups(self) -> list[DossierGroup]:
        """Dossier components grouped by their case heading, in order."""
        groups: list[DossierGroup] = []
        for component in self.dossier_components:
            if not groups or groups[-1].case != component.case:
                groups.append(DossierGroup(component.case, []))
            groups[-1].components.append(component)
        return groups

    @property
    def fees(self) -> list[Fee]:
        """All fees of all channels."""
        return [fee for channel in self.channels for fee in channel.fees]


class ParseError(ValueError):
    """A part has a source value that could not be put into structure."""


class NoValue(Exception):
    """A part's text turned out to hold no value (only page chrome)."""
