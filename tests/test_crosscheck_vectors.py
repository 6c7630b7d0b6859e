"""Sentence vectors kept in the store: a rerun embeds nothing, and decides from the same vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsfuse.crosscheck.vectors import StoredEmbedder
from newsfuse.nlp.embeddings import HashingEmbedder, vector_key
from newsfuse.store import open_store


class Counting:
    def __init__(self) -> None:
        self.inner, self.seen = HashingEmbedder(), []
        self.name, self.dim = self.inner.name, self.inner.dim

    def encode(self, texts, batch_size: int = 64) -> np.ndarray:  # noqa: ANN001
        self.seen += list(texts)
        return self.inner.encode(texts, batch_size)


def test_crosscheck_vectors_a_rerun_embeds_only_new_sentences_and_gets_the_same_vectors(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    texts = ["Trump met Putin in Anchorage on Friday.", "The summit ended without a deal.",
             "Trump met Putin in Anchorage on Friday."]
    base = Counting()
    first = StoredEmbedder(base, store).encode(texts)
    assert base.seen == texts[:2]  # each sentence once
    assert np.array_equal(first, HashingEmbedder().encode(texts))
    again = StoredEmbedder(base, store)
    second = again.encode([*texts, "Zelensky was not there."])
    assert base.seen == [*texts[:2], "Zelensky was not there."]
    assert np.array_equal(second[:3], first) and (again.hits, again.misses) == (2, 1)
    assert StoredEmbedder(base, store).encode([]).shape == (0, base.dim)
    store.close()


def test_crosscheck_vectors_a_key_names_the_model() -> None:
    assert vector_key("all-MiniLM-L6-v2", "x") != vector_key("all-MiniLM-L6-v2@bf16", "x")
