"""Dossier codes are found however they are typed: any case, stray spaces."""

from __future__ import annotations

import json

import pytest

from .factories import token_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def code(client, agency_a, procedure, fresh_throttle):
    response = client.post(
        "/api/v1/dossiers/",
        json.dumps(
            {
                "procedure": "1.001193",
                "channel": "direct",
                "applicant_name": "Nguyễn Văn An",
                "applicant_phone": "0912345678",
                "received_at": "2026-04-06T09:00:00+07:00",
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token_for(agency_a)}",
    )
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "H40.01-260406-0001"
    return response.json()["code"]


@pytest.mark.parametrize(
    "typed",
    [
        "h40.01-260406-0001",
        " H40.01-260406-0001 ",
        "H40.01 - 260406 - 0001",
        "h40.01-26 0406-0001",
        "H40.01-260406-0001\t",
    ],
)
@pytest.mark.parametrize("suffix", ["", "receipt/", "receipt.pdf"])
def test_lookup_and_receipts_find_the_dossier_as_typed(client, code, typed, suffix):
    from urllib.parse import quote

    response = client.get(f"/api/v1/dossiers/{quote(typed)}/{suffix}")

    assert response.status_code == 200, (typed, response.content[:300])
    if suffix == "":
        assert response.json()["code"] == code


def test_an_other_code_is_still_not_found(client, code):
    assert client.get("/api/v1/dossiers/H40.01-260406-0002/").status_code == 404
    assert client.get("/api/v1/dossiers/H40.02-260406-0001/").status_code == 404
