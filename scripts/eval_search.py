"""Relevance of the procedure search, measured on judged citizen queries.

``make eval-search`` runs this inside ``tests/services.py`` (throwaway
PostgreSQL, Redis and OpenSearch). It imports the national export, builds the
index, sends every judged query through the search API, and prints MRR@10 and
success@3 overall and per query kind, side by side with Wagtail's database
search backend (PostgreSQL full-text search) on the same pages and queries.

Usage: ``python scripts/eval_search.py [--data PATH] [--queries PATH] [-v]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def reciprocal_rank(codes: list[str], relevant: set[str]) -> tuple[float, int | None]:
    for rank, code in enumerate(codes[:10], start=1):
        if code in relevant:
            return 1 / rank, rank
    return 0.0, None


def score(
    runs: list[tuple[str, float, int | None]],
) -> dict[str, tuple[float, float, int]]:
    by_kind: dict[str, list[tuple[float, int | None]]] = defaultdict(list)
    for kind, rr, rank in runs:
        by_kind[kind].append((rr, rank))
        by_kind["all"].append((rr, rank))
    return {
        kind: (
            sum(rr for rr, _ in items) / len(items),
            sum(1 for _, rank in items if rank and rank <= 3) / len(items),
            len(items),
        )
        for kind, items in by_kind.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", default=str(SHARED / "data" / "procedures-vn.jsonl.gz")
    )
    parser.add_argument("--queries", default=str(SHARED / "eval" / "search-dev.jsonl"))
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
    records = list(iter_records(args.data))
    started = time.monotonic()
    importer = ProcedureImporter()
    importer.run(tqdm(records, unit="thủ tục", desc="Importing"))
    print(
        f"Imported {importer.summary.total} records in "
        f"{time.monotonic() - started:.0f} s"
    )
    call_command("update_index", verbosity=0)  # Wagtail's database search index
    with tqdm(total=ProcedurePage.objects.live().count(), desc="Indexing") as bar:
        rebuilt = indexing.rebuild(progress=bar.update)
    print(f"Indexed {rebuilt['documents']} procedures in {rebuilt['seconds']} s")

    queries = [
        json.loads(line) for line in Path(args.queries).read_text().splitlines() if line
    ]
    client = Client()
    engine_runs, database_runs = [], []
    for query in queries:
        relevant = set(query["relevant"])
        response = client.get("/api/v1/search/", {"q": query["q"]})
        body = response.json()
        if body["degraded"]:
            raise SystemExit("the engine answered in degraded mode")
        codes = [r["code"] for r in body["results"]]
        rr, rank = reciprocal_rank(codes, relevant)
        engine_runs.append((query["kind"], rr, rank))
        database = [
            page.code for page in ProcedurePage.objects.live().search(query["q"])[:10]
        ]
        db_rr, db_rank = reciprocal_rank(database, relevant)
        database_runs.append((query["kind"], db_rr, db_rank))
        if args.verbose and (rank is None or rank > 1):
            print(f"  {query['q']!r}: rank {rank}; top {codes[:3]}")

    engine, database = score(engine_runs), score(database_runs)
    print()
    print(f"{'kind':<14}{'n':>4}   {'OpenSearch API':>22}   {'Wagtail database':>22}")
    print(f"{'':<18}   {'MRR@10':>10} {'succ@3':>11}   {'MRR@10':>10} {'succ@3':>11}")
    kinds = ["all"] + sorted(k for k in engine if k != "all")
    for kind in kinds:
        e_mrr, e_s3, n = engine[kind]
        d_mrr, d_s3, _ = database[kind]
        print(
            f"{kind:<14}{n:>4}   {e_mrr:>10.3f} {e_s3:>11.3f}"
            f"   {d_mrr:>10.3f} {d_s3:>11.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
