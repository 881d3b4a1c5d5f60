"""Relevance of the procedure search, measured on judged citizen queries.

``make eval-search`` runs this inside ``tests/services.py`` (throwaway
PostgreSQL, Redis and OpenSearch). It imports the national export, builds the
index, sends every judged query through the search API and prints MRR@10 and
success@3 overall and per query kind, side by side with Wagtail's database
search backend (PostgreSQL full-text search) on the same pages and queries,
and the median number of results a query returns.

Three sets are reported: the held-out half of the project's judged set
(``search/eval/judged.jsonl``: the figure to quote), its tuning half, and the
shared dev set (``../shared/eval/search-dev.jsonl``, when present). Failures
are listed with ``-v`` for the tuning half and the dev set only: looking at
held-out failures would turn them into tuning data.

Usage: ``python scripts/eval_search.py [--data PATH] [--judged PATH]
[--dev PATH] [--skip-import] [--out FILE] [-v]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder of worktrees).
SHARED = next(
    (
        p / "shared"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared").is_dir()
    ),
    ROOT.parent / "shared",
)
sys.path.insert(0, str(ROOT))

KIND_ORDER = [
    "exact",
    "colloquial",
    "synonym",
    "abbrev",
    "question",
    "typo",
    "no-diacritics",
    "no-diacritics+colloquial",
    "english",
    "code",
]


def reciprocal_rank(codes: list[str], relevant: set[str]) -> tuple[float, int | None]:
    for rank, code in enumerate(codes[:10], start=1):
        if code in relevant:
            return 1 / rank, rank
    return 0.0, None


def score(runs: list[tuple[str, int | None]]) -> dict[str, tuple[float, float, int]]:
    """MRR@10, success@3 and count per kind (and "all") from (kind, rank) runs."""
    by_kind: dict[str, list[int | None]] = defaultdict(list)
    for kind, rank in runs:
        by_kind[kind].append(rank)
        by_kind["all"].append(rank)
    return {
        kind: (
            sum(1 / rank for rank in ranks if rank) / len(ranks),
            sum(1 for rank in ranks if rank and rank <= 3) / len(ranks),
            len(ranks),
        )
        for kind, ranks in by_kind.items()
    }


def read_queries(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", default=str(SHARED / "data" / "procedures-vn.jsonl.gz")
    )
    parser.add_argument(
        "--judged", default=str(ROOT / "search" / "eval" / "judged.jsonl")
    )
    parser.add_argument("--dev", default=str(SHARED / "eval" / "search-dev.jsonl"))
    parser.add_argument(
        "--skip-import",
        action="store_true",
        help="the database already holds the catalogue (repeated runs)",
    )
    parser.add_argument("--out", help="write every query's outcome here (JSON)")
    parser.add_argument(
        "--sets",
        default="heldout,tuning,dev",
        help="which sets to run (comma-separated; tuning runs leave out heldout)",
    )
    parser.add_argument(
        "--engine-only",
        action="store_true",
        help="leave out Wagtail's database search (quicker tuning runs)",
    )
    parser.add_argument(
        "--candidates",
        help="write the engine's first hits of every tuning and dev query here "
        "(JSON lines, for scripts/fit_rerank.py; never the held-out half)",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for variable in ("DATABASE_URL", "OPENSEARCH_URL"):
        if not os.environ.get(variable):
            raise SystemExit(f"{variable} is not set: run through `make eval-search`.")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from tqdm import tqdm

    from catalogue.importer import ProcedureImporter, iter_records
    from catalogue.models import ProcedurePage
    from search import indexing

    call_command("migrate", verbosity=0)
    # Rules a migration added reach queries now, not when the cached table
    # expires (repeated runs on one database).
    from search import synonyms

    synonyms.forget()
    if not args.skip_import or not ProcedurePage.objects.exists():
        records = list(iter_records(args.data))
        started = time.monotonic()
        importer = ProcedureImporter()
        importer.run(tqdm(records, unit="thủ tục", desc="Importing"))
        print(
            f"Imported {importer.summary.total} records in "
            f"{time.monotonic() - started:.0f} s"
        )
        call_command("load_life_events", verbosity=0)
        call_command("update_index", verbosity=0)  # Wagtail's database search
    call_command("load_english_names", verbosity=0)
    with tqdm(total=ProcedurePage.objects.live().count(), desc="Indexing") as bar:
        rebuilt = indexing.rebuild(progress=bar.update)
    print(f"Indexed {rebuilt['documents']} procedures in {rebuilt['seconds']} s")

    judged = read_queries(Path(args.judged))
    chosen = set(args.sets.split(","))
    sets = [
        ("held-out half", [q for q in judged if q["half"] == "heldout"]),
        ("tuning half", [q for q in judged if q["half"] == "tuning"]),
    ]
    if Path(args.dev).exists():
        sets.append(("dev set (shared)", read_queries(Path(args.dev))))
    keys = {"held-out half": "heldout", "tuning half": "tuning"}
    sets = [(n, q) for n, q in sets if keys.get(n, "dev") in chosen]
    client = Client()
    outcomes = []
    for name, queries in sets:
        engine_runs, database_runs, counts = [], [], []
        degraded: list[str] = []
        for query in tqdm(queries, desc=name, leave=False):
            relevant = set(query["relevant"])
            body = client.get("/api/v1/search/", {"q": query["q"]}).json()
            if body["degraded"]:
                # The engine refused the query (e.g. too many clauses): the
                # answer came from the database; counted as the API gave it.
                degraded.append(query["q"])
            codes = [r["code"] for r in body["results"]]
            _, rank = reciprocal_rank(codes, relevant)
            engine_runs.append((query["kind"], rank))
            counts.append(body["count"])
            database = (
                []
                if args.engine_only
                else [
                    page.code
                    for page in ProcedurePage.objects.live().search(query["q"])[:10]
                ]
            )
            _, db_rank = reciprocal_rank(database, relevant)
            database_runs.append((query["kind"], db_rank))
            if name != "held-out half":  # never read while tuning
                outcomes.append(
                    {
                        "set": name,
                        **query,
                        "rank": rank,
                        "count": body["count"],
                        "top": codes[:3],
                    }
                )
            if args.verbose and name != "held-out half" and (rank is None or rank > 1):
                print(f"  [{name}] {query['q']!r}: rank {rank}; top {codes[:3]}")
        engine, database = score(engine_runs), score(database_runs)
        print()
        if degraded:
            print(f"{name}: {len(degraded)} queries answered in degraded mode")
        print(
            f"{name}: {len(queries)} queries, median results per query "
            f"{statistics.median(counts):.0f} (90th percentile "
            f"{statistics.quantiles(counts, n=10)[-1]:.0f})"
        )
        print(
            f"{'kind':<26}{'n':>4}   {'OpenSearch API':>22}   {'Wagtail database':>22}"
        )
        print(
            f"{'':<30}   {'MRR@10':>10} {'succ@3':>11}   {'MRR@10':>10} {'succ@3':>11}"
        )
        kinds = ["all"] + sorted(
            (k for k in engine if k != "all"),
            key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k),
        )
        for kind in kinds:
            e_mrr, e_s3, n = engine[kind]
            d_mrr, d_s3, _ = database[kind]
            print(
                f"{kind:<26}{n:>4}   {e_mrr:>10.3f} {e_s3:>11.3f}"
                f"   {d_mrr:>10.3f} {d_s3:>11.3f}"
            )
    if args.out:
        Path(args.out).write_text(json.dumps(outcomes, ensure_ascii=False, indent=1))
    if args.candidates:
        write_candidates(Path(args.candidates), sets)
    return 0


def write_candidates(path: Path, sets: list[tuple[str, list[dict]]]) -> None:
    """Each tuning and dev query with its wordings and the engine's first hits
    (code, score, the source fields the re-ranker reads), in the engine's order."""
    from search import rerank, services

    with path.open("w") as out:
        for name, queries in sets:
            if name == "held-out half":  # never fitted on
                continue
            for query in queries:
                wordings, hits = services.candidates(query["q"])
                hits = [
                    {
                        "code": hit["_source"]["code"],
                        "score": hit["_score"],
                        "source": {
                            key: hit["_source"].get(key) for key in rerank.SOURCE_FIELDS
                        },
                    }
                    for hit in hits
                ]
                record = {"set": name, **query, "wordings": wordings, "hits": hits}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
