"""Shared, parse-once inputs for the crosscheck and brief tests (not a test module).

The five seed articles are cleaned, extracted and cross-checked once per test session;
the events stage is separate, so the tests group them into the pre-summit event (000,
001, 002, 004), the White House event (003) and one storyline by hand.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.cluster.model import Event, Storyline

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


class MemoEmbedder:
    """Wraps an embedder and remembers every sentence it encoded (reruns cost nothing)."""

    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts, batch_size: int = 64) -> np.ndarray:  # noqa: ANN001
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            for t, v in zip(todo, self.inner.encode(todo, batch_size)):
                self.memo[t] = v
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


@lru_cache(maxsize=1)
def embedder() -> MemoEmbedder:
    from newsfuse.nlp.embeddings import default_embedder

    return MemoEmbedder(default_embedder())


@lru_cache(maxsize=1)
def seeds():  # -> (articles, corpus, {prefix: id})
    from newsfuse.clean import clean
    from newsfuse.extract import extract_corpus
    from newsfuse.ingest import read_file

    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        for raw in read_file(path):
            if hasattr(raw, "body"):
                articles.append(clean(raw))
    ids = {Path(a.provenance.source).name[:3]: a.id for a in articles}
    return articles, extract_corpus(articles), ids


def scopes():  # -> (events, storylines)
    _, _, ids = seeds()
    pre = Event("pre-summit", "talks", "Trump warns Putin ahead of the Alaska summit", None, None, None,
                tuple(ids[p] for p in ("000", "001", "002", "004")), None, (), (), 0)
    white_house = Event("white-house", "talks", "White House talks", None, None, None, (ids["003"],), None, (), (), 1)
    story = Storyline("talks", "Ukraine peace talks", ("pre-summit", "white-house"), 5, None, None, (), (), 0)
    return [pre, white_house], [story]


@lru_cache(maxsize=1)
def seed_result():
    from newsfuse.crosscheck import crosscheck_step

    articles, corpus, _ = seeds()
    events, storylines = scopes()
    return crosscheck_step(articles, events, storylines, [], corpus, embedder=embedder())
