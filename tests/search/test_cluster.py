"""A 3-node OpenSearch cluster loses a node during searches and indexing.

Three JVMs from the same jars as the rest of the suite (``tests/cluster.py``)
form one cluster. The portal, configured with all three addresses in
``OPENSEARCH_URL`` and ``OPENSEARCH_REPLICAS=1``, builds its procedure index
from the bundled catalogue with its own rebuild. Then, while threads search
through the portal's engine path and write documents through its indexing
code, the node holding the index's primary is killed with SIGKILL (no clean
shutdown, as when a machine dies).

Searches must all be answered by the engine (no exception, no database
fallback), every write the portal saw acknowledged must be in the index
afterwards (the count equals what was indexed and the portal's own check
finds nothing missing or stale), and the cluster must come back to green on
the two nodes left. The figures are printed.

The cluster is started by this test, not by ``tests/services.py``; if it
cannot start the test fails (never skips).
"""

from __future__ import annotations

import gzip
import json
import os
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from catalogue.importer import ProcedureImporter
from search import indexing, queries, services, synonyms
from search.client import get_client, search_client
from tests.cluster import Cluster

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.timeout(1800)]

BUNDLE = (
    Path(__file__).parents[2] / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
)
QUERIES = [
    "đăng ký khai sinh",
    "cap ho chieu",
    "giấy phép lái xe",
    "đăng ký kết hôn",
    "chứng thực bản sao",
    "thường trú",
    "bảo hiểm y tế",
    "đất đai",
    "căn cước",
    "khai tử",
]
SEARCH_THREADS = 3
WRITE_THREADS = 3
# Documents taken out of the index before the run and written back during it.
REWRITTEN = 90
SLOW = 30.0


