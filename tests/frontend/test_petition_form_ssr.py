"""The petition form without JavaScript: find the procedure by name, or pick
the agency, through the built SvelteKit server, the real API and the engine."""

from __future__ import annotations

import re
import urllib.parse
from html import unescape
from unittest import mock

import pytest

from catalogue.models import ProcedureAgency
from feedback.models import Petition
from search import indexing
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory
from tests.feedback.conftest import clear_throttles
from tests.frontend.test_petitions_ssr import post_form
from tests.frontend.test_ssr import fetch, frontend_server, start_frontend  # noqa: F401

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.opensearch,
]

TYPED = {
    "title": "Chậm trả giấy khai sinh cho con",
    "body": "Nộp hồ sơ khai sinh đã mười ngày mà chưa có kết quả, xin xem lại.",
    "name": "Trần Thị Bình",
    "phone": "0912 345 678",
}


@pytest.fixture
def birth():
    clear_throttles()
    commune = AgencyFactory(name="Ủy ban nhân dân phường Him Lam")
    procedure = ProcedurePageFactory(title="Đăng ký khai sinh", code="1.001193")
    ProcedurePageFactory(title="Cấp giấy phép xây dựng", code="1.009999")
    ProcedureAgency.objects.create(page=procedure, agency=commune, role="implementing")
    built = indexing.rebuild()
    yield procedure, commune
    indexing.get_client().indices.delete(index=built["index"], ignore_unavailable=True)
    clear_throttles()


@pytest.mark.django_db(transaction=True)
def test_find_by_name_pick_and_send(frontend_server, birth):  # noqa: F811
    procedure, commune = birth
    # "khai sinh": found by the engine, and by the database when the engine is
    # slow to answer on a loaded machine (the search degrades, never fails).
    query = urllib.parse.urlencode({"tim-thu-tuc": "khai sinh"})

    status, html = fetch(f"{frontend_server}/phan-anh/gui?{query}")

    assert status == 200
    page = unescape(html)
    radios = re.findall(r'type="radio"[^>]*name="procedure" value="([^"]*)"', page)
    legend = page.find("<legend>Phản ánh về thủ tục")
    assert radios and radios[0] == "1.001193", page[legend:][:700]
    assert "Đăng ký khai sinh" in page
    assert '<select id="f-agency" name="agency"' in page

    with mock.patch("feedback.services.submission.queue_intake"):
        sent, _ = post_form(
            f"{frontend_server}/phan-anh/gui?{query}",
            {
                **TYPED,
                "kind": "procedure",
                "procedure": "1.001193",
                "idempotency_key": "pick-abcdef1",
            },
        )

    assert sent == 303
    petition = Petition.objects.get()
    assert petition.procedure_id == procedure.pk
    assert petition.agency == commune


@pytest.mark.django_db(transaction=True)
def test_pick_the_agency_without_any_code(frontend_server, birth):  # noqa: F811
    # The public list of agencies: those that carry out procedures.
    _, commune = birth
    status, html = fetch(f"{frontend_server}/phan-anh/gui")
    assert status == 200
    assert re.search(rf'<option value="{commune.pk}"[^>]*>{commune.name}<', html)

    with mock.patch("feedback.services.submission.queue_intake"):
        sent, _ = post_form(
            f"{frontend_server}/phan-anh/gui",
            {
                **TYPED,
                "kind": "conduct",
                "agency": str(commune.pk),
                "idempotency_key": "agency-abcdef1",
            },
        )

    assert sent == 303
    petition = Petition.objects.get()
    assert petition.procedure is None
    assert petition.agency == commune
    assert petition.events.get(action="routed").data["reason"] == "chosen"
