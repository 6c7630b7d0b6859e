"""Fitting the events stage on labelled development data, reproducibly.

Procedure (``python -m newsfuse.cluster.fit --ecbplus DIR``):

1. Training streams: the ECB+ *training* topics (every topic except the standard dev
   topics 2, 5, 12, 18, 21, 23, 34, 35), shuffled with seeds 0..orders-1.
2. Examples in the manner of Miranda et al. (2018): replay each stream against the
   *gold* events formed so far (gold event = topic + ECB/ECB+ sub-topic). Event level:
   positive = the article's own event, when it exists yet. Storyline level (as a new
   event links to a storyline through its best related event): positive = another
   event of the article's storyline (gold = topic). Negatives: up to ``negatives``
   other events (by default every one).
   Features are the average-link similarities the clusterer uses
   (:func:`aggregate.similarities`). (``negatives=0`` trains on article pairs
   instead; it did worse on the held-out topics.)
3. Four L2-regularised logistic regressions: event/storyline x full/fast.
4. Thresholds: the intercepts of both levels are shifted together over a grid, and the
   pair whose online replay (the real :class:`EventClusterer`) gives the best
   ``min(event B3 F1, storyline B3 F1)``, averaged over the training orders, is kept.
5. Split margin, then the close-call band: the smallest band whose quality stays within
   ``tolerance`` of deciding every call with embeddings, but never one that embeds more
   than :data:`EMBEDDED_BUDGET` of the calls (then the widest band within it).

The dev topics are never seen by the fit: the eval reports on them as held-out data.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.cluster.aggregate import (
    EVENT_FAST_FEATURES,
    EVENT_FULL_FEATURES,
    FAST_FEATURES,
    FULL_FEATURES,
    Aggregate,
    feature_vector,
    margins,
    similarities,
)
from newsfuse.cluster.online import EventClusterer
from newsfuse.cluster.params import ClusterConfig, FittedParams, LinearModel
from newsfuse.eval.clustering import bcubed
from newsfuse.model import Article
from newsfuse.nlp.embeddings import Embedder

Labelled = tuple[Article, str, str]  # article, gold event, gold storyline

EMBEDDED_BUDGET = 0.25
"""The share of calls the sentence model may read: the throughput goal (100 articles/s
with all-MiniLM-L6-v2 on two cores) holds with about a quarter of the calls embedded
(``bench events``: 27% gave 107 articles/s; every call, 30)."""


def logistic(x: np.ndarray, y: np.ndarray, c: float = 10.0, iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (intercept unpenalised).

    Minimises ``sum(log(1 + exp(-s_i * (x_i.w + b)))) + ||w||^2 / (2c)`` for labels in
    {0, 1}; deterministic, no dependency beyond numpy.
    """
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, 1.0 / c)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -50, 50)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w[:-1], float(w[-1])


FEATURES = {"event": (EVENT_FULL_FEATURES, EVENT_FAST_FEATURES), "storyline": (FULL_FEATURES, FAST_FEATURES)}
"""What the full and fast model of each level read: the event level adds the margins
against the candidate's storyline (:func:`aggregate.margins`)."""


