"""Editorial safety through the real admin: review workflow, scheduling, locking.

The groups, permissions and workflow come from the catalogue's data migration,
exactly as a fresh database gets them. Editors work through Wagtail's admin
views with the test client; what citizens see is read from the public API.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Revision

from catalogue.models import CatalogueIndexPage, ProcedurePage
from tests.catalogue.editing import (
    CODE,
    EDITORS,
    NEW,
    OLD,
    REVIEWERS,
    edit_form,
    edit_url,
    post_edit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def public_requirements(client, page) -> tuple[str, str]:
    """What citizens see: the portal API and Wagtail's page API."""
    detail = client.get(f"/api/v1/procedures/{page.code}/")
    assert detail.status_code == 200
    cms = client.get(f"/api/v1/cms/pages/{page.pk}/")
    assert cms.status_code == 200
    return detail.json()["requirements"], cms.json()["requirements"]


def test_migration_installs_groups_permissions_and_workflow():
    root = CatalogueIndexPage.objects.get()
    workflow = root.get_workflow()
    assert workflow.name == "Duyệt thủ tục"
    [task] = [task.specific for task in workflow.tasks]
    assert isinstance(task, GroupApprovalTask)
    assert [g.name for g in task.groups.all()] == [REVIEWERS]
    editors = Group.objects.get(name=EDITORS)
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_agency", "change_field", "change_lifeevent"} <= (
        codenames
    )
    assert {"add_document", "choose_document"} <= set(
        editors.collection_permissions.values_list("permission__codename", flat=True)
    )


def test_editor_submits_reviewer_approves_and_only_then_it_is_public(
    client, procedure, editor, reviewer
):
    anonymous = client.__class__()
    client.force_login(editor)

    response = post_edit(client, procedure, "submit", requirements=NEW)

    assert response.status_code == 302, response.content[:2000]
    procedure.refresh_from_db()
    state = procedure.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Người duyệt phê duyệt"
    assert procedure.get_latest_revision_as_object().requirements == NEW
    # The draft waits; citizens still get the published version.
    assert procedure.has_unpublished_changes
    assert public_requirements(anonymous, procedure) == (OLD, OLD)

    # The editor cannot publish: the publish action only saves a draft, and
    # the approval is not theirs to give.
    assert not procedure.permissions_for_user(editor).can_publish()
    post_edit(client, procedure, "publish", requirements=NEW + " (2)")
    assert public_requirements(anonymous, procedure) == (OLD, OLD)
    task_state = procedure.current_workflow_state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[procedure.pk, "approve", task_state.pk],
    )
    client.post(approve, {"comment": ""})  # refused: the admin redirects away
    procedure.refresh_from_db()
    assert procedure.current_workflow_state.status == state.STATUS_IN_PROGRESS
    assert public_requirements(anonymous, procedure) == (OLD, OLD)

    client.force_login(reviewer)
    response = client.post(approve, {"comment": "Đồng ý"})

    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.current_workflow_state is None
    # The version submitted for review is what goes live.
    assert public_requirements(anonymous, procedure) == (NEW, NEW)


def test_rejected_draft_never_reaches_the_api(client, procedure, editor, reviewer):
    """The same through Wagtail's own API: workflow.start, task state reject."""
    procedure.requirements = NEW
    revision = procedure.save_revision(user=editor)
    workflow = procedure.get_workflow()
    state = workflow.start(procedure, editor)
    assert state.current_task_state.revision == revision
    assert public_requirements(client, procedure) == (OLD, OLD)
    listing = client.get("/api/v1/procedures/").json()["results"]
    assert [item["code"] for item in listing] == [CODE]

    task = state.current_task_state.task.specific
    task.on_action(state.current_task_state, reviewer, "reject")

    procedure.refresh_from_db()
    assert procedure.current_workflow_state.status == state.STATUS_NEEDS_CHANGES
    assert public_requirements(client, procedure) == (OLD, OLD)


def test_scheduled_version_is_not_public_until_publish_scheduled(
    client, procedure, reviewer
):
    client.force_login(reviewer)
    go_live = timezone.localtime() + timedelta(hours=2)
    response = post_edit(
        client,
        procedure,
        "publish",
        requirements=NEW,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    assert response.status_code == 302, response.content[:2000]
    anonymous = client.__class__()

    procedure.refresh_from_db()
    assert Revision.objects.filter(approved_go_live_at__isnull=False).count() == 1
    assert public_requirements(anonymous, procedure) == (OLD, OLD)
    call_command("publish_scheduled")  # not yet time
    assert public_requirements(anonymous, procedure) == (OLD, OLD)

    later = timezone.now() + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")

    assert public_requirements(anonymous, procedure) == (NEW, NEW)


def test_scheduled_new_page_is_not_live_before_its_time(client, editor, reviewer):
    root = CatalogueIndexPage.objects.get()
    page = ProcedurePage(
        title="Thủ tục mới",
        slug="thu-tuc-moi",
        code="9.000777",
        live=False,
        go_live_at=timezone.now() + timedelta(days=1),
    )
    root.add_child(instance=page)
    page.save_revision(user=reviewer).publish(user=reviewer)

    page.refresh_from_db()
    assert not page.live
    assert client.get("/api/v1/procedures/9.000777/").status_code == 404
    assert client.get(f"/api/v1/cms/pages/{page.pk}/").status_code == 404

    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(days=2)
    ):
        call_command("publish_scheduled")

    assert client.get("/api/v1/procedures/9.000777/").status_code == 200


def test_locked_page_cannot_be_edited_by_another_editor(
    client, procedure, editor, other_editor, reviewer
):
    client.force_login(editor)
    lock = reverse("wagtailadmin_pages:lock", args=[procedure.pk])
    assert client.post(lock).status_code == 302
    procedure.refresh_from_db()
    assert procedure.locked and procedure.locked_by == editor
    revisions = procedure.revisions.count()

    client.force_login(other_editor)
    data = edit_form(client, procedure)
    data["requirements"] = "Sửa trái phép"
    data["action-submit"] = "1"
    response = client.post(edit_url(procedure), data)

    assert response.status_code == 200  # the form again, with the lock error
    assert procedure.revisions.count() == revisions
    assert procedure.get_latest_revision_as_object().requirements == OLD
    assert not procedure.permissions_for_user(other_editor).can_unlock()
    unlock = reverse("wagtailadmin_pages:unlock", args=[procedure.pk])
    client.post(unlock)
    procedure.refresh_from_db()
    assert procedure.locked

    # The editor who holds the lock still can; a reviewer may unlock.
    client.force_login(editor)
    assert post_edit(client, procedure, "submit", requirements=NEW).status_code == 302
    assert procedure.revisions.count() == revisions + 1
    client.force_login(reviewer)
    client.post(unlock)
    procedure.refresh_from_db()
    assert not procedure.locked
