"""Response bodies have the types the OpenAPI schema gives them.

``make fuzz-api`` found procedure details whose channel ``processing_time``
came as the string ``"5"`` where the schema (and the frontend's generated
types) say a number: the API's orjson renderer wrote a StreamField block's
``Decimal`` as a string. These tests read the JSON as a client does, through
the API's renderer, and hold each value to the schema's type.
"""

from __future__ import annotations

import decimal

import pytest
from drf_spectacular.generators import SchemaGenerator

from catalogue.models import ProcedureAgency
from core.renderers import JSONRenderer
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def channel(kind: str, days: str, fee: str | None) -> dict:
    return {
        "type": "channel",
        "value": {
            "kind": kind,
            "processing_time": days,
            "time_unit": "ngày làm việc",
            "fees": [{"amount": fee, "currency": "VND", "is_free": fee is None}],
        },
    }


@pytest.fixture
def procedure():
    related = ProcedurePageFactory(code="1.000002", title="Thủ tục liên quan")
    page = ProcedurePageFactory(
        code="1.000001",
        title="Đăng ký thường trú",
        channels=[
            channel("direct", "5", "50000"),
            channel("online", "2.5", None),
        ],
    )
    ProcedureAgency.objects.create(
        page=page, agency=AgencyFactory(name="Công an xã A"), role="implementing"
    )
    page.related_procedures.add(related)
    page.save_revision().publish()
    return page


def test_a_decimal_is_rendered_as_a_number():
    assert JSONRenderer().render({"n": decimal.Decimal("2.50")}) == b'{"n":2.5}'


def test_channel_times_and_fee_amounts_are_numbers(client, procedure):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    assert components["Channel"]["properties"]["processing_time"]["type"] == "number"
    assert components["Fee"]["properties"]["amount"]["type"] == "number"

    body = client.get("/api/v1/procedures/1.000001/").json()

    times = [c["processing_time"] for c in body["channels"]]
    assert times == [5, 2.5]
    assert all(type(t) in (int, float) for t in times), times
    amounts = [f["amount"] for c in body["channels"] for f in c["fees"]]
    assert amounts == [50000, None]


def test_agencies_and_related_procedures_are_arrays_of_objects(client, procedure):
    body = client.get("/api/v1/procedures/1.000001/").json()

    assert [a["name"] for a in body["agencies"]] == ["Công an xã A"]
    assert body["agencies"][0]["role"] == "implementing"
    assert [p["code"] for p in body["related_procedures"]] == ["1.000002"]
