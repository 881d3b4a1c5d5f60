"""Building the engine query from what a citizen typed.

User input only ever reaches the engine inside ``match``-family queries, which
take text, never query syntax: quotes, brackets, ``*``, ``~`` and ``:`` are
just characters. Control characters are removed and the length is capped
before anything is built.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from core.text import fold_diacritics, nfc

from . import families, rerank, synonyms

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


def _same_word(typed: str, word: str) -> bool:
    typed = typed.casefold()
    if typed == word.casefold():
        return True
    return typed.isascii() and typed == fold_diacritics(word).casefold()


def without_citizen_phrasing(query: str, phrases: list[str] | None = None) -> str:
    """The query without the asker's own words, unless nothing would be left.

    The words are the editors' filler rules (``synonyms.fillers``): how
    citizens phrase a question around the procedure they mean ("ở đâu",
    "bao lâu", "cho con"). A word typed with diacritics must match them
    exactly ("tội" is not "tôi"); one typed without any matches the folded
    form.
    """
    phrases = synonyms.fillers() if phrases is None else phrases
    patterns = sorted(
        (tuple(phrase.split()) for phrase in phrases), key=lambda p: -len(p)
    )
    words = nfc(query).split()
    kept: list[str] = []
    index = 0
    while index < len(words):
        for phrase in patterns:
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
    # The second try of a query whose focused set was (nearly) empty: half
    # of its words will do, and its word pairs only add score.
    relaxed: bool = False


# How many of a wording's words must match a procedure's name (or result,
# or field): all of one or two, all but one of three or four, all but two of
# five to seven, three in five beyond. A query then returns the procedures it
# names, not every one that mentions "đăng ký" (and the facets count those).
MINIMUM_MATCH = "2<-1 4<-2 7<60%"
# English names are short and English queries carry more words of their own.
ENGLISH_MINIMUM_MATCH = "2<-1 4<-2 6<50%"
# The relaxed second try ("khai sinh cho em bé mới sinh", "nhận con"): the
# words' pairs need not be the name's, and all but one of three or four
# words, two in five of more, will do (both of two: "ly hôn" still needs
# "ly" and "hôn").
RELAXED_MINIMUM_MATCH = "2<-1 4<40%"
# A focused set of fewer than ``services.RELAX_BELOW`` results for a query
# of this many words or more (less the asker's own) is tried again relaxed.
RELAX_FROM_WORDS = 2


def relaxable(query: str) -> bool:
    """Whether a (nearly) empty answer to ``query`` is worth a relaxed try."""
    if looks_like_code(query):
        return False
    return len(_WORD.findall(without_citizen_phrasing(query))) >= RELAX_FROM_WORDS


# Name fields a word may match, with their weights.
NAME_FIELDS = [
    "name_core^4",
    "name_core.exact^2",
    "name^2",
    "results^1.5",
    "field_name^1",
]
# A variant ("cấp lại", "lưu động", "dưới 14 tuổi") counts this much of its
# score unless the query names what makes it a variant.
VARIANT_WEIGHT = 0.55
# A general procedure counts this much of its score when the query names one
# of its variants ("đăng ký lại khai sinh", "làm lại giấy đăng ký hộ kinh
# doanh"): the query asks for the variant.
NAMED_CHILD_WEIGHT = 0.7
# The prior (usage) multiplies the score by 1 + this x ln(1 + prior): at the
# cold start 1.69 for a commune-level procedure open to citizens against 1.0
# for one of organisations only ("làm sổ đỏ" is the households' first
# certificate, not the organisations'); a page with a thousand views, about 3.
PRIOR_WEIGHT = 1.0
_WORD = re.compile(r"\w+")
MAX_WORDS = 16
_GENERIC_FOLDED = frozenset(
    fold_diacritics(word).lower()
    for phrase in (*families.FOLLOW_UPS, *families.FIRST_ISSUES, *families.GENERIC)
    for word in phrase.split()
)
MAX_TYPO_WORDS = 8


def _word_clause(word: str, typos: bool = True) -> dict[str, Any]:
    """One word of the query: in a name field, exactly, folded or misspelt."""
    clauses: list[dict[str, Any]] = [
        {"multi_match": {"query": word, "fields": NAME_FIELDS, "type": "best_fields"}}
    ]
    if typos and len(word) >= 4 and not word.isdigit():
        # Typos: one edit from four letters, two from seven (AUTO:4,7); a
        # three-letter syllable has too many neighbours ("lam": lan, lai, dam).
        clauses.append(
            {
                "match": {
                    "name_core.folded": {
                        "query": fold_diacritics(word),
                        "fuzziness": "AUTO:4,7",
                        "prefix_length": 1,
                        "max_expansions": 10,
                        "boost": 0.5,
                    }
                }
            }
        )
    return {"dis_max": {"queries": clauses}}


def _pairs(folded: str) -> list[str]:
    """Adjacent word pairs as the shingle fields index them (folded, lowercase).

    Pairs of operation or generic words ("cấp đổi", "đăng ký", "thủ tục")
    are left out unless there are no others: hundreds of names have them.
    """
    words = [w.lower() for w in _WORD.findall(folded)][:MAX_WORDS]
    pairs = list(dict.fromkeys(f"{a} {b}" for a, b in itertools.pairwise(words)))
    telling = [
        pair for pair in pairs if not all(w in _GENERIC_FOLDED for w in pair.split())
    ]
    return telling or pairs


def _pair_clause(pair: str, typos: bool) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = [
        {"term": {"name_core.shingle": pair}},
        {"term": {"name.shingle": pair}},
    ]
    first, second = pair.split(" ")
    if typos and max(len(first), len(second)) >= 4:
        clauses.append(
            {
                "intervals": {
                    "name_core.folded": {
                        "all_of": {
                            "ordered": True,
                            "max_gaps": 0,
                            "intervals": [
                                {"fuzzy": {"term": word, "fuzziness": "AUTO:4,7"}}
                                for word in (first, second)
                            ],
                        }
                    }
                }
            }
        )
    return {"dis_max": {"queries": clauses}}


def _variant_query(text: str, relaxed: bool = False) -> dict[str, Any]:
    """How well one wording of the query matches a procedure.

    Each word is a clause of its own, and enough of them must match (see
    ``MINIMUM_MATCH``); word order and whole words (phrases, shingles) only
    add score. An English wording matches the English names instead.
    """
    folded = fold_diacritics(text)
    words = list(dict.fromkeys(w.casefold() for w in _WORD.findall(text)))[:MAX_WORDS]
    # Typo tolerance for the words of short wordings only: the engine caps a
    # query's clauses (1,024), and each fuzzy word expands to ten terms.
    typos = len(words) <= MAX_TYPO_WORDS
    vietnamese: dict[str, Any] = {
        "bool": {
            "should": [_word_clause(word, typos) for word in words],
            "minimum_should_match": RELAXED_MINIMUM_MATCH if relaxed else MINIMUM_MATCH,
        }
    }
    pairs = _pairs(folded)
    if pairs and not relaxed:
        # Vietnamese words are mostly two syllables: a third of the wording's
        # adjacent pairs (at least one) must be pairs of the name too, so
        # that "hộ chiếu" needs "hộ chiếu", not "hồ sơ" and "đối chiếu", and
        # "cấp giấy chứng nhận quyền sử dụng đất" needs "sử dụng đất", not
        # any five of its very common syllables. A misspelt pair matches
        # within one edit a word.
        vietnamese["bool"]["filter"] = [
            {
                "bool": {
                    "should": [_pair_clause(pair, typos) for pair in pairs],
                    "minimum_should_match": max(1, len(pairs) // 3),
                }
            }
        ]
    english = {
        "match": {
            "name_en": {
                "query": text,
                "minimum_should_match": (
                    RELAXED_MINIMUM_MATCH if relaxed else ENGLISH_MINIMUM_MATCH
                ),
                "boost": 3.0,
            }
        }
    }
    return {
        "bool": {
            "must": [{"dis_max": {"queries": [vietnamese, english]}}],
            "should": [
                {
                    "match_phrase": {
                        "name_core.folded": {"query": folded, "slop": 2, "boost": 3.0}
                    }
                },
                {"match": {"name_core.shingle": {"query": folded, "boost": 3.0}}},
                {"match": {"name.shingle": {"query": folded, "boost": 1.0}}},
                {"match_phrase": {"name_en": {"query": text, "boost": 3.0}}},
            ],
        }
    }


def wordings(query: str) -> list[str]:
    """The query as typed (less filler words) and its rule variants."""
    query = without_citizen_phrasing(query)
    return [query, *synonyms.expand(query)]


def names_the_variant(texts: list[str]) -> dict[str, Any]:
    """Procedures whose variant words the query (any wording) contains.

    Two of them, or all when there are fewer ("lại"; "lưu động"; two of
    "liên thông … trẻ em dưới 6 tuổi"). Words typed with diacritics must
    match exactly ("lại" is not "lái"), words typed without any (and the
    rules' rewordings, which are folded) match the folded form.
    """
    clauses: list[dict[str, Any]] = []
    for text in texts:
        words = sorted({w.casefold() for w in _WORD.findall(text)})
        field = "variant_words_folded" if text.isascii() else "variant_words"
        clauses.append(
            {
                "terms_set": {
                    field: {
                        "terms": words,
                        "minimum_should_match_field": "variant_need",
                    }
                }
            }
        )
        # In English, one word of the variant's own English name will do.
        clauses.append({"terms": {"variant_words_en": words}})
    return {"bool": {"should": clauses}}


def names_a_child(texts: list[str]) -> dict[str, Any]:
    """Procedures one of whose own variants the query (any wording) names.

    The words of a variant that name it are indexed on its general procedure
    as keys (``families.naming_keys``): single words, or pairs of words for
    a variant that takes two; a query's keys are its words and their pairs.
    """
    clauses: list[dict[str, Any]] = []
    for text in texts:
        words = sorted({w.casefold() for w in _WORD.findall(text)})[:MAX_WORDS]
        keys = words + [
            families.pair_key(a, b) for a, b in itertools.combinations(words, 2)
        ]
        field = "child_keys_folded" if text.isascii() else "child_keys"
        clauses.append({"terms": {field: keys}})
        clauses.append({"terms": {"child_words_en": words}})
    return {"bool": {"should": clauses}}


def ranked(query_clause: dict[str, Any], texts: list[str]) -> dict[str, Any]:
    """Text score x family (general first) x prior (what citizens use)."""
    functions: list[dict[str, Any]] = [
        {
            "filter": {
                "bool": {
                    "filter": [{"range": {"family_depth": {"gte": 1}}}],
                    "must_not": [names_the_variant(texts)],
                }
            },
            "weight": VARIANT_WEIGHT,
        },
        {"filter": names_a_child(texts), "weight": NAMED_CHILD_WEIGHT},
        {
            "script_score": {
                "script": {
                    "source": "1 + params.w * Math.log1p("
                    "doc['prior'].size() == 0 ? 0 : doc['prior'].value)",
                    "params": {"w": PRIOR_WEIGHT},
                }
            }
        },
    ]
    return {
        "function_score": {
            "query": query_clause,
            "functions": functions,
            "score_mode": "multiply",
            "boost_mode": "multiply",
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
    texts: list[str] = []
    if query:
        if looks_like_code(query):
            must.append({"term": {"code": query.strip()}})
        else:
            texts = wordings(query)
            must.append(
                {
                    "dis_max": {
                        "queries": [
                            _variant_query(text, request.relaxed) for text in texts
                        ],
                        "tie_breaker": 0.1,
                    }
                }
            )
    base: dict[str, Any] = {
        "bool": {
            "must": must or [{"match_all": {}}],
            "filter": [{"term": {"status": "in_force"}}],
        }
    }
    if texts:
        scored = ranked(base, texts)
    else:
        # Browsing (or a code): the most used first.
        scored = {
            "function_score": {
                "query": base,
                "field_value_factor": {"field": "prior", "missing": 0},
                "boost_mode": "replace",
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
        "_source": list(
            dict.fromkeys(
                [
                    "page_id",
                    "code",
                    "name",
                    "field_name",
                    "field_slug",
                    "levels",
                    "online_level",
                    "has_fee",
                    "url",
                    *rerank.SOURCE_FIELDS,
                ]
            )
        ),
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

    The query is read like a search (the asker's own words dropped, rule
    variants tried: "lam giay khai si" suggests "đăng ký khai sinh"), and
    ranked like one (general procedures first, then the most used); with
    more than three words, three in four must start a word of the name.
    The service puts the search's own results for the query first, so the
    first suggestion for a whole query is its first result.
    """

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

    texts = wordings(query)
    base = {
        "bool": {
            "must": [
                {
                    "dis_max": {
                        "queries": [variant(v) for v in texts],
                        "tie_breaker": 0.1,
                    }
                }
            ],
            "filter": [{"term": {"status": "in_force"}}],
        }
    }
    return {
        "size": size,
        "_source": ["code", "name", "url"],
        "query": ranked(base, texts),
    }


def suggest_search_body(query: str, size: int = 8) -> dict[str, Any]:
    """The search's own request for ``query``, without facets and highlights."""
    body = build(SearchRequest(query=query, page_size=size))
    for part in ("aggs", "highlight", "suggest", "post_filter"):
        body.pop(part, None)
    body["track_total_hits"] = False
    fields = ["code", "name", "url", *rerank.SOURCE_FIELDS]
    body["_source"] = list(dict.fromkeys(fields))
    return body
