"""``manage.py setup_demo``: what ``make run`` needs before it starts."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal import demo

BUNDLE = (
    Path(settings.BASE_DIR) / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
)


class Command(BaseCommand):
    help = "Create the demo admin and load the bundled catalogue (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, no_progress: bool = False, **options):
        username, _, created = demo.ensure_admin()
        self.stdout.write(
            f"Editors' account '{username}' {'created' if created else 'ready'}."
        )
        self.stdout.write(f"Loading the bundled catalogue ({BUNDLE.name}) …")
        call_command(
            "import_procedures",
            str(BUNDLE),
            no_progress=no_progress,
            stdout=self.stdout,
        )
        call_command("load_life_events", stdout=self.stdout)
        call_command("load_english_names", stdout=self.stdout)
        # The sample province (Điện Biên): communes, units, its list with
        # local times and fees, after the procedures it links to.
        call_command("load_province", stdout=self.stdout)
        from catalogue.services import refresh_usage_scores

        refresh_usage_scores()  # "most used" before anyone has used anything
        from dossiers.services import ensure_online_desk

        desk = ensure_online_desk()
        if desk is not None:
            self.stdout.write(f"Online filing desk: {desk.name} ({desk.code}).")
