"""Open311 GeoReport v2 against the spec's examples (wiki.open311.org/GeoReport_v2).

Each answer is compared with the example the spec gives for it: the same
root, row and field elements in XML, the same keys in JSON. The spec's own
POST example (its parameters, with our service code) is sent as a civic app
would send it, form-encoded, and gets our error format when our rules refuse
its values (the phone number "111111111" is not a Vietnamese one).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback import services as feedback
from feedback.models import Petition, PetitionStatus, Screening
from open311.models import ApiClient, Submission
from tests.catalogue.factories import AgencyFactory
from tests.feedback.conftest import clear_throttles
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

BASE = "/open311/v2"

# The spec's examples, as the wiki gives them (values shortened).
SPEC_SERVICES = """<?xml version="1.0" encoding="utf-8"?>
<services><service><service_code>001</service_code>
<service_name>Cans left out 24x7</service_name>
<description>Garbage or recycling cans that have been left out</description>
<metadata>true</metadata><type>realtime</type>
<keywords>lorem, ipsum, dolor</keywords><group>sanitation</group>
</service></services>"""
SPEC_DEFINITION = """<?xml version="1.0" encoding="utf-8"?>
<service_definition><service_code>DMV66</service_code><attributes><attribute>
<variable>true</variable><code>WHISHETN</code><datatype>singlevaluelist</datatype>
<required>true</required><datatype_description></datatype_description>
<order>1</order><description>What is the ticket/tag/DL number?</description>
<values><value><key>123</key><name>Ford</name></value></values>
</attribute></attributes></service_definition>"""
SPEC_CREATED = """<?xml version="1.0" encoding="utf-8"?>
<service_requests><request><service_request_id>293944</service_request_id>
<service_notice>The City will inspect and require the responsible party to correct
within 24 hours</service_notice><account_id/></request></service_requests>"""
SPEC_CREATED_TOKEN = """<?xml version="1.0" encoding="utf-8"?>
<service_requests><request><token>12345</token>
<service_notice>The City will inspect</service_notice><account_id/></request>
</service_requests>"""
SPEC_TOKEN = """<?xml version="1.0" encoding="utf-8"?>
<service_requests><request><service_request_id>638344</service_request_id>
<token>12345</token></request></service_requests>"""
SPEC_REQUESTS = """<?xml version="1.0" encoding="utf-8"?>
<service_requests><request><service_request_id>638344</service_request_id>
<status>closed</status><status_notes>Duplicate request.</status_notes>
<service_name>Sidewalk and Curb Issues</service_name><service_code>006</service_code>
<description></description><agency_responsible></agency_responsible>
<service_notice></service_notice>
<requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
<updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
<expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
<address>8TH AVE and JUDAH ST</address><address_id>545483</address_id>
<zipcode>94122</zipcode><lat>37.762221815</lat><long>-122.4651145</long>
<media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg</media_url>
</request></service_requests>"""
SPEC_ERROR = """<?xml version="1.0" encoding="utf-8"?>
<errors><error><code>403</code>
<description>Invalid api_key received -- can't proceed with create_request.
</description>
</error></errors>"""


def parse(xml: bytes | str) -> ET.Element:
    """Our own answers and the spec's examples: trusted documents."""
    return ET.fromstring(xml)  # noqa: S314


def shape(xml: bytes | str) -> tuple:
    """Root, row and field element names of a GeoReport XML document."""
    root = parse(xml)
    rows = list(root)
    return root.tag, rows[0].tag if rows else None, [c.tag for c in rows[0]]


