"""A second look at the engine's first hits: a small linear re-ranker.

The engine's score (BM25 on the names, times the family and usage factors of
``queries.ranked``) is good at finding the candidates and weaker at telling
near-misses apart: "ly hôn" and "kết hôn" share a word and a shingle field,
a long special case may carry every word of the query and a dozen more. The
re-ranker reads the engine's first ``DEPTH`` hits and orders them by a linear
score of a handful of general features, computed here in Python from what
the hit's source carries (``SOURCE_FIELDS``):

- the engine's score, relative to the best hit's (log), and its rank (log);
- how much of the query the name covers, folded and with the diacritics as
  typed; how much of the name the query covers (a short name that is all
  query beats a long one that merely contains it); the share of the
  query's word pairs that are pairs of the name, and its longest run of
  words found together in the name;
- the same coverage for the English name, for English queries;
- the family: a variant the query does not name, a general procedure one
  of whose variants it names;
- the level (commune, province, central) and the usage prior.

Every feature is a property of the query and a name, never of a topic. The
weights (``WEIGHTS``) are fitted by ``scripts/fit_rerank.py`` on the tuning
half of the judged set, with topic-family-grouped cross-validation, from the
candidates ``scripts/eval_search.py --candidates`` writes; the held-out half
is never read to fit them.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from core.text import fold_diacritics

from . import families
from .documents import core_name

# How many of the engine's hits are re-ordered. Pages past these come in the
# engine's order, after them: the set of the first ``DEPTH`` does not change.
DEPTH = 30
SOURCE_FIELDS = [
    "name",
    "name_en",
    "levels",
    "prior",
    "family_depth",
    "variant_words",
    "variant_words_folded",
    "variant_need",
    "variant_words_en",
    "child_keys",
    "child_keys_folded",
    "child_words_en",
]
_WORD = re.compile(r"\w+")
_ENGLISH_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an the of for in on at to and or by with from my our your i we how "
        "do does get what where when who is are can want need apply application",
    )
)

FEATURES = (
    "log_score",  # ln(score / best score), at most 0
    "log_rank",  # ln(rank), from 0
    "query_covered",  # share of the query's (folded) words in the name
    "query_exact",  # share of its words typed with diacritics found as typed
    "name_covered",  # share of the name's words in the query
    "pairs",  # share of the query's word pairs that are pairs of the name
    "run",  # longest run of query words together in the name / query words
    "rare_covered",  # query_covered, words weighted by rarity among the hits
    "rare_name_covered",  # name_covered, weighted the same way
    "english_covered",  # share of the query's English words in the English name
    "english_name_covered",  # share of the English name's words in the query
    "variant_unnamed",  # a variant whose own words the query does not name
    "child_named",  # a general procedure one of whose variants the query names
    "commune",  # done at commune level
    "central",  # done by central bodies only
    "log_prior",  # ln(1 + usage prior)
)
# Fitted by scripts/fit_rerank.py (see search/eval/README.md): one weight a
# feature. ``log_score`` alone at 1.0 is the engine's own order, and turns
# the re-ranker off: no fit has yet gained over it under cross-validation
# on the tuning half.
WEIGHTS: dict[str, float] = {"log_score": 1.0}


def active(weights: dict[str, float] = WEIGHTS) -> bool:
    """Whether the weights change the engine's order at all."""
    return set(weights) != {"log_score"} and bool(weights)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


def _folded(words: Iterable[str]) -> list[str]:
    return [fold_diacritics(w) for w in words]


def _stem(word: str) -> str:
    """A crude English stem: the first five letters ("registration",
    "register", "registering" all "regis")."""
    return word[:5]


class Query:
    """What the features need of a query: its wordings, folded and as typed."""

    def __init__(self, wordings: Sequence[str]):
        wordings = [text for text in wordings if text]
        self.typed = [_words(text) for text in wordings]
        self.ascii = [text.isascii() for text in wordings]
        self.folded = [_folded(words) for words in self.typed]
        self.folded_sets = [set(words) for words in self.folded]
        self.all_typed = set(itertools.chain.from_iterable(self.typed))
        self.all_folded = set(itertools.chain.from_iterable(self.folded))
        first = self.typed[0] if self.typed else []
        self.english = {_stem(w) for w in first if w not in _ENGLISH_STOP}


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _longest_run(query: list[str], name: list[str]) -> int:
    best = 0
    previous = [0] * (len(name) + 1)
    for q in query:
        current = [0] * (len(name) + 1)
        for j, n in enumerate(name, start=1):
            if q == n:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _names_variant(query: Query, source: dict[str, Any]) -> bool:
    """As ``queries.names_the_variant``: enough of the variant's words in one
    wording (as typed, or folded for a wording typed without diacritics), or
    one of its English words."""
    need = source.get("variant_need") or 0
    exact = set(source.get("variant_words") or [])
    folded = set(source.get("variant_words_folded") or [])
    for typed, words in zip(query.typed, query.ascii, strict=True):
        own = folded if words else exact
        if need and len(own & set(typed)) >= need:
            return True
    english = set(source.get("variant_words_en") or [])
    return bool(english & query.all_typed)


