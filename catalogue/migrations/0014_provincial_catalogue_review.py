"""The province's catalogue goes through the same review as the pages.

The workflow "Duyệt thủ tục" (migration 0004) is assigned to the reviewed
snippets — the province's decisions and its list of procedures — so an edit
is a draft until a reviewer ("Người duyệt") approves and publishes it.
Editors may add and change them and the communes; reviewers may also publish.
Idempotent.
"""

from django.db import migrations

EDITORS = "Biên tập viên"
REVIEWERS = "Người duyệt"
WORKFLOW = "Duyệt thủ tục"
REVIEWED = ("provincialdecision", "localprocedure")
EDITED = (*REVIEWED, "commune", "province")


def _permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="catalogue", model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def install(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    for name in (EDITORS, REVIEWERS):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *(
                _permission(apps, model, f"{action}_{model}")
                for model in EDITED
                for action in ("add", "change")
            )
        )
        if name == REVIEWERS:
            group.permissions.add(
                *(_permission(apps, model, f"publish_{model}") for model in REVIEWED)
            )
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    for model in REVIEWED:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="catalogue", model=model
        )
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def uninstall(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label="catalogue", content_type__model__in=REVIEWED
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0013_provincial_catalogue")]

    operations = [migrations.RunPython(install, uninstall)]
