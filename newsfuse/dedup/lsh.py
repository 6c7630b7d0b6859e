"""Banded LSH over MinHash signatures: candidates for verification, never decisions.

A plain dict from (band, band hash) to the ids whose signature has that band. Kept in
Python rather than rensa's ``RMinHashLSH`` so the index is rebuilt exactly from stored
signatures, needs no pickling of a native object, and can answer queries without
inserting (the detector checks an article first, then adds it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np


_MIX = np.random.default_rng(20260101).integers(1, 2**63, size=64, dtype=np.uint64) | np.uint64(1)


def band_keys(values: np.ndarray, bands: int, rows: int) -> list[int]:
    """One 64-bit key per band: a fixed random linear hash of the band's ``rows`` values
    (vectorised; the keys never leave the process, the index is rebuilt from signatures)."""
    if bands * rows > len(values):
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} MinHash values, "
                         f"the signature has {len(values)}")
    if rows > len(_MIX):
        raise ValueError(f"at most {len(_MIX)} rows per band")
    block = values[: bands * rows].astype(np.uint64).reshape(bands, rows)
    keys: list[int] = (block * _MIX[:rows]).sum(axis=1, dtype=np.uint64).tolist()
    return keys


def band_key_matrix(values: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """:func:`band_keys` of many signatures at once: an (articles x bands) uint64 matrix."""
    n = len(values)
    block = values[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    return (block * _MIX[:rows]).sum(axis=2, dtype=np.uint64)


def earlier_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All pairs (i, j), i < j, of rows sharing a key in any column, each pair once.

    The vectorised equivalent of inserting rows one by one into a :class:`BandIndex`
    and querying each row before inserting it.
    """
    n = len(keys)
    codes: list[np.ndarray] = []
    for column in keys.T:
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.r_[0, np.flatnonzero(ordered[1:] != ordered[:-1]) + 1]
        lengths = np.diff(np.r_[starts, n])
        position = np.arange(n) - np.repeat(starts, lengths)  # rows before it in its bucket
        total = int(position.sum())
        if total == 0:
            continue
        later = np.repeat(np.arange(n), position)
        first = np.repeat(np.repeat(starts, lengths), position)
        offset = np.arange(total) - np.repeat(np.cumsum(position) - position, position)
        i, j = order[first + offset], order[later]
        codes.append(i.astype(np.int64) * n + j)
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    unique = np.unique(np.concatenate(codes))
    return unique // n, unique % n


def collision_probability(jaccard: float, bands: int, rows: int) -> float:
    """Probability that two sets with this Jaccard similarity share at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


class BandIndex:
    """LSH buckets: ``bands`` bands of ``rows`` MinHash values each."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands = bands
        self.rows = rows
        self._buckets: list[dict[int, list[str]]] = [{} for _ in range(bands)]
        self._pending: list[tuple[str, np.ndarray]] = []  # added with keys, not yet bucketed
        self.size = 0

    def _flush(self) -> None:
        # bucketing is deferred: a bulk fit that is never queried again never pays for it
        pending, self._pending = self._pending, []
        for item, keys in pending:
            for bucket, key in zip(self._buckets, keys.tolist()):
                found = bucket.get(key)
                if found is None:
                    bucket[key] = [item]
                else:
                    found.append(item)

    def query(self, values: np.ndarray, limit: int | None = None, max_bucket: int | None = None) -> list[str]:
        """Ids sharing at least one band, most shared bands first (ties: insertion order).

        Buckets holding more than ``max_bucket`` ids are skipped: a band value shared by
        that many articles says nothing about any one of them (the LSH analogue of a
        stopword), and scanning it would make every query cost O(corpus).
        """
        if self._pending:
            self._flush()
        hits: Counter[str] = Counter()
        for band, key in enumerate(band_keys(values, self.bands, self.rows)):
            bucket = self._buckets[band].get(key)
            if bucket is None or (max_bucket is not None and len(bucket) > max_bucket):
                continue
            hits.update(bucket)
        if limit is None or len(hits) <= limit:
            return sorted(hits, key=hits.__getitem__, reverse=True)
        return [item for item, _ in hits.most_common(limit)]

    def add(self, item: str, values: np.ndarray, keys: np.ndarray | None = None) -> None:
        """Index ``item``; ``keys`` are its band keys (uint64) when already computed."""
        if keys is None:
            keys = band_key_matrix(np.asarray(values).reshape(1, -1), self.bands, self.rows)[0]
        self._pending.append((item, keys))
        self.size += 1

    def add_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        for item, values in items:
            self.add(item, values)
