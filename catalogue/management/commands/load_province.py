"""``manage.py load_province [FILE]``: load a province's catalogue (published)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogue.province_data import ProvinceDataError, load_province

DEFAULT = (
    Path(settings.BASE_DIR)
    / "catalogue"
    / "fixtures"
    / "provinces"
    / "dien-bien"
    / "province.json"
)


class Command(BaseCommand):
    help = (
        "Load a province's catalogue (communes, units, decisions, the procedures "
        "it applies with local times and fees) from a portal-province-catalogue/1 "
        "JSON file; idempotent. Default: the Điện Biên sample."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT))

    def handle(self, *args, path: str, **options):
        try:
            report = load_province(path)
        except ProvinceDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("\n".join(report.lines()))
