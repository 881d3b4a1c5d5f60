"""Fit the re-ranker's weights (``search.rerank.WEIGHTS``) on the tuning half.

Reads the candidates ``scripts/eval_search.py --candidates FILE`` wrote (the
engine's first hits of every tuning and dev query; never the held-out half),
computes the features of ``search.rerank`` and fits a linear score two ways:

- coordinate ascent on MRR@10, from the engine's own order (``log_score`` at
  1.0, the others 0), each weight in turn over a grid of steps, until no step
  gains;
- softmax cross-entropy of the relevant hits among the query's hits
  (listwise), L2-regularised towards the engine's order, by gradient descent.

Each is cross-validated inside the tuning half by topic family (``--folds``
groups of families; a family's queries are never fitted and scored in the
same fold), and compared with the engine's order on the same queries. The
weights fitted on the whole tuning half are then checked on the dev set
query by query (none may rank worse than the engine's order) and printed.

Usage: ``python scripts/fit_rerank.py CANDIDATES [--folds 5] [--method ca]``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

from search import rerank  # noqa: E402 - after the path insert

BASE = {"log_score": 1.0}
STEPS = (-2.0, -1.0, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1.0, 2.0)


def load(path: Path) -> list[dict]:
    """Queries with their hits' feature vectors and relevance."""
    out = []
    for line in path.read_text().splitlines():
        record = json.loads(line)
        query = rerank.Query(record["wordings"])
        hits = record["hits"]
        relevant = set(record["relevant"])
        out.append(
            {
                "q": record["q"],
                "set": record["set"],
                "kind": record["kind"],
                "family": record.get("family") or record.get("topic") or record["q"],
                "vectors": rerank.vectors(
                    query, [(hit["source"], hit["score"] or 0.0) for hit in hits]
                ),
                "relevant": [hit["code"] in relevant for hit in hits],
            }
        )
    return out


def first_relevant(query: dict, weights: dict[str, float]) -> int | None:
    """Rank of the first relevant hit in the weights' order (ties: engine order)."""
    order = sorted(
        range(len(query["vectors"])),
        key=lambda i: (-rerank.score_of(query["vectors"][i], weights), i),
    )
    for rank, index in enumerate(order, start=1):
        if query["relevant"][index]:
            return rank
    return None


def metrics(queries: list[dict], weights: dict[str, float]) -> tuple[float, float]:
    ranks = [first_relevant(q, weights) for q in queries]
    mrr = sum(1 / r for r in ranks if r and r <= 10) / max(1, len(ranks))
    s3 = sum(1 for r in ranks if r and r <= 3) / max(1, len(ranks))
    return mrr, s3


def coordinate_ascent(
    queries: list[dict], passes: int = 6, min_gain: float = 0.0
) -> dict[str, float]:
    """Each step must gain more than ``min_gain`` MRR@10 (a step that moves
    one query from second to first among 400 gains 0.00125)."""
    weights = dict.fromkeys(rerank.FEATURES, 0.0) | BASE
    best = metrics(queries, weights)
    for _ in range(passes):
        gained = False
        for name in rerank.FEATURES:
            if name == "log_score":
                continue  # the scale: the engine's score stays at 1
            for step in STEPS:
                trial = dict(weights, **{name: round(weights[name] + step, 4)})
                value = metrics(queries, trial)
                if value[0] > best[0] + min_gain or (
                    value[0] >= best[0] + min_gain and value[1] > best[1]
                ):
                    weights, best, gained = trial, value, True
        if not gained:
            break
    return {k: v for k, v in weights.items() if v}


def listwise(
    queries: list[dict], l2: float = 0.05, rounds: int = 400, rate: float = 0.5
) -> dict[str, float]:
    """Softmax cross-entropy of the relevant hits (ListNet's top-one loss),
    L2-regularised towards the engine's own order, by gradient descent."""
    n = len(rerank.FEATURES)
    start = [BASE.get(name, 0.0) for name in rerank.FEATURES]
    usable = [q for q in queries if any(q["relevant"]) and not all(q["relevant"])]
    w = list(start)
    for _ in range(rounds):
        grad = [l2 * (x - s) for x, s in zip(w, start, strict=True)]
        for query in usable:
            scores = [
                sum(a * b for a, b in zip(w, v, strict=True)) for v in query["vectors"]
            ]
            top = max(scores)
            exp = [math.exp(x - top) for x in scores]
            total = sum(exp)
            good = sum(e for e, r in zip(exp, query["relevant"], strict=True) if r)
            for e, r, v in zip(exp, query["relevant"], query["vectors"], strict=True):
                # d(-log(good / total)) / d score = e / total - (e / good if r)
                g = e / total - (e / good if r else 0.0)
                if g:
                    for i in range(n):
                        grad[i] += g * v[i] / len(usable)
        w = [x - rate * g for x, g in zip(w, grad, strict=True)]
    return {
        name: round(x, 3)
        for name, x in zip(rerank.FEATURES, w, strict=True)
        if round(x, 3)
    }


