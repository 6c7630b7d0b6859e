"""One call for the pipeline: new articles in, copy links and signatures to store out.

The pipeline reads the stored signatures and the articles, calls :func:`copies_step`,
and writes what it returns with ``store.write_copies(result.links, result.signatures)``.
Nothing here touches the store: reading candidates back goes through ``lookup``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsfuse.dedup.config import CopiesConfig
from newsfuse.dedup.detector import CopyDetector, Lookup
from newsfuse.dedup.links import CopyLink
from newsfuse.dedup.signature import Signature
from newsfuse.model import Article
from newsfuse.nlp.embeddings import Embedder


@dataclass
class CopiesResult:
    """What one Copies step found: links and signatures to store, and counters."""

    links: list[CopyLink] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def copies_step(articles: Iterable[Article], stored: Iterable[Signature], config: CopiesConfig | None = None,
                *, lookup: Lookup | None = None, embedder: Embedder | None = None) -> CopiesResult:
    """Check every article that has no stored signature against the stored index.

    Args:
        articles: the store's articles (those already fingerprinted are skipped, so
            passing all of them is fine and a rerun adds nothing).
        stored: the store's signatures (``store.copy_signatures()``).
        config: the Copies parameters; stored signatures must match them.
        lookup: reads an indexed article back (``store.article``). Without it, the
            articles passed here are the only ones whose text is available, so pass
            every stored article.
        embedder: sentence embedder for rewrites (MiniLM by default, loaded lazily).

    Raises:
        SignatureMismatch: the stored signatures were made with other parameters.
    """
    started = time.perf_counter()
    config = config or CopiesConfig()
    stored = list(stored)
    known = {s.article for s in stored}
    pool = list(articles)
    new = [a for a in pool if a.id not in known]
    if lookup is None:
        by_id = {a.id: a for a in pool}
        lookup = by_id.get
    detector = CopyDetector.from_signatures(stored, config, lookup=lookup, embedder=embedder)
    detector.fit(new)
    counts = Counter(link.relation for link in detector.links_)
    counters = {"articles_indexed_before": len(known), "articles_checked": len(new),
                **{f"links_{r}": counts.get(r, 0) for r in ("exact", "near", "rewrite", "partial")},
                "links_directed": sum(1 for x in detector.links_ if x.source is not None)}
    return CopiesResult(list(detector.links_), [detector.signatures_[a.id] for a in new if a.id in detector.signatures_],
                        counters, time.perf_counter() - started)
