"""Issue an API token for an agency's desk system and print it once."""

from __future__ import annotations

import secrets

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Agency
from dossiers.models import AgencyToken, hash_token


class Command(BaseCommand):
    help = "Create an API token for AGENCY_ID and print it (only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("agency_id", type=int)
        parser.add_argument("--name", default="Hệ thống một cửa")

    def handle(self, *args, agency_id: int, name: str, **options):
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            raise CommandError(f"no agency with id {agency_id}")
        if not agency.code:
            raise CommandError(f"agency {agency_id} has no code; dossiers need one")
        token = secrets.token_urlsafe(32)
        AgencyToken.objects.create(
            agency=agency, name=name, token_hash=hash_token(token)
        )
        self.stdout.write(token)
