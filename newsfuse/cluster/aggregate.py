"""Cluster sums and the average-link features between two groups of articles.

An :class:`Aggregate` holds sums over a group's articles (one article is a group of
one). Because every similarity is a dot product of unit vectors, the *mean* pairwise
similarity between two groups is the dot product of their sums divided by both sizes:
the clusterer scores average-link (the mean over every article pair) at the cost of one
dot product, and merges are exact too, by adding sums.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsfuse.cluster.vectors import SparseVector, add_into, dot, prune

FULL_FEATURES = ("embedding", "terms", "entities", "time_gap", "weekdays")
"""Features of the full model, in the order of its coefficients."""
FAST_FEATURES = ("terms", "entities", "time_gap", "weekdays")
"""Features of the fast model: everything but the sentence embedding."""
MARGIN_FEATURES = ("terms_margin", "entities_margin")
"""How much better a group fits an event than the rest of the event's storyline
(:func:`margins`); read by the event-level models only."""
EVENT_FULL_FEATURES = FULL_FEATURES + MARGIN_FEATURES
EVENT_FAST_FEATURES = FAST_FEATURES + MARGIN_FEATURES

TERMS_KEPT = 400  # per cluster; see vectors.prune
ENTITIES_KEPT = 200


@dataclass
class Aggregate:
    """Sums over a group of articles.

    Attributes:
        n: number of articles.
        terms: sum of the articles' unit TF-IDF vectors (largest entries kept).
        entities: sum of the articles' unit entity vectors (largest entries kept).
        embedding: sum of the unit sentence embeddings of ``n_embedded`` articles
            (embeddings are computed only for close calls, so often fewer than ``n``).
        weekdays: sum of unit weekday-mention histograms of ``n_weekdays`` articles.
        first_day, last_day: the dated articles' span (days since 1970), if any.
        sketch: sum of the articles' unit sketches (what the ANN index sees).
    """

    n: int = 0
    terms: SparseVector = field(default_factory=dict)
    entities: SparseVector = field(default_factory=dict)
    embedding: np.ndarray | None = None
    n_embedded: int = 0
    weekdays: np.ndarray = field(default_factory=lambda: np.zeros(7, dtype=np.float32))
    n_weekdays: int = 0
    first_day: float | None = None
    last_day: float | None = None
    sketch: np.ndarray | None = None

    def add(self, other: Aggregate) -> None:
        """Add another group's sums into this one (a join or a merge)."""
        self.n += other.n
        add_into(self.terms, other.terms)
        add_into(self.entities, other.entities)
        if len(self.terms) > 2 * TERMS_KEPT:
            self.terms = prune(self.terms, TERMS_KEPT)
        if len(self.entities) > 2 * ENTITIES_KEPT:
            self.entities = prune(self.entities, ENTITIES_KEPT)
        if other.embedding is not None and other.n_embedded:
            self.embedding = other.embedding.copy() if self.embedding is None \
                else self.embedding + other.embedding
            self.n_embedded += other.n_embedded
        if other.n_weekdays:
            self.weekdays = self.weekdays + other.weekdays
            self.n_weekdays += other.n_weekdays
        for day in (other.first_day, other.last_day):
            if day is not None:
                self.first_day = day if self.first_day is None else min(self.first_day, day)
                self.last_day = day if self.last_day is None else max(self.last_day, day)
        if other.sketch is not None:
            self.sketch = other.sketch.copy() if self.sketch is None else self.sketch + other.sketch

    def without(self, other: Aggregate) -> Aggregate:
        """This group minus a sub-group (for leave-one-out checks). The time span is
        kept whole: a span cannot be un-merged from sums, and a wider span only makes
        the time gap smaller, i.e. the check more lenient."""
        rest = Aggregate(
            n=self.n - other.n,
            terms=dict(self.terms),
            entities=dict(self.entities),
            embedding=None if self.embedding is None else self.embedding.copy(),
            n_embedded=self.n_embedded,
            weekdays=self.weekdays - other.weekdays,
            n_weekdays=self.n_weekdays - other.n_weekdays,
            first_day=self.first_day,
            last_day=self.last_day,
            sketch=None if self.sketch is None else self.sketch.copy(),
        )
        add_into(rest.terms, other.terms, -1.0)
        add_into(rest.entities, other.entities, -1.0)
        if other.embedding is not None and rest.embedding is not None:
            rest.embedding = rest.embedding - other.embedding
            rest.n_embedded -= other.n_embedded
        if rest.sketch is not None and other.sketch is not None:
            rest.sketch = rest.sketch - other.sketch
        return rest

    def mean_terms(self) -> SparseVector:
        return {k: v / self.n for k, v in self.terms.items()} if self.n else {}

    # -- persistence ------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "terms": {k: round(v, 6) for k, v in self.terms.items()},
            "entities": {k: round(v, 6) for k, v in self.entities.items()},
            "embedding": _pack(self.embedding),
            "n_embedded": self.n_embedded,
            "weekdays": [round(float(x), 6) for x in self.weekdays],
            "n_weekdays": self.n_weekdays,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "sketch": _pack(self.sketch),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Aggregate:
        return cls(
            n=int(data["n"]),
            terms=dict(data["terms"]),
            entities=dict(data["entities"]),
            embedding=_unpack(data["embedding"]),
            n_embedded=int(data["n_embedded"]),
            weekdays=np.asarray(data["weekdays"], dtype=np.float32),
            n_weekdays=int(data["n_weekdays"]),
            first_day=data["first_day"],
            last_day=data["last_day"],
            sketch=_unpack(data["sketch"]),
        )


