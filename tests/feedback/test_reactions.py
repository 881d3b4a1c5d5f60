"""Likes and dislikes: one per browser per answer, not multiplied by made-up ids.

A browser's reader id is issued by the server and signed; ids a client makes
up or changes are refused, and a client that sends none (or an unknown field
instead) gets a new one each time, which the per-address limit on reactions
to one answer bounds. Driven through the API as a script would.
"""

from __future__ import annotations

import uuid

import pytest

from feedback.models import Petition, PetitionReaction
from tests.feedback.test_petitions_api import URL, published

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

LIMIT = 5


@pytest.fixture(autouse=True)
def _limit(settings, fresh_cache):
    settings.FEEDBACK_RATE_REACTIONS_PER_IP = f"{LIMIT}/day"


def react(client, petition, address="203.0.113.7", **data):
    return client.post(
        f"{URL}{petition.tracking_code}/reactions/",
        {"value": "like", **data},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def counts(petition) -> tuple[int, int]:
    petition = Petition.objects.get(pk=petition.pk)
    return petition.likes, petition.dislikes


def test_a_reader_reacts_once_with_the_id_the_server_signed(client):
    petition = published()

    first = react(client, petition)
    reader = first.json()["reader"]
    again = react(client, petition, reader=reader, value="dislike")

    assert first.status_code == 201
    assert first.json()["likes"] == 1
    assert again.status_code == 409
    assert counts(petition) == (1, 0)
    # What is stored is a keyed hash, neither the token nor the id inside it.
    voter = PetitionReaction.objects.get().voter
    assert voter not in reader and reader.split(":")[0] not in voter


def test_twenty_made_up_client_ids_from_one_address_count_only_up_to_the_limit(
    client,
):
    petition = published()
    answers = [
        react(client, petition, client_id=uuid.uuid4().hex).status_code
        for _ in range(20)
    ]

    assert answers.count(201) == LIMIT
    assert answers.count(429) == 20 - LIMIT
    assert counts(petition) == (LIMIT, 0)
    # Another address, and another answer from this one, are counted apart.
    assert react(client, petition, address="198.51.100.4").status_code == 201
    assert react(client, published()).status_code == 201


def test_made_up_reader_ids_are_refused_and_cost_no_allowance(client):
    petition = published()
    made_up = [uuid.uuid4().hex, f"{uuid.uuid4().hex}:forged", "a" * 64]
    answers = [react(client, petition, reader=r) for r in made_up * 7]

    assert {a.status_code for a in answers} == {400}
    assert counts(petition) == (0, 0)
    assert react(client, petition).status_code == 201  # the allowance is intact


@pytest.mark.parametrize("part", ["id", "signature"])
def test_a_changed_signed_id_is_rejected(client, part):
    petition = published()
    reader = react(client, published()).json()["reader"]
    ident, signature = reader.rsplit(":", 1)
    flip = {"0": "1", "1": "0"}
    if part == "id":
        changed = f"{flip.get(ident[0], '0')}{ident[1:]}:{signature}"
    else:
        changed = f"{ident}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"

    response = react(client, petition, reader=changed)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "Mã người đọc không hợp lệ" in response.json()["errors"]["reader"][0]
    assert counts(petition) == (0, 0)
