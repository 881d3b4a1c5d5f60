"""Editorial safety: editors and reviewers, their permissions, and the review workflow.

"Biên tập viên" (editors) may add and edit procedure pages under the catalogue
root, save drafts and submit them for review, lock pages, edit the agency,
field and life event snippets and upload documents (form templates); they
cannot publish. "Người duyệt" (reviewers) may also publish and unlock, and are
the group of the workflow "Duyệt thủ tục" that every page under the catalogue
root goes through: one group approval task.

Idempotent: running it on a database that already has the groups, permissions
or workflow (by name) changes nothing.
"""

from django.db import migrations

EDITORS = "Biên tập viên"
REVIEWERS = "Người duyệt"
WORKFLOW = "Duyệt thủ tục"
TASK = "Người duyệt phê duyệt"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
SNIPPET_PERMISSIONS = [
    ("catalogue", model, f"{action}_{model}")
    for model in ("agency", "field", "lifeevent")
    for action in ("add", "change")
]
ADMIN_PERMISSION = ("wagtailadmin", "admin", "access_admin")
DOCUMENT_PERMISSIONS = {
    EDITORS: ["add_document", "choose_document"],
    REVIEWERS: ["add_document", "change_document", "choose_document"],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    # Permissions are normally created after migrations (post_migrate): make
    # sure the ones needed here exist already.
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def install(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    CatalogueIndexPage = apps.get_model("catalogue.CatalogueIndexPage")

    root = CatalogueIndexPage.objects.first()
    collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name in (EDITORS, REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(
            _permission(apps, *ADMIN_PERMISSION),
            *(_permission(apps, *spec) for spec in SNIPPET_PERMISSIONS),
        )
        if root is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page_id=root.pk,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )
        if collection is not None:
            for codename in DOCUMENT_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=_permission(apps, "wagtaildocs", "document", codename),
                )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK, content_type=task_type, active=True
        )
    task.groups.set([groups[REVIEWERS]])
    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    if root is not None:
        # The closest ancestor's workflow applies: this one overrides the
        # default "Moderators approval" on the tree root for the catalogue.
        WorkflowPage.objects.update_or_create(
            page_id=root.pk, defaults={"workflow": workflow}
        )


def uninstall(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()
    Group.objects.filter(name__in=[EDITORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_procedure_name_import_tracking"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
