"""Nearest-neighbour indexes over cluster sketches: the candidate generator.

The clusterer never scores an article against every cluster: it asks an index for
the clusters whose sketch (hashed TF-IDF and entities, see :func:`vectors.sketch`) is
closest, and scores those exactly. Small pools use an exact numpy scan; past
``exact_below`` vectors :class:`AutoIndex` moves to HNSW (hnswlib, else usearch), so
assigning one article stays nearly flat as the store grows.

Cluster vectors drift as articles join; re-inserting on every join would cost an
HNSW insert per article, so callers update a cluster's vector only when it has drifted
(PERFORMANCE.md section 4).
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from newsfuse.errors import MissingDependency


class VectorIndex(Protocol):
    """Inner-product search over unit vectors keyed by non-negative ints."""

    def upsert(self, key: int, vector: np.ndarray) -> None: ...

    def remove(self, key: int) -> None: ...

    def search(self, vector: np.ndarray, k: int) -> list[int]: ...

    def __len__(self) -> int: ...


class ExactIndex:
    """Brute-force scan of a growing matrix (exact; fastest below a few thousand)."""

    kind = "exact"

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._vectors = np.zeros((1024, dim), dtype=np.float32)
        self._keys = np.full(1024, -1, dtype=np.int64)
        self._slot: dict[int, int] = {}
        self._free: list[int] = []
        self._used = 0

    def upsert(self, key: int, vector: np.ndarray) -> None:
        slot = self._slot.get(key)
        if slot is None:
            if self._free:
                slot = self._free.pop()
            else:
                if self._used == len(self._keys):
                    self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
                    self._keys = np.concatenate([self._keys, np.full(len(self._keys), -1)])
                slot = self._used
                self._used += 1
            self._slot[key] = slot
            self._keys[slot] = key
        self._vectors[slot] = vector

    def remove(self, key: int) -> None:
        slot = self._slot.pop(key, None)
        if slot is not None:
            self._keys[slot] = -1
            self._vectors[slot] = 0.0
            self._free.append(slot)

    def search(self, vector: np.ndarray, k: int) -> list[int]:
        if not self._slot:
            return []
        scores = self._vectors[: self._used] @ vector
        scores[self._keys[: self._used] < 0] = -np.inf
        k = min(k, len(self._slot))
        top = np.argpartition(-scores, k - 1)[:k] if k < self._used else np.arange(self._used)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [int(self._keys[i]) for i in top if self._keys[i] >= 0][:k]

    def items(self) -> list[tuple[int, np.ndarray]]:
        return [(key, self._vectors[slot].copy()) for key, slot in self._slot.items()]

    def __len__(self) -> int:
        return len(self._slot)


class HnswIndex:
    """hnswlib HNSW (M=16, efConstruction=100, ef=64), one thread, fixed seed."""

    kind = "hnswlib"

    def __init__(self, dim: int, capacity: int = 4096) -> None:
        try:
            import hnswlib
        except ImportError:
            raise MissingDependency("hnswlib", purpose="the events nearest-neighbour index") from None
        self.dim = dim
        self._index = hnswlib.Index(space="ip", dim=dim)
        self._index.init_index(max_elements=capacity, M=16, ef_construction=100, random_seed=1,
                               allow_replace_deleted=False)
        self._index.set_ef(64)
        self._index.set_num_threads(1)  # determinism; the stream is sequential anyway
        self._live: set[int] = set()
        self._deleted: set[int] = set()

    def upsert(self, key: int, vector: np.ndarray) -> None:
        if key in self._deleted:
            self._index.unmark_deleted(key)
            self._deleted.discard(key)
        if key not in self._live and self._index.get_current_count() >= self._index.get_max_elements():
            self._index.resize_index(2 * self._index.get_max_elements())
        self._index.add_items(vector[None, :], np.array([key]))  # an existing key is updated
        self._live.add(key)

    def remove(self, key: int) -> None:
        if key in self._live:
            self._index.mark_deleted(key)
            self._live.discard(key)
            self._deleted.add(key)

    def search(self, vector: np.ndarray, k: int) -> list[int]:
        k = min(k, len(self._live))
        if k == 0:
            return []
        labels, _ = self._index.knn_query(vector[None, :], k=k)
        return [int(x) for x in labels[0]]

    def __len__(self) -> int:
        return len(self._live)


class USearchIndex:
    """usearch HNSW (connectivity 16, expansion 100/64), one thread, vectors kept as int8.

    Fewer bytes per vector means less memory read per distance. On 43,432 event sketches
    of the 67k benchmark replay (256-d, 1,000 held out as queries, one thread), int8
    searched in 0.23-0.30 ms against 0.43-0.49 for f16 and inserted in 0.45-0.46 ms
    against 0.65-0.75, with the same recall@16 against an exact scan (0.671-0.677
    against 0.668-0.672); f16 in turn had halved f32's times. usearch's int8 moves a
    sketch cosine by 0.004 on average (0.016 at the 99th percentile; f16: 1e-4): the
    sketch only proposes candidates, and the scores that decide are computed exactly
    from the cluster sums.

    Removals are batched. In usearch an insert that follows a removal costs about 1 ms
    more than one that follows an insert (54k 256-d vectors: a remove-then-add 1.30 ms,
    an add 0.39 ms; 64 removes, then 64 adds: 0.33 ms an operation), and re-indexing a
    drifted cluster is exactly that pair. So a vector that is replaced or removed only
    leaves the key map at once (its graph label goes *stale*); the stale labels leave
    the graph together once :attr:`STALE_BATCH` of them wait. A new vector gets a fresh
    label. Searches ask for ``k`` plus the stale count, which stays under
    ``expansion_search``, and drop stale labels, so they return what an index without
    the stale vectors would.
    """

    kind = "usearch"
    STALE_BATCH = 32

    def __init__(self, dim: int) -> None:
        try:
            from usearch.index import Index
        except ImportError:
            raise MissingDependency("usearch==2.26.6", purpose="the events nearest-neighbour index") from None
        self.dim = dim
        self._index = Index(ndim=dim, metric="ip", dtype="i8", connectivity=16,
                            expansion_add=100, expansion_search=64)
        self._label: dict[int, int] = {}  # key -> the graph label of its current vector
        self._key: dict[int, int] = {}  # live label -> key
        self._stale: list[int] = []  # labels still in the graph, no longer any key's
        self._next = 0

    def __getstate__(self) -> dict[str, Any]:
        """Pickling keeps the graph as built (usearch's own serialisation), so a copy
        searches exactly as the original: the benchmark repeats a timed window from one
        saved state this way."""
        state = dict(self.__dict__)
        saved = self._index.save()  # no path: the serialised graph itself
        assert saved is not None
        state["_index"] = bytes(saved)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        from usearch.index import Index

        self.__dict__.update(state)
        restored = Index.restore(state["_index"])
        assert restored is not None
        self._index = restored

    def upsert(self, key: int, vector: np.ndarray) -> None:
        self.remove(key)
        label, self._next = self._next, self._next + 1
        self._index.add(label, vector.astype(np.float32), threads=1)
        self._label[key], self._key[label] = label, key

    def add_many(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Bulk insert of new keys (all cores): how a large index is built in one go."""
        labels = np.arange(self._next, self._next + len(keys), dtype=np.uint64)
        self._next += len(keys)
        self._index.add(labels, vectors.astype(np.float32), threads=0)
        for key, label in zip(keys, labels):
            self._label[int(key)], self._key[int(label)] = int(label), int(key)

    def remove(self, key: int) -> None:
        label = self._label.pop(key, None)
        if label is None:
            return
        del self._key[label]
        self._stale.append(label)
        if len(self._stale) >= self.STALE_BATCH:
            for stale in self._stale:
                self._index.remove(stale)
            self._stale.clear()

    def search(self, vector: np.ndarray, k: int) -> list[int]:
        if not self._label:
            return []
        found = self._index.search(vector.astype(np.float32), min(k + len(self._stale), len(self._index)),
                                   threads=1)
        keys = [self._key.get(int(label)) for label in found.keys]
        return [key for key in keys if key is not None][:k]

    def __len__(self) -> int:
        return len(self._label)


def ann_index(dim: int, backend: str = "auto") -> VectorIndex:
    """An HNSW index: ``hnswlib``, ``usearch``, or ``auto`` (the first one installed)."""
    if backend in ("auto", "hnswlib"):
        try:
            return HnswIndex(dim)
        except MissingDependency:
            if backend == "hnswlib":
                raise
    if backend in ("auto", "usearch"):
        return USearchIndex(dim)
    raise ValueError(f"unknown index backend {backend!r}; use auto, hnswlib, usearch or exact")


class AutoIndex:
    """Exact below ``exact_below`` vectors, HNSW from then on (moved over once)."""

    def __init__(self, dim: int, exact_below: int = 2048, backend: str = "auto") -> None:
        self.dim = dim
        self.exact_below = exact_below
        self.backend = backend
        self._exact: ExactIndex | None = ExactIndex(dim)
        self._ann: VectorIndex | None = None
        if backend == "exact":
            self.exact_below = 1 << 62
        elif exact_below <= 0:
            self._switch()

    @property
    def kind(self) -> str:
        return "exact" if self._ann is None else str(getattr(self._ann, "kind", "ann"))

    def _switch(self) -> None:
        ann = ann_index(self.dim, self.backend)
        if self._exact is not None:
            for key, vector in sorted(self._exact.items()):
                ann.upsert(key, vector)
        self._ann, self._exact = ann, None

    def upsert(self, key: int, vector: np.ndarray) -> None:
        if self._exact is not None:
            self._exact.upsert(key, vector)
            if len(self._exact) >= self.exact_below:
                self._switch()
        else:
            assert self._ann is not None
            self._ann.upsert(key, vector)

    def remove(self, key: int) -> None:
        (self._exact if self._exact is not None else self._ann).remove(key)  # type: ignore[union-attr]

    def search(self, vector: np.ndarray, k: int) -> list[int]:
        return (self._exact if self._exact is not None else self._ann).search(vector, k)  # type: ignore[union-attr]

    def __len__(self) -> int:
        return len(self._exact if self._exact is not None else self._ann)  # type: ignore[arg-type]
