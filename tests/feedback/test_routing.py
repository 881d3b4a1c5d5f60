"""Every petition reaches an agency, and the audit trail says why.

Petitions are sent through the real API as citizens send them: with a
procedure code, with an agency only, with neither; the officials' inbox and
the petition's page are read as an official reads them.
"""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.contrib.auth import get_user_model

from catalogue.models import Agency, ProcedureAgency
from feedback import services
from feedback.models import Petition, PetitionAction
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

URL = "/api/v1/petitions/"
INBOX = "/admin/petitions/"


@pytest.fixture(autouse=True)
def _no_broker_needed(fresh_cache):
    with mock.patch("feedback.services.submission.queue_intake") as queue:
        yield queue


def send(client, **fields) -> Petition:
    data = {
        "kind": "suggestion",
        "title": "Đề nghị về giờ tiếp nhận hồ sơ",
        "body": "Bộ phận một cửa nên làm việc thêm sáng thứ bảy cho người đi làm.",
        "name": "Trần Thị Bình",
        "phone": f"09123{Petition.objects.count():05d}",
        **fields,
    }
    response = client.post(URL, json.dumps(data), content_type="application/json")
    assert response.status_code == 202, response.content
    return Petition.objects.get(tracking_code=response.json()["tracking_code"])


def routed(petition: Petition):
    return petition.events.get(action=PetitionAction.ROUTED)


@pytest.fixture
def justice():
    return AgencyFactory(name="Sở Tư pháp")


@pytest.fixture
def commune():
    return AgencyFactory(name="Ủy ban nhân dân phường Him Lam")


@pytest.fixture
def birth(commune):
    procedure = ProcedurePageFactory(title="Đăng ký khai sinh", code="1.001193")
    ProcedureAgency.objects.create(page=procedure, agency=commune, role="implementing")
    return procedure


def test_code_only_goes_to_the_procedures_implementing_agency(client, birth, commune):
    petition = send(client, kind="procedure", procedure="1.001193")

    assert petition.agency == commune
    event = routed(petition)
    assert event.data["reason"] == "procedure"
    assert "1.001193" in event.note and commune.name in event.note


def test_procedure_agency_wins_over_the_chosen_one(client, birth, commune, justice):
    petition = send(client, kind="procedure", procedure="1.001193", agency=justice.pk)

    assert petition.agency == commune
    assert routed(petition).data == {
        "agency": commune.pk,
        "reason": "procedure",
        "chosen_agency": justice.pk,
    }


def test_procedure_without_agency_falls_back_to_the_chosen_one(client, justice):
    ProcedurePageFactory(code="2.000004")
    petition = send(client, kind="procedure", procedure="2.000004", agency=justice.pk)

    assert petition.agency == justice
    assert routed(petition).data["reason"] == "chosen"


def test_agency_only_goes_to_that_agency(client, justice):
    petition = send(client, kind="conduct", agency=justice.pk)

    assert petition.agency == justice
    event = routed(petition)
    assert event.data["reason"] == "chosen"
    assert "Sở Tư pháp" in event.note


def test_neither_goes_to_the_flagged_reception_unit(client, justice):
    centre = AgencyFactory(name="Trung tâm Phục vụ hành chính công tỉnh Điện Biên")
    Agency.objects.filter(pk=centre.pk).update(default_reception=True)

    petition = send(client)

    assert petition.agency == centre
    assert routed(petition).data["reason"] == "flag"


def test_neither_goes_to_the_configured_unit_first(client, settings):
    flagged = AgencyFactory(default_reception=True)
    configured = AgencyFactory(code="H18.VP")
    settings.FEEDBACK_DEFAULT_AGENCY_CODE = "H18.VP"

    petition = send(client)

    assert petition.agency == configured != flagged
    assert routed(petition).data["reason"] == "setting"


def test_neither_on_a_fresh_install_creates_the_provincial_centre(client, settings):
    settings.FEEDBACK_DEFAULT_AGENCY_CODE = "NOT-THERE"
    first = send(client)
    second = send(client, kind="conduct")

    assert first.agency is not None
    assert first.agency == second.agency
    assert first.agency.default_reception
    assert first.agency.name == "Trung tâm Phục vụ hành chính công tỉnh"
    assert [routed(p).data["reason"] for p in (first, second)] == ["created", "flag"]


def test_only_one_default_reception_unit():
    from django.db import IntegrityError, transaction

    AgencyFactory(default_reception=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyFactory(default_reception=True)


def test_intake_routes_an_old_unrouted_petition_with_the_reason(justice):
    petition = PetitionFactory(agency=None)
    services.run_intake(petition.pk)
    petition.refresh_from_db()

    assert petition.agency is not None
    assert routed(petition).data["reason"] in {"created", "flag"}
    services.run_intake(petition.pk)
    assert petition.events.filter(action=PetitionAction.ROUTED).count() == 1


def test_inbox_column_is_never_empty_and_the_trail_says_why(
    client, birth, justice, settings
):
    petitions = [
        send(client, kind="procedure", procedure="1.001193"),
        send(client, kind="conduct", agency=justice.pk),
        send(client),
    ]
    admin = get_user_model().objects.create_superuser("lead", "l@example.com", "pw")
    client.force_login(admin)

    inbox = client.get(INBOX)
    assert inbox.status_code == 200
    html = inbox.content.decode()
    for petition in petitions:
        row = html[html.index(petition.tracking_code) :]
        row = row[: row.index("</tr>")]
        assert petition.agency.name in row

    page = client.get(f"{INBOX}edit/{petitions[2].pk}/").content.decode()
    assert "Đơn vị tiếp nhận mặc định của tỉnh" in page


def test_petitions_left_without_an_agency_before_are_routed_by_the_migration():
    import importlib

    from django.apps import apps
    from django.utils import timezone

    migration = importlib.import_module(
        "feedback.migrations.0008_route_unrouted_petitions"
    )
    stranded = PetitionFactory(agency=None, routed_at=timezone.now())
    pending = PetitionFactory(agency=None)  # its intake will route it

    migration.route_unrouted(apps, None)

    stranded.refresh_from_db()
    pending.refresh_from_db()
    assert stranded.agency is not None and stranded.agency.default_reception
    assert routed(stranded).data["reason"] == "created"
    assert pending.agency is None