def examples(stream: Sequence[Labelled], embedder: Embedder, negatives: int = 5
             ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Feature rows and labels at both levels from one stream replayed against gold.

    Event level: the article against gold events (positive: its own). Storyline level,
    as the clusterer links a new event: the article against the gold events that are
    *not* its own (positive: another event of its storyline).
    """
    vectorizer = EventClusterer(embedder=None)
    rows: dict[str, list[tuple[np.ndarray, np.ndarray, int]]] = {"event": [], "storyline": []}
    events: dict[str, Aggregate] = {}
    stories: dict[str, Aggregate] = {}  # gold storyline -> sums over its articles so far
    story_of: dict[str, str] = {}
    fast_probe = LinearModel(FAST_FEATURES, (1.0, 1.0) + (0.0,) * (len(FAST_FEATURES) - 2), 0.0)
    for article, gold_event, gold_story in stream:
        agg, sig = vectorizer.vectorize(article)
        agg.embedding = embedder.encode([sig.lead])[0].astype(np.float32)
        agg.n_embedded = 1
        scored = sorted(((fast_probe.logit(similarities(agg, c)), key) for key, c in events.items()),
                        key=lambda x: (-x[0], x[1]))
        for level in ("event", "storyline"):
            if level == "event":
                pool = [k for _, k in scored]
                positive = {gold_event} & events.keys()
            else:
                pool = [k for _, k in scored if k != gold_event]
                positive = {k for k in pool if story_of[k] == gold_story}
            chosen = [k for k in pool if k not in positive][:negatives] + sorted(positive)
            for key in chosen:
                sims = similarities(agg, events[key])
                if level == "event":
                    sims.update(margins(agg, events[key], stories[story_of[key]]))
                full, fast = FEATURES[level]
                rows[level].append((feature_vector(sims, full), feature_vector(sims, fast), int(key in positive)))
        if gold_event not in events:
            events[gold_event] = Aggregate()
            story_of[gold_event] = gold_story
        events[gold_event].add(agg)
        stories.setdefault(gold_story, Aggregate()).add(agg)
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for level, items in rows.items():
        y = np.array([r[2] for r in items], dtype=np.float64)
        out[f"{level}_full"] = (np.array([r[0] for r in items]), y)
        out[f"{level}_fast"] = (np.array([r[1] for r in items]), y)
    return out


def pair_examples(stream: Sequence[Labelled], embedder: Embedder
                  ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Feature rows and labels of every article pair of a stream, at both levels.

    Pairs, not article-vs-cluster rows: the clusterer's score is the mean pair score
    (average link), so a pair model is exactly what it averages. A pair has no
    storyline, so the event level's margins read 0 here.
    """
    vectorizer = EventClusterer(embedder=None)
    aggs = []
    for article, _, _ in stream:
        agg, sig = vectorizer.vectorize(article)
        agg.embedding = embedder.encode([sig.lead])[0].astype(np.float32)
        agg.n_embedded = 1
        aggs.append(agg)
    rows: dict[str, list[np.ndarray]] = {f"{level}_{tier}": [] for level in FEATURES for tier in ("full", "fast")}
    same_event, same_story = [], []
    for i, a in enumerate(aggs):
        for j in range(i + 1, len(aggs)):
            sims = similarities(a, aggs[j])
            for level, (full, fast) in FEATURES.items():
                rows[f"{level}_full"].append(feature_vector(sims, full))
                rows[f"{level}_fast"].append(feature_vector(sims, fast))
            same_event.append(float(stream[i][1] == stream[j][1]))
            same_story.append(float(stream[i][2] == stream[j][2]))
    labels = {"event": np.array(same_event), "storyline": np.array(same_story)}
    return {key: (np.array(x), labels[key.split("_")[0]]) for key, x in rows.items()}


def replay(streams: Sequence[Sequence[Labelled]], params: FittedParams, embedder: Embedder | None,
           config: ClusterConfig | None = None) -> dict[str, float]:
    """Mean B-cubed F1 at both levels of the real online clusterer over ``streams``."""
    scores: dict[str, list[float]] = {"event": [], "storyline": [], "embedded": []}
    for stream in streams:
        clusterer = EventClusterer(config=config, params=params, embedder=embedder)
        clusterer.fit([a for a, _, _ in stream])
        event_of = {m: e.id for e in clusterer.events.values() for m in e.articles}
        story_of = {m: e.storyline for e in clusterer.events.values() for m in e.articles}
        scores["event"].append(bcubed(event_of, {a.id: g for a, g, _ in stream})["f1"])
        scores["storyline"].append(bcubed(story_of, {a.id: s for a, _, s in stream})["f1"])
        calls = sum(v for k, v in clusterer.counters.items() if k.startswith("event_"))
        scores["embedded"].append(clusterer.counters["event_embedding"] / max(1, calls))
    return {k: float(np.mean(v)) for k, v in scores.items()}


def _shift(p: FittedParams, de: float, ds: float, **changes: Any) -> FittedParams:
    """``p`` with both event intercepts moved by ``de``, both storyline ones by ``ds``."""
    return replace(p, event_full=p.event_full.shifted(de), event_fast=p.event_fast.shifted(de),
                   storyline_full=p.storyline_full.shifted(ds),
                   storyline_fast=p.storyline_fast.shifted(ds), **changes)


def fit(train: Sequence[Labelled], embedder: Embedder, orders: int = 3, negatives: int = 10_000,
        grid: Sequence[float] = (-1.0, 0.0, 1.0, 2.0, 3.0),
        story_grid: Sequence[float] | None = None,
        tolerance: float = 0.005, embedded_budget: float = EMBEDDED_BUDGET,
        say: Callable[[str], None] = print) -> FittedParams:
    """Run the whole procedure (module docstring) and return the fitted parameters."""
    streams = []
    for seed in range(orders):
        stream = list(train)
        random.Random(seed).shuffle(stream)
        streams.append(stream)
    data: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    for stream in streams[:1] if negatives <= 0 else streams:
        found = pair_examples(stream, embedder) if negatives <= 0 else examples(stream, embedder, negatives)
        for key, pair in found.items():
            data.setdefault(key, []).append(pair)
    models = {}
    for key, pairs in sorted(data.items()):
        x = np.vstack([p[0] for p in pairs])
        y = np.concatenate([p[1] for p in pairs])
        coef, intercept = logistic(x, y)
        level, tier = key.split("_")
        names = FEATURES[level][0 if tier == "full" else 1]
        models[key] = LinearModel(names, tuple(float(c) for c in coef), intercept)
        say(f"{key}: {len(y)} examples ({int(y.sum())} positive) -> {models[key].to_dict()}")
    base = FittedParams(models["event_full"], models["event_fast"], models["storyline_full"],
                        models["storyline_fast"], close_call=1e9, split_margin=1.0)
    best: tuple[float, float, float, dict[str, float]] | None = None
    for de in grid:
        for ds in story_grid if story_grid is not None else grid:
            result = replay(streams, _shift(base, de, ds), embedder)
            objective = min(result["event"], result["storyline"])
            if best is None or objective > best[0] + 1e-12:
                best = (objective, de, ds, result)
    assert best is not None
    _, de, ds, result = best
    say(f"thresholds: event {de:+.2f}, storyline {ds:+.2f} -> {result}")
    params = _shift(base, de, ds)
    margins = []
    for margin in (0.5, 1.0, 2.0, 4.0):
        r = replay(streams, _shift(params, 0.0, 0.0, split_margin=margin), embedder)
        margins.append((-min(r["event"], r["storyline"]), margin, r))
    margins.sort(key=lambda m: (m[0], m[1]))
    params = _shift(params, 0.0, 0.0, split_margin=margins[0][1])
    full_quality = -margins[0][0]
    say(f"split margin {margins[0][1]} -> {margins[0][2]}")
    def measured(band: float) -> dict[str, float]:
        r = replay(streams, _shift(params, 0.0, 0.0, close_call=band), embedder)
        say(f"close-call band {band}: {r}")
        return r

    chosen = close_call_band(measured, full_quality, tolerance, embedded_budget)
    return _shift(params, 0.0, 0.0, close_call=chosen)


CLOSE_CALL_BANDS = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)


