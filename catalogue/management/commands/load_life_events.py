"""``manage.py load_life_events [PATH]``: the curated life events and their links."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from catalogue.life_events import (
    CREATED,
    DEFAULT_PATH,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    LifeEventFileError,
    load_life_events,
)


class Command(BaseCommand):
    help = (
        "Load the curated life events (sự kiện) and link their procedures by code "
        "(upsert by slug, idempotent; unknown codes are reported)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(DEFAULT_PATH),
            help="the data file (default: catalogue/fixtures/life-events.json)",
        )

    def handle(self, *args, path: str, **options):
        try:
            summary = load_life_events(path)
        except LifeEventFileError as exc:
            raise CommandError(str(exc)) from exc
        write = self.stdout.write
        write(
            f"Life events: {summary.count(CREATED)} created, "
            f"{summary.count(UPDATED)} updated, {summary.count(UNCHANGED)} unchanged"
            + (f", {summary.count(SKIPPED)} skipped" if summary.count(SKIPPED) else "")
            + "."
        )
        write(
            f"Procedure links: {summary.links_added} added, "
            f"{summary.links_present} already present"
            + (
                f"; {summary.drafts_updated} pending draft(s) carried the new links"
                if summary.drafts_updated
                else ""
            )
            + "."
        )
        for slug, reason in summary.conflicts.items():
            write(self.style.ERROR(f"  {slug}: not loaded, {reason}"))
        if summary.unknown_codes:
            write(
                self.style.WARNING(
                    f"{summary.unknown_total} code(s) not in the catalogue, not linked:"
                )
            )
            for slug, codes in summary.unknown_codes.items():
                write(self.style.WARNING(f"  {slug}: {', '.join(codes)}"))
