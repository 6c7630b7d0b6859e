"""One arrival's similarity memo: each pair measured once while neither side changes,
and the clustering it gives is the one without it."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.cluster import EventClusterer
from newsfuse.cluster.aggregate import Aggregate, margins, similarities
from newsfuse.cluster.scoring import SimilarityMemo
from newsfuse.model import Article
from newsfuse.nlp.embeddings import HashingEmbedder
from tests.conftest import ROOT, SEEDS
from tests.test_dedup_seeds import seed_articles

REUTERS = ROOT.parent / "shared" / "data" / "reuters21578"


def group(terms: dict[str, float], n: int = 1) -> Aggregate:
    return Aggregate(n=n, terms=dict(terms), entities={"trump": 1.0}, first_day=20000.0, last_day=20000.0)


def test_memo_measures_a_pair_once_and_again_after_either_side_changes() -> None:
    a, b = group({"summit": 0.8, "alaska": 0.6}), group({"summit": 1.0})
    memo = SimilarityMemo()
    first = memo(a, b)
    assert first == similarities(a, b) and memo(a, b) is first  # remembered, not re-measured
    b.add(group({"alaska": 1.0}))  # a join: n rises, the sums move
    second = memo(a, b)
    assert second is not first and second == similarities(a, b)
    a.embedding, a.n_embedded = np.ones(4, dtype=np.float32) / 2, 1
    b.embedding, b.n_embedded = np.ones(4, dtype=np.float32), 1
    third = memo(a, b)  # an embedding arrived: n_embedded is part of the key
    assert third["embedding"] == pytest.approx(2.0) and second["embedding"] is None
    assert memo(b, a) == similarities(b, a)  # ordered pairs


def test_memo_with_a_storyline_adds_the_margins_and_measures_again_when_the_storyline_grows() -> None:
    a, b = group({"summit": 0.8, "alaska": 0.6}), group({"summit": 1.0})
    story = group({"summit": 1.0})
    story.add(group({"summit": 0.6, "tariffs": 0.8}))  # b and a sibling event
    memo = SimilarityMemo()
    plain, first = memo(a, b), memo(a, b, story)
    assert "terms_margin" not in plain and first == {**similarities(a, b), **margins(a, b, story)}
    assert memo(a, b, story) is first and memo(a, b, story, inside=True) is not first
    story.add(group({"tariffs": 1.0}))  # the sibling grows: the rest of the storyline changed
    assert memo(a, b, story) is not first and memo(a, b, story) == {**similarities(a, b), **margins(a, b, story)}


def articles() -> list[Article]:
    found = seed_articles(SEEDS)
    if REUTERS.is_dir():  # a real stream with joins, merges and splits, when the data is here
        from newsfuse.eval.copies import reuters_articles

        found += reuters_articles(REUTERS)[:1500]
    return found


def test_clustering_with_the_memo_equals_clustering_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = articles()

    def run() -> tuple[dict[str, str], list[tuple[str, str, str]], dict[str, int]]:
        clusterer = EventClusterer(embedder=HashingEmbedder())
        update = clusterer.fit(stream)
        return (dict(clusterer.article_event), [(c.kind, c.level, c.kept) for c in update.changes],
                dict(clusterer.counters))

    with_memo = run()

    class NoMemo:  # every pair measured afresh, as before the memo
        def __call__(self, a: Aggregate, b: Aggregate, storyline: Aggregate | None = None,
                     inside: bool = False) -> dict[str, float | None]:
            sims = similarities(a, b)
            return sims if storyline is None else {**sims, **margins(a, b, storyline, inside)}

    monkeypatch.setattr("newsfuse.cluster.online.SimilarityMemo", NoMemo)
    assert run() == with_memo
    if REUTERS.is_dir():  # the stream went through every place the memo serves
        counters = with_memo[2]
        assert all(counters[k] > 0 for k in ("event_embedding", "storyline_embedding", "merge_event",
                                             "merge_storyline", "split_storyline"))


def test_a_close_call_embeds_only_its_best_candidates_and_picks_among_them() -> None:
    from newsfuse.cluster.params import LinearModel
    from newsfuse.cluster.scoring import decide

    article = group({"summit": 1.0})
    article.embedding, article.n_embedded = np.array([1.0, 0.0], dtype=np.float32), 1
    # fast scores: terms cosine 0.9, 0.8, 0.7, 0.1 (all close calls against a band of 10)
    cands = [group({"summit": s, f"other{k}": (1 - s * s) ** 0.5}) for k, s in enumerate((0.9, 0.8, 0.7, 0.1))]
    vectors = {0: [0.0, 1.0], 1: [0.0, 1.0], 2: [1.0, 0.0], 3: [1.0, 0.0]}  # only the 3rd and 4th agree
    embedded: list[int] = []

    def ensure(chosen: list[Aggregate]) -> bool:
        for c in chosen:
            k = cands.index(c)
            embedded.append(k)
            c.embedding, c.n_embedded = np.array(vectors[k], dtype=np.float32), 1
        return True

    fast = LinearModel(("terms",), (1.0,), -0.5)
    full = LinearModel(("embedding", "terms"), (5.0, 1.0), -0.5)
    top2 = decide(article, cands, lambda c: c, fast, full, 10.0, ensure, embed_candidates=2)
    assert embedded == [0, 1] and top2.target is cands[0] and top2.tier == "embedding"
    embedded.clear()
    every = decide(article, cands, lambda c: c, fast, full, 10.0, ensure)  # no limit: all four read
    assert sorted(embedded) == [0, 1, 2, 3] and every.target is cands[2]
