"""Writing to the procedure index: single documents, full rebuilds, checks.

A full rebuild bulk-loads a new versioned index and then moves the alias in
one atomic request, so searches never see a half-built index. Single-page
updates write through the alias.

A page published, unpublished or added while a rebuild runs is written by its
task through the alias, that is into the old index, which the swap then
deletes; and the rebuild itself may have read the page before the change.
So after the swap the rebuild compares the new index with the database and
writes again every page that changed meanwhile (``catch_up``).
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from opensearchpy import NotFoundError, RequestError
from opensearchpy.helpers import bulk, parallel_bulk, scan

from core import public_cache

from . import families
from .client import get_client
from .documents import ProcedureDocument, build_document, index_alias


def _index_template():
    return ProcedureDocument._index.clone(name=index_alias())


def live_pages():
    from catalogue.services import live_procedures

    return (
        live_procedures()
        .select_related("field")
        .prefetch_related("agency_roles__agency")
        .order_by("pk")
    )


def replica_settings(value: str | None = None) -> dict[str, Any]:
    """Index settings for ``OPENSEARCH_REPLICAS``: a number, or a range "0-1"."""
    value = str(settings.OPENSEARCH_REPLICAS if value is None else value).strip()
    if value.isdigit():
        return {"number_of_replicas": int(value)}
    if re.fullmatch(r"\d+-(\d+|all)", value):
        return {"number_of_replicas": 0, "auto_expand_replicas": value}
    raise ImproperlyConfigured(
        f"OPENSEARCH_REPLICAS must be a number or a range like 0-1, not {value!r}"
    )


def create_versioned_index() -> str:
    name = (
        f"{index_alias()}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**6:06d}"
    )
    index = _index_template().clone(name=name)
    index.settings(**replica_settings())
    try:
        index.create(using=get_client())
    except RequestError as exc:
        # The name is new: "already exists" is this very request, which the
        # client sent again after the first try timed out (a busy engine).
        if exc.error != "resource_already_exists_exception":
            raise
    return name


def ensure_index() -> str:
    """Make sure the alias points at an index; create an empty one if not."""
    client = get_client()
    alias = index_alias()
    if client.indices.exists_alias(name=alias):
        return alias
    name = create_versioned_index()
    client.indices.put_alias(index=name, name=alias)
    return alias


def catalogue_names() -> dict[str, tuple[str, str]]:
    """Code -> (name, field, English name) of every live procedure."""
    from catalogue.services import live_procedures

    return {
        code: (name or title, field_name or "", name_en or "")
        for code, name, title, field_name, name_en in live_procedures().values_list(
            "code", "name", "title", "field__name", "name_en"
        )
    }


def _actions(index: str, pages, family_of) -> Iterator[dict[str, Any]]:
    for page in pages:
        yield {
            "_index": index,
            "_id": page.pk,
            "_source": build_document(page, family_of.get(page.code)),
        }


def rebuild(progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Build a fresh index from the live pages, then swap the alias to it."""
    from catalogue.services import refresh_usage_scores

    client = get_client()
    alias = index_alias()
    started = time.monotonic()
    refresh_usage_scores()
    family_of = families.compute(catalogue_names())
    new_index = create_versioned_index()
    pages = live_pages()
    indexed = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal indexed
        chunks = pages.iterator(chunk_size=200)
        for action in _actions(new_index, chunks, family_of):
            indexed += 1
            if progress is not None:
                progress(1)
            yield action

    try:
        # No refreshes and no per-request translog sync while loading: nobody
        # reads this index until the swap, and a failed load is thrown away.
        client.indices.put_settings(
            index=new_index,
            body={"index": {"refresh_interval": "-1", "translog.durability": "async"}},
        )
        # Two sender threads: the engine analyses one chunk while this thread
        # reads and builds the next from the database.
        for ok, item in parallel_bulk(
            client,
            counted(),
            thread_count=2,
            chunk_size=250,
            request_timeout=120,
            refresh=False,
        ):
            if not ok:
                raise RuntimeError(f"indexing failed: {item}")
        client.indices.put_settings(
            index=new_index,
            body={
                "index": {"refresh_interval": "1s", "translog.durability": "request"}
            },
        )
        client.indices.refresh(index=new_index)
    except Exception:
        client.indices.delete(index=new_index, ignore_unavailable=True)
        raise
    old = (
        list(client.indices.get_alias(name=alias))
        if client.indices.exists_alias(name=alias)
        else []
    )
    actions: list[dict[str, Any]] = [
        {"remove": {"index": i, "alias": alias}} for i in old
    ]
    actions.append({"add": {"index": new_index, "alias": alias}})
    # A plain index squatting on the alias's name (never ours) blocks the swap.
    if not old and client.indices.exists(index=alias):
        client.indices.delete(index=alias)
    client.indices.update_aliases(body={"actions": actions})
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
    # From here on every task writes into the new index: what changed before
    # the swap is found by comparing it with the database.
    caught_up = catch_up(new_index)
    index_changed()
    return {
        "index": new_index,
        "documents": indexed,
        "seconds": round(time.monotonic() - started, 2),
        "replaced": old,
        "caught_up": caught_up,
    }


