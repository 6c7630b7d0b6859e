"""Sparse weighted vectors with running document frequencies, and dense sketches.

TF-IDF here is online: document frequencies grow as articles arrive (Miranda et al.
2018 do the same), so an article is weighted with what the stream has seen so far and
an incremental run weighs exactly as a one-shot run over the same order.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

SparseVector = dict[str, float]


class DocumentFrequency:
    """How many articles so far contained each key (term or entity).

    Example:
        >>> df = DocumentFrequency()
        >>> df.add({"putin", "trump"}); df.add({"trump"})
        >>> round(df.idf("putin"), 3) > round(df.idf("trump"), 3)
        True
    """

    def __init__(self, counts: Mapping[str, int] | None = None, documents: int = 0) -> None:
        self.counts: Counter[str] = Counter(counts or {})
        self.documents = documents

    def add(self, keys: Iterable[str]) -> None:
        self.documents += 1
        self.counts.update(iter(keys))  # an iterator takes Counter's C counting loop

    def idf(self, key: str) -> float:
        return self.idfs((key,))[0]

    def idfs(self, keys: Iterable[str]) -> list[float]:
        """The idf of each key, in one pass (the articles' weighting reads hundreds)."""
        # Smoothed so a key seen in every article still weighs a little, and an unseen
        # key (the article itself not yet added) weighs the most.
        top, get, log = self.documents + 1, self.counts.get, math.log
        return [log(top / (get(k, 0) + 1)) + 1.0 for k in keys]

    def to_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "counts": self.counts}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DocumentFrequency:
        counts: Any = data["counts"]
        documents: Any = data["documents"]
        return cls(counts, int(documents))


def tfidf(counts: Mapping[str, int], df: DocumentFrequency) -> SparseVector:
    """L2-normalised ``(1 + log tf) * idf`` weights."""
    kept = [(k, n) for k, n in counts.items() if n > 0]
    log = math.log
    weights = {k: (1.0 + log(n)) * w for (k, n), w in zip(kept, df.idfs(k for k, _ in kept))}
    return normalize(weights)


def binary_idf(keys: Iterable[str], df: DocumentFrequency) -> SparseVector:
    """L2-normalised idf weights of a set (entities: presence matters, not counts)."""
    names = list(keys)
    return normalize(dict(zip(names, df.idfs(names))))


def normalize(vector: Mapping[str, float]) -> SparseVector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # the shared keys only (a C-level set intersection), summed with fsum: correctly
    # rounded, so the result does not depend on the set's (hash-seeded) order
    return math.fsum([a[k] * b[k] for k in a.keys() & b.keys()])


def add_into(total: dict[str, float], vector: Mapping[str, float], scale: float = 1.0) -> None:
    for k, v in vector.items():
        total[k] = total.get(k, 0.0) + scale * v


def prune(total: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` largest entries: bounds a cluster's memory. Dropped mass is the long
    tail of words seen once, which moves a dot product by little."""
    if len(total) <= keep:
        return total
    return dict(sorted(total.items(), key=lambda kv: -abs(kv[1]))[:keep])


def top_keys(vector: Mapping[str, float], n: int) -> list[str]:
    return [k for k, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


_BUCKETS: dict[tuple[str, int], tuple[int, float]] = {}


def _bucket(key: str, dim: int) -> tuple[int, float]:
    found = _BUCKETS.get((key, dim))
    if found is None:
        # crc32 is stable across processes (unlike hash()), so sketches are reproducible.
        h = zlib.crc32(key.encode("utf-8", "surrogatepass"))
        found = (h % dim, 1.0 if (h >> 31) & 1 else -1.0)
        if len(_BUCKETS) < 2_000_000:
            _BUCKETS[(key, dim)] = found
    return found


def sketch(parts: Iterable[Mapping[str, float]], dim: int) -> np.ndarray:
    """Signed feature hashing of sparse vectors into one unit float32 vector.

    The dot product of two sketches estimates the dot product of their sources, which
    is what the nearest-neighbour index needs to propose candidate clusters.
    """
    out = np.zeros(dim, dtype=np.float32)
    for part in parts:
        for key, value in part.items():
            index, sign = _bucket(key, dim)
            out[index] += sign * value
    norm = float(np.linalg.norm(out))
    return out / norm if norm else out


def salient(vector: dict[str, float], counts: Mapping[str, int], n: int) -> dict[str, float]:
    """The ``n`` entries the article mentions most (then the heaviest, then by key).

    Not simply the heaviest: with IDF the heaviest are the words seen nowhere else,
    which can never match another article; what an article is about, it repeats.
    """
    if len(vector) <= n:
        return vector
    ranked = sorted(vector.items(), key=lambda kv: (-counts.get(kv[0], 0), -kv[1], kv[0]))
    return dict(ranked[:n])