def close_call_band(measure: Callable[[float], dict[str, float]], full_quality: float,
                    tolerance: float, embedded_budget: float) -> float:
    """The smallest of :data:`CLOSE_CALL_BANDS` whose quality (``measure(band)``: event
    and storyline F1 and the ``embedded`` share of calls) is within ``tolerance`` of
    ``full_quality``, as long as it embeds at most ``embedded_budget`` of the calls;
    otherwise the widest band within the budget (the narrowest, if none is)."""
    chosen = CLOSE_CALL_BANDS[0]
    for band in CLOSE_CALL_BANDS:
        r = measure(band)
        if r["embedded"] > embedded_budget:
            break  # a wider band embeds more still
        chosen = band
        if min(r["event"], r["storyline"]) >= full_quality - tolerance:
            break
    return chosen


def write_fitted(params: FittedParams, path: Path) -> None:
    """Write ``fitted.py`` (a Python module, so it ships without package-data setup)."""
    def model(m: LinearModel) -> str:
        coef = ", ".join(f"{c:.6f}" for c in m.coef)
        return f"LinearModel({m.features!r},\n        ({coef}),\n        {m.intercept:.6f})"

    path.write_text(
        '"""Fitted parameters of the events stage. GENERATED by ``python -m newsfuse.cluster.fit``;\n'
        'do not edit by hand (re-run the fit and review the diff)."""\n\n'
        "from newsfuse.cluster.params import FittedParams, LinearModel\n\n"
        "FITTED = FittedParams(\n"
        f"    event_full={model(params.event_full)},\n"
        f"    event_fast={model(params.event_fast)},\n"
        f"    storyline_full={model(params.storyline_full)},\n"
        f"    storyline_fast={model(params.storyline_fast)},\n"
        f"    close_call={params.close_call},\n"
        f"    split_margin={params.split_margin},\n"
        f"    provenance={params.provenance!r},\n"
        ")\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    from newsfuse.cluster.embedcache import CachingEmbedder
    from newsfuse.datasets.ecbplus import DEV_TOPICS, read_ecbplus
    from newsfuse.nlp.embeddings import default_embedder

    parser = argparse.ArgumentParser(description="Fit the events stage on ECB+ training topics.")
    parser.add_argument("--ecbplus", required=True, help="the ECB+ folder")
    parser.add_argument("--orders", type=int, default=3)
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "newsfuse" / "minilm-leads.npz"),
                        help="embedding cache file (speeds up re-runs)")
    parser.add_argument("--write", default=str(Path(__file__).with_name("fitted.py")))
    parser.add_argument("--grid", default="-1,0,1,2,3",
                        help="intercept shifts tried at the event level (and the storyline level "
                             "unless --story-grid), comma-separated")
    parser.add_argument("--story-grid", default="", help="intercept shifts at the storyline level")
    args = parser.parse_args(argv)
    docs = [d for d in read_ecbplus(args.ecbplus) if d.topic not in DEV_TOPICS]
    train = [(d.article(), d.event_label, d.storyline_label) for d in docs]
    embedder = CachingEmbedder(default_embedder(), args.cache)
    from newsfuse.cluster.features import signals

    embedder.warm([signals(a).lead for a, _, _ in train])
    embedder.save()
    story_grid = [float(g) for g in args.story_grid.split(",")] if args.story_grid else None
    params = fit(train, embedder, orders=args.orders, grid=[float(g) for g in args.grid.split(",")],
                 story_grid=story_grid)
    topics = sorted({d.topic for d in docs})
    params = _shift(params, 0.0, 0.0, provenance=(
        f"python -m newsfuse.cluster.fit --ecbplus <ECB+> --orders {args.orders} --grid {args.grid}"
        f"{' --story-grid ' + args.story_grid if args.story_grid else ''}; ECB+ training "
        f"topics {topics[0]}-{topics[-1]} without dev topics ({len(train)} documents), "
        f"embeddings {embedder.name} on title+lead; fitted {date.today().isoformat()}"))
    embedder.save()
    write_fitted(params, Path(args.write))
    print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
