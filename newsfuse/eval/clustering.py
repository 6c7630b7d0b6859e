"""Clustering metrics: B-cubed precision/recall/F1 (Bagga & Baldwin 1998) and the
adjusted Rand index (Hubert & Arabie 1985), over items labelled by two partitions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from math import comb
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def bcubed(predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items of ``gold``.

    For each item, precision is the share of its predicted cluster that shares its
    gold cluster, recall the share of its gold cluster that shares its predicted
    cluster; both are averaged over items.

    Example:
        >>> round(bcubed({1: "a", 2: "a", 3: "b"}, {1: "x", 2: "x", 3: "x"})["recall"], 4)
        0.5556
    """
    items = list(gold)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    missing = [i for i in items if i not in predicted]
    if missing:
        raise ValueError(f"{len(missing)} gold items have no predicted cluster, e.g. {missing[0]!r}")
    both = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    precision = sum(n * n / pred_size[p] for (p, _), n in both.items()) / len(items)
    recall = sum(n * n / gold_size[g] for (_, g), n in both.items()) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def adjusted_rand(predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]) -> float:
    """Adjusted Rand index over the items of ``gold`` (1 = identical, ~0 = chance).

    Example:
        >>> adjusted_rand({1: "a", 2: "a", 3: "b", 4: "b"}, {1: 0, 2: 0, 3: 1, 4: 1})
        1.0
    """
    items = list(gold)
    n = len(items)
    if n < 2:
        return 1.0
    both = Counter((predicted[i], gold[i]) for i in items)
    index = sum(comb(c, 2) for c in both.values())
    a = sum(comb(c, 2) for c in Counter(predicted[i] for i in items).values())
    b = sum(comb(c, 2) for c in Counter(gold[i] for i in items).values())
    expected = a * b / comb(n, 2)
    best = (a + b) / 2
    if best == expected:
        return 1.0
    return (index - expected) / (best - expected)
