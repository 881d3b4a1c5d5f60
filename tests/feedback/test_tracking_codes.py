"""A tracking code is found as citizens type it from the confirmation page."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from feedback import services
from tests.feedback.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def variants(code: str) -> list[str]:
    """``T4T3-DK6M-RNP7`` as people type it: the page's groups, any case..."""
    groups = code.split("-")
    return [
        " ".join(groups).lower(),  # "t4t3 dk6m rnp7", as the page shows it
        " ".join(groups),
        "".join(groups).lower(),
        "-".join(groups).lower(),
        f"  {' - '.join(groups)} ",
        f"{groups[0]}  {groups[1]}{groups[2].lower()}",
        "\t" + " ".join(groups) + "\n",
    ]


@pytest.fixture
def petition(fresh_cache):
    return PetitionFactory()


def test_the_service_finds_every_typed_form(petition):
    for typed in variants(petition.tracking_code):
        assert services.find_by_tracking_code(typed) == petition, typed


def test_the_api_finds_every_typed_form(client, petition):
    for typed in variants(petition.tracking_code):
        response = client.get(f"/api/v1/petitions/{quote(typed.strip())}/")
        assert response.status_code == 200, (typed, response.content[:200])
        assert response.json()["tracking_code"] == petition.tracking_code


def test_a_different_code_is_not_found(client, petition):
    other = petition.tracking_code[::-1]
    assert client.get(f"/api/v1/petitions/{quote(other)}/").status_code == 404
