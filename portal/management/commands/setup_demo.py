"""``manage.py setup_demo``: what ``make run`` needs before it starts."""

from django.core.management.base import BaseCommand

from portal import demo


class Command(BaseCommand):
    help = "Create the demo admin and load the bundled catalogue (idempotent)."

    def handle(self, *args, **options):
        username, _, created = demo.ensure_admin()
        self.stdout.write(
            f"Editors' account '{username}' {'created' if created else 'ready'}."
        )
