"""Sentence alignment between two articles: the evidence behind every copy link.

Two alignments: a lexical one (cheap, for exact and near-verbatim copies: sentences
matched by word overlap) and a paraphrase one (sentence embeddings plus lexical
features, for rewrites). Both return one-to-one pairs of sentence indices and report
how much of each article aligned and how much of it in order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from newsfuse.dedup.paraphrase import FEATURES, ParaphraseScorer, _Lex, features, lexical
from newsfuse.dedup.text import Sentence


class PairScorer(Protocol):
    """Paraphrase probabilities of sentence pairs read together (a cross-encoder)."""

    def probability(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray: ...


def combine(features_p: np.ndarray, cross_p: np.ndarray) -> np.ndarray:
    """The paraphrase probability newsfuse decides on: the mean of the feature model's
    and the cross-encoder's (equal weights, not fitted)."""
    return (features_p + cross_p) / 2


def needs_cross(features_p: np.ndarray, threshold: float) -> np.ndarray:
    """Pairs whose combined probability could still reach ``threshold``: below
    ``2 * threshold - 1`` the mean stays under it whatever the cross-encoder says."""
    return features_p >= 2 * threshold - 1


@dataclass(frozen=True, slots=True)
class SentenceView:
    """An article's sentences with their lexical views (and embeddings once computed)."""

    sentences: tuple[Sentence, ...]
    lex: tuple[_Lex, ...]

    @classmethod
    def of(cls, sentences: Sequence[Sentence]) -> SentenceView:
        return cls(tuple(sentences), tuple(lexical(s.text) for s in sentences))

    def __len__(self) -> int:
        return len(self.sentences)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Aligned sentence pairs ``(i in a, j in b, similarity)`` with coverage figures."""

    pairs: tuple[tuple[int, int, float], ...]
    coverage_a: float  # share of a's sentences aligned
    coverage_b: float  # share of b's sentences aligned
    in_order: float  # share of pairs on the longest common increasing run

    @property
    def count(self) -> int:
        return len(self.pairs)


def _longest_increasing(values: Sequence[int]) -> int:
    tails: list[int] = []
    for v in values:
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
        else:
            tails[k] = v
    return len(tails)


def _finish(pairs: list[tuple[int, int, float]], n_a: int, n_b: int) -> Alignment:
    pairs.sort(key=lambda p: p[1])
    in_order = _longest_increasing([p[0] for p in pairs]) / len(pairs) if pairs else 0.0
    return Alignment(tuple(pairs), len(pairs) / max(1, n_a), len(pairs) / max(1, n_b), in_order)


def _greedy_one_to_one(scores: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Best pairs first, each sentence used once, pairs at or above ``threshold``."""
    if scores.size == 0:
        return []
    flat = np.argsort(-scores, axis=None, kind="stable")
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for index in flat:
        i, j = divmod(int(index), scores.shape[1])
        s = float(scores[i, j])
        if s < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((i, j, s))
    return out


def align_lexical(a: SentenceView, b: SentenceView, threshold: float = 0.6) -> Alignment:
    """Align sentences whose word sets overlap by at least ``threshold`` (Jaccard)."""
    scores = np.zeros((len(a), len(b)))
    for i, la in enumerate(a.lex):
        for j, lb in enumerate(b.lex):
            if la.words and lb.words:
                common = len(la.words & lb.words)
                if common:
                    scores[i, j] = common / len(la.words | lb.words)
    return _finish(_greedy_one_to_one(scores, threshold), len(a), len(b))


def align_paraphrase(a: SentenceView, b: SentenceView, emb_a: np.ndarray, emb_b: np.ndarray,
                     scorer: ParaphraseScorer, threshold: float, shortlist: int = 3,
                     cross: PairScorer | None = None) -> Alignment:
    """Align paraphrased sentences: for each sentence of b, score its ``shortlist`` nearest
    sentences of a (by cosine) with the paraphrase model; keep one-to-one pairs whose
    probability is at least ``threshold``. Pairs whose numbers disagree never align.

    With ``cross``, the probability is :func:`combine` of the feature model's and the
    cross-encoder's, and the cross-encoder reads only the pairs that could still reach
    ``threshold`` (:func:`needs_cross`): the same decisions, fewer pairs read."""
    if len(a) == 0 or len(b) == 0:
        return _finish([], len(a), len(b))
    cosine = emb_a @ emb_b.T
    k = min(shortlist, len(a))
    nearest = np.argsort(-cosine, axis=0)[:k]  # (k, n_b)
    cells = [(int(nearest[r, j]), j) for j in range(len(b)) for r in range(k)]
    rows = np.array([features(float(cosine[i, j]), a.lex[i], b.lex[j]) for i, j in cells])
    probability = scorer.probability(rows)
    # A copy keeps its figures: two sentences stating different numbers are the same
    # template (weekly money supply, earnings), not a paraphrase of one another.
    probability[rows[:, FEATURES.index("numbers_differ")] > 0] = 0.0
    if cross is not None:
        ask = np.flatnonzero(needs_cross(probability, threshold))
        combined = combine(probability, np.zeros(len(probability)))
        if len(ask):
            texts = [(a.sentences[cells[k][0]].text, b.sentences[cells[k][1]].text) for k in ask]
            combined[ask] = combine(probability[ask], cross.probability(texts))
        probability = combined
    scores = np.zeros(cosine.shape)
    for (i, j), p in zip(cells, probability):
        scores[i, j] = p
    return _finish(_greedy_one_to_one(scores, threshold), len(a), len(b))
