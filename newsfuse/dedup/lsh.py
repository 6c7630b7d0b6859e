"""Banded LSH over MinHash signatures: candidates for verification, never decisions.

A plain dict from (band, band hash) to the ids whose signature has that band. Kept in
Python rather than rensa's ``RMinHashLSH`` so the index is rebuilt exactly from stored
signatures, needs no pickling of a native object, and can answer queries without
inserting (the detector checks an article first, then adds it).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import xxhash


def band_keys(values: np.ndarray, bands: int, rows: int) -> list[int]:
    """One 64-bit key per band: xxh3 of the band's ``rows`` MinHash values."""
    if bands * rows > len(values):
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} MinHash values, "
                         f"the signature has {len(values)}")
    data = np.ascontiguousarray(values[: bands * rows], dtype="<u4").tobytes()
    step = rows * 4
    return [xxhash.xxh3_64_intdigest(data[i * step : (i + 1) * step], seed=i) for i in range(bands)]


def collision_probability(jaccard: float, bands: int, rows: int) -> float:
    """Probability that two sets with this Jaccard similarity share at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


class BandIndex:
    """LSH buckets: ``bands`` bands of ``rows`` MinHash values each."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands = bands
        self.rows = rows
        self._buckets: list[dict[int, list[str]]] = [{} for _ in range(bands)]
        self.size = 0

    def query(self, values: np.ndarray, limit: int | None = None) -> list[str]:
        """Ids sharing at least one band, most shared bands first (ties: insertion order)."""
        hits: dict[str, int] = {}
        for band, key in enumerate(band_keys(values, self.bands, self.rows)):
            for item in self._buckets[band].get(key, ()):
                hits[item] = hits.get(item, 0) + 1
        ranked = sorted(hits, key=hits.__getitem__, reverse=True)
        return ranked if limit is None else ranked[:limit]

    def add(self, item: str, values: np.ndarray) -> None:
        for band, key in enumerate(band_keys(values, self.bands, self.rows)):
            self._buckets[band].setdefault(key, []).append(item)
        self.size += 1

    def add_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        for item, values in items:
            self.add(item, values)
