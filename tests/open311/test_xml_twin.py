"""Every XML answer carries the same rows as its JSON twin.

The fuzz runs validate the XML answers against the JSON rows' schema by
reading them back (tests/abuse/open311_xml.py); here that reading is checked
against the JSON answers themselves, endpoint by endpoint, errors included.
"""

from __future__ import annotations

import pytest

from tests.abuse import fuzzing
from tests.abuse.open311_xml import rows
from tests.catalogue.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

BASE = "/open311/v2"


@pytest.fixture
def seeded(db):
    return fuzzing.seed_open311(AgencyFactory(code="H40.01", name="UBND xã Hòa An"))


def test_each_xml_answer_reads_back_as_its_json_twin(client, seeded):
    paths = [
        "services",
        "services/procedure",
        "services/nope",
        "requests",
        f"requests/{seeded['open311_request']}",
        "requests/ZZZZ-ZZZZ",
        f"tokens/{seeded['open311_token']}",
        "requests?start_date=2026-02-30T00:00:00",
        "no/such/path",
    ]
    for path in paths:
        name, _, query = path.partition("?")
        suffix = f"?{query}" if query else ""
        json_answer = client.get(f"{BASE}/{name}.json{suffix}")
        xml_answer = client.get(f"{BASE}/{name}.xml{suffix}")
        assert xml_answer.status_code == json_answer.status_code, path
        assert xml_answer["Content-Type"] == "text/xml; charset=utf-8"
        assert rows(xml_answer.content) == json_answer.json(), path
    listed = client.get(f"{BASE}/requests.json").json()
    assert [row["service_request_id"] for row in listed] == [seeded["open311_request"]]


def test_the_served_description_gives_the_xml_answers_their_rows(client):
    paths = client.get(f"{BASE}/openapi.json").json()["paths"]
    schema = paths[f"{BASE}/services.xml"]["get"]["responses"]["200"]["content"][
        "text/xml"
    ]["schema"]
    assert schema["xml"] == {"name": "services", "wrapped": True}
    assert schema["items"]["xml"] == {"name": "service"}


def test_a_document_without_declaration_or_not_xml_does_not_read():
    with pytest.raises(ValueError):
        rows(b"<services/>")
    with pytest.raises(Exception):  # noqa: B017, PT011 - ParseError
        rows(b"<?xml version='1.0'?><services>")
