"""The province's catalogue as data: the Điện Biên sample loaded as ``make run``
loads it, drafts that wait for review, and what the list says per unit."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowContentType

from catalogue import province as provinces
from catalogue.models import (
    Agency,
    AgencyKind,
    Commune,
    LocalProcedure,
    LocalRole,
    ProvincialDecision,
    Reception,
)
from tests.catalogue.province_fixtures import PROVINCE_JSON, load_sample_province

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def sample():
    load_sample_province()


def test_the_sample_loads_communes_units_and_the_list(sample):
    centre = Agency.objects.get(name="Trung tâm Phục vụ hành chính công tỉnh Điện Biên")
    assert centre.kind == AgencyKind.CENTRE
    assert "867" in centre.address
    department = Agency.objects.get(name="Sở Công Thương tỉnh Điện Biên")
    assert department.kind == AgencyKind.DEPARTMENT
    assert department.receives_at == centre
    ang = Commune.objects.get(slug="muong-ang")
    assert ang.former_names == ["Thị trấn Mường Ảng", "Xã Ẳng Nưa", "Xã Ẳng Cang"]
    assert ang.units.get().kind == AgencyKind.COMMUNE_CENTRE
    # 12 of the Department + birth registration, all published.
    assert LocalProcedure.objects.filter(live=True).count() == 13
    promotion = LocalProcedure.objects.get(national_code="2.000004")
    assert promotion.procedure is not None and promotion.procedure.code == "2.000004"
    assert promotion.time_text == "4 ngày làm việc"
    assert promotion.time_decision.number == "SAMPLE/QĐ-UBND"
    assert promotion.time_decision.is_sample and promotion.is_sample
    electricity = LocalProcedure.objects.get(code="1.013401")
    assert electricity.national_code == "1.013401" and electricity.procedure is None
    birth = LocalProcedure.objects.get(national_code="1.001193")
    assert birth.reception == Reception.COMMUNE and birth.level == "xa"


def test_a_second_load_writes_nothing(sample):
    revisions = sum(p.revisions.count() for p in LocalProcedure.objects.all())
    out = io.StringIO()
    call_command("load_province", str(PROVINCE_JSON), stdout=out)
    assert "Written (new or changed): 0" in out.getvalue()
    assert sum(p.revisions.count() for p in LocalProcedure.objects.all()) == revisions


def test_the_list_and_decisions_go_through_the_review_workflow():
    for model in (LocalProcedure, ProvincialDecision):
        assignment = WorkflowContentType.objects.get(
            content_type__model=model._meta.model_name
        )
        assert assignment.workflow.name == "Duyệt thủ tục"


def test_a_draft_is_not_served_until_published(sample):
    entry = LocalProcedure.objects.get(national_code="2.000004")
    entry.time_text = "2 ngày làm việc"
    entry.save_revision()  # a draft over the published entry
    entry.refresh_from_db()
    assert entry.time_text == "4 ngày làm việc" and entry.has_unpublished_changes
    served = provinces.local_for("2.000004", provinces.the_province())
    assert served.time_text == "4 ngày làm việc"
    entry.latest_revision.publish()
    served = provinces.local_for("2.000004", provinces.the_province())
    assert served.time_text == "2 ngày làm việc"


def test_an_unpublished_entry_is_not_served(sample):
    entry = LocalProcedure.objects.get(national_code="2.000004")
    entry.unpublish()
    assert provinces.local_for("2.000004", provinces.the_province()) is None


def test_the_department_lists_its_procedures(sample):
    department = Agency.objects.get(name="Sở Công Thương tỉnh Điện Biên")
    rows = provinces.agency_local_procedures(department)
    assert len(rows) == 12
    by_code = {row["code"]: row for row in rows}
    assert by_code["2.000004"]["in_national_catalogue"]
    assert by_code["2.000004"]["time"] == "4 ngày làm việc"
    assert not by_code["1.013401"]["in_national_catalogue"]
    assert by_code["1.013401"]["url"] == ""
    roles = {
        link.role for e in LocalProcedure.objects.all() for link in e.agency_roles.all()
    }
    assert roles == {LocalRole.IMPLEMENTING, LocalRole.RECEIVING}


@pytest.mark.parametrize(
    ("published", "national"),
    [
        ("1.013401.H18", "1.013401"),
        ("2.000004.000.00.00.H36", "2.000004"),
        ("2.000004", "2.000004"),
        ("BCT.KM.01", "BCT.KM.01"),
    ],
)
def test_national_code_drops_the_province_suffix(published, national):
    assert provinces.national_code(published, "H18") == national


def test_a_former_commune_name_finds_the_new_one(sample):
    province = provinces.the_province()
    assert provinces.resolve_commune(province, "Him Lam").slug == "dien-bien-phu"
    assert provinces.resolve_commune(province, "xa ang cang").slug == "muong-ang"
    assert provinces.resolve_commune(province, "muong-lay").name == "Phường Mường Lay"
    with pytest.raises(provinces.UnknownCommune):
        provinces.resolve_commune(province, "Hà Đông")