METHODS = {"ca": coordinate_ascent, "listwise": listwise}


def fold_of(family: str, folds: int) -> int:
    return int(hashlib.sha256(family.encode()).hexdigest(), 16) % folds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidates")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--method", choices=sorted(METHODS), default="ca")
    parser.add_argument("--l2", type=float, default=0.05, help="listwise only")
    parser.add_argument("--min-gain", type=float, default=0.0, help="ca only")
    parser.add_argument(
        "--without", default="", help="features left out (comma-separated)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    left_out = {name for name in args.without.split(",") if name}
    data = load(Path(args.candidates))
    keep = [i for i, name in enumerate(rerank.FEATURES) if name not in left_out]
    for query in data:
        # A left-out feature is 0 everywhere: its weight stays at the start.
        query["vectors"] = [
            [v[i] if i in keep else 0.0 for i in range(len(v))]
            for v in query["vectors"]
        ]
    tuning = [q for q in data if q["set"] == "tuning half"]
    dev = [q for q in data if q["set"] != "tuning half"]
    fit = METHODS[args.method]
    if args.method == "ca":
        fit = functools.partial(coordinate_ascent, min_gain=args.min_gain)
    if args.method == "listwise":
        fit = functools.partial(listwise, l2=args.l2)
    print(f"{len(tuning)} tuning queries, {len(dev)} dev queries")
    reached = sum(any(q["relevant"]) for q in tuning) / len(tuning)
    print(f"tuning queries with a relevant hit among the candidates: {reached:.3f}")

    cv_ranks = {}
    for fold in range(args.folds):
        train = [q for q in tuning if fold_of(q["family"], args.folds) != fold]
        test = [q for q in tuning if fold_of(q["family"], args.folds) == fold]
        if not test:
            continue
        weights = fit(train)
        base_fold, fitted_fold = metrics(test, BASE), metrics(test, weights)
        print(
            f"fold {fold}: {len(test):>3} queries, engine "
            f"{base_fold[0]:.3f} / {base_fold[1]:.3f}, "
            f"re-ranked {fitted_fold[0]:.3f} / {fitted_fold[1]:.3f}"
        )
        for q in test:
            cv_ranks[id(q)] = first_relevant(q, weights)
    ranks = list(cv_ranks.values())
    cv = (
        sum(1 / r for r in ranks if r and r <= 10) / len(ranks),
        sum(1 for r in ranks if r and r <= 3) / len(ranks),
    )
    base = metrics(tuning, BASE)
    print(f"tuning, engine order:          {base[0]:.3f} / {base[1]:.3f}")
    print(f"tuning, cross-validated:       {cv[0]:.3f} / {cv[1]:.3f}")
    weights = fit(tuning)
    whole = metrics(tuning, weights)
    print(f"tuning, fitted on all of it:   {whole[0]:.3f} / {whole[1]:.3f}")
    for kind in ("english",):
        subset = [q for q in tuning if q["kind"] == kind]
        print(
            f"  {kind}: engine {metrics(subset, BASE)[0]:.3f}, "
            f"fitted {metrics(subset, weights)[0]:.3f}"
        )
    dev_base, dev_fit = metrics(dev, BASE), metrics(dev, weights)
    print(f"dev: engine {dev_base[0]:.3f} / {dev_base[1]:.3f}, ", end="")
    print(f"re-ranked {dev_fit[0]:.3f} / {dev_fit[1]:.3f}")
    worse = [
        (q["q"], first_relevant(q, BASE), first_relevant(q, weights))
        for q in dev
        if (first_relevant(q, weights) or 99) > (first_relevant(q, BASE) or 99)
    ]
    print(f"dev queries ranked worse: {len(worse)} {worse}")
    if args.verbose:
        for q in tuning:
            before, after = first_relevant(q, BASE), first_relevant(q, weights)
            if before != after:
                print(f"  {q['q']!r}: {before} -> {after}")
    print("WEIGHTS =", json.dumps(weights, indent=4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
