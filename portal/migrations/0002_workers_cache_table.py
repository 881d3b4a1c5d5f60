"""Create the workers' cache table (the registry kept apart from rate limits).

``createcachetable`` makes every configured database cache table that is
missing, so an existing ``make run`` database gains ``portal_workers``.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_cache_table")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
