"""When the engine stops, search answers from the database; it recovers by itself."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from django.test import override_settings

from search import indexing
from tests import services
from tests.search.conftest import fixture_records

pytestmark = [pytest.mark.opensearch, pytest.mark.postgres, pytest.mark.redis]


@pytest.mark.django_db(transaction=True)
def test_search_degrades_to_the_database_and_recovers(client, tmp_path):
    from catalogue.importer import ProcedureImporter

    ProcedureImporter().run(fixture_records()[:5])
    port = services.free_port()
    engine = ExitStack()
    url = services.start_opensearch(engine, tmp_path, port=port)
    with override_settings(OPENSEARCH_URL=url):
        indexing.rebuild()
        up = client.get("/api/v1/search/", {"q": "đăng ký khai sinh"}).json()
        assert up["degraded"] is False
        assert up["results"][0]["code"] == "1.001193"

        engine.close()  # the engine is stopped for real

        # The query just asked is still answered from the shared cache of
        # public reads (the engine's own answer, for up to a minute)…
        cached = client.get("/api/v1/search/", {"q": "đăng ký khai sinh"}).json()
        assert cached == up
        # …and a search the cache has not seen goes to the database.
        down = client.get(
            "/api/v1/search/", {"q": "đăng ký khai sinh", "prefer_level": "xa"}
        )
        assert down.status_code == 200
        assert down.json()["degraded"] is True
        assert down.json()["results"][0]["code"] == "1.001193"
        assert down["Cache-Control"] == "no-store"
        # No tag either: a stand-in answer is never revalidated into a 304.
        assert not down.has_header("ETag")
        suggest = client.get("/api/v1/search/suggest/", {"q": "khai sinh"})
        assert suggest.status_code == 200

        # Same port and data folder: the engine comes back with its index.
        with ExitStack() as again:
            services.start_opensearch(again, tmp_path, port=port)
            back = client.get("/api/v1/search/", {"q": "đăng ký khai sinh"}).json()
            assert back["degraded"] is False
            assert back["results"][0]["code"] == "1.001193"
