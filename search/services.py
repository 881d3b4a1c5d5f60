"""Search services: run a query on the engine, or on the database when it is down."""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
import time
from collections import OrderedDict
from typing import Any

import nh3
from opensearchpy.exceptions import ConnectionError as EngineConnectionError
from opensearchpy.exceptions import (
    ConnectionTimeout,
    NotFoundError,
    TransportError,
)

from catalogue.models import LEVEL_LABELS, Agency, OnlineLevel
from core import public_cache
from core.text import fold_diacritics, nfc

from . import breaker, queries, rerank, synonyms
from .breaker import CircuitOpen
from .client import search_client
from .documents import index_alias
from .models import ZeroResultQuery
from .synonyms import normalise

log = logging.getLogger(__name__)

ENGINE_ERRORS = (
    EngineConnectionError,
    ConnectionTimeout,
    TransportError,
    NotFoundError,
)
HAS_FEE_LABELS = {"true": "Có thu phí", "false": "Miễn phí"}


def safe_snippet(html: str) -> str:
    """Engine highlights are HTML-escaped text plus <mark>; keep exactly that."""
    if "<" not in html.replace("<mark>", "").replace("</mark>", ""):
        return html  # escaped text and bare <mark> pairs: nothing to clean
    return nh3.clean(html, tags={"mark"}, attributes={})


# Agency names for the facet labels, held per process: a search should not
# open a database connection for labels that change a few times a year.
AGENCY_NAMES_SECONDS = 300.0
_agency_names: dict[str, Any] = {"at": 0.0, "names": {}}


def agency_names(ids: set[int]) -> dict[int, str]:
    names: dict[int, str] = _agency_names["names"]
    age = time.monotonic() - _agency_names["at"]
    # A new agency is looked up at once (at most every few seconds, so an id
    # left in the index by a deleted agency does not cost a query per search).
    if age > AGENCY_NAMES_SECONDS or (age > 5 and not ids <= names.keys()):
        names = dict(Agency.objects.values_list("pk", "name"))
        _agency_names.update(at=time.monotonic(), names=names)
    return names


def forget_agency_names() -> None:
    _agency_names.update(at=0.0, names={})


def _level_list(levels: list[str]) -> list[dict[str, str]]:
    return [{"slug": s, "label": LEVEL_LABELS.get(s, s)} for s in levels]


def _result(source: dict[str, Any], highlight: dict[str, list[str]]) -> dict[str, Any]:
    snippet = (highlight.get("steps") or highlight.get("dossier") or [""])[0]
    return {
        "code": source["code"],
        "name": source["name"],
        "name_highlighted": safe_snippet((highlight.get("name") or [""])[0]) or None,
        "url": source["url"],
        "field": {
            "name": source.get("field_name"),
            "name_en": source.get("field_name_en") or "",
            "slug": source.get("field_slug"),
        }
        if source.get("field_slug")
        else None,
        "levels": _level_list(source.get("levels") or []),
        "online_level": source.get("online_level"),
        "has_fee": source.get("has_fee"),
        "snippet": safe_snippet(snippet),
    }


