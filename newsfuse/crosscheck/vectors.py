"""Sentence vectors kept in the store, so a later run embeds only sentences it has not seen.

The crosscheck stage refits every scope on each run (a new article can corroborate an
old claim), and embedding every claim sentence again was most of its cost: adding one
article to a store of 300 stories took 60 s. The vectors are stored exactly (float32),
keyed by a hash of the embedder's name and the sentence, so a cached vector is the vector
the model gives: a run from the cache decides exactly as a fresh one. Rows are written
with the table of migration 0010; SQL for both backends.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from newsfuse.nlp.embeddings import Embedder, vector_key

_CHUNK = 500


def write_sentence_vectors(store: Any, vectors: Mapping[str, np.ndarray]) -> int:
    """Insert vectors by key (a key already stored keeps its row); returns rows offered."""
    rows = [(key, base64.b64encode(np.asarray(v, dtype=np.float32).tobytes()).decode("ascii"))
            for key, v in vectors.items()]
    if rows:
        with store._transaction() as cur:
            cur.executemany(store._sql(
                "INSERT INTO sentence_vectors (key, vector) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"), rows)
    return len(rows)


def read_sentence_vectors(store: Any, keys: Iterable[str]) -> dict[str, np.ndarray]:
    """The stored vectors of ``keys`` (absent keys are left out)."""
    wanted = sorted(set(keys))
    out: dict[str, np.ndarray] = {}
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        for key, body in store._query(
                f"SELECT key, vector FROM sentence_vectors WHERE key IN ({', '.join('?' * len(chunk))})", chunk):
            out[key] = np.frombuffer(base64.b64decode(body), dtype=np.float32)
    return out


class StoredEmbedder:
    """Wraps an :class:`Embedder`; vectors are looked up in the store before encoding,
    and the new ones are written there.

    Example:
        >>> embedder = StoredEmbedder(default_embedder(), store)   # doctest: +SKIP
        >>> embedder.encode(["Trump met Putin."]).shape             # doctest: +SKIP
        (1, 384)
    """

    def __init__(self, base: Embedder, store: Any) -> None:
        self.base, self.store = base, store
        self.name, self.dim = base.name, base.dim
        self.hits = self.misses = 0

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        keys = [vector_key(self.name, t) for t in texts]
        found = self.store.sentence_vectors(keys)
        missing = {k: t for k, t in zip(keys, texts) if k not in found}
        if missing:
            fresh = self.base.encode(list(missing.values()), batch_size)
            new = {k: np.asarray(v, dtype=np.float32) for k, v in zip(missing, fresh)}
            self.store.write_sentence_vectors(new)
            found.update(new)
        self.misses += len(missing)
        self.hits += len(set(keys)) - len(missing)
        return np.stack([found[k] for k in keys])
