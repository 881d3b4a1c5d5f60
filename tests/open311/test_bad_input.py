"""What an attacker sends to the GeoReport v2 endpoints: impossible dates,
paths no route has, huge or broken bodies, odd Accept headers, invisible
characters. Each gets the spec's error rows (``[{"code", "description"}]``
or ``<errors>``) with its HTTP status and a Vietnamese description; none a
500 or the site's HTML page.
"""

from __future__ import annotations

from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import pytest

from tests.feedback.conftest import clear_throttles

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

BASE = "/open311/v2"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def _clean_throttles(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    clear_throttles()
    yield
    clear_throttles()


def spec_errors(response, status: int) -> list[str]:
    """The descriptions of a JSON error answer, checking its shape."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    rows = response.json()
    assert rows
    assert all(set(row) == {"code", "description"} for row in rows)
    assert all(row["code"] == status for row in rows)
    return [row["description"] for row in rows]


@pytest.mark.parametrize(
    "query",
    [
        "start_date=2026-02-30T00:00:00",  # 30 February: ValueError, a 500
        "start_date=2026-01-01T25:00:00",  # hour 25
        "start_date=2026-01-01T00:00:00%2B99:00",  # offset +99:00
        "end_date=0001-01-01T00:00:00",  # the default window overflowed
        "start_date=9999-12-31T23:59:59-12:00",
        "end_date=1999-12-31T00:00:00%2B07:00",  # before the portal's years
    ],
)
def test_impossible_or_far_dates_are_a_400_naming_the_argument(client, query):
    descriptions = spec_errors(client.get(f"{BASE}/requests.json?{query}"), 400)
    name = query.split("=")[0]
    assert descriptions[0].startswith(name)


def test_an_impossible_date_in_xml_is_an_xml_error(client):
    response = client.get(f"{BASE}/requests.xml?start_date=2026-02-30T00:00:00")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer
    assert root.tag == "errors"
    assert root.find("error/code").text == "400"
    assert "start_date" in root.find("error/description").text


@pytest.mark.parametrize(
    "path",
    [
        "/requests/%3Cscript%3Ealert(1)%3C%2Fscript%3E.json",
        "/services/a%20b.json",
        "/tokens/..%2F..%2Fetc%2Fpasswd.json",
        "/admin",
        "/requests",
    ],
)
def test_a_path_no_route_has_gets_the_spec_404_not_an_html_page(client, path):
    descriptions = spec_errors(client.get(BASE + path), 404)
    assert descriptions == ["Không tìm thấy."]


def test_a_path_no_route_has_ending_in_xml_gets_an_xml_404(client):
    response = client.post(f"{BASE}/requests/a%2Fb.xml")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/xml")
    assert b"<errors><error><code>404</code>" in response.content


def test_the_extension_chooses_the_format_whatever_accept_says(client):
    # DRF's content negotiation answered an English 406 before.
    response = client.get(f"{BASE}/services.json", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert [row["service_code"] for row in response.json()] == [
        "procedure",
        "conduct",
        "suggestion",
    ]
    xml = client.get(f"{BASE}/services.xml", HTTP_ACCEPT="application/json")
    assert xml.status_code == 200
    assert xml["Content-Type"].startswith("text/xml")


def test_a_form_body_over_the_memory_limit_is_a_413(client):
    # 3 MB of form fields: Django's HTML 400 page before.
    body = urlencode({"api_key": "x", "description": "a" * (3 * 1024 * 1024)})
    descriptions = spec_errors(
        client.post(f"{BASE}/requests.json", body, content_type=FORM), 413
    )
    assert "quá lớn" in descriptions[0]


def test_a_declared_length_over_the_request_limit_is_refused_unread(client, settings):
    settings.API_MAX_REQUEST_BYTES = 1024
    response = client.post(
        f"{BASE}/requests.xml",
        urlencode({"api_key": "x", "description": "a" * 2000}),
        content_type=FORM,
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/xml")
    assert b"<code>413</code>" in response.content


def test_a_chunked_body_without_a_length_is_a_411(client):
    response = client.post(
        f"{BASE}/requests.json",
        "api_key=x",
        content_type=FORM,
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert spec_errors(response, 411)


def test_a_value_of_only_invisible_characters_names_its_field(client):
    # A zero-width space only: the parser's refusal was served as a Python
    # dict's repr ("{'api_key': [ErrorDetail(…)]}").
    body = urlencode({"api_key": "\u200b\u200b", "service_code": "suggestion"})
    descriptions = spec_errors(
        client.post(f"{BASE}/requests.json", body, content_type=FORM), 400
    )
    assert descriptions[0].startswith("api_key: ")
    assert "ErrorDetail" not in descriptions[0]


def test_a_multipart_body_without_a_boundary_is_a_vietnamese_400(client):
    response = client.post(
        f"{BASE}/requests.json", b"api_key=x", content_type="multipart/form-data"
    )
    descriptions = spec_errors(response, 400)
    assert descriptions == ["Không đọc được dữ liệu gửi lên (form hoặc multipart)."]


def test_the_openapi_document_describes_every_endpoint_in_both_formats(client):
    response = client.get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for fmt in ("json", "xml"):
        assert set(paths[f"{BASE}/requests.{fmt}"]) == {"get", "post"}
        for path in (
            "services",
            "services/{service_code}",
            "requests/{service_request_id}",
            "tokens/{token}",
        ):
            assert set(paths[f"{BASE}/{path}.{fmt}"]) == {"get"}
    assert len(paths) == 10
