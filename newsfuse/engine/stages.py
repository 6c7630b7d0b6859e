"""The corpus stages the pipeline runs after ingest: copies, extract, events, crosscheck.

Each stage is a library function of what the store holds (STYLE rule 3: stages never
touch the store; this module reads their inputs and writes their outputs). Every one
is incremental or idempotent, so ``newsfuse ingest`` of more files followed by this
step updates the store without recomputing what is already decided:

* **copies**: only articles without a stored signature are fingerprinted and checked
  against the stored index (``copies_step``);
* **events**: the clusterer resumes from its stored state and places only articles
  that have no membership yet (one canonical per copy group; copies attach to it);
* **extract**: articles the parse cache has not seen are annotated (spaCy) and kept;
  the corpus models (canonical entities, statements, inferred publication dates,
  timeline) are refitted on every article's annotations, since a new article can merge
  entities or statements;
* **crosscheck**: claims and briefs of every event and storyline are rebuilt (a new
  article can corroborate a claim or bring a conflict).

Order matters: copies first (events cluster one article per copy group, crosscheck
counts independent origins); then extract parses every article once, its inferred
publication dates date the articles the events stage places, and the events then
group extract's publication-date inference (refitted) and the claims of crosscheck.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from newsfuse.config import Config
from newsfuse.errors import SignatureMismatch
from newsfuse.model import Article, StageCount
from newsfuse.store import Store

Say = Callable[[str], None]


def _silent(_message: str) -> None:
    """A :data:`Say` that says nothing."""


def _embedder(config: Config) -> Any:
    from newsfuse.nlp.embeddings import HashingEmbedder, default_embedder

    return HashingEmbedder() if config.stages.embedder == "hashing" else default_embedder()


def copies_stage(store: Store, config: Config, articles: Sequence[Article],
                 say: Say = _silent) -> StageCount:
    """Fingerprint and check the articles the copy index has not seen (``articles``:
    every stored article, as :func:`corpus_stages` read them; candidates are read
    back from them, not from the store again).

    Stored signatures made with other MinHash parameters (by a newsfuse whose
    normalisation or defaults differ) cannot be compared with new ones: the copy index
    is then rebuilt from every stored article, and ``say`` tells why."""
    from newsfuse.dedup import CopiesConfig, copies_step

    started = time.perf_counter()
    # no models asked for ("hashing"): no cross-encoder either
    copies = CopiesConfig(cross_encoder=config.stages.embedder != "hashing")
    embedder = _embedder(config)
    rebuilt = False
    try:
        result = copies_step(articles, store.copy_signatures(), copies, embedder=embedder)
    except SignatureMismatch:
        say("copies: the stored signatures were made with other MinHash parameters; "
            f"rebuilding the copy index from the {len(articles)} stored articles")
        result = copies_step(articles, (), copies, embedder=embedder)
        rebuilt = True
    new = store.write_copies(result.links, result.signatures, replace=rebuilt)
    counters = {**result.counters, "links_new": new,
                **({"rebuilt_for_new_parameters": 1} if rebuilt else {})}
    return StageCount("copies", items_in=result.counters.get("articles_checked", 0),
                      items_out=len(result.links), seconds=time.perf_counter() - started,
                      counters=counters)


def events_stage(store: Store, config: Config, articles: Sequence[Article],
                 say: Say = _silent) -> StageCount:
    """Place the articles without an event, resuming from the stored clusterer.

    Stored events built with other clustering parameters or settings (by a newsfuse
    whose fitted events models or defaults differ) cannot be resumed: the scores would
    mix two models. They are then rebuilt from every stored article, and ``say`` tells
    why; the event ids change with them."""
    from newsfuse.cluster import EventClusterer
    from newsfuse.dedup import copy_groups, independent_origins

    started = time.perf_counter()
    state = store.events_state()
    embedder = _embedder(config)
    clusterer = None
    rebuilt = False
    if state is not None:
        try:
            clusterer = EventClusterer.from_state(state.globals, state.events, state.storylines,
                                                  embedder=embedder)
        except SignatureMismatch:
            say("events: the stored events were built with other clustering parameters or "
                f"settings; rebuilding them from the {len(articles)} stored articles")
            rebuilt = True
    if clusterer is None:
        clusterer = EventClusterer(embedder=embedder)
    links = store.copy_links()
    groups = {g.canonical: list(g.members) for g in copy_groups(links, articles)}
    placed = set() if rebuilt else {m.article_id for m in store.event_memberships()}
    fresh = [a for a in articles if a.id not in placed]
    update = clusterer.assign(fresh, copy_groups=groups,
                              origins=lambda ids: independent_origins(ids, links))
    store.write_events(update, replace=rebuilt)
    return StageCount("events", items_in=len(fresh), items_out=len(update.memberships),
                      seconds=time.perf_counter() - started,
                      counters={"events_changed": len(update.events),
                                "storylines_changed": len(update.storylines),
                                "merges_and_splits": len(update.changes),
                                **({"rebuilt_for_new_parameters": 1} if rebuilt else {}),
                                **{k: int(v) for k, v in clusterer.counters.items()}})


def article_extractions(store: Store, articles: Sequence[Article], say: Say) -> tuple[list[Any], dict[str, int]]:
    """Every article's per-article extraction: kept ones from the parse cache, the rest
    parsed now and kept (see :mod:`newsfuse.extract.cache`)."""
    from newsfuse.extract import annotate_many
    from newsfuse.extract.cache import annotate_with_cache, extractor_fingerprint

    fingerprint = extractor_fingerprint()
    cached = store.article_extractions(fingerprint, [a.id for a in articles])
    say(f"extract: parsing {len(articles) - len(cached)} articles ({len(cached)} parsed before)")
    extractions = list(annotate_with_cache(
        articles, cached, annotate_many,
        keep=lambda batch: store.write_article_extractions(batch, fingerprint)))
    return extractions, {"articles_parsed": len(articles) - len(cached), "parses_reused": len(cached)}


def extract_stage(store: Store, articles: Sequence[Article], extractions: Sequence[Any],
                  seconds_annotating: float, parse_counts: dict[str, int] | None = None
                  ) -> tuple[StageCount, Any]:
    """Refit the corpus models on every article's annotations and store the result."""
    from newsfuse.extract import extract_corpus

    started = time.perf_counter()
    groups = {m.article_id: m.event_id for m in store.event_memberships()} or None
    story_of = {e.id: e.storyline_id for e in store.events()}
    storylines = {a: story_of[e] for a, e in (groups or {}).items() if e in story_of} or None
    corpus = extract_corpus(articles, extractions, groups, storylines)
    quotes = store.write_extract(corpus, replace_corpus=True)
    inferred = sum(1 for p in corpus.publication_dates if p.inferred and p.published)
    return StageCount("extract", items_in=len(articles), items_out=len(articles),
                      seconds=seconds_annotating + time.perf_counter() - started,
                      counters={"entities": len(corpus.entities), "quotes": quotes,
                                "statements": len(corpus.statements),
                                "timeline_entries": len(corpus.timeline),
                                "publication_dates_inferred": inferred, **(parse_counts or {})}), corpus


