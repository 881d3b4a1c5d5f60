"""Parse raw procedure records from the national public service portal.

The portal's pages give each administrative procedure (thủ tục hành chính) as a
handful of text fields, several of which are HTML tables flattened into one run
of text with the cells glued together (``Hình thức nộpThời gianPhí, lệ phíMô
tảTrực tuyến1Miễn phí...``).  This module turns one raw record (a ``dict`` as
read from ``procedures-vn.jsonl.gz``) into a :class:`ParsedProcedure` made of
frozen dataclasses, without Django and with the standard library only.

Principles:

* every text is normalised to Unicode NFC with collapsed whitespace, and the
  portal's "Không có thông tin" (no information) or an empty value becomes
  ``None``;
* each part (channels, fees, dossier components, legal basis, results, steps,
  ...) is parsed on its own and never raises: a part that has a source value
  but cannot be put into structure is named in ``ParsedProcedure.problems``
  and its raw text is kept in ``ParsedProcedure.raw``;
* where the record's own field is truncated or misaligned (the collector split
  the page on a heading that also occurs in the body text), the same section
  cut again from ``raw_text`` is used instead, and ``sources`` says so.

One module a part, each imported here so that callers write
``parsing.parse_record`` whichever module holds it: ``text`` (normalisation,
amounts, dates, agency-name keys), ``model`` (the dataclasses), ``fields``
(levels, agencies, sections cut again from ``raw_text``), ``channels``
(channels and fees), ``dossier`` (dossier components), ``legal`` (legal
basis), ``results``, ``steps``, ``record`` (one whole record) and ``report``
(files, coverage, the command line).

Command line: ``python -m catalogue.parsing FILE.jsonl[.gz]`` (or ``python
catalogue/parsing/__main__.py FILE``) prints the share of records whose parts
were parsed; ``--failures PART`` prints samples of the records that were not.
"""

from .channels import parse_channels
from .dossier import parse_dossier
from .fields import parse_agencies, parse_levels, raw_sections, split_agencies
from .legal import parse_legal_basis
from .model import (
    COVERAGE_PARTS,
    EMPTY,
    FAILED,
    PARSED,
    Agencies,
    Channel,
    DossierComponent,
    DossierGroup,
    Fee,
    LegalDocument,
    Level,
    NoValue,
    ParsedProcedure,
    ParseError,
    Result,
    Step,
)
from .record import parse_record
from .report import Coverage, coverage, format_coverage, main, parse_file
from .results import parse_results
from .steps import parse_steps
from .text import NO_INFO, clean_block, clean_text, normalise_agency_name, parse_amount

__all__ = [
    "Agencies",
    "COVERAGE_PARTS",
    "Channel",
    "Coverage",
    "DossierComponent",
    "DossierGroup",
    "EMPTY",
    "FAILED",
    "Fee",
    "LegalDocument",
    "Level",
    "NO_INFO",
    "NoValue",
    "PARSED",
    "ParseError",
    "ParsedProcedure",
    "Result",
    "Step",
    "clean_block",
    "clean_text",
    "coverage",
    "format_coverage",
    "main",
    "normalise_agency_name",
    "parse_agencies",
    "parse_amount",
    "parse_channels",
    "parse_dossier",
    "parse_file",
    "parse_legal_basis",
    "parse_levels",
    "parse_record",
    "parse_results",
    "parse_steps",
    "raw_sections",
    "split_agencies",
]