@pytest.fixture
def catalogue_on_cluster(django_db_setup, django_db_blocker):
    """Three nodes, and the bundled catalogue imported (while they start) and
    indexed on them; committed, as the test's threads read it over their own
    connections. Every node is stopped afterwards, also on failure."""
    from catalogue.models import Agency, Field, LifeEvent, ProcedurePage

    nodes = Cluster(size=3, heap="320m")
    nodes.launch()
    with gzip.open(BUNDLE, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    records = records[: int(os.environ.get("PORTAL_CLUSTER_RECORDS", len(records)))]
    prefix = f"cluster-{uuid.uuid4().hex[:6]}"
    try:
        with (
            override_settings(
                OPENSEARCH_URL=nodes.url,
                OPENSEARCH_REPLICAS="1",
                OPENSEARCH_INDEX_PREFIX=prefix,
                # The test is about losing a node, not about latency on a
                # machine shared with other work: a slow answer is not a
                # failure here (the figures print the slowest).
                OPENSEARCH_SEARCH_TIMEOUT=SLOW,
                OPENSEARCH_TIMEOUT=SLOW,
            ),
            django_db_blocker.unblock(),
        ):
            started = time.monotonic()
            ProcedureImporter().run(records)
            imported = time.monotonic() - started
            try:
                up = nodes.wait_ready()
            except (RuntimeError, TimeoutError) as exc:
                pytest.fail(f"the 3-node OpenSearch cluster did not start: {exc}")
            synonyms.forget()
            result = indexing.rebuild()
            print(
                f"\ncluster: 3 nodes up in {up:.1f} s; {len(records)} records "
                f"imported meanwhile in {imported:.1f} s; {result['documents']} "
                f"indexed (1 replica) in {result['seconds']} s"
            )
            try:
                yield nodes, result
            finally:
                for page in ProcedurePage.objects.all():
                    page.delete()
                Agency.objects.all().delete()
                Field.objects.all().delete()
                LifeEvent.objects.all().delete()
                synonyms.forget()
    finally:
        nodes.stop()


class Run:
    """What the threads did, counted under one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.searches = 0
        self.search_failures: list[str] = []
        self.latencies: list[tuple[float, float]] = []  # (started, seconds)
        self.killed_at: float | None = None
        self.writes = 0
        self.write_errors: list[str] = []
        self.acknowledged: set[str] = set()

    def searched(self, started: float, seconds: float, failure: str | None) -> None:
        with self.lock:
            self.searches += 1
            self.latencies.append((started, seconds))
            if failure:
                self.search_failures.append(f"{self.when(started)}: {failure}")

    def when(self, moment: float) -> str:
        if self.killed_at is None:
            return "before the kill"
        return f"{moment - self.killed_at:+.1f} s from the kill"

    def slowest(self, after: bool) -> float:
        with self.lock:
            return max(
                (
                    seconds
                    for started, seconds in self.latencies
                    if (self.killed_at is not None and started >= self.killed_at)
                    == after
                ),
                default=0.0,
            )


def searcher(run: Run, offset: int, expected: dict[str, int]) -> None:
    from django.db import connection

    i = offset
    try:
        while not run.stop.is_set():
            query = QUERIES[i % len(QUERIES)]
            request = queries.SearchRequest(query)
            i += 1
            started = time.monotonic()
            failure = None
            try:
                # The engine path of a search, without the shared cache of
                # answers (a cached answer would not ask the cluster).
                answer = services._search(request)
                if answer["degraded"]:
                    failure = f"{request.query!r}: answered from the database"
                elif answer["count"] < expected[query]:
                    # Writes only add documents back: fewer means a part of
                    # the index did not answer.
                    failure = (
                        f"{query!r}: {answer['count']} found, "
                        f"{expected[query]} before the run"
                    )
            except Exception as exc:  # noqa: BLE001 - every failure counts
                failure = f"{request.query!r}: {type(exc).__name__}: {exc}"
            run.searched(started, time.monotonic() - started, failure)
    finally:
        connection.close()


def writer(run: Run, pages: list[int]) -> None:
    """Write each page through ``indexing.index_page``; a failed write is tried
    again later, as the worker's task would be."""
    from django.db import connection

    todo = list(pages)
    try:
        while todo and not run.stop.is_set():
            page_id = todo.pop(0)
            try:
                outcome = indexing.index_page(page_id)
            except Exception as exc:  # noqa: BLE001 - counted, then retried
                with run.lock:
                    run.write_errors.append(
                        f"{run.when(time.monotonic())}: page {page_id}: "
                        f"{type(exc).__name__}: {exc}"
                    )
                todo.append(page_id)
                time.sleep(0.5)
                continue
            assert outcome == "indexed", outcome
            with run.lock:
                run.writes += 1
                run.acknowledged.add(str(page_id))
    finally:
        connection.close()


def test_a_node_killed_during_searches_and_indexing_loses_nothing(
    catalogue_on_cluster, transactional_db
):
    from catalogue.models import ProcedurePage

    cluster, built = catalogue_on_cluster
    client = get_client()
    alias = indexing.index_alias()
    index = built["index"]
    indexed = built["documents"]
    assert indexed == ProcedurePage.objects.live().public().count() > REWRITTEN + 30
    # The portal's own index: one primary and one replica, both placed.
    replicas = client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert replicas["number_of_replicas"] == "1"
    health = client.cluster.health(
        index=index,
        wait_for_status="green",
        params={"timeout": "120s"},
        request_timeout=130,
    )
    assert health["status"] == "green", health
    # Test only: place the lost replica again at once rather than after the
    # default minute OpenSearch waits for a node to come back.
    client.indices.put_settings(
        index=index, body={"index.unassigned.node_left.delayed_timeout": "0s"}
    )
    # The hosts the portal's clients use: all three nodes.
    assert len(search_client().transport.hosts) == 3

    # Take some documents out, so that the run writes new ones (and updates
    # others): what the writers are acknowledged must be there afterwards.
    live = ProcedurePage.objects.live().public()
    page_ids = sorted(live.values_list("pk", flat=True))
    rewritten = page_ids[:REWRITTEN]
    for page_id in rewritten:
        indexing.delete_page(page_id)
    assert client.count(index=alias)["count"] == indexed - REWRITTEN
    updated = page_ids[REWRITTEN : REWRITTEN + 30]
    work = rewritten + updated
    shares = [work[i::WRITE_THREADS] for i in range(WRITE_THREADS)]

    # What each query finds on the whole cluster at rest.
    expected = {q: services._search(queries.SearchRequest(q))["count"] for q in QUERIES}
    assert sum(1 for count in expected.values() if count) >= 5, expected

    victim = cluster.node_of_primary(index)
    manager = cluster.request("/_cat/cluster_manager?format=json")[0]["node"]
    run = Run()
    threads = [
        threading.Thread(target=searcher, args=(run, i, expected), daemon=True)
        for i in range(SEARCH_THREADS)
    ] + [
        threading.Thread(target=writer, args=(run, share), daemon=True)
        for share in shares
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    statuses: list[str] = []
    try:
        # Let searches and writes run against three nodes, then kill one.
        while run.writes < len(work) // 4 and time.monotonic() - started < 60:
            time.sleep(0.1)
        before = (run.searches, run.writes)
        killed_at = run.killed_at = time.monotonic()
        cluster.kill(victim)

        def health() -> dict:
            body = cluster.health(timeout=3)
            if body.get("status"):
                statuses.append(body["status"])
            return body

        cluster.wait_for(
            lambda: health().get("number_of_nodes") == 2,
            "the cluster to drop the killed node",
            60,
        )
        noticed = time.monotonic() - killed_at
        cluster.wait_for(
            lambda: health().get("status") == "green",
            "green on the two nodes left",
            180,
        )
        green = time.monotonic() - killed_at
        # Keep going on two nodes for a while, and until every write is done.
        while (
            time.monotonic() - killed_at < 10 or run.writes < len(work)
        ) and time.monotonic() - started < 300:
            time.sleep(0.2)
    finally:
        run.stop.set()
        for thread in threads:
            thread.join(timeout=60)
    seconds = time.monotonic() - started

    client.indices.refresh(index=alias)
    count = client.count(index=alias)["count"]
    report = indexing.check()
    new_primary = cluster.node_of_primary(index)
    print(
        f"\ncluster figures: killed {victim.name} (holding the primary"
        f"{', and the elected cluster manager' if manager == victim.name else ''})"
        f" after {before[0]} searches and {before[1]} writes;"
        f" noticed in {noticed:.1f} s, green on 2 nodes in {green:.1f} s"
        f" (primary now on {new_primary.name}); health seen: "
        f"{', '.join(sorted(set(statuses)))}\n"
        f"  {run.searches} searches in {seconds:.1f} s, "
        f"{len(run.search_failures)} failed; slowest {run.slowest(False):.2f} s "
        f"before the kill, {run.slowest(True):.2f} s after\n"
        f"  {run.writes} writes acknowledged ({len(rewritten)} new, "
        f"{len(updated)} updates), {len(run.write_errors)} write errors retried\n"
        f"  documents: {count} in the index, {indexed} live pages; check: "
        f"{len(report.missing)} missing, {len(report.stale)} stale, "
        f"{len(report.extra)} extra"
    )
    for failure in run.search_failures[:5] + run.write_errors[:5]:
        print(f"  {failure}")

    assert run.searches > 50
    assert run.search_failures == []
    assert run.acknowledged == {str(p) for p in work}
    assert count == indexed
    assert report.ok, report
    assert "red" not in statuses
    assert new_primary is not victim
