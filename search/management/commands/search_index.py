"""``manage.py search_index --rebuild | --check``: the procedure index."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import TransportError
from tqdm import tqdm

from search import indexing


class Command(BaseCommand):
    help = "Rebuild the procedure index (new index, then alias swap) or check it."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true")
        group.add_argument("--check", action="store_true")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, rebuild: bool, check: bool, no_progress: bool, **options):
        try:
            if rebuild:
                self._rebuild(no_progress)
            else:
                self._check()
        except (EngineConnectionError, TransportError) as exc:
            raise CommandError(
                f"The search engine did not answer ({exc}). Is it running at "
                "OPENSEARCH_URL?"
            ) from exc

    def _rebuild(self, no_progress: bool) -> None:
        total = indexing.live_pages().count()
        with tqdm(
            total=total,
            unit="thủ tục",
            desc="Indexing",
            disable=no_progress,
            file=self.stderr._out,
        ) as bar:
            result = indexing.rebuild(progress=bar.update)
        self.stdout.write(
            f"Indexed {result['documents']} procedures into {result['index']} in "
            f"{result['seconds']} s; alias swapped"
            + (
                f", removed {', '.join(result['replaced'])}"
                if result["replaced"]
                else ""
            )
        )

    def _check(self) -> None:
        report = indexing.check()
        self.stdout.write(
            f"{report.live} live procedures, {report.indexed} documents in the index"
        )
        for label, codes in (
            ("missing from the index", report.missing),
            ("stale in the index", report.stale),
            ("in the index but not live", report.extra),
        ):
            self.stdout.write(
                f"  {label}: {len(codes)}"
                + (f" ({', '.join(codes[:10])})" if codes else "")
            )
        if not report.ok:
            raise CommandError("The index is out of step: run search_index --rebuild.")
