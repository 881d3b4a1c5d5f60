"""Building the engine query from what a citizen typed.

User input only ever reaches the engine inside ``match``-family queries, which
take text, never query syntax: quotes, brackets, ``*``, ``~`` and ``:`` are
just characters. Control characters are removed and the length is capped
before anything is built.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from core.text import fold_diacritics, nfc

from . import synonyms

MAX_QUERY_LENGTH = 200
CODE_RE = re.compile(r"^\d{1,2}\.\d{6}$")
FACETS = ("field", "agency", "level", "online", "has_fee")
# Facet name -> indexed field.
FACET_FIELDS = {
    "field": "field_slug",
    "agency": "agency_ids",
    "level": "levels",
    "online": "online_level",
    "has_fee": "has_fee",
}


def strip_controls(text: str | None) -> str:
    """NFC, control characters turned into spaces, single spaces."""
    text = "".join(
        " " if unicodedata.category(ch)[0] == "C" else ch for ch in (text or "")
    )
    return re.sub(r"\s+", " ", nfc(text)).strip()


def clean_query(text: str | None) -> str:
    """What reaches the query builder: cleaned, at most 200 characters."""
    return strip_controls(text)[:MAX_QUERY_LENGTH]


# How citizens phrase a question around the procedure they mean: who it is
# for ("cho con", "tôi"), and what they ask about it ("ở đâu", "bao lâu").
# None of these occur in official procedure names, so they only ever match
# the wrong procedure (one naming "cha, mẹ, con" for "cho con"). Written with
# diacritics: a word typed with diacritics must match them exactly ("tội" is
# not "tôi"); a word typed without any matches the folded form.
CITIZEN_PHRASES = (
    "như thế nào",
    "làm thế nào",
    "thế nào",
    "làm sao",
    "ở đâu",
    "cần những gì",
    "cần gì",
    "phải làm gì",
    "bao nhiêu tiền",
    "bao nhiêu",
    "mất bao lâu",
    "bao lâu",
    "cho con",
    "cho bé",
    "cho cháu",
    "cho tôi",
    "của tôi",
    "tôi",
    "muốn",
)
_PHRASE_WORDS = sorted(
    (tuple(phrase.split()) for phrase in CITIZEN_PHRASES), key=lambda p: -len(p)
)


def _same_word(typed: str, word: str) -> bool:
    typed = typed.casefold()
    if typed == word:
        return True
    return typed.isascii() and typed == fold_diacritics(word)


def without_citizen_phrasing(query: str) -> str:
    """The query without the asker's own words, unless nothing would be left."""
    words = nfc(query).split()
    kept: list[str] = []
    index = 0
    while index < len(words):
        for phrase in _PHRASE_WORDS:
            window = words[index : index + len(phrase)]
            if len(window) == len(phrase) and all(
                _same_word(typed.strip(".,;:?!"), word)
                for typed, word in zip(window, phrase, strict=True)
            ):
                index += len(phrase)
                break
        else:
            kept.append(words[index])
            index += 1
    return " ".join(kept) if kept else query


def looks_like_code(query: str) -> bool:
    return bool(CODE_RE.match(query.strip()))


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 10
    prefer_level: str | None = None


def _variant_query(text: str) -> dict[str, Any]:
    """How well one wording of the query matches a procedure."""
    folded = fold_diacritics(text)
    # Long, colloquial queries carry filler words ("làm", "xin", "cho con"):
    # most of the words must match, not all.
    msm = "2<75%" if len(text.split()) > 2 else "100%"
    words = {
        "multi_match": {
            "query": text,
            "type": "best_fields",
            "fields": [
                "name_core^4",
                "name_core.exact^2",
                "name^2",
                "results^1.5",
                "field_name^1",
                "applicants^0.3",
                "dossier^0.3",
                "steps^0.2",
            ],
            "minimum_should_match": msm,
            "tie_breaker": 0.2,
        }
    }
    typo_tolerant = {
        "match": {
            "name_core.folded": {
                "query": folded,
                "fuzziness": "AUTO",
                "prefix_length": 1,
                "max_expansions": 20,
                "minimum_should_match": msm,
                "boost": 2.0,
            }
        }
    }
    return {
        "bool": {
            # A procedure matches when most words are found (exactly, folded,
            # or with a typo); word order and whole words only add score.
            "must": [
                {"dis_max": {"queries": [words, typo_tolerant], "tie_breaker": 0.5}}
            ],
            "should": [
                {
                    "match_phrase": {
                        "name_core.folded": {"query": folded, "slop": 2, "boost": 3.0}
                    }
                },
                {"match": {"name_core.shingle": {"query": folded, "boost": 3.0}}},
                {"match": {"name.shingle": {"query": folded, "boost": 1.0}}},
            ],
        }
    }


