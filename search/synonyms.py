"""Query rules: abbreviations, everyday names, intent words and filler words.

Rules come from the editors' ``Synonym`` snippet (Tìm kiếm → Từ đồng nghĩa;
cached, dropped on save, so a change applies without a reindex):

- replacement rules (abbreviations, everyday names, spellings, intents):
  ``a, b`` makes phrases equivalent, ``a => b, c`` rewrites ``a``. Intent
  rules say what a citizen's verb means for the procedure: "mất => cấp lại,
  trình báo mất", "làm => cấp, đăng ký", "sao y => chứng thực bản sao".
  A query is matched phrase by phrase, longest first, word by word as
  typed: a word typed with diacritics must have the rule's ("mặt" is not
  "mất"), one typed without any matches the rule's folded word. Each match
  yields a variant of the query with the phrase replaced (keeping the
  diacritics of the query and of the rule when the query had them), and the
  engine searches the original and the variants together (the
  best-matching wording counts);
- filler rules list the asker's own words ("ở đâu", "mất bao lâu", "cho
  con"), dropped from the query before matching unless nothing would be
  left. A filler typed with diacritics must match them exactly ("tội" is not
  "tôi"); one typed without any matches the folded form.
"""

from __future__ import annotations

import contextlib
import itertools
import re
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

CACHE_KEY = "search:synonyms:v3"
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


def words_of(text: str) -> list[str]:
    """The casefolded words of ``text``, diacritics kept as typed."""
    return re.findall(r"\w+", nfc(text).casefold())


def build_table(rules: list[str]) -> dict[str, list[str]]:
    """Source phrase (its words as written) -> replacement phrases.

    Sources keep their diacritics: "lái" and "lại" are different sources,
    and a query's word typed with diacritics must match them exactly (one
    typed without any matches the folded form, see :func:`expand`).
    """
    table: dict[str, list[str]] = {}
    for rule in rules:
        try:
            sources, targets = parse_rule(rule)
        except ValueError:
            continue
        for source in sources:
            key = " ".join(words_of(source))
            if not key:
                continue
            for target in targets:
                if " ".join(words_of(target)) != key and target not in table.setdefault(
                    key, []
                ):
                    table[key].append(target)
    return {key: targets for key, targets in table.items() if targets}


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


def _same_word(typed: str, source: str) -> bool:
    """A typed word matches a rule's: exactly, or folded when typed without
    diacritics ("mat" is "mất"; "mặt" is not)."""
    return typed == source or (typed.isascii() and typed == fold_diacritics(source))


def _by_folded(rules: dict[str, list[str]]) -> dict[tuple[str, ...], list[str]]:
    index: dict[tuple[str, ...], list[str]] = {}
    for source in rules:
        index.setdefault(tuple(fold_diacritics(source).split()), []).append(source)
    return index


def expand(query: str, rules: dict[str, list[str]] | None = None) -> list[str]:
    """Variants of ``query`` with rule phrases replaced (original excluded).

    A phrase matches the query's words as typed: a word typed with
    diacritics must have the rule's ("mặt" is not "mất", "lại" is not
    "lái"), one typed without any matches the rule's folded word. Phrases
    are found longest first and never overlap. Variants that replace every
    phrase found come first (all combinations of their alternatives), then
    those that replace one phrase at a time.

    A query typed with diacritics keeps them in its variants: its own words
    as typed and the replacements as the rules write them, so that the
    catalogue's exact words score (the rule's "biến động" is not the
    "biện pháp" of another name). A query typed without diacritics gets
    folded variants, like itself.
    """
    rules = table() if rules is None else rules
    typed = words_of(query)
    folded = [fold_diacritics(word) for word in typed]
    index = _by_folded(rules)
    longest = max((len(key) for key in index), default=0)
    found: list[tuple[int, int, str, list[str]]] = []
    for start in range(len(typed)):
        for size in range(min(longest, len(typed) - start), 0, -1):
            window = typed[start : start + size]
            # Folded, one window may be several rules' ("lai": "lái", "lại").
            matched = [
                source
                for source in index.get(tuple(folded[start : start + size]), ())
                if all(map(_same_word, window, source.split()))
            ]
            if matched:
                targets = list(
                    dict.fromkeys(t for source in matched for t in rules[source])
                )
                found.append((start, start + size, matched[0], targets))
    # Longest first (in letters, as the rules read), then leftmost.
    found.sort(key=lambda span: (-len(fold_diacritics(span[2])), span[0]))
    spans: list[tuple[int, int, list[str]]] = []
    for start, end, _, targets in found:
        if not any(start < e and s < end for s, e, _ in spans):
            spans.append((start, end, targets))
    if not spans:
        return []
    spans.sort()
    keep = not query.isascii()
    own = typed if keep else folded

    def render(choices: dict[int, str]) -> str:
        out, cursor = [], 0
        for number, (start, end, _) in enumerate(spans):
            out.extend(own[cursor:start])
            if number in choices:
                target = choices[number]
                out.extend(words_of(target) if keep else normalise(target).split())
            else:
                out.extend(own[start:end])
            cursor = end
        out.extend(own[cursor:])
        return " ".join(out)

    variants: list[str] = []
    for combo in itertools.product(*(targets for _, _, targets in spans)):
        variants.append(render(dict(enumerate(combo))))
        if len(variants) >= MAX_VARIANTS:
            break
    if len(spans) > 1:
        for number, (_, _, targets) in enumerate(spans):
            for target in targets:
                variants.append(render({number: target}))
    original = " ".join(own)
    unique = [v for v in dict.fromkeys(variants) if v != original]
    return unique[:MAX_VARIANTS]
