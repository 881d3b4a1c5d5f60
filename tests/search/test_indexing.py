"""Publishing reaches the index through the real broker and worker; rebuilds swap."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import indexing
from tests.catalogue.factories import ProcedurePageFactory
from tests.helpers import wait_until

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.worker,
]


def indexed_codes() -> set[str]:
    client = indexing.get_client()
    client.indices.refresh(index=indexing.index_alias())
    hits = client.search(index=indexing.index_alias(), body={"size": 100})
    return {hit["_source"]["code"] for hit in hits["hits"]["hits"]}


@pytest.fixture
def empty_index(transactional_db):
    result = indexing.rebuild()
    yield result
    client = indexing.get_client()
    for name in client.indices.get_alias(name=indexing.index_alias()):
        client.indices.delete(index=name, ignore_unavailable=True)


def test_publish_and_unpublish_reach_the_index_via_the_worker(
    celery_worker_process, empty_index
):
    page = ProcedurePageFactory(code="8.000001", title="Đăng ký nuôi ong mật")

    assert wait_until(lambda: "8.000001" in indexed_codes())

    page.unpublish()
    assert wait_until(lambda: "8.000001" not in indexed_codes())


def test_deleting_a_page_removes_its_document(celery_worker_process, empty_index):
    page = ProcedurePageFactory(code="8.000002", title="Cấp phép nuôi ong")
    assert wait_until(lambda: "8.000002" in indexed_codes())

    page.delete()

    assert wait_until(lambda: "8.000002" not in indexed_codes())


def test_rebuild_swaps_the_alias_and_drops_the_old_index(transactional_db):
    ProcedurePageFactory(code="8.000003", title="Thủ tục thử nghiệm")
    first = indexing.rebuild()

    second = indexing.rebuild()

    client = indexing.get_client()
    assert list(client.indices.get_alias(name=indexing.index_alias())) == [
        second["index"]
    ]
    assert not client.indices.exists(index=first["index"])
    assert second["replaced"] == [first["index"]]
    assert "8.000003" in indexed_codes()
    client.indices.delete(index=second["index"])


def test_check_reports_missing_and_stale(transactional_db, capsys):
    page = ProcedurePageFactory(code="8.000004", title="Thủ tục A")
    result = indexing.rebuild()
    call_command("search_index", "--check")
    assert "missing from the index: 0" in capsys.readouterr().out

    # Nothing queued: a session's worker (started by other tests) must not
    # index these before the check looks.
    with mock.patch("search.signal_handlers._queue_index"):
        ProcedurePageFactory(code="8.000005", title="Thủ tục B")
        page.title = "Thủ tục A sửa"
        page.save_revision().publish()

    report = indexing.check()
    assert report.missing == ["8.000005"]
    assert report.stale == ["8.000004"]
    with pytest.raises(CommandError):
        call_command("search_index", "--check")
    indexing.get_client().indices.delete(index=result["index"])


def indexed_names() -> dict[str, str]:
    client = indexing.get_client()
    client.indices.refresh(index=indexing.index_alias())
    hits = client.search(index=indexing.index_alias(), body={"size": 100})
    return {
        hit["_source"]["code"]: hit["_source"]["name"] for hit in hits["hits"]["hits"]
    }


def test_pages_changed_while_a_rebuild_runs_survive_the_swap(transactional_db):
    """Issue 17: a page published during a rebuild went to the old index only.

    The rebuild has read the pages when the editor publishes; the worker's
    task writes through the alias, which still names the old index, and the
    swap then throws that index away with the change in it.
    """
    edited = ProcedurePageFactory(code="8.000011", title="Cấp phép nuôi ong")
    withdrawn = ProcedurePageFactory(code="8.000012", title="Cấp phép nuôi tằm")
    first = indexing.rebuild()
    added: list = []

    def editor_works_meanwhile(_count: int) -> None:
        if added:
            return
        edited.title = edited.name = "Cấp phép nuôi ong mật"
        edited.save_revision().publish()
        added.append(ProcedurePageFactory(code="8.000013", title="Cấp phép nuôi cá"))
        withdrawn.unpublish()
        for page in (edited, added[0], withdrawn):
            indexing.index_page(page.pk)  # what the worker's task does

    second = indexing.rebuild(progress=editor_works_meanwhile)

    names = indexed_names()
    assert names.get("8.000011") == "Cấp phép nuôi ong mật"
    assert "8.000013" in names
    assert "8.000012" not in names
    assert indexing.check().ok
    assert not indexing.get_client().indices.exists(index=first["index"])
    indexing.get_client().indices.delete(index=second["index"])
