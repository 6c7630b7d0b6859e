"""Baselines for the events evaluation, run on the same documents in the same run.

* TF-IDF + average-link agglomerative clustering (offline, sees every document at
  once) at its best single cosine-distance threshold per level, *picked on the gold
  answers*: an optimistic reference, not a deployable method.
* All-in-one (one cluster) and singletons (every document alone).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsfuse.cluster.features import terms
from newsfuse.eval.clustering import adjusted_rand, bcubed
from newsfuse.model import Article


def tfidf_matrix(articles: Sequence[Article]) -> np.ndarray:
    """Unit TF-IDF rows ((1 + log tf) * log(N / df)) over the documents' own vocabulary."""
    bags = [terms(f"{a.title or ''}\n{a.text}") for a in articles]
    df = Counter(t for bag in bags for t in bag)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    n = len(articles)
    m = np.zeros((n, len(vocab)), dtype=np.float64)
    for row, bag in enumerate(bags):
        for t, c in bag.items():
            m[row, vocab[t]] = (1 + np.log(c)) * np.log(n / df[t])
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1, norms)


def agglomerative_best(articles: Sequence[Article], gold_event: dict[str, str],
                       gold_story: dict[str, str]) -> dict[str, Any]:
    """Best-threshold TF-IDF average-link figures at both levels (thresholds differ)."""
    try:
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform
    except ImportError:
        return {"skipped": "scipy is not installed: pip install scipy"}
    m = tfidf_matrix(articles)
    distance = np.clip(1.0 - m @ m.T, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform((distance + distance.T) / 2, checks=False), "average")
    ids = [a.id for a in articles]
    out: dict[str, Any] = {}
    for level, gold in (("event", gold_event), ("storyline", gold_story)):
        best: tuple[float, float, dict[str, float]] | None = None
        for threshold in np.arange(0.05, 1.0, 0.01):
            labels = fcluster(tree, threshold, "distance")
            pred = {i: str(c) for i, c in zip(ids, labels)}
            scores = bcubed(pred, gold)
            if best is None or scores["f1"] > best[0]:
                scores["ari"] = adjusted_rand(pred, gold)
                scores["clusters"] = float(len(set(labels)))
                best = (scores["f1"], float(threshold), scores)
        assert best is not None
        out[level] = {**best[2], "threshold": round(best[1], 2)}
    return out


def trivial(articles: Sequence[Article], gold_event: dict[str, str],
            gold_story: dict[str, str]) -> dict[str, Any]:
    """All-in-one and singletons at both levels."""
    out: dict[str, Any] = {}
    for name, pred in (("all_in_one", {a.id: "all" for a in articles}),
                       ("singletons", {a.id: a.id for a in articles})):
        out[name] = {level: {**bcubed(pred, gold), "ari": adjusted_rand(pred, gold)}
                     for level, gold in (("event", gold_event), ("storyline", gold_story))}
    return out