def _names_child(query: Query, source: dict[str, Any]) -> bool:
    """As ``queries.names_a_child``: a word or a pair of words of one wording
    among the keys (as typed, or folded), or one of the English words."""
    exact = set(source.get("child_keys") or [])
    folded = set(source.get("child_keys_folded") or [])
    for typed, words in zip(query.typed, query.ascii, strict=True):
        keys = folded if words else exact
        if not keys:
            continue
        unique = sorted(set(typed))
        if keys & set(unique):
            return True
        pairs = itertools.combinations(unique, 2)
        if keys & {families.pair_key(a, b) for a, b in pairs}:
            return True
    english = set(source.get("child_words_en") or [])
    return bool(english & query.all_typed)


def _name_words(source: dict[str, Any]) -> list[str]:
    return _words(core_name(source.get("name") or ""))


def rarity(sources: Sequence[dict[str, Any]]) -> dict[str, float]:
    """How rare each (folded) name word is among the candidates' names:
    ln((n + 1) / (df + 0.5)). A word every candidate has says little about
    which one is meant; one that a single candidate has says much."""
    counts: dict[str, int] = {}
    for source in sources:
        for word in set(_folded(_name_words(source))):
            counts[word] = counts.get(word, 0) + 1
    n = len(sources)
    return {word: math.log((n + 1) / (df + 0.5)) for word, df in counts.items()}


def features(
    query: Query,
    source: dict[str, Any],
    score: float,
    best: float,
    rank: int,
    rare: dict[str, float] | None = None,
) -> list[float]:
    """The feature vector (in ``FEATURES`` order) of one hit; ``rare`` is
    the ``rarity`` of the candidates' name words (none: the hit alone)."""
    name_typed = _name_words(source)
    name = _folded(name_typed)
    name_set, typed_set = set(name), set(name_typed)
    rare = rare if rare is not None else rarity([source])
    unseen = math.log(len(rare) + 2)  # rarer than any candidate's word
    name_weight = sum(rare.get(w, unseen) for w in name_set)
    covered = exact = name_covered = pairs = run = 0.0
    rare_covered = rare_name_covered = 0.0
    name_pairs = _pairs(name)
    for typed, folded, folded_set in zip(
        query.typed, query.folded, query.folded_sets, strict=True
    ):
        if not folded:
            continue
        covered = max(covered, len(folded_set & name_set) / len(folded_set))
        marked = [w for w in typed if not w.isascii()]
        if marked:
            exact = max(exact, sum(w in typed_set for w in marked) / len(marked))
        else:
            exact = max(exact, len(folded_set & name_set) / len(folded_set))
        if name_set:
            name_covered = max(name_covered, len(name_set & folded_set) / len(name_set))
        own = _pairs(folded)
        if own:
            pairs = max(pairs, len(own & name_pairs) / len(own))
        run = max(run, _longest_run(folded, name) / len(folded))
        query_weight = sum(rare.get(w, unseen) for w in folded_set)
        shared = sum(rare.get(w, unseen) for w in folded_set & name_set)
        if query_weight:
            rare_covered = max(rare_covered, shared / query_weight)
        if name_weight:
            rare_name_covered = max(rare_name_covered, shared / name_weight)
    english = {_stem(w) for w in _words(source.get("name_en") or "")} - {
        _stem(w) for w in _ENGLISH_STOP
    }
    english_covered = english_name_covered = 0.0
    if english and query.english:
        shared = len(query.english & english)
        english_covered = shared / len(query.english)
        english_name_covered = shared / len(english)
    levels = set(source.get("levels") or [])
    variant = (source.get("family_depth") or 0) >= 1
    return [
        math.log(max(score, 1e-9) / best) if best > 0 else 0.0,
        math.log(rank),
        covered,
        exact,
        name_covered,
        pairs,
        run,
        rare_covered,
        rare_name_covered,
        english_covered,
        english_name_covered,
        float(variant and not _names_variant(query, source)),
        float(_names_child(query, source)),
        float("xa" in levels),
        float(bool(levels) and levels <= {"bo"}),
        math.log1p(source.get("prior") or 0.0),
    ]


def vectors(
    query: Query, hits: Sequence[tuple[dict[str, Any], float]]
) -> list[list[float]]:
    """The feature vectors of (source, score) hits, best first."""
    best = max((score for _, score in hits), default=0.0)
    rare = rarity([source for source, _ in hits])
    return [
        features(query, source, score, best, rank, rare)
        for rank, (source, score) in enumerate(hits, start=1)
    ]


def score_of(vector: Sequence[float], weights: dict[str, float] = WEIGHTS) -> float:
    pairs = zip(FEATURES, vector, strict=True)
    return sum(weights.get(name, 0.0) * value for name, value in pairs)


def rerank(
    wordings: Sequence[str],
    hits: list[dict[str, Any]],
    weights: dict[str, float] = WEIGHTS,
) -> list[dict[str, Any]]:
    """The engine's ``hits`` (best first) in the re-ranker's order.

    Ties keep the engine's order; a weight table of ``log_score`` alone
    returns the hits as they came.
    """
    if len(hits) < 2 or not active(weights):
        return hits
    found = vectors(
        Query(wordings), [(hit["_source"], hit.get("_score") or 0.0) for hit in hits]
    )
    scored = [
        (-score_of(vector, weights), rank, hit)
        for rank, (vector, hit) in enumerate(zip(found, hits, strict=True), start=1)
    ]
    scored.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in scored]
