"""Query rules: abbreviations, everyday names, intent words and filler words.

Rules come from the editors' ``Synonym`` snippet (Tìm kiếm → Từ đồng nghĩa;
cached, dropped on save, so a change applies without a reindex):

- replacement rules (abbreviations, everyday names, spellings, intents):
  ``a, b`` makes phrases equivalent, ``a => b, c`` rewrites ``a``. Intent
  rules say what a citizen's verb means for the procedure: "mất => cấp lại,
  trình báo mất", "làm => cấp, đăng ký", "sao y => chứng thực bản sao".
  A query is matched on its folded form (no diacritics), phrase by phrase,
  longest first; each match yields a variant of the query with the phrase
  replaced, and the engine searches the original and the variants together
  (the best-matching wording counts);
- filler rules list the asker's own words ("ở đâu", "mất bao lâu", "cho
  con"), dropped from the query before matching unless nothing would be
  left. A filler typed with diacritics must match them exactly ("tội" is not
  "tôi"); one typed without any matches the folded form.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from functools import lru_cache
from typing import Any

from core import public_cache
from core.text import fold_diacritics, nfc

from .models import Synonym
from .rules import FILLER, parse_fillers, parse_rule

__all__ = [
    "FILLER",
    "build_table",
    "expand",
    "fillers",
    "forget",
    "normalise",
    "parse_fillers",
    "parse_rule",
    "table",
]

CACHE_KEY = "search:synonyms:v2"
MAX_VARIANTS = 8
# Each process keeps the table it built or read for the rules' version in the
# shared cache of public reads: an editor's change (which bumps the version)
# reaches every web worker at its next search, and otherwise a search pays one
# small cache read, not a table rebuild.
_local: dict[str, tuple[str, dict[str, Any]]] = {}


def normalise(text: str) -> str:
    """Casefolded, folded, single-spaced words: the form rules are matched in."""
    words = re.findall(r"\w+", fold_diacritics(nfc(text)).casefold())
    return " ".join(words)


def build_table(rules: list[str]) -> dict[str, list[str]]:
    """Folded source phrase -> replacement phrases (with diacritics kept)."""
    table: dict[str, list[str]] = {}
    for rule in rules:
        try:
            sources, targets = parse_rule(rule)
        except ValueError:
            continue
        for source in sources:
            key = normalise(source)
            for target in targets:
                if normalise(target) != key and target not in table.setdefault(key, []):
                    table[key].append(target)
    return table


def version() -> str:
    """The rules' version (bumped by every edit of a rule)."""
    try:
        return public_cache.versions(public_cache.SYNONYMS)
    except public_cache.CACHE_ERRORS:
        return "no-cache"


def _load() -> dict[str, Any]:
    current = version()
    held = _local.get(CACHE_KEY)
    if held is not None and held[0] == current and current != "no-cache":
        return held[1]
    key = f"{CACHE_KEY}:{current}"
    cached = public_cache.get(key)
    if public_cache.is_missing(cached):
        rows = list(Synonym.objects.values_list("rule", "kind"))
        fillers: list[str] = []
        for rule, kind in rows:
            if kind == FILLER:
                with contextlib.suppress(ValueError):
                    fillers.extend(parse_fillers(rule))
        cached = {
            "table": build_table([rule for rule, kind in rows if kind != FILLER]),
            "fillers": sorted(set(fillers), key=lambda p: (-len(p.split()), p)),
        }
        public_cache.put(key, cached, 24 * 3600)
    _local[CACHE_KEY] = (current, cached)
    return cached


def table() -> dict[str, list[str]]:
    """The replacement rules: folded phrase -> replacements."""
    return _load()["table"]


def fillers() -> list[str]:
    """The filler phrases, longest first."""
    return _load()["fillers"]


def forget() -> None:
    """The rules changed: every process reloads them, and cached searches
    (keyed by the rules' version) are recomputed."""
    _local.clear()
    public_cache.bump(public_cache.SYNONYMS)


@lru_cache(maxsize=64)
def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def expand(query: str, rules: dict[str, list[str]] | None = None) -> list[str]:
    """Variants of ``query`` with synonym phrases replaced (original excluded).

    Phrases are found longest first and never overlap. Variants that replace
    every phrase found come first (all combinations of their alternatives),
    then those that replace one phrase at a time.
    """
    rules = table() if rules is None else rules
    folded = normalise(query)
    spans: list[tuple[int, int, str]] = []
    for phrase in sorted(rules, key=lambda p: -len(p)):
        for match in _pattern(phrase).finditer(folded):
            start, end = match.span()
            if any(start < e and s < end for s, e, _ in spans):
                continue  # a longer phrase already covers these words
            spans.append((start, end, phrase))
    if not spans:
        return []
    spans.sort()

    def render(choices: dict[int, str]) -> str:
        out, cursor = [], 0
        for index, (start, end, _) in enumerate(spans):
            out.append(folded[cursor:start])
            out.append(
                normalise(choices[index]) if index in choices else folded[start:end]
            )
            cursor = end
        out.append(folded[cursor:])
        return " ".join("".join(out).split())

    variants: list[str] = []
    for combo in itertools.product(*(rules[phrase] for _, _, phrase in spans)):
        variants.append(render(dict(enumerate(combo))))
        if len(variants) >= MAX_VARIANTS:
            break
    if len(spans) > 1:
        for index, (_, _, phrase) in enumerate(spans):
            for target in rules[phrase]:
                variants.append(render({index: target}))
    unique = [v for v in dict.fromkeys(variants) if v != folded]
    return unique[:MAX_VARIANTS]
