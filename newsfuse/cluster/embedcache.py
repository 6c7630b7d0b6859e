"""An embedder wrapper that remembers vectors on disk, for repeated evaluation runs.

Evaluations replay the same documents in several orders and fits replay them many
times; the sentence model is by far the largest cost, so its vectors are kept in a
``.npz`` file keyed by a hash of the text and the model name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsfuse.nlp.embeddings import Embedder, vector_key


class CachingEmbedder:
    """Wraps an :class:`Embedder`; vectors are looked up by text before encoding."""

    def __init__(self, base: Embedder, path: str | Path | None = None) -> None:
        self.base = base
        self.name = base.name
        self.dim = base.dim
        self.path = Path(path) if path else None
        self._cache: dict[str, np.ndarray] = {}
        self._dirty = False
        self.hits = self.misses = 0
        if self.path and self.path.exists():
            with np.load(self.path) as data:
                self._cache = {k: data[k] for k in data.files}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        keys = [vector_key(self.name, t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in self._cache}.items())
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            vectors = self.base.encode([t for _, t in missing], batch_size=batch_size)
            self._cache.update((k, v) for (k, _), v in zip(missing, vectors))
            self._dirty = True
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[k] for k in keys]).astype(np.float32)

    def warm(self, texts: Sequence[str], batch_size: int = 64) -> None:
        """Encode every text not cached yet, in batches (much faster than one by one)."""
        self.encode(list(dict.fromkeys(texts)), batch_size=batch_size)

    def save(self) -> None:
        if self.path and self._dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp.npz")
            np.savez(tmp, **self._cache)  # type: ignore[arg-type]
            tmp.replace(self.path)
            self._dirty = False
