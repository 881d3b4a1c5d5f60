"""Two-tier levels (``catalogue.two_tier``): "huyen" is no longer a choice.

Existing rows: agencies named as district bodies become historical (level
"huyen", offered nowhere); procedures that still list "huyen" get the commune
level in its place (``docs/legal.md`` §4.3 rules 2 and 5; a re-import applies
all five rules and reports each mapping).
"""

import re

from django.db import migrations, models

_DISTRICT_BODY = re.compile(r"(?<!\w)(?:cấp huyện|huyện|quận)(?!\w)")


def forwards(apps, schema_editor):
    Agency = apps.get_model("catalogue", "Agency")
    ProcedurePage = apps.get_model("catalogue", "ProcedurePage")
    for agency in Agency.objects.exclude(level="huyen").only("pk", "name"):
        if _DISTRICT_BODY.search(agency.name.casefold()):
            Agency.objects.filter(pk=agency.pk).update(level="huyen")
    for page in ProcedurePage.objects.filter(levels__contains="huyen").only(
        "pk", "levels"
    ):
        slugs = [slug for slug in page.levels.split(",") if slug]
        mapped = list(dict.fromkeys("xa" if s == "huyen" else s for s in slugs))
        ProcedurePage.objects.filter(pk=page.pk).update(levels=",".join(mapped))


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_fee_label"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agency",
            name="level",
            field=models.CharField(
                blank=True,
                choices=[
                    ("bo", "Cấp bộ"),
                    ("tinh", "Cấp tỉnh"),
                    ("xa", "Cấp xã"),
                    ("khac", "Cơ quan khác"),
                ],
                max_length=8,
                verbose_name="cấp",
            ),
        ),
        migrations.AlterField(
            model_name="procedurepage",
            name="levels",
            field=models.CharField(
                blank=True,
                help_text="Các cấp, cách nhau bằng dấu phẩy: bo, tinh, xa, khac.",
                max_length=64,
                verbose_name="cấp thực hiện",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
