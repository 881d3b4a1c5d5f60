"""Petitions stored before every petition was routed: give each an agency.

Those that named neither a procedure with an agency nor an agency were left
without one (no default unit was configured). They go to the province's
default reception unit, as new ones do (catalogue.services.
default_reception_unit: the flagged unit, else the provincial centre,
created and flagged), with the reason in their audit trail.
"""

from django.db import migrations

CENTRE = "Trung tâm Phục vụ hành chính công tỉnh"


def route_unrouted(apps, schema_editor):
    from catalogue.parsing import normalise_agency_name

    Agency = apps.get_model("catalogue", "Agency")
    Petition = apps.get_model("feedback", "Petition")
    PetitionEvent = apps.get_model("feedback", "PetitionEvent")
    # Those whose intake has not routed them yet are left to it (and the sweep).
    unrouted = list(
        Petition.objects.filter(agency__isnull=True, routed_at__isnull=False)
    )
    if not unrouted:
        return
    centre = Agency.objects.filter(default_reception=True).first()
    reason = "flag"
    if centre is None:
        centre, created = Agency.objects.get_or_create(
            normalised_name=normalise_agency_name(CENTRE),
            defaults={"name": CENTRE, "level": "tinh"},
        )
        Agency.objects.filter(pk=centre.pk).update(default_reception=True)
        reason = "created" if created else "flag"
    note = f"Đơn vị tiếp nhận mặc định của tỉnh: {centre.name}."
    for petition in unrouted:
        Petition.objects.filter(pk=petition.pk).update(agency=centre)
        PetitionEvent.objects.create(
            petition=petition,
            action="routed",
            note=note,
            data={"agency": centre.pk, "reason": reason, "chosen_agency": None},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0011_procedure_agency_labels"),
        ("feedback", "0007_one_evaluation_per_dossier"),
    ]

    operations = [migrations.RunPython(route_unrouted, migrations.RunPython.noop)]
