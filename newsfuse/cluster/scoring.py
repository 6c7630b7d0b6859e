"""Tiered decisions (fast signals first, sentence embeddings only for close calls) and
the "why together" evidence of a membership."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from newsfuse.cluster.aggregate import (
    Aggregate,
    embedding_similarity,
    margins,
    similarities,
    storyline_overlap,
)
from newsfuse.cluster.model import Evidence, Tier
from newsfuse.cluster.params import LinearModel

T = TypeVar("T")

SHARED_ENTITIES = 6
SHARED_TERMS = 8


@dataclass(frozen=True, slots=True)
class Scored:
    """The best candidate of a decision and how it was scored."""

    target: object | None
    score: float | None  # log-odds; > 0 means "belongs"
    sims: dict[str, float | None]
    tier: Tier


class SimilarityMemo:
    """:func:`~newsfuse.cluster.aggregate.similarities` (and, given the candidate's
    storyline, :func:`~newsfuse.cluster.aggregate.margins`), remembered for one arrival.

    Placing an article scores the same pairs several times over: the article against
    its candidates for the event and then the storyline model, its event against its
    neighbours for the merge, storyline-link and split checks. The features do not
    depend on the model, so each pair is measured once while neither side changes. A
    side changes only by :meth:`Aggregate.add`, which raises its ``n``, or by gaining an
    embedding, which raises ``n_embedded``: both are part of the key, and the objects
    themselves are kept so a reused ``id`` cannot alias. The margins need one overlap
    of the group with each storyline (:func:`~newsfuse.cluster.aggregate.storyline_overlap`),
    shared by every candidate event of that storyline.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[Any, ...], tuple[tuple[Aggregate, ...], tuple[int, ...], Any]] = {}

    def _cached(self, kind: str, parts: tuple[Aggregate, ...], extra: tuple[Any, ...],
                compute: Callable[[], Any]) -> Any:
        version = tuple(v for x in parts for v in (x.n, x.n_embedded))
        key = (kind, *map(id, parts), *extra)
        hit = self._seen.get(key)
        if hit is not None and hit[1] == version and all(x is y for x, y in zip(hit[0], parts)):
            return hit[2]
        value = compute()
        self._seen[key] = (parts, version, value)
        return value

    def __call__(self, a: Aggregate, b: Aggregate, storyline: Aggregate | None = None,
                 inside: bool = False) -> dict[str, float | None]:
        def pair() -> dict[str, float | None]:
            return self._cached("pair", (a, b), (), lambda: similarities(a, b))

        if storyline is None:
            return pair()
        story = storyline

        def with_margins() -> dict[str, float | None]:  # only when this entry is not kept yet
            sims = pair()
            overlap = self._cached("overlap", (a, story), (inside,),
                                   lambda: storyline_overlap(a, story, inside))
            return {**sims, **margins(a, b, story, inside, sims=sims, overlap=overlap)}

        return self._cached("margins", (a, b, story), (inside,), with_margins)


def decide(
    group: Aggregate,
    candidates: Sequence[T],
    agg_of: Callable[[T], Aggregate],
    fast: LinearModel,
    full: LinearModel,
    close_call: float,
    ensure_embeddings: Callable[[Sequence[T]], bool] | None,
    measure: Callable[[Aggregate, T], dict[str, float | None]] | None = None,
    embed_candidates: int | None = None,
) -> Scored:
    """Pick the best candidate for ``group`` in two tiers.

    The fast model scores every candidate. When the best fast score is within
    ``close_call`` of the threshold (0) and embeddings can be had
    (``ensure_embeddings`` returns True once ``group`` and the plausible candidates
    have them), the full model re-scores those candidates and decides. ``measure``:
    how the features of ``group`` against a candidate are read (default:
    :func:`similarities` with the candidate's sums).
    ``embed_candidates``: at most this many of the plausible candidates, the best by
    fast score, are embedded and re-scored (``None``: all of them).
    """
    if not candidates:
        return Scored(None, None, {}, "fast")
    if measure is None:
        def measure(g: Aggregate, cand: T) -> dict[str, float | None]:
            return similarities(g, agg_of(cand))
    sims = [measure(group, cand) for cand in candidates]
    scores = [fast.logit(x) for x in sims]
    best = max(range(len(scores)), key=scores.__getitem__)  # the first of equals
    if abs(scores[best]) >= close_call or ensure_embeddings is None:
        return Scored(candidates[best], scores[best], sims[best], "fast")
    close = plausible(scores, close_call, embed_candidates)
    if not ensure_embeddings([candidates[i] for i in close]):
        return Scored(candidates[best], scores[best], sims[best], "fast")
    rescored = []
    for i in close:
        # only the embedding is new: the sums the other features read did not change
        full_sims = {**sims[i], "embedding": embedding_similarity(group, agg_of(candidates[i]))}
        rescored.append((full.logit(full_sims), candidates[i], full_sims))
    rescored.sort(key=lambda x: -x[0])
    score, target, target_sims = rescored[0]
    return Scored(target, score, target_sims, "embedding")


def plausible(scores: Sequence[float], close_call: float, limit: int | None) -> list[int]:
    """Which candidates a close call embeds and re-scores, by index: those whose fast
    score is above ``-close_call``, best first (equals in their order), at most ``limit``
    (``None``: all). The batch warm-up predicts with it what :func:`decide` will ask for."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return [i for i in order if scores[i] > -close_call][:limit]


def shared(a: dict[str, float], b: dict[str, float], n: int) -> tuple[str, ...]:
    """The keys ``a`` and ``b`` share, strongest first."""
    common = [(a[k] * b[k], k) for k in a.keys() & b.keys() if b[k] > 0]
    return tuple(k for _, k in sorted(common, key=lambda x: (-x[0], x[1]))[:n])


def evidence(
    decision: str,
    article: Aggregate,
    target: Aggregate | None,
    scored: Scored | None,
    storyline_score: float | None = None,
) -> Evidence:
    """The evidence of a membership decision (see :class:`~newsfuse.cluster.model.Evidence`)."""
    sims = {k: float(v) for k, v in (scored.sims if scored else {}).items() if v is not None}
    gap_days = None
    if target is not None and article.first_day is not None and target.first_day is not None \
            and target.last_day is not None:
        gap_days = max(0.0, target.first_day - article.first_day, article.first_day - target.last_day)
    return Evidence(
        decision=decision,  # type: ignore[arg-type]
        tier=scored.tier if scored and scored.score is not None else None,
        score=scored.score if scored else None,
        threshold=0.0,
        similarities=sims,
        shared_entities=shared(article.entities, target.entities, SHARED_ENTITIES) if target else (),
        shared_terms=shared(article.terms, target.terms, SHARED_TERMS) if target else (),
        time_gap_days=gap_days,
        storyline_score=storyline_score,
    )
