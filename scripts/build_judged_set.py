"""Build ``search/eval/judged.jsonl`` from the hand-written ``topics.txt``.

Each query becomes one line ``{"q", "relevant", "kind", "topic", "family",
"half"}``. The half ("tuning" or "heldout") is fixed by a hash of the topic's
family, so near-duplicates (the same procedure asked in several ways, or its
variants) never straddle the two halves. "nd" lines are folded here: they
were written with diacritics so that a reader can check them.

``--check DATA`` also verifies that every relevant code exists in the
national export and prints each topic's relevant names for reading.

Usage: ``python scripts/build_judged_set.py [--check PATH]``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "search" / "eval"
sys.path.insert(0, str(ROOT))

KINDS = {
    "exact": "exact",
    "colloquial": "colloquial",
    "synonym": "synonym",
    "abbrev": "abbrev",
    "question": "question",
    "typo": "typo",
    "nd": "no-diacritics",
    "nd-colloquial": "no-diacritics+colloquial",
    "english": "english",
}


def half_of(family: str) -> str:
    digest = hashlib.sha256(family.encode()).digest()
    return "heldout" if digest[0] % 2 else "tuning"


def parse(text: str) -> list[dict]:
    from core.text import fold_diacritics, nfc

    rows: list[dict] = []
    topic = family = None
    codes: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            name, family, code_text = (p.strip() for p in line[1:].split("|"))
            topic, codes = name, code_text.split()
            continue
        kind, _, queries = line.partition(":")
        if topic is None or kind.strip() not in KINDS:
            raise SystemExit(f"topics.txt:{number}: cannot read {line!r}")
        kind = kind.strip()
        for query in queries.split(";"):
            query, _, own = query.partition("=>")
            query = nfc(query)
            if not query:
                continue
            if kind.startswith("nd"):
                query = fold_diacritics(query).lower()
            rows.append(
                {
                    "q": query,
                    "relevant": own.split() or list(codes),
                    "kind": KINDS[kind],
                    "topic": topic,
                    "family": family,
                    "half": half_of(family),
                }
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", metavar="DATA", help="the national export")
    args = parser.parse_args()
    rows = parse((EVAL / "topics.txt").read_text())
    seen: Counter[str] = Counter(row["q"].casefold() for row in rows)
    duplicates = [q for q, n in seen.items() if n > 1]
    if duplicates:
        raise SystemExit(f"duplicate queries: {duplicates}")
    if args.check:
        names = {}
        with gzip.open(args.check, "rt") as handle:
            for line in handle:
                record = json.loads(line)
                names[record["ma_thu_tuc"]] = " ".join(record["ten_thu_tuc"].split())
        missing = {c for row in rows for c in row["relevant"] if c not in names}
        if missing:
            raise SystemExit(f"unknown codes: {sorted(missing)}")
        shown = set()
        for row in rows:
            if row["topic"] in shown:
                continue
            shown.add(row["topic"])
            print(f"@ {row['topic']} ({row['half']})")
            for code in row["relevant"]:
                print(f"    {code} {names[code][:110]}")
    with open(EVAL / "judged.jsonl", "w") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    halves = Counter(row["half"] for row in rows)
    kinds = Counter(row["kind"] for row in rows)
    print(f"{len(rows)} queries: {dict(halves)}", file=sys.stderr)
    print(f"kinds: {dict(kinds)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
