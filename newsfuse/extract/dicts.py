"""Plain-dict forms of the extract stage's output for the export keys ``entities``,
``quotes``, ``statements``, ``timeline`` (and ``publication_dates``). Spans are
``{article, start, end, text}``; dates are ISO strings. JSON-serialisable as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from newsfuse.extract.corpus import CorpusExtraction
from newsfuse.model import Span


def _span(span: Span | None) -> dict[str, object] | None:
    return span.to_dict() if span is not None else None


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def entities_dict(corpus: CorpusExtraction) -> list[dict[str, Any]]:
    """Every canonical entity with its aliases, mentions and dated roles."""
    return [
        {
            "id": e.id, "name": e.name, "label": e.label, "aliases": list(e.aliases),
            "mentions": [_span(s) for s in e.mentions],
            "roles": [{"title": r.title, "normalized": r.normalized, "span": _span(r.span),
                       "date": _day(r.date), "date_inferred": r.date_inferred} for r in e.roles],
        }
        for e in corpus.entities
    ]


def quotes_dict(corpus: CorpusExtraction) -> list[dict[str, Any]]:
    """Every quote with its speaker, cue, content, mode, date said and statement."""
    return [
        {
            "id": q.quote.id, "article": q.quote.content.article, "outlet": q.outlet,
            "content": _span(q.quote.content), "cue": _span(q.quote.cue),
            "speaker": {"entity": q.speaker, "name": q.speaker_name, "kind": q.source_kind,
                        "span": _span(q.quote.speaker)},
            "mode": q.quote.mode, "direct": q.quote.mode == "direct",
            "said_on": _day(q.said_on), "statement": q.statement,
        }
        for q in corpus.quotes
    ]


def statements_dict(corpus: CorpusExtraction) -> list[dict[str, Any]]:
    """Every statement with each outlet's wording and what differs in it."""
    return [
        {
            "id": s.id, "speaker": {"entity": s.speaker, "name": s.speaker_name}, "text": s.text,
            "said_on": _day(s.said_on),
            "variants": [{"quote": v.quote, "article": v.article, "outlet": v.outlet,
                          "content": _span(v.content), "mode": v.mode,
                          "differences": [_span(d) for d in v.differences]} for v in s.variants],
        }
        for s in corpus.statements
    ]


def timeline_dict(corpus: CorpusExtraction) -> list[dict[str, Any]]:
    """Every dated happening in date order."""
    names = {e.id: e.name for e in corpus.entities}
    return [
        {
            "id": t.id, "start": _day(t.start), "end": _day(t.end), "value": t.value, "what": t.what,
            "who": [{"entity": w, "name": names.get(w, "")} for w in t.who],
            "sentence": _span(t.sentence), "date": _span(t.date), "article": t.article,
            "inferred": t.inferred,
        }
        for t in corpus.timeline
    ]


def publication_dates_dict(corpus: CorpusExtraction) -> list[dict[str, Any]]:
    """The publication date used for each article, and how it was decided."""
    return [
        {"article": p.article, "published": _day(p.published), "inferred": p.inferred,
         "method": p.method, "evidence": list(p.evidence), "earliest": _day(p.earliest),
         "latest": _day(p.latest)}
        for p in corpus.publication_dates
    ]
