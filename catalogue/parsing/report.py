"""Files of records, the per-part coverage and the command line."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import COVERAGE_PARTS, EMPTY, FAILED, PARSED, ParsedProcedure
from .record import parse_record


def parse_file(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the records of a ``.jsonl`` or ``.jsonl.gz`` file, one per line."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line:
                yield json.loads(line)


@dataclass(frozen=True)
class Coverage:
    """How many records had a value for a part, how many were parsed.

    ``clean`` counts the parsed ones that raised no warning for the part.
    """

    part: str
    with_value: int
    parsed: int
    clean: int = 0

    @property
    def share(self) -> float:
        return self.parsed / self.with_value if self.with_value else 1.0

    @property
    def clean_share(self) -> float:
        return self.clean / self.with_value if self.with_value else 1.0


def coverage(records: Iterable[Any]) -> dict[str, Coverage]:
    """Per part, the share of records with a source value that were parsed.

    ``records`` may be raw records or :class:`ParsedProcedure` objects.
    """
    counts = {part: [0, 0, 0] for part in COVERAGE_PARTS}
    for record in records:
        parsed = record if isinstance(record, ParsedProcedure) else parse_record(record)
        for part in COVERAGE_PARTS:
            state = parsed.status.get(part, EMPTY)
            if state == EMPTY:
                continue
            counts[part][0] += 1
            if state == PARSED:
                counts[part][1] += 1
                prefix = f"{part}:"
                if not any(w.startswith(prefix) for w in parsed.warnings):
                    counts[part][2] += 1
    return {part: Coverage(part, *counts[part]) for part in COVERAGE_PARTS}


def format_coverage(table: Mapping[str, Coverage], total: int) -> str:
    """The coverage table as text (clean = parsed without a warning)."""
    lines = [
        f"{total} records",
        f"{'part':<20}{'with value':>11}{'parsed':>8}{'share':>8}"
        f"{'clean':>8}{'share':>8}",
    ]
    for item in table.values():
        lines.append(
            f"{item.part:<20}{item.with_value:>11}{item.parsed:>8}"
            f"{item.share:>8.1%}{item.clean:>8}{item.clean_share:>8.1%}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Parse procedure records and report per-part coverage."
    )
    parser.add_argument("path", help=".jsonl or .jsonl.gz file of raw records")
    parser.add_argument(
        "--failures",
        metavar="PART",
        help="print samples of records whose PART failed to parse",
    )
    parser.add_argument("--limit", type=int, default=10, help="samples to print")
    args = parser.parse_args(argv)
    parsed = [parse_record(record) for record in parse_file(args.path)]
    out = sys.stdout
    out.write(format_coverage(coverage(parsed), len(parsed)) + "\n")
    if args.failures:
        shown = 0
        for item in parsed:
            if item.status.get(args.failures) != FAILED:
                continue
            reasons = [p for p in item.problems if p.startswith(args.failures)]
            out.write(f"\n{item.code} {reasons}\n")
            out.write(f"  {(item.raw.get(args.failures) or '')[:600]!r}\n")
            shown += 1
            if shown >= args.limit:
                break
    return 0
