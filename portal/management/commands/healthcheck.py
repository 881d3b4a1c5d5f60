"""``manage.py healthcheck``: print the services' state; exit 1 if any is down."""

import json

from django.core.management.base import BaseCommand, CommandError

from portal import health


class Command(BaseCommand):
    help = "Check the database, broker, search engine and worker."

    def handle(self, *args, **options):
        healthy, body = health.report()
        self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
        if not healthy:
            raise CommandError("down: " + ", ".join(body["down"]))
