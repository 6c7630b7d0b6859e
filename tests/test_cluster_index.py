"""Candidate indexes: exact scan, HNSW, and the automatic switch between them."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from newsfuse.cluster.index import AutoIndex, ExactIndex, USearchIndex, ann_index


def unit(rng: np.random.Generator, n: int, dim: int = 32) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_cluster_index_exact_search_update_and_remove() -> None:
    rng = np.random.default_rng(0)
    vectors = unit(rng, 50)
    index = ExactIndex(32)
    for key, v in enumerate(vectors):
        index.upsert(key, v)
    assert index.search(vectors[7], 1) == [7]
    index.upsert(7, vectors[8])  # drifted: now looks like 8
    assert set(index.search(vectors[8], 2)) == {7, 8}
    index.remove(8)
    assert index.search(vectors[8], 1) == [7] and len(index) == 49


@pytest.mark.parametrize("backend", ["hnswlib", "usearch"])
def test_cluster_index_hnsw_backends_find_the_nearest(backend: str) -> None:
    pytest.importorskip(backend)
    rng = np.random.default_rng(1)
    vectors = unit(rng, 300)
    index = ann_index(32, backend)
    for key, v in enumerate(vectors):
        index.upsert(key, v)
    hits = sum(index.search(v, 1) == [k] for k, v in enumerate(vectors[:100]))
    assert hits >= 97
    index.remove(5)
    assert 5 not in index.search(vectors[5], 3)
    index.upsert(5, vectors[5])  # back after removal
    assert index.search(vectors[5], 1) == [5]


def test_cluster_index_usearch_replaced_and_removed_vectors_never_come_back() -> None:
    pytest.importorskip("usearch")
    from newsfuse.cluster.index import USearchIndex

    rng = np.random.default_rng(3)
    vectors = unit(rng, 200)
    index = USearchIndex(32)
    for key, v in enumerate(vectors[:100]):
        index.upsert(key, v)
    # more replacements and removals than one batch of stale labels, and some pending
    moved = range(USearchIndex.STALE_BATCH + 5)
    for key in moved:
        index.upsert(key, vectors[100 + key])  # key now stands for another vector
    index.remove(99)
    assert len(index) == 99 and 0 < len(index._stale) < USearchIndex.STALE_BATCH
    for key in moved:
        found = index.search(vectors[key], 10)  # its old vector: gone
        assert key not in found[:1] and len(found) == 10 and len(set(found)) == 10
        assert index.search(vectors[100 + key], 1) == [key]  # its new vector: found
    assert 99 not in index.search(vectors[99], 10)
    assert sorted(index.search(vectors[50], 99)) == sorted(set(range(99)))  # every live key, once


def test_cluster_index_auto_switches_from_exact_to_hnsw() -> None:
    pytest.importorskip("hnswlib")
    rng = np.random.default_rng(2)
    vectors = unit(rng, 100)
    index = AutoIndex(32, exact_below=64)
    for key, v in enumerate(vectors):
        index.upsert(key, v)
        assert index.kind == ("exact" if key < 63 else "hnswlib")
    assert index.search(vectors[3], 1) == [3] and len(index) == 100


def test_cluster_index_usearch_copy_searches_as_the_original() -> None:
    pytest.importorskip("usearch")
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((300, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = USearchIndex(32)
    for key, vector in enumerate(vectors):
        index.upsert(key, vector)
    index.remove(7)  # a stale label travels with the copy
    copy = pickle.loads(pickle.dumps(index))
    for query in vectors[:20]:
        assert copy.search(query, 5) == index.search(query, 5)
    assert 7 not in copy.search(vectors[7], 5) and len(copy) == len(index) == 299
    copy.upsert(1000, vectors[0])  # the copy is independent of the original
    assert 1000 in copy.search(vectors[0], 2) and 1000 not in index.search(vectors[0], 2)
