"""``OPENSEARCH_URL`` with several nodes and ``OPENSEARCH_REPLICAS`` (no engine
needed: what the clients and the index settings are built from)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from search import indexing
from search.client import get_client, search_client

NODES = "http://10.0.0.1:9200, http://10.0.0.2:9201,http://10.0.0.3:9202,"


@override_settings(OPENSEARCH_URL=NODES)
def test_every_client_knows_every_node_of_a_comma_separated_url():
    expected = [("10.0.0.1", 9200), ("10.0.0.2", 9201), ("10.0.0.3", 9202)]
    for client in (search_client(), get_client(), get_client(timeout=1)):
        hosts = [(h["host"], h["port"]) for h in client.transport.hosts]
        assert hosts == expected


@override_settings(OPENSEARCH_URL="http://127.0.0.1:9200")
def test_one_address_is_one_node():
    assert len(search_client().transport.hosts) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", {"number_of_replicas": 1}),
        (" 0 ", {"number_of_replicas": 0}),
        ("0-1", {"number_of_replicas": 0, "auto_expand_replicas": "0-1"}),
        ("1-all", {"number_of_replicas": 0, "auto_expand_replicas": "1-all"}),
    ],
)
def test_replicas_are_a_number_or_a_range(value, expected):
    assert indexing.replica_settings(value) == expected


@pytest.mark.parametrize("value", ["", "one", "-1", "1-", "0-1-2", "1.5"])
def test_other_replica_settings_are_refused_with_the_reason(value):
    with pytest.raises(ImproperlyConfigured, match="OPENSEARCH_REPLICAS"):
        indexing.replica_settings(value)
