# One evaluation a dossier: the data was made unique by 0006 (its own
# transaction, so that PostgreSQL alters no table with pending triggers).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("feedback", "0006_evaluations_one_per_dossier_data"),
    ]

    operations = [
        migrations.AddField(
            model_name='dossierevaluation',
            name='revised_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name='dossierevaluation',
            constraint=models.UniqueConstraint(condition=models.Q(('dossier_code', ''), _negated=True), fields=('dossier_code',), name='one_evaluation_per_dossier'),
        ),
    ]