def text_query(query: str) -> dict[str, Any]:
    """The query and its synonym variants; the best-matching wording counts."""
    variants = [query, *synonyms.expand(query)]
    return {
        "dis_max": {
            "queries": [_variant_query(variant) for variant in variants],
            "tie_breaker": 0.1,
        }
    }


def _filter_clause(facet: str, values: list[str]) -> dict[str, Any]:
    name = FACET_FIELDS[facet]
    if facet == "has_fee":
        return {"terms": {name: [value == "true" for value in values]}}
    return {"terms": {name: values}}


def build(request: SearchRequest) -> dict[str, Any]:
    """The full request body: query, facet aggregations, highlight, suggest."""
    query = request.query
    must: list[dict[str, Any]] = []
    if query:
        if looks_like_code(query):
            must.append({"term": {"code": query.strip()}})
        else:
            must.append(text_query(without_citizen_phrasing(query)))
    base: dict[str, Any] = {
        "bool": {
            "must": must or [{"match_all": {}}],
            "filter": [{"term": {"status": "in_force"}}],
        }
    }
    # Popularity adds a little (log10 of page views): it orders near-ties and
    # never outweighs a better textual match.
    scored: dict[str, Any] = {
        "function_score": {
            "query": base,
            "functions": [
                {
                    "field_value_factor": {
                        "field": "popularity",
                        "modifier": "log1p",
                        "factor": 1,
                        "missing": 0,
                    }
                }
            ],
            "boost_mode": "sum" if query else "replace",
        }
    }
    if request.prefer_level:
        scored = {
            "function_score": {
                "query": scored,
                "functions": [
                    {
                        "filter": {"term": {"levels": request.prefer_level}},
                        "weight": 1.3,
                    }
                ],
                "boost_mode": "multiply",
            }
        }
    # Facets: each counts with every filter but its own, so choosing one value
    # still shows the others of that facet.
    active = {
        facet: _filter_clause(facet, values)
        for facet, values in request.filters.items()
        if values
    }
    aggs: dict[str, Any] = {}
    for facet in FACETS:
        others = [clause for name, clause in active.items() if name != facet]
        terms: dict[str, Any] = {"field": FACET_FIELDS[facet], "size": 50}
        inner: dict[str, Any] = {"terms": terms}
        if facet == "field":
            inner["aggs"] = {"label": {"terms": {"field": "field_name.raw", "size": 1}}}
        aggs[facet] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": inner},
        }
    body: dict[str, Any] = {
        "query": scored,
        "post_filter": {"bool": {"filter": list(active.values())}},
        "aggs": aggs,
        "from": (request.page - 1) * request.page_size,
        "size": request.page_size,
        "_source": [
            "page_id",
            "code",
            "name",
            "field_name",
            "field_slug",
            "levels",
            "online_level",
            "has_fee",
            "url",
        ],
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "name": {"number_of_fragments": 0},
                "steps": {"fragment_size": 160, "number_of_fragments": 1},
                "dossier": {"fragment_size": 160, "number_of_fragments": 1},
            },
        },
        "track_total_hits": True,
    }
    if query and not looks_like_code(query):
        body["suggest"] = {
            "text": fold_diacritics(query).lower(),
            "words": {
                "term": {
                    "field": "name.folded",
                    "suggest_mode": "popular",
                    "min_word_length": 3,
                }
            },
        }
    return body


def suggest_body(query: str, size: int = 8) -> dict[str, Any]:
    """Suggestions as you type: folded prefixes of the name's words.

    The query is read like a search (the asker's own words dropped, synonym
    variants tried: "lam giay khai si" suggests "đăng ký khai sinh"); with
    more than three words, three in four must start a word of the name.
    """
    query = without_citizen_phrasing(query)

    def variant(text: str) -> dict[str, Any]:
        folded = fold_diacritics(text)
        return {
            "bool": {
                "must": [
                    {
                        "match": {
                            "name.prefix": {
                                "query": folded,
                                "minimum_should_match": "3<75%",
                            }
                        }
                    }
                ],
                "should": [
                    {"match_phrase_prefix": {"name.folded": {"query": folded}}},
                    {"match": {"name": {"query": text, "boost": 0.5}}},
                ],
            }
        }

    variants = [query, *synonyms.expand(query)]
    return {
        "size": size,
        "_source": ["code", "name", "url"],
        "query": {
            "bool": {
                "must": [
                    {
                        "dis_max": {
                            "queries": [variant(v) for v in variants],
                            "tie_breaker": 0.1,
                        }
                    }
                ],
                "filter": [{"term": {"status": "in_force"}}],
            }
        },
    }