def crosscheck_stage(store: Store, config: Config, articles: Sequence[Article], corpus: Any) -> StageCount:
    """Claims over independent origins and the cited brief of every event and storyline.

    Rebuilt from scratch each run: a new article can corroborate a single-source claim or
    bring a conflict, so every scope's claims and brief are replaced. Sentence vectors are
    kept in the store, so only sentences not seen before are embedded.
    """
    from newsfuse.crosscheck import crosscheck_step
    from newsfuse.crosscheck.vectors import StoredEmbedder

    started = time.perf_counter()
    events, storylines = store.events(), store.storylines()
    embedder = StoredEmbedder(_embedder(config), store)  # a later run embeds only new sentences
    result = crosscheck_step(articles, events, storylines, store.copy_links(), corpus, embedder=embedder)
    store.write_crosscheck(result, replace=True)
    counters = {k: int(v) for k, v in result.counters.items()}
    counters.update(sentences_embedded=embedder.misses, sentences_from_store=embedder.hits)
    return StageCount("crosscheck", items_in=len(events) + len(storylines), items_out=len(result.briefs),
                      seconds=time.perf_counter() - started, counters=counters)


def corpus_stages(store: Store, config: Config, say: Say | None = None) -> list[StageCount]:
    """Run every enabled corpus stage over the store, in order; return their counts."""
    say = say or _silent
    stages = config.stages
    out: list[StageCount] = []
    articles = list(store.articles())
    if not articles:
        return out
    if stages.copies:
        say("copies: fingerprinting and checking new articles")
        out.append(copies_stage(store, config, articles, say))
    extractions: list[Any] | None = None
    seconds = 0.0
    if stages.extract:
        from newsfuse.extract import with_inferred_dates
        from newsfuse.extract.pubdate import infer_publication_dates

        started = time.perf_counter()
        extractions, parse_counts = article_extractions(store, articles, say)
        seconds = time.perf_counter() - started
        if stages.events:
            # Undated articles get the publication date extract infers from their own
            # dates, so the events' time signal reads it too (inferred within events
            # below, once the events are known).
            clustered = with_inferred_dates(articles, infer_publication_dates(articles, extractions))
    if stages.events:
        # The events models were fitted on the clusterer's own name proxy (titled and
        # bare capitalised names), so that is what it reads here too: feeding it
        # extract's canonical names would score features unlike those it was fitted on.
        say("events: placing new articles")
        out.append(events_stage(store, config, clustered if extractions is not None else articles, say))
    if extractions is not None:
        count, corpus = extract_stage(store, articles, extractions, seconds, parse_counts)
        out.append(count)
        if stages.crosscheck and stages.events:
            say("crosscheck: claims and briefs")
            out.append(crosscheck_stage(store, config, articles, corpus))
    return out
