"""The API's messages in English for the English site (Accept-Language: en).

The API's messages are written in Vietnamese and translated in ``locale/en``.
This walks the error answers a client meets on every endpoint — unknown
addresses and records, malformed and invalid bodies, refused actions, bad
periods, a missing or wrong token, throttles — asking in English, and fails on
any Vietnamese letter in what comes back (titles, details, field errors). The
inputs are ASCII, so an echo of them cannot hide a Vietnamese message.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.dossiers import factories
from tests.feedback.conftest import clear_throttles

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
VIETNAMESE = re.compile(
    r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]",
    re.IGNORECASE,
)


def strings(value, where="") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in strings(v, f"{where}[{i}]")]
    return []


@pytest.fixture
def world():
    clear_throttles()
    agency = factories.agency("H40.01", name="UBND xa Hoa An")
    procedure = factories.procedure(code="1.001193", title="Dang ky khai sinh")
    token = factories.token_for(agency)
    return {"agency": agency, "procedure": procedure, "token": token}


def requests(world) -> list[tuple[str, str, object, dict]]:
    """(method, path, JSON body or raw bytes, extra headers) of each refused request."""
    token = {"HTTP_AUTHORIZATION": f"Token {world['token']}"}
    wrong = {"HTTP_AUTHORIZATION": "Token not-a-token"}
    code = world["procedure"].code
    return [
        ("GET", "/api/v1/procedures/0.000000/", None, {}),
        ("GET", f"/api/v1/procedures/{code}/where/?xa=nowhere", None, {}),
        ("GET", "/api/v1/procedures/0.000000/completion-time/", None, {}),
        ("GET", "/api/v1/procedures/0.000000/changes/", None, {}),
        ("GET", "/api/v1/procedures/?page=999", None, {}),
        ("GET", "/api/v1/agencies/999999/", None, {}),
        ("GET", "/api/v1/agencies/999999/local-procedures/", None, {}),
        ("GET", "/api/v1/fields/no-such-field/", None, {}),
        ("GET", "/api/v1/life-events/no-such-event/", None, {}),
        ("GET", "/api/v1/search/?page=x", None, {}),
        ("GET", "/api/v1/search/?q=" + "a" * 600, None, {}),
        ("GET", "/api/v1/search/suggest/?q=" + "a" * 600, None, {}),
        ("GET", "/api/v1/stats/dossiers/?period=2025-Q9", None, {}),
        ("GET", "/api/v1/stats/satisfaction/?period=tomorrow", None, {}),
        ("GET", "/api/v1/stats/index-766/?period=2025-13", None, {}),
        ("GET", "/api/v1/preview/?content_type=x&token=y", None, {}),
        ("GET", "/api/v1/dossiers/H40.01-260406-9999/", None, {}),
        ("GET", "/api/v1/dossiers/not a code/", None, {}),
        ("GET", "/api/v1/dossiers/H40.01-260406-9999/receipt/", None, {}),
        ("GET", "/api/v1/petitions/AAAA-AAAA-AAAA/", None, {}),
        ("GET", "/api/v1/online-filing/0.000000/", None, {}),
        ("GET", "/api/no-such-endpoint/", None, {}),
        ("DELETE", "/api/v1/procedures/", None, {}),
        ("POST", "/api/v1/dossiers/", {}, {}),
        ("POST", "/api/v1/dossiers/", {}, wrong),
        ("POST", "/api/v1/dossiers/", {}, token),
        (
            "POST",
            "/api/v1/dossiers/",
            {
                "procedure": "0.000000",
                "channel": "carrier-pigeon",
                "applicant_name": "",
                "received_at": "yesterday",
                "code": "X",
            },
            token,
        ),
        (
            "POST",
            "/api/v1/dossiers/",
            {
                "procedure": code,
                "applicant_name": "Nguyen Van An",
                "received_at": "2026-04-06T09:00:00+07:00",
                "promised_at": "2026-04-01",
            },
            token,
        ),
        ("POST", "/api/v1/dossiers/H40.01-260406-9999/events/", {}, token),
        ("POST", "/api/v1/dossiers/H40.01-260406-9999/events/", {"kind": "x"}, token),
        ("POST", "/api/v1/dossiers/", b"{not json", token),
        ("POST", "/api/v1/petitions/", b"{not json", {}),
        ("POST", "/api/v1/petitions/", {"kind": "nonsense", "phone": "12"}, {}),
        ("POST", "/api/v1/petitions/AAAA-AAAA-AAAA/reactions/", {"kind": "x"}, {}),
        (
            "POST",
            "/api/v1/petitions/",
            {"title": "Hello", "body": "short", "name": "A", "phone": "0912345678"},
            {"HTTP_IDEMPOTENCY_KEY": "x" * 300},
        ),
        ("POST", "/api/v1/satisfaction/counter-ratings/", {}, {}),
        (
            "POST",
            "/api/v1/satisfaction/counter-ratings/",
            {"agency": 999999, "level": "ecstatic"},
            {},
        ),
        ("POST", "/api/v1/satisfaction/evaluations/", {}, {}),
        (
            "POST",
            "/api/v1/satisfaction/evaluations/",
            {"dossier_code": "H40.01-260406-9999", "answers": {"x": 9}},
            {},
        ),
        ("POST", "/api/v1/satisfaction/page-feedback/", {}, {}),
        (
            "POST",
            "/api/v1/satisfaction/page-feedback/",
            {"path": "http://elsewhere.example/", "useful": "maybe"},
            {},
        ),
        ("POST", "/api/v1/alerts/follows/", {}, {}),
        (
            "POST",
            "/api/v1/alerts/follows/",
            {"email": "not-an-address", "procedure": "0.000000"},
            {},
        ),
        ("POST", f"/api/v1/online-filing/{code}/", {}, {}),
        ("POST", "/api/v1/online-filing/0.000000/", {}, {}),
    ]


def send(client, method, path, body, headers):
    kwargs = {**ENGLISH, **headers}
    if body is None:
        return client.generic(method, path, **kwargs)
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.generic(method, path, data, content_type="application/json", **kwargs)


def vietnamese_in(response) -> list[str]:
    try:
        body = response.json()
    except ValueError:
        body = response.content.decode(errors="replace")
    return [
        f"{where or '(body)'}: {text!r}"
        for where, text in strings(body)
        if VIETNAMESE.search(text)
    ]


def test_every_error_answer_is_english_for_the_english_site(client, world):
    problems = []
    for method, path, body, headers in requests(world):
        response = send(client, method, path, body, headers)
        if response.status_code < 400:
            problems.append(f"{method} {path[:60]}: HTTP {response.status_code}")
            continue
        problems += [
            f"{method} {path[:60]} ({response.status_code}) {found}"
            for found in vietnamese_in(response)
        ]
    assert not problems, f"{len(problems)} Vietnamese in English:\n  " + "\n  ".join(
        problems
    )


def test_the_same_answers_stay_vietnamese_without_english(client, world):
    response = client.get("/api/v1/procedures/0.000000/")
    assert response.json()["title"] == "Không tìm thấy"
    response = client.post(
        "/api/v1/satisfaction/counter-ratings/", "{}", content_type="application/json"
    )
    assert VIETNAMESE.search(json.dumps(response.json(), ensure_ascii=False))


def test_throttled_answers_are_english_for_the_english_site(client, world, settings):
    """The lookup, a kiosk rating and an alert follow, each over its limit."""
    settings.DOSSIER_LOOKUP_RATE = "1/min"
    settings.FEEDBACK_RATE_RATINGS_PER_IP = "1/hour"
    settings.ALERTS_RATE_PER_IP = "1/hour"
    rating = {"agency": world["agency"].pk, "level": "satisfied"}
    follow = {"email": "an@example.com", "procedure": world["procedure"].code}
    problems = []
    for method, path, body in [
        ("GET", "/api/v1/dossiers/H40.01-260406-9999/", None),
        ("POST", "/api/v1/satisfaction/counter-ratings/", rating),
        ("POST", "/api/v1/alerts/follows/", follow),
    ]:
        send(client, method, path, body, {})
        refused = send(client, method, path, body, {})
        if refused.status_code != 429:
            problems.append(f"{method} {path}: HTTP {refused.status_code}, not 429")
            continue
        body = refused.json()
        if body["title"] != "Too many requests" or "about" not in body["detail"]:
            problems.append(f"{method} {path}: {body}")
        problems += [f"{method} {path}: {found}" for found in vietnamese_in(refused)]
    assert not problems, "\n".join(problems)


def test_channel_names_follow_the_language(client, world):
    code = world["procedure"].code
    english = client.get(f"/api/v1/procedures/{code}/", **ENGLISH).json()
    vietnamese = client.get(f"/api/v1/procedures/{code}/").json()
    assert [c["kind_label"] for c in english["channels"]] == ["In person", "Online"]
    assert [c["kind_label"] for c in vietnamese["channels"]] == [
        "Trực tiếp",
        "Trực tuyến",
    ]


def test_open311_errors_are_english_for_the_english_site(client, world):
    """GeoReport v2's error rows ({code, description}) in the language asked for."""
    base = "/open311/v2"
    problems = []
    for method, path, body in [
        ("GET", f"{base}/services.csv", None),
        ("GET", f"{base}/services/no-such-service.json", None),
        ("GET", f"{base}/requests.json?start_date=yesterday", None),
        ("GET", f"{base}/requests.json?status=pending", None),
        ("GET", f"{base}/requests.json?service_code=nonsense", None),
        (
            "GET",
            f"{base}/requests.json?start_date=2026-01-01T00:00:00"
            "&end_date=2026-12-31T00:00:00",
            None,
        ),
        ("GET", f"{base}/requests/AAAA-AAAA-AAAA.json", None),
        ("GET", f"{base}/tokens/no-such-token.json", None),
        ("GET", f"{base}/no/such/path.json", None),
        ("DELETE", f"{base}/services.json", None),
    ]:
        response = send(client, method, path, body, {})
        if response.status_code < 400:
            problems.append(f"{method} {path}: HTTP {response.status_code}")
            continue
        problems += [f"{method} {path}: {found}" for found in vietnamese_in(response)]
    response = client.post(
        f"{base}/requests.json",
        "service_code=procedure&description=Hello",
        content_type="application/x-www-form-urlencoded",
        **ENGLISH,
    )
    if response.status_code < 400:
        problems.append(f"POST without api_key: HTTP {response.status_code}")
    problems += [f"POST without api_key: {found}" for found in vietnamese_in(response)]
    assert not problems, "\n".join(problems)
