"""Batch warm-up of sentence embeddings for one ``assign`` call.

Encoding texts one at a time costs about 1.5-2x more per text than in a batch. Before
placing a chunk of articles, the clusterer predicts which of them will be close calls
(fast score near the threshold against the clusters that exist *before* the chunk: the
event decision, and for an article that will open an event, the storyline its new event
links to) and encodes those leads, and the leads of their plausible candidates (as many
as a close call embeds) that have no embedding yet, in one batch. The vectors only fill
a cache: every decision is still taken article by article exactly as without the
warm-up, so results do not depend on how articles are split into batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.cluster.aggregate import Aggregate
from newsfuse.cluster.features import Signals
from newsfuse.cluster.scoring import SimilarityMemo, plausible
from newsfuse.model import Article

if TYPE_CHECKING:
    from newsfuse.cluster.online import EventClusterer

MIN_BATCH = 4  # below this a batch encode saves nothing worth the prediction work


def prewarm(c: EventClusterer, prepared: Sequence[tuple[Article, Aggregate, Signals]]
            ) -> dict[str, np.ndarray]:
    """Encode, in one batch, the texts the coming close calls will most likely need."""
    embedder = c._embedder_or_none()
    if embedder is None or len(prepared) < MIN_BATCH:
        return {}
    band = c.params.close_call
    texts: dict[str, None] = {}
    # the event model's features, with the margins when it reads them
    read = c._measure(c.params.event_fast, c.params.event_full, memo=SimilarityMemo())
    for _article, agg, sig in prepared:
        cands = c._candidates(c.event_index, c.event_slots, c.events, agg, c.config.candidates)
        if not cands:
            continue
        sims = [read(agg, e) for e in cands]  # the storyline model ignores the margins in them
        event_scores = [c.params.event_fast.logit(x) for x in sims]
        models = [event_scores]
        if max(event_scores) <= 0:  # it will open an event, which then links to a storyline
            models.append([c.params.storyline_fast.logit(x) for x in sims])
        for scores in models:
            if abs(max(scores)) >= band:
                continue
            texts[sig.lead] = None
            for i in plausible(scores, band, c.config.embed_candidates):
                if cands[i].agg.n_embedded == 0:
                    texts[cands[i].lead] = None
    if not texts:
        return {}
    batch = list(texts)
    c.counters["embedded_texts"] += len(batch)
    c.counters["warm_batches"] += 1
    return dict(zip(batch, embedder.encode(batch)))
