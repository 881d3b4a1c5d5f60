"""Officials' profiles now belong to core: drop them from feedback's state.

The table is kept (``core/migrations/0001_officialprofile.py`` takes it over);
nothing is done to the database here.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_counter_rating_counter"),
        ("core", "0001_officialprofile"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OfficialProfile")],
            database_operations=[],
        ),
    ]