def _facets(aggregations: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    facets: dict[str, list[dict[str, Any]]] = {}
    agency_ids: set[int] = set()
    for facet in queries.FACETS:
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
        items = []
        for bucket in buckets:
            value = bucket.get("key_as_string", bucket["key"])
            if facet == "has_fee":
                value = "true" if value in (True, 1, "true") else "false"
            label = str(value)
            if facet == "field":
                labels = bucket.get("label", {}).get("buckets", [])
                label = labels[0]["key"] if labels else label
            elif facet == "level":
                label = LEVEL_LABELS.get(value, value)
            elif facet == "online":
                label = (
                    OnlineLevel(value).label if value in OnlineLevel.values else value
                )
            elif facet == "has_fee":
                label = HAS_FEE_LABELS[value]
            elif facet == "agency":
                agency_ids.add(int(value))
            items.append(
                {"value": str(value), "label": label, "count": bucket["doc_count"]}
            )
        facets[facet] = items
    if agency_ids:
        names = agency_names(agency_ids)
        for item in facets["agency"]:
            item["label"] = names.get(int(item["value"]), item["value"])
    return facets


def _suggestion(query: str, suggest: dict[str, Any]) -> str | None:
    words = fold_diacritics(query).lower().split()
    changed = False
    for entry in suggest.get("words", []):
        options = entry.get("options") or []
        if options and entry["text"] in words:
            words[words.index(entry["text"])] = options[0]["text"]
            changed = True
    return " ".join(words) if changed else None


# Repeated identical searches are answered from the shared cache of public
# reads for this long (and at once anew after a publish, an index update or a
# rule edit, which bump the versions in the key).
SEARCH_CACHE_SECONDS = 60
SEARCH_NAMESPACES = (
    public_cache.CATALOGUE,
    public_cache.SEARCH,
    public_cache.SYNONYMS,
)


def request_key(request: queries.SearchRequest) -> tuple:
    """What a search's answer depends on, in a normal form: the same query
    typed in another case or spacing, or with the filters in another order,
    is the same search."""
    query = " ".join(nfc(request.query).casefold().split())
    filters = tuple(
        (facet, tuple(sorted(set(values))))
        for facet, values in sorted(request.filters.items())
        if values
    )
    return (query, filters, request.page, request.page_size, request.prefer_level)


def search(request: queries.SearchRequest) -> dict[str, Any]:
    """Search the engine; fall back to the database (``degraded``) if it fails.

    Engine answers are kept for a short time in the shared cache; degraded
    ones are not.
    """
    result = public_cache.remember(
        SEARCH_NAMESPACES,
        ("search", *request_key(request)),
        lambda: _search(request),
        ttl=SEARCH_CACHE_SECONDS,
        keep=lambda answer: not answer["degraded"],
    )
    if request.query and result["count"] == 0:
        log_zero_result(request)  # every time, cached or not: editors count them
    return result


# The analysis of a query (rules applied, wordings, the engine's request
# body) per process, for the rules' version: a search whose results are not
# cached (another page, or after a publish) does not analyse it again.
ANALYSIS_CACHE_SIZE = 512
_analysed: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
_analysed_lock = threading.Lock()


def analysed(request: queries.SearchRequest) -> dict[str, Any]:
    """``queries.build(request)``, from the per-process cache when it can."""
    filters = tuple((k, tuple(v)) for k, v in sorted(request.filters.items()))
    key = (
        synonyms.version(),
        request.query,
        filters,
        request.page,
        request.page_size,
        request.prefer_level,
        request.relaxed,
    )
    with _analysed_lock:
        body = _analysed.get(key)
        if body is not None:
            _analysed.move_to_end(key)
            return body
    body = queries.build(request)
    with _analysed_lock:
        _analysed[key] = body
        while len(_analysed) > ANALYSIS_CACHE_SIZE:
            _analysed.popitem(last=False)
    return body


# A focused set smaller than this is tried again relaxed (fewer words must
# match, their pairs need not be the name's), and the relaxed answer is kept
# when it finds more: one or two results of a long query are mostly the
# wrong ones ("tư vấn luật miễn phí cho người nghèo").
RELAX_BELOW = 3


def _engine_response(request: queries.SearchRequest) -> dict[str, Any]:
    """The engine's answer to ``request``, tried again relaxed when (nearly)
    empty (raises the engine's errors and ``CircuitOpen``)."""
    response = breaker.call(
        search_client().search, index=index_alias(), body=analysed(request)
    )
    if (
        request.query
        and response["hits"]["total"]["value"] < RELAX_BELOW
        and queries.relaxable(request.query)
    ):
        # No procedure carries enough of the words: fewer will do.
        relaxed = breaker.call(
            search_client().search,
            index=index_alias(),
            body=analysed(dataclasses.replace(request, relaxed=True)),
        )
        if relaxed["hits"]["total"]["value"] > response["hits"]["total"]["value"]:
            response = relaxed
    return response


def reranked_window(request: queries.SearchRequest) -> queries.SearchRequest | None:
    """The request for the engine's first hits when ``request``'s page starts
    among the re-ranked ones (``rerank.DEPTH``), else None (the engine's own
    order, from its own offset)."""
    if not rerank.active() or not request.query:
        return None
    if queries.looks_like_code(request.query):
        return None
    start = (request.page - 1) * request.page_size
    if start >= rerank.DEPTH:
        return None
    end = max(rerank.DEPTH, start + request.page_size)
    return dataclasses.replace(request, page=1, page_size=end)


def reranked_hits(
    request: queries.SearchRequest, hits: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The engine's first hits with the first ``rerank.DEPTH`` re-ordered."""
    if not rerank.active() or queries.looks_like_code(request.query):
        return hits
    wordings = queries.wordings(request.query)
    return rerank.rerank(wordings, hits[: rerank.DEPTH]) + hits[rerank.DEPTH :]


def candidates(query: str) -> tuple[list[str], list[dict[str, Any]]]:
    """A query's wordings and the engine's first ``rerank.DEPTH`` hits, in the
    engine's order: what ``scripts/fit_rerank.py`` learns the weights from."""
    request = queries.SearchRequest(
        query=queries.clean_query(query), page_size=rerank.DEPTH
    )
    response = _engine_response(request)
    return queries.wordings(request.query), response["hits"]["hits"]


def _search(request: queries.SearchRequest) -> dict[str, Any]:
    window = reranked_window(request)
    try:
        response = _engine_response(window or request)
    except CircuitOpen:
        result = database_search(request)
    except ENGINE_ERRORS as exc:
        log.warning("search engine unavailable, answering from the database: %s", exc)
        result = database_search(request)
    else:
        hits = response["hits"]
        page = hits["hits"]
        if window is not None:
            start = (request.page - 1) * request.page_size
            page = reranked_hits(request, page)[start : start + request.page_size]
        result = {
            "count": hits["total"]["value"],
            "page": request.page,
            "page_size": request.page_size,
            "results": [_result(h["_source"], h.get("highlight", {})) for h in page],
            "facets": _facets(response.get("aggregations", {})),
            "suggestion": None,
            "degraded": False,
        }
        if request.query and result["count"] < 3 and "suggest" in response:
            result["suggestion"] = _suggestion(request.query, response["suggest"])
    result["redirect"] = None
    if (
        request.query
        and queries.looks_like_code(request.query)
        and result["count"] == 1
        and request.page == 1
    ):
        result["redirect"] = result["results"][0]["url"]
    return result


def log_zero_result(request: queries.SearchRequest) -> None:
    ZeroResultQuery.objects.create(
        query=request.query[:200],
        normalised=normalise(request.query)[:200],
        filters={k: v for k, v in request.filters.items() if v},
    )


class _EngineDown(Exception):
    pass


def suggest(query: str, size: int = 8) -> list[dict[str, str]]:
    """Up to ``size`` procedures for the search box.

    The search's own results for the query come first (so the first
    suggestion for a whole query is the first result), then procedures whose
    names start with what is being typed. Engine answers are kept for a short
    time in the shared cache, like searches.
    """
    query = queries.clean_query(query)
    if not query:
        return []
    normal = " ".join(nfc(query).casefold().split())
    try:
        return public_cache.remember(
            SEARCH_NAMESPACES,
            ("suggest", normal, size),
            lambda: _engine_suggest(query, size),
            ttl=SEARCH_CACHE_SECONDS,
        )
    except _EngineDown:
        return [
            {"code": r["code"], "name": r["name"], "url": r["url"]}
            for r in database_search(queries.SearchRequest(query, page_size=size))[
                "results"
            ]
        ]


def _engine_suggest(query: str, size: int) -> list[dict[str, str]]:
    try:
        response = breaker.call(
            search_client().msearch,
            body=[
                {"index": index_alias()},
                queries.suggest_search_body(
                    query, max(size, rerank.DEPTH) if rerank.active() else size
                ),
                {"index": index_alias()},
                queries.suggest_body(query, size),
            ],
        )
    except (CircuitOpen, *ENGINE_ERRORS) as exc:
        raise _EngineDown from exc
    answers = [a.get("hits", {}).get("hits", []) for a in response["responses"]]
    # The search's own first hits, re-ranked as the search ranks them.
    answers[0] = reranked_hits(queries.SearchRequest(query=query), answers[0])[:size]
    suggestions: dict[str, dict[str, str]] = {}
    for hits in answers:
        for hit in hits:
            source = hit["_source"]
            suggestions.setdefault(
                source["code"],
                {"code": source["code"], "name": source["name"], "url": source["url"]},
            )
    return list(suggestions.values())[:size]


def database_search(request: queries.SearchRequest) -> dict[str, Any]:
    """Wagtail's database search over live pages: fewer smarts, never a 5xx."""
    from django.db.models import Count

    from catalogue.api.filters import ProcedureFilter
    from catalogue.services import live_procedures, procedure_url

    pages = live_procedures().filter(status="in_force")
    params = {}
    for facet in ("field", "agency", "level", "online", "has_fee"):
        values = request.filters.get(facet)
        if values:
            params[facet] = values[0]
    pages = ProcedureFilter(params, queryset=pages).qs
    query = request.query
    if query and queries.looks_like_code(query):
        matched = list(pages.filter(code=query.strip()))
    elif query:
        from catalogue.models import ProcedurePage

        # Search first (the backend filters only on declared fields), then
        # keep the ranked ids that pass the facet filters.
        ranked = [
            page.pk
            for page in ProcedurePage.objects.live().search(query, operator="or")[:200]
        ]
        allowed = set(pages.filter(pk__in=ranked).values_list("pk", flat=True))
        by_id = {p.pk: p for p in pages.filter(pk__in=allowed)}
        matched = [by_id[pk] for pk in ranked if pk in by_id]
        if not matched:
            # Folded text never meets accented text in the database backend:
            # try the words one by one on the name as a last resort.
            words = [w for w in re.findall(r"\w+", query) if len(w) > 2]
            for word in words[:5]:
                matched.extend(pages.filter(title__icontains=word)[:20])
    else:
        matched = list(pages.order_by("-popularity", "title")[:200])
    start = (request.page - 1) * request.page_size
    page_items = matched[start : start + request.page_size]
    ids = [p.pk for p in matched]
    field_counts = (
        pages.filter(pk__in=ids)
        .values("field__slug", "field__name")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return {
        "count": len(matched),
        "page": request.page,
        "page_size": request.page_size,
        "results": [
            {
                "code": p.code,
                "name": p.name or p.title,
                "name_highlighted": None,
                "url": procedure_url(p.code),
                "field": {
                    "name": p.field.name,
                    "name_en": p.field.name_en,
                    "slug": p.field.slug,
                }
                if p.field
                else None,
                "levels": _level_list(p.level_list),
                "online_level": p.online_level,
                "has_fee": p.has_fee,
                "snippet": "",
            }
            for p in page_items
        ],
        "facets": {
            "field": [
                {
                    "value": row["field__slug"],
                    "label": row["field__name"],
                    "count": row["n"],
                }
                for row in field_counts
                if row["field__slug"]
            ],
            "agency": [],
            "level": [],
            "online": [],
            "has_fee": [],
        },
        "suggestion": None,
        "degraded": True,
    }
