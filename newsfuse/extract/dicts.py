"""Plain-dict forms of the extract stage's output for the export keys ``entities``,
``quotes``, ``statements``, ``timeline`` (and ``publication_dates``). Spans are
``{article, start, end, text}``; dates are ISO strings. JSON-serialisable as they are.

Each function takes a :class:`CorpusExtraction` or the record list read back from a store
(``store.extract_entities()`` ...); :func:`export_from_store` builds all five at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from newsfuse.extract.corpus import CorpusExtraction
from newsfuse.extract.records import (
    AttributedQuote,
    Entity,
    PublicationDate,
    Statement,
    TimelineEntry,
)
from newsfuse.model import Span


def _span(span: Span | None) -> dict[str, object] | None:
    return span.to_dict() if span is not None else None


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def entities_dict(corpus: CorpusExtraction | Sequence[Entity]) -> list[dict[str, Any]]:
    """Every canonical entity with its aliases, mentions and dated roles."""
    entities = corpus.entities if isinstance(corpus, CorpusExtraction) else corpus
    return [
        {
            "id": e.id, "name": e.name, "label": e.label, "aliases": list(e.aliases),
            "mentions": [_span(s) for s in e.mentions],
            "roles": [{"title": r.title, "normalized": r.normalized, "span": _span(r.span),
                       "date": _day(r.date), "date_inferred": r.date_inferred} for r in e.roles],
        }
        for e in entities
    ]


def quotes_dict(corpus: CorpusExtraction | Sequence[AttributedQuote]) -> list[dict[str, Any]]:
    """Every quote with its speaker, cue, content, mode, date said and statement."""
    quotes = corpus.quotes if isinstance(corpus, CorpusExtraction) else corpus
    return [
        {
            "id": q.quote.id, "article": q.quote.content.article, "outlet": q.outlet,
            "content": _span(q.quote.content), "cue": _span(q.quote.cue),
            "speaker": {"entity": q.speaker, "name": q.speaker_name, "kind": q.source_kind,
                        "span": _span(q.quote.speaker)},
            "mode": q.quote.mode, "direct": q.quote.mode == "direct",
            "said_on": _day(q.said_on), "statement": q.statement,
        }
        for q in quotes
    ]


def statements_dict(corpus: CorpusExtraction | Sequence[Statement]) -> list[dict[str, Any]]:
    """Every statement with each outlet's wording and what differs in it."""
    statements = corpus.statements if isinstance(corpus, CorpusExtraction) else corpus
    return [
        {
            "id": s.id, "speaker": {"entity": s.speaker, "name": s.speaker_name}, "text": s.text,
            "said_on": _day(s.said_on),
            "variants": [{"quote": v.quote, "article": v.article, "outlet": v.outlet,
                          "content": _span(v.content), "mode": v.mode,
                          "differences": [_span(d) for d in v.differences]} for v in s.variants],
        }
        for s in statements
    ]


def timeline_dict(corpus: CorpusExtraction | Sequence[TimelineEntry],
                  entities: Sequence[Entity] = ()) -> list[dict[str, Any]]:
    """Every dated happening in date order (``entities`` names the ``who`` of store lists)."""
    timeline: Sequence[TimelineEntry]
    if isinstance(corpus, CorpusExtraction):
        entities, timeline = corpus.entities, corpus.timeline
    else:
        timeline = corpus
    names = {e.id: e.name for e in entities}
    return [
        {
            "id": t.id, "start": _day(t.start), "end": _day(t.end), "value": t.value, "what": t.what,
            "who": [{"entity": w, "name": names.get(w, "")} for w in t.who],
            "sentence": _span(t.sentence), "date": _span(t.date), "article": t.article,
            "inferred": t.inferred,
        }
        for t in timeline
    ]


def publication_dates_dict(corpus: CorpusExtraction | Sequence[PublicationDate]) -> list[dict[str, Any]]:
    """The publication date used for each article, and how it was decided."""
    dates = corpus.publication_dates if isinstance(corpus, CorpusExtraction) else corpus
    return [
        {"article": p.article, "published": _day(p.published), "inferred": p.inferred,
         "method": p.method, "evidence": list(p.evidence), "earliest": _day(p.earliest),
         "latest": _day(p.latest)}
        for p in dates
    ]


def export_from_store(store: Any) -> dict[str, list[dict[str, Any]]]:
    """The five export keys, read from a store that holds an extract result."""
    entities = store.extract_entities()
    return {
        "entities": entities_dict(entities),
        "quotes": quotes_dict(store.extract_quotes()),
        "statements": statements_dict(store.extract_statements()),
        "timeline": timeline_dict(store.extract_timeline(), entities),
        "publication_dates": publication_dates_dict(store.extract_publication_dates()),
    }