@pytest.fixture(autouse=True)
def _clean_throttles(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    clear_throttles()
    yield
    clear_throttles()


@pytest.fixture
def api_key(capsys):
    call_command("create_open311_key", "Ứng dụng Phố Xanh")
    return capsys.readouterr().out.strip()


@pytest.fixture
def agency(db):
    return AgencyFactory(code="H40.01", name="UBND xã Hòa An")


def _post(client, fmt="json", **params):
    return client.post(
        f"{BASE}/requests.{fmt}",
        urlencode(params),
        content_type="application/x-www-form-urlencoded",
    )


def spec_post(api_key, **changes):
    """The spec's POST example, with our service code and a valid phone."""
    params = {
        "api_key": api_key,
        "jurisdiction_id": "city.gov",
        "service_code": "suggestion",
        "lat": "37.76524078",
        "long": "-122.4212043",
        "address_string": "1234 5th street",
        "email": "smit222@sfgov.edu",
        "device_id": "tt222111",
        "account_id": "123456",
        "first_name": "john",
        "last_name": "smith",
        "phone": "0912345678",
        "description": "A large sinkhole is destroying the street, please fix it",
        "media_url": "http://a.com",
        "attribute[WHISHETN]": "123",
    }
    params.update(changes)
    return params


def test_services_match_the_spec_example(client):
    xml = client.get(f"{BASE}/services.xml")
    assert xml.status_code == 200
    assert xml["Content-Type"] == "text/xml; charset=utf-8"
    assert xml.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert shape(xml.content) == shape(SPEC_SERVICES)
    body = client.get(f"{BASE}/services.json").json()
    assert [s["service_code"] for s in body] == ["procedure", "conduct", "suggestion"]
    assert set(body[0]) == set(shape(SPEC_SERVICES)[2])
    assert body[0]["metadata"] is True and body[0]["type"] == "realtime"


def test_service_definition_matches_the_spec_example(client):
    xml = client.get(f"{BASE}/services/procedure.xml")
    assert xml.status_code == 200
    root = parse(xml.content)
    spec = parse(SPEC_DEFINITION)
    assert [c.tag for c in root] == [c.tag for c in spec]
    ours = root.find("attributes").findall("attribute")
    spec_fields = [c.tag for c in spec.find("attributes").find("attribute")]
    consent = [a for a in ours if a.findtext("code") == "consent_publish"][0]
    assert [c.tag for c in consent] == spec_fields
    assert [v.findtext("key") for v in consent.find("values")] == ["true", "false"]
    body = client.get(f"{BASE}/services/procedure.json").json()
    assert body["service_code"] == "procedure"
    assert [a["code"] for a in body["attributes"]] == [
        "procedure",
        "agency",
        "title",
        "consent_publish",
    ]
    missing = client.get(f"{BASE}/services/006.json")
    assert missing.status_code == 404
    assert missing.json() == [
        {"code": 404, "description": "Không có dịch vụ (service_code) “006”."}
    ]


def test_the_spec_post_example_files_a_petition(client, api_key):
    response = _post(client, "xml", **spec_post(api_key))
    assert response.status_code == 201, response.content
    root = parse(response.content)
    spec_fields = set(shape(SPEC_CREATED)[2]) | set(shape(SPEC_CREATED_TOKEN)[2])
    assert root.tag == "service_requests"
    assert {c.tag for c in root[0]} <= spec_fields
    code = root[0].findtext("service_request_id")
    token = root[0].findtext("token")
    assert root[0].findtext("account_id") == "123456"
    assert "hạn trả lời" in root[0].findtext("service_notice")

    petition = Petition.objects.get(tracking_code=code)
    assert petition.kind == "suggestion"
    assert petition.name == "smith john"
    assert petition.phone == "0912345678"
    assert petition.email == "smit222@sfgov.edu"
    assert petition.title == "A large sinkhole is destroying the street, please fix it"
    assert petition.consent_publish is False
    assert Submission.objects.get(petition=petition).device_id == "tt222111"

    found = client.get(f"{BASE}/tokens/{token}.xml")
    assert shape(found.content) == shape(SPEC_TOKEN)
    assert parse(found.content)[0].findtext("service_request_id") == code
    assert client.get(f"{BASE}/tokens/{token}.json").json() == [
        {"service_request_id": code, "token": token}
    ]
    assert client.get(f"{BASE}/tokens/nope.json").status_code == 404


def test_a_wrong_api_key_gets_the_spec_error(client, api_key):
    response = _post(client, "xml", **spec_post("xyz"))
    assert response.status_code == 403
    assert shape(response.content) == shape(SPEC_ERROR)
    assert parse(response.content)[0].findtext("code") == "403"
    ApiClient.objects.update(active=False)
    response = _post(client, "json", **spec_post(api_key))
    assert response.status_code == 403
    assert response.json()[0]["code"] == 403
    assert "api_key" in response.json()[0]["description"]
    assert not Petition.objects.exists()


def test_our_rules_refuse_the_spec_values_in_the_error_format(client, api_key):
    # The spec's own phone number and a three-word description.
    response = _post(
        client, **spec_post(api_key, phone="111111111", description="Sinkhole")
    )
    assert response.status_code == 400
    errors = response.json()
    assert all(error["code"] == 400 for error in errors)
    fields = sorted(error["description"].split(":")[0] for error in errors)
    assert "description" in fields and "phone" in fields
    assert not Petition.objects.exists()
    # A procedure petition names a procedure or an agency.
    response = _post(client, **spec_post(api_key, service_code="procedure"))
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("attribute[procedure]:")
    unknown = _post(client, **spec_post(api_key, **{"attribute[agency]": "X.99"}))
    assert unknown.status_code == 400
    assert "X.99" in unknown.json()[0]["description"]


def test_filing_is_limited_as_the_petition_api(client, api_key, settings):
    settings.FEEDBACK_RATE_PER_PHONE = "2/day"
    for _ in range(2):
        assert _post(client, **spec_post(api_key)).status_code == 201
    refused = _post(client, **spec_post(api_key))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()[0]["code"] == 429
    assert "quá nhiều lần" in refused.json()[0]["description"]
    # Refused requests cost nothing: another phone still gets through.
    assert _post(client, **spec_post(api_key, phone="0987654321")).status_code == 201


def _published(agency, **kwargs) -> Petition:
    petition = PetitionFactory(agency=agency, **kwargs)
    feedback.run_intake(petition.pk)
    petition.refresh_from_db()
    now = timezone.now()
    Petition.objects.filter(pk=petition.pk).update(
        status=PetitionStatus.PUBLISHED,
        screening=Screening.CLEAN,
        answer="Đã bố trí mở cửa sáng thứ bảy từ tháng sau.",
        public_answer="Đã bố trí mở cửa sáng thứ bảy từ tháng sau.",
        answered_at=now,
        published_at=now,
    )
    petition.refresh_from_db()
    return petition


def test_requests_match_the_spec_example_and_mask_personal_data(client, agency):
    petition = _published(
        agency,
        body=(
            "Tôi là Nguyễn Văn An, số điện thoại 0912 345 678, thư an@example.com: "
            "đề nghị mở cửa bộ phận một cửa vào sáng thứ bảy."
        ),
    )
    hidden = PetitionFactory(agency=agency, consent_publish=False)
    feedback.run_intake(hidden.pk)

    xml = client.get(f"{BASE}/requests.xml")
    assert xml.status_code == 200
    assert shape(xml.content) == shape(SPEC_REQUESTS)
    rows = client.get(f"{BASE}/requests.json").json()
    assert [row["service_request_id"] for row in rows] == [petition.tracking_code]
    row = rows[0]
    assert set(row) == set(shape(SPEC_REQUESTS)[2])
    assert row["status"] == "closed"
    assert row["agency_responsible"] == "UBND xã Hòa An"
    assert "mở cửa sáng thứ bảy" in row["status_notes"]
    text = str(row)
    for personal in ("0912 345 678", "an@example.com", "Nguyễn Văn An", "Văn An"):
        assert personal not in text
    assert "[số điện thoại đã ẩn]" in row["description"]
    assert dt.datetime.fromisoformat(row["requested_datetime"]).utcoffset()

    # The unpublished one, by its code: its status, never its text.
    one = client.get(f"{BASE}/requests/{hidden.tracking_code}.json").json()[0]
    assert one["status"] == "open"
    assert hidden.body[:30] not in one["description"]
    assert client.get(f"{BASE}/requests/ZZZZ-ZZZZ.json").status_code == 404


def test_requests_filters(client, agency):
    old = _published(agency)
    Petition.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=120)
    )
    recent = _published(agency)
    get = lambda **q: client.get(f"{BASE}/requests.json", q)  # noqa: E731
    ids = lambda r: [row["service_request_id"] for row in r.json()]  # noqa: E731
    # Without dates: the last 90 days.
    assert ids(get()) == [recent.tracking_code]
    assert ids(get(service_code="conduct")) == []
    assert ids(get(status="open")) == []
    assert ids(get(status="closed")) == [recent.tracking_code]
    start = (timezone.now() - dt.timedelta(days=130)).isoformat()
    end = (timezone.now() - dt.timedelta(days=110)).isoformat()
    assert ids(get(start_date=start, end_date=end)) == [old.tracking_code]
    both = f"{old.tracking_code},{recent.tracking_code}"
    assert sorted(ids(get(service_request_id=both))) == sorted(
        [old.tracking_code, recent.tracking_code]
    )
    for bad in (
        {"start_date": "hôm qua"},
        {"status": "pending"},
        {"service_code": "006"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
    ):
        response = get(**bad)
        assert response.status_code == 400, bad
        assert response.json()[0]["code"] == 400


def test_an_unknown_format_is_an_error(client):
    response = client.get(f"{BASE}/services.csv")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
