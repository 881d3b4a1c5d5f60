"""An engine that hangs: searches fail fast to the database, then come back.

Between the portal and the real engine sits a gate, a TCP relay the test
controls. In "hang" mode it accepts connections and reads requests but never
answers: the worst kind of outage, where every request waits for its
timeout. The test counts the HTTP requests that reach the gate: with a
circuit breaker only the first few searches try the engine (one request
each, no retry after a timeout), the rest go straight to the database
fallback; ``/healthz/ready`` stays 200 naming search as degraded. When the
gate passes traffic again, a probe finds the engine and searches come back.
"""

from __future__ import annotations

import socket
import threading

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from core import public_cache
from search import indexing
from tests.helpers import wait_for
from tests.search.conftest import fixture_records

pytestmark = [pytest.mark.opensearch, pytest.mark.postgres, pytest.mark.redis]

QUERY = {"q": "đăng ký khai sinh"}


class Gate:
    """A TCP relay to ``target`` that can stop answering ("hang")."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.mode = "pass"
        self.requests = {"pass": 0, "hang": 0}
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [conn, upstream]
            threading.Thread(
                target=self._to_engine, args=(conn, upstream), daemon=True
            ).start()
            threading.Thread(
                target=self._to_client, args=(upstream, conn), daemon=True
            ).start()

    def _to_engine(self, conn: socket.socket, upstream: socket.socket) -> None:
        while True:
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.requests[self.mode] += data.count(b" HTTP/1.1\r\n")
            if self.mode == "pass":
                try:
                    upstream.sendall(data)
                except OSError:
                    return
            # hang: read and drop; the client waits for an answer that never comes

    def _to_client(self, upstream: socket.socket, conn: socket.socket) -> None:
        while True:
            try:
                data = upstream.recv(65536)
                if not data:
                    return
                conn.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self.listener.close()
        for sock in self.sockets:
            sock.close()


@pytest.fixture
def indexed(transactional_db):
    from catalogue.importer import ProcedureImporter

    ProcedureImporter().run(fixture_records()[:5])
    built = indexing.rebuild()
    yield built
    indexing.get_client().indices.delete(index=built["index"], ignore_unavailable=True)


@pytest.fixture
def gate(indexed):
    host, port = django_settings.OPENSEARCH_URL.rsplit("//", 1)[1].split(":")
    gate = Gate((host, int(port.rstrip("/"))))
    yield gate
    gate.close()


def test_a_hanging_engine_trips_the_breaker_and_search_comes_back(client, gate):
    with override_settings(
        OPENSEARCH_URL=gate.url,
        OPENSEARCH_SEARCH_TIMEOUT=2.0,
        OPENSEARCH_BREAKER_FAILURES=3,
        OPENSEARCH_BREAKER_RESET_SECONDS=2,
    ):
        # The engine's first search after a rebuild may be slow on a busy machine.
        wait_for(
            lambda: not client.get("/api/v1/search/", QUERY).json()["degraded"],
            "the engine to answer through the gate",
            timeout=30,
        )
        up = client.get("/api/v1/search/", QUERY).json()
        assert up["degraded"] is False
        assert up["results"][0]["code"] == "1.001193"

        gate.mode = "hang"
        # The answer above is in the search cache (core.public_cache); an
        # index write bumps it, as one would while the engine hangs.
        public_cache.bump(public_cache.SEARCH)
        answers = [client.get("/api/v1/search/", QUERY) for _ in range(8)]

        assert [a.status_code for a in answers] == [200] * 8
        assert all(a.json()["degraded"] for a in answers)
        assert all(a.json()["results"][0]["code"] == "1.001193" for a in answers)
        # Three searches tried the engine once each; five never waited for it.
        assert gate.requests["hang"] == 3

        ready = client.get("/healthz/ready")
        assert ready.status_code == 200, ready.json()
        assert "search" in ready.json()["degraded"]
        assert ready.json()["down"] == []
        assert client.get("/healthz/live").status_code == 200
        full = client.get("/healthz")
        assert full.status_code == 503
        assert "search" in full.json()["down"]

        gate.mode = "pass"
        wait_for(
            lambda: not client.get("/api/v1/search/", QUERY).json()["degraded"],
            "search to come back after the engine answers again",
            timeout=30,
        )
        back = client.get("/api/v1/search/", QUERY).json()
        assert back["results"][0]["code"] == "1.001193"
        assert "search" not in client.get("/healthz/ready").json()["degraded"]