def _pack(vector: np.ndarray | None) -> str | None:
    # float32 bytes in base64: exact, and about a third of the size of a JSON list.
    return None if vector is None else base64.b64encode(vector.astype("<f4").tobytes()).decode()


def _unpack(text: str | None) -> np.ndarray | None:
    return None if text is None else np.frombuffer(base64.b64decode(text), dtype="<f4").copy()


def time_gap(a: Aggregate, b: Aggregate) -> float:
    """``log(1 + days)`` between two groups' time spans (0 when they overlap or either
    is undated: no date is no evidence either way)."""
    if a.first_day is None or b.first_day is None or a.last_day is None or b.last_day is None:
        return 0.0
    days = max(0.0, a.first_day - b.last_day, b.first_day - a.last_day)
    return math.log1p(days)


def embedding_similarity(a: Aggregate, b: Aggregate) -> float | None:
    """Mean pairwise cosine of the two groups' embedded articles (``None`` when either
    side has none)."""
    if a.embedding is not None and b.embedding is not None and a.n_embedded and b.n_embedded:
        return float(a.embedding @ b.embedding) / (a.n_embedded * b.n_embedded)
    return None


def similarities(a: Aggregate, b: Aggregate) -> dict[str, float | None]:
    """Mean pairwise similarities between two groups, by feature name; ``embedding``
    is ``None`` when either side has no embedded article."""
    pairs = a.n * b.n
    embedding = embedding_similarity(a, b)
    weekdays = 0.0
    if a.n_weekdays and b.n_weekdays and pairs:
        # per pair where both name weekdays: cosine - 0.5, so the same day counts for and
        # different days against; pairs where either names none count 0
        weekdays = (float(a.weekdays @ b.weekdays) - 0.5 * a.n_weekdays * b.n_weekdays) / pairs
    return {
        "embedding": embedding,
        "terms": dot(a.terms, b.terms) / pairs if pairs else 0.0,
        "entities": dot(a.entities, b.entities) / pairs if pairs else 0.0,
        "time_gap": time_gap(a, b),
        "weekdays": weekdays,
    }


def storyline_overlap(a: Aggregate, storyline: Aggregate, inside: bool = False) -> tuple[float, float]:
    """The dot products of ``a``'s term and of its entity sums with ``storyline``'s
    (``inside``: ``a`` is part of the storyline, and its own sums are left out). What
    :func:`margins` needs of the storyline: the same for every candidate in it."""
    pairs = [(a.terms, storyline.terms), (a.entities, storyline.entities)]
    terms, entities = (dot(mine, whole) - (dot(mine, mine) if inside else 0.0) for mine, whole in pairs)
    return terms, entities


def margins(a: Aggregate, b: Aggregate, storyline: Aggregate, inside: bool = False,
            sims: dict[str, float | None] | None = None,
            overlap: tuple[float, float] | None = None) -> dict[str, float]:
    """Term and entity similarity of ``a`` to event ``b`` minus that to the rest of
    ``b``'s storyline (its other events), both average link.

    One storyline holds several happenings of one kind (two Oscar ceremonies, a fire
    and its inquiry): the words every event of it shares say "same story", not "same
    event". What tells the events apart is what ``a`` shares with ``b`` *more than*
    with its siblings. ``storyline``: the sums over every article of ``b``'s storyline;
    ``inside``: ``a`` is itself part of it (an event of the same storyline), so its
    own sums are left out of the rest. No rest (a one-event storyline): 0, no evidence.
    ``sims`` (:func:`similarities` of ``a`` and ``b``) and ``overlap``
    (:func:`storyline_overlap`), when already read, save their dot products.
    """
    rest = storyline.n - b.n - (a.n if inside else 0)
    if rest <= 0 or not a.n or not b.n:
        return dict.fromkeys(MARGIN_FEATURES, 0.0)
    sims = similarities(a, b) if sims is None else sims
    overlap = storyline_overlap(a, storyline, inside) if overlap is None else overlap
    out = {}
    for name, total in zip(("terms", "entities"), overlap):
        mean = float(sims[name] or 0.0)
        # the storyline's sums hold b's: take them out; pruning of the larger sums can
        # leave a small negative remainder, which means none
        out[f"{name}_margin"] = mean - max(0.0, total - mean * a.n * b.n) / (a.n * rest)
    return out


def feature_vector(sims: dict[str, float | None], names: tuple[str, ...]) -> np.ndarray:
    return np.array([sims[name] or 0.0 for name in names], dtype=np.float64)
