"""``manage.py load_english_names [PATH]``: curated English names of procedures."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from catalogue.english_names import (
    DEFAULT_PATH,
    EnglishNamesFileError,
    load_english_names,
)


class Command(BaseCommand):
    help = (
        "Give the most used procedures and fields their English names "
        "(an English name already set by an editor is kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))

    def handle(self, *args, path: str, **options):
        try:
            summary = load_english_names(path)
        except EnglishNamesFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"English names: {summary.procedures} procedures and "
            f"{summary.fields} fields named, {summary.kept} kept as edited, "
            f"{summary.unknown} codes not in the catalogue."
        )
