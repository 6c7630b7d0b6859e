"""Sentence-pair paraphrase probability: embedding cosine plus lexical features.

A small logistic regression over features that MSRP-style paraphrase detection has long
relied on (cosine of sentence embeddings, word and bigram overlap, agreement of the
numbers, length ratio). :data:`MSRP_WEIGHTS` were fitted by
``newsfuse.eval.copies.eval_msrp`` on a fixed-seed 70 % part of the MSRP train split
with all-MiniLM-L6-v2 embeddings; the held-out 30 % is what that eval reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsfuse.dedup.text import STOPWORDS

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

FEATURES: tuple[str, ...] = (
    "cosine",
    "word_jaccard",
    "content_overlap",
    "bigram_jaccard",
    "numbers_agree",
    "numbers_differ",
    "length_ratio",
    "cosine_x_overlap",
)

# Fitted by eval_msrp (seed 13, 2,853 = 70 % of the 4,076 MSRP train pairs, L2 1.0,
# all-MiniLM-L6-v2 cosine): bias first, then one weight per FEATURES entry, applied to
# features standardised with MSRP_MEAN / MSRP_SCALE. Held-out accuracy 0.758.
MSRP_WEIGHTS: tuple[float, ...] = (0.9679, 0.7717, 1.2039, 0.2161, -0.5782, 0.1376, -0.1677, 0.3235, -0.3709)
MSRP_MEAN: tuple[float, ...] = (0.7942, 0.5193, 0.7421, 0.3395, 0.7784, 0.123, 0.8498, 0.603)
MSRP_SCALE: tuple[float, ...] = (0.1404, 0.1662, 0.1659, 0.1772, 0.3911, 0.3285, 0.1007, 0.2039)


@dataclass(frozen=True, slots=True)
class _Lex:
    words: frozenset[str]
    content: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    length: int


def lexical(sentence: str) -> _Lex:
    """Lexical view of a sentence (computed once per sentence, reused across pairs)."""
    tokens = [t.lower() for t in _WORD.findall(sentence)]
    return _Lex(
        frozenset(tokens),
        frozenset(t for t in tokens if t not in STOPWORDS and len(t) > 2),
        frozenset(zip(tokens, tokens[1:])),
        frozenset(n.replace(",", "") for n in _NUMBER.findall(sentence)),
        len(tokens),
    )


def _jaccard(a: frozenset[object], b: frozenset[object]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def features(cosine: float, a: _Lex, b: _Lex) -> list[float]:
    """The feature vector of one sentence pair, in :data:`FEATURES` order."""
    content = len(a.content & b.content) / max(1, min(len(a.content), len(b.content)))
    if a.numbers or b.numbers:
        agree = _jaccard(a.numbers, b.numbers)
        differ = 1.0 if (a.numbers - b.numbers) and (b.numbers - a.numbers) else 0.0
    else:
        agree, differ = 1.0, 0.0
    word_j = _jaccard(a.words, b.words)
    return [
        cosine,
        word_j,
        content,
        _jaccard(a.bigrams, b.bigrams),
        agree,
        differ,
        min(a.length, b.length) / max(1, a.length, b.length),
        cosine * content,
    ]


class ParaphraseScorer:
    """Probability that two sentences are paraphrases (logistic regression).

    Args:
        weights: bias then one weight per feature.
        mean: feature means used to standardise.
        scale: feature standard deviations used to standardise.
    """

    def __init__(self, weights: Sequence[float] = MSRP_WEIGHTS, mean: Sequence[float] = MSRP_MEAN,
                 scale: Sequence[float] = MSRP_SCALE) -> None:
        self.weights = np.asarray(weights, dtype=np.float64)
        self.mean = np.asarray(mean, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """Probabilities for a (pairs x features) matrix."""
        z = (np.atleast_2d(rows) - self.mean) / self.scale
        logit = self.weights[0] + z @ self.weights[1:]
        return 1.0 / (1.0 + np.exp(-logit))

    @classmethod
    def fit(cls, rows: np.ndarray, labels: np.ndarray, l2: float = 1.0, steps: int = 50) -> ParaphraseScorer:
        """Fit by Newton's method (IRLS) with a small L2 penalty; numpy only."""
        mean = rows.mean(axis=0)
        scale = rows.std(axis=0)
        scale[scale == 0] = 1.0
        x = np.hstack([np.ones((len(rows), 1)), (rows - mean) / scale])
        y = labels.astype(np.float64)
        w = np.zeros(x.shape[1])
        penalty = l2 * np.eye(x.shape[1])
        penalty[0, 0] = 0.0
        for _ in range(steps):
            p = 1.0 / (1.0 + np.exp(-(x @ w)))
            gradient = x.T @ (p - y) + penalty @ w
            hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-8:
                break
        return cls(w.tolist(), mean.tolist(), scale.tolist())
