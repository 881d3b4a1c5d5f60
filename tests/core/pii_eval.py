"""Leaks and over-masking of ``core.masking`` on the personal-data corpus.

``python -m tests.core.pii_eval`` masks every sentence of
``tests/core/pii-corpus/corpus.jsonl`` with the names the citizen gave and
prints each value still readable in the public copy (a leak) and each part
that had to survive but was removed (over-masking), with the totals.

A value counts as leaked when it can still be read, whatever its form: the
output and the value are compared after NFC, case and diacritic folding and
collapsed spaces, and numbers also digit by digit with their separators
stripped (a reformatted "0912 345 678" -> "0912.345.678" leaks, and so does
a run of three or more of its digits left beside a placeholder). A name leaks
when two of its parts stand next to each other and one is the given name
("Bích Ngọc", "Ngoc Tran"); one given name after an honorific ("chị Ngọc")
may stay, as the issue allows.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "pii-corpus" / "corpus.jsonl"

# Digits joined by at most one separator each: "(+84) 912.345 678" is one run.
_DIGIT_RUN = re.compile(r"\d(?:[\s.\-()+]{0,2}\d)*")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """NFC, đ -> d, no diacritics, case-folded, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def words(text: str) -> str:
    """The folded words of ``text`` joined by single spaces (punctuation gone)."""
    return " ".join(_WORD.findall(fold(text)))


def _contains(haystack: str, needle: str) -> bool:
    """``needle``'s words in a row in ``haystack``, whatever stands between them."""
    needle = words(needle)
    return (
        bool(needle)
        and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", words(haystack)) is not None
    )


def name_parts(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """(every folded part of the names, their given names' last parts)."""
    parts, given = set(), set()
    for name in names:
        words = _WORD.findall(fold(name))
        parts.update(words)
        if words:
            given.add(words[-1])
    return parts, given


def is_name(secret: str, names: Iterable[str]) -> bool:
    parts, _ = name_parts(names)
    words = _WORD.findall(fold(secret))
    return bool(words) and not digits(secret) and set(words) <= parts


def name_leaked(secret: str, output: str, names: Iterable[str]) -> bool:
    if _contains(output, secret):
        return True
    own = set(_WORD.findall(fold(secret)))
    _, given = name_parts(names)
    tokens = _WORD.findall(fold(output))
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a in own and b in own and (a in given or b in given):
            return True
    return False


def value_leaked(secret: str, output: str, keep: Iterable[str] = ()) -> bool:
    if _contains(output, secret):
        return True
    secret_digits = digits(secret)
    if len(secret_digits) < 6:
        return False
    kept = [digits(k) for k in keep if digits(k)]
    for run in _DIGIT_RUN.findall(output):
        run_digits = digits(run)
        if (
            len(run_digits) >= 3
            and run_digits in secret_digits
            and not any(run_digits in k for k in kept)
        ):
            return True
    return False


def leaked(secret: str, output: str, names: Iterable[str], keep: Iterable[str]) -> bool:
    names = list(names)
    if is_name(secret, names):
        return name_leaked(secret, output, names)
    return value_leaked(secret, output, keep)


def survived(part: str, output: str) -> bool:
    return _contains(output, part)


@dataclass
class Report:
    sentences: int = 0
    personal: int = 0
    survive: int = 0
    secrets: int = 0
    kept_parts: int = 0
    leaks: list[tuple[str, str, str]] = field(default_factory=list)
    overmasked: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def overmasking_rate(self) -> float:
        return len(self.overmasked) / self.kept_parts if self.kept_parts else 0.0

    def summary(self) -> str:
        by_kind = Counter(item_id.rsplit("-", 1)[0] for item_id, _, _ in self.leaks)
        lines = [
            f"corpus: {self.sentences} sentences ({self.personal} with personal data, "
            f"{self.survive} that must survive), {self.secrets} personal values, "
            f"{self.kept_parts} parts that must survive",
            f"leaks: {len(self.leaks)}"
            + (
                f" ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))})"
                if by_kind
                else ""
            ),
            f"over-masking: {len(self.overmasked)} of {self.kept_parts} "
            f"({self.overmasking_rate:.1%})",
        ]
        return "\n".join(lines)


def load_corpus(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def evaluate(
    mask: Callable[[str, tuple[str, ...]], str], items: list[dict] | None = None
) -> Report:
    items = load_corpus() if items is None else items
    report = Report()
    for item in items:
        report.sentences += 1
        if item["kind"] == "personal":
            report.personal += 1
        else:
            report.survive += 1
        output = mask(item["text"], tuple(item["names"]))
        for secret in item["secrets"]:
            report.secrets += 1
            if leaked(secret, output, item["names"], item["keep"]):
                report.leaks.append((item["id"], secret, output))
        for part in item["keep"]:
            report.kept_parts += 1
            if not survived(part, output):
                report.overmasked.append((item["id"], part, output))
    return report


def main() -> int:
    from core.masking import mask_text

    report = evaluate(lambda text, names: mask_text(text, names=names))
    out = sys.stdout
    for item_id, secret, output in report.leaks:
        out.write(f"LEAK {item_id}: {secret!r} in {output!r}\n")
    for item_id, part, output in report.overmasked:
        out.write(f"OVER-MASKED {item_id}: {part!r} gone from {output!r}\n")
    out.write(report.summary() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
