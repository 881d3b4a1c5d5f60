"""``manage.py import_procedures PATH``: load the national portal's export."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.importer import FAILED, HELD, PARTS, ProcedureImporter, iter_records


class Command(BaseCommand):
    help = (
        "Import procedures from a .jsonl or .jsonl.gz export of the national "
        "public service portal (upsert by procedure code)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the export file (.jsonl or .jsonl.gz)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would change; write nothing",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="publish changed records even over an editor's later edit",
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="import only the first N records"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar"
        )

    def handle(self, *args, path: str, dry_run: bool, force: bool, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No such file: {source}")
        try:
            with source.open("rb") as handle:
                total = sum(1 for _ in _lines(handle, source))
        except OSError as exc:
            raise CommandError(f"Cannot read {source}: {exc}") from exc
        limit = options["limit"]
        if limit is not None:
            total = min(total, limit)

        importer = ProcedureImporter(force=force, dry_run=dry_run)
        started = time.monotonic()
        records = iter_records(str(source))
        bar = tqdm(
            total=total,
            unit="thủ tục",
            desc="Dry run" if dry_run else "Importing",
            disable=options["no_progress"],
            file=self.stderr._out,
        )

        def limited():
            for number, record in enumerate(records, start=1):
                if limit is not None and number > limit:
                    return
                yield record

        def progress(outcome: str) -> None:
            bar.update()
            bar.set_postfix_str(outcome, refresh=False)

        # New procedures are published a batch at a time, and Wagtail's admin
        # search and reference indexes updated once per page when the run
        # ends (see catalogue.bulk).
        with bar:
            importer.run(limited(), progress=progress)
        self._report(importer, time.monotonic() - started, dry_run)

    def _report(self, importer: ProcedureImporter, seconds: float, dry_run: bool):
        summary = importer.summary
        write = self.stdout.write
        verb = "would be" if dry_run else ""
        write("")
        write(
            f"{summary.total} records in {seconds:.1f} s"
            + (" (dry run)" if dry_run else "")
        )
        for outcome in ("created", "updated", "unchanged", HELD, FAILED):
            write(f"  {outcome:<16} {verb} {summary.outcomes[outcome]}".rstrip())
        write("Parsed into structure (records with a source value):")
        for part in PARTS:
            share = summary.share(part)
            shown = "—" if share is None else f"{share:6.1%}"
            write(
                f"  {part:<20} {summary.parsed[part]:>5} / "
                f"{summary.with_source[part]:<5} {shown}"
            )
        write("Processing times (channels with a number), unit by source:")
        for basis in ("stated", "channels", "description", "steps", "unknown"):
            units = {
                unit or "—": count
                for (seen, unit), count in sorted(summary.time_units.items())
                if seen == basis
            }
            if units:
                listed = ", ".join(f"{unit} {count}" for unit, count in units.items())
                write(f"  {basis:<12} {sum(units.values()):>5}  ({listed})")
        write(
            f"Fee lines: {summary.fee_lines}, {summary.fee_repeats} repeats dropped, "
            f"{summary.fee_notes_restated} notes that only restated the fee dropped"
        )
        write(
            f"Forms named: {summary.forms}, with a file attached: "
            f"{summary.forms_with_files}, the others link to the national portal"
        )
        if summary.problems:
            write(f"{len(summary.problems)} parts kept as raw text, e.g.:")
            for code, problem in summary.problems[:10]:
                write(f"  {code}: {problem[:150]}")
        if summary.level_mappings:
            write(
                f"{len(summary.level_mappings)} records' district level "
                "(Cấp huyện) mapped to the two-tier levels:"
            )
            for mapping in summary.level_mappings:
                write(f"  {mapping.line()}")
        if summary.district_agencies:
            write(
                f"{len(summary.district_agencies)} district bodies "
                "kept as historical agencies:"
            )
            for line in summary.district_agencies.values():
                write(f"  {line}")
        if summary.failures:
            write(self.style.ERROR(f"{len(summary.failures)} records failed:"))
            for code, message in summary.failures[:20]:
                write(f"  {code}: {message[:200]}")


def _lines(handle, source: Path):
    import gzip

    stream = gzip.open(handle) if source.suffix == ".gz" else handle  # noqa: SIM115 - the caller closes the file
    for line in stream:
        if line.strip():
            yield line
