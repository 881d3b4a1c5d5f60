"""Officials' profiles move from feedback to core, rows untouched.

The model's state is created here over the existing table, which is then
renamed (``feedback_officialprofile`` -> ``core_officialprofile``: a rename,
no row is copied). Its content type moves with it, so the permissions that
groups hold on it stay theirs. ``feedback/migrations/0003`` drops the model
from feedback's state only. On a fresh database the same steps run after
feedback's migrations have created the table.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="feedback", target="core"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=target, model="officialprofile").exists():
        types.filter(app_label=source, model="officialprofile").update(
            app_label=target
        )


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="core", target="feedback")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0003_procedure_name_import_tracking"),
        ("feedback", "0002_counter_rating_counter"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OfficialProfile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "agency",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="officials",
                                to="catalogue.agency",
                                verbose_name="cơ quan",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="official_profile",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="tài khoản",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "cán bộ tiếp nhận PAKN",
                        "verbose_name_plural": "cán bộ tiếp nhận PAKN",
                        "db_table": "feedback_officialprofile",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="officialprofile", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
