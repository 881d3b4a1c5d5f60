"""``manage.py create_open311_key NAME``: a civic app's key, shown once."""

from django.core.management.base import BaseCommand

from open311.models import ApiClient, hash_key, new_key


class Command(BaseCommand):
    help = "Cấp khóa API Open311 cho một ứng dụng (khóa chỉ hiện một lần)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="tên ứng dụng")

    def handle(self, *args, name: str, **options):
        key = new_key()
        ApiClient.objects.create(name=name, key_hash=hash_key(key))
        self.stdout.write(key)
