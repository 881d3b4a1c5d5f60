"""An index/search round trip on the real OpenSearch node."""

import uuid

import pytest
from opensearchpy import Index, Search, analyzer, token_filter

from search.client import get_client

pytestmark = pytest.mark.opensearch

folding = analyzer(
    "vi_folding",
    tokenizer="standard",
    filter=[
        "lowercase",
        token_filter("vi_ascii", type="asciifolding", preserve_original=True),
    ],
)


@pytest.fixture
def index():
    client = get_client()
    idx = Index(f"test-roundtrip-{uuid.uuid4().hex[:8]}", using=client)
    idx.settings(number_of_shards=1, number_of_replicas=0)
    idx.analyzer(folding)
    idx.create()
    yield idx
    idx.delete()


def test_index_then_find_without_diacritics(index):
    client = get_client()
    docs = [
        ("1.001193", "Đăng ký khai sinh"),
        ("1.000894", "Đăng ký kết hôn"),
        ("1.001456", "Cấp hộ chiếu phổ thông"),
    ]
    client.indices.put_mapping(
        index=index._name,
        body={
            "properties": {
                "code": {"type": "keyword"},
                "name": {"type": "text", "analyzer": "vi_folding"},
            }
        },
    )
    for code, name in docs:
        client.index(index=index._name, id=code, body={"code": code, "name": name})
    client.indices.refresh(index=index._name)

    hits = (
        Search(using=client, index=index._name)
        .query("match", name={"query": "ho chieu", "operator": "and"})
        .execute()
    )

    assert [hit.code for hit in hits] == ["1.001456"]
    # The original token is kept: the accented form matches too.
    exact = Search(using=client, index=index._name).query("match", name="kết hôn")
    assert [hit.code for hit in exact.execute()][0] == "1.000894"