def catch_up(index: str) -> int:
    """Write again the pages the index has missed; return how many were fixed.

    Missing and stale documents (published after the page was read) are
    indexed, documents of pages no longer live are removed.
    """
    client = get_client()
    client.indices.refresh(index=index)
    report = _compare(index)
    for code in report.missing + report.stale:
        page = live_pages().filter(code=code).first()
        if page is not None:
            client.index(
                index=index,
                id=str(page.pk),
                body=build_document(page, family_for(page.code)),
                refresh=False,
            )
    for page_id in report.extra:
        with contextlib.suppress(NotFoundError):
            client.delete(index=index, id=page_id, refresh=False)
    fixed = len(report.missing) + len(report.stale) + len(report.extra)
    if fixed:
        client.indices.refresh(index=index)
    return fixed


def index_page(page_id: int) -> str:
    """Index one page if it is live and public, remove it otherwise."""
    from catalogue.models import ProcedurePage

    page = live_pages().filter(pk=page_id).first()
    if page is None:
        exists = ProcedurePage.objects.filter(pk=page_id).exists()
        delete_page(page_id)
        return "removed" if exists else "gone"
    client = get_client()
    if not client.indices.exists_alias(name=index_alias()):
        # No index yet: the next full rebuild reads this page from the
        # database, so nothing is lost by not creating one here (creating
        # one would race with a rebuild in progress).
        return "no index"
    client.index(
        index=index_alias(),
        id=str(page.pk),
        body=build_document(page, family_for(page.code)),
        refresh="wait_for",
    )
    index_changed()
    return "indexed"


def family_for(code: str) -> families.Family | None:
    """One procedure's family, against the live catalogue (a single update).

    Procedures that become variants of a newly published one keep their old
    depth until the next rebuild.
    """
    return families.compute(catalogue_names(), only=[code]).get(code)


def update_priors(page_ids: list[int]) -> int:
    """Write the pages' current usage score into their documents (partial)."""
    from catalogue.models import ProcedurePage

    client = get_client()
    if not page_ids or not client.indices.exists_alias(name=index_alias()):
        return 0
    actions = (
        {
            "_op_type": "update",
            "_index": index_alias(),
            "_id": str(pk),
            "doc": {"prior": score},
        }
        for pk, score in ProcedurePage.objects.filter(pk__in=page_ids).values_list(
            "pk", "usage_score"
        )
    )
    done, _errors = bulk(client, actions, raise_on_error=False, refresh="wait_for")
    if done:
        index_changed()
    return done


def delete_page(page_id: int) -> None:
    with contextlib.suppress(NotFoundError):
        get_client().delete(index=index_alias(), id=str(page_id), refresh="wait_for")
    index_changed()


def index_changed() -> None:
    """What searches find changed: cached searches are recomputed.

    Called once the change is visible to searches (written with
    ``refresh="wait_for"``, or after a refresh), so a search that follows
    cannot cache the old answer under the new version.
    """
    public_cache.bump(public_cache.SEARCH)


@dataclass
class CheckReport:
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    indexed: int = 0
    live: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check() -> CheckReport:
    """Compare the index with the live pages: missing, stale and extra documents."""
    if not get_client().indices.exists_alias(name=index_alias()):
        return _compare(None)
    return _compare(index_alias())


def _compare(index: str | None) -> CheckReport:
    client = get_client()
    report = CheckReport()
    in_index: dict[str, str | None] = {}
    if index is not None:
        for hit in scan(
            client,
            index=index,
            query={"_source": ["code", "last_published_at"]},
        ):
            in_index[hit["_id"]] = hit["_source"].get("last_published_at")
    report.indexed = len(in_index)
    from catalogue.models import ProcedurePage

    pages = (
        ProcedurePage.objects.live().public().only("pk", "code", "last_published_at")
    )
    for page in pages:
        report.live += 1
        key = str(page.pk)
        if key not in in_index:
            report.missing.append(page.code)
            continue
        published = (
            page.last_published_at.isoformat() if page.last_published_at else None
        )
        if in_index.pop(key) != published:
            report.stale.append(page.code)
    report.extra = sorted(in_index)
    return report
