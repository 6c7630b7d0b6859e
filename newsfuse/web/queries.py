"""Reads of the store in the API's JSON forms.

Each function takes the store first and returns plain JSON-ready dicts. The records
themselves are built by the export's helpers (:func:`newsfuse.export.article_dict`,
``event_dict``, ``copy_link_dict``, the extract stage's ``*_dict`` and the crosscheck
records' lossless :func:`~newsfuse.serial.to_json`), so the API, the export
and the report show one and the same data. Unknown ids raise
:class:`~newsfuse.web.errors.NotFound`; every id accepts a unique prefix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from newsfuse import __version__
from newsfuse.serial import to_json
from newsfuse.export import article_dict, copies_checked, copy_group_dicts, inferred_dates
from newsfuse.model import Article
from newsfuse.report.view import describe_article, describe_date
from newsfuse.store import Store
from newsfuse.web.errors import AmbiguousId, NotFound

T = TypeVar("T")

SUMMARY_FIELDS = ("id", "source", "url", "outlet", "title", "author", "published",
                  "published_inferred", "language")


def page(items: Sequence[T], offset: int, limit: int) -> dict[str, Any]:
    """One page of ``items``: ``{total, offset, limit, items}``."""
    return {"total": len(items), "offset": offset, "limit": limit,
            "items": list(items[offset:offset + limit])}


def resolve(kind: str, ids: Iterable[str], key: str, listing: str) -> str:
    """The one id in ``ids`` equal to ``key`` or starting with it.

    Raises:
        NotFound: none matches.
        AmbiguousId: several start with ``key``.
    """
    ids = list(ids)
    if key in ids:
        return key
    matches = [i for i in ids if i.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"no {kind} with id {key!r}; list them at {listing}")
    raise AmbiguousId(f"the id prefix {key!r} matches {len(matches)} {kind}s; give more characters")


def article_or_404(store: Store, article_id: str) -> Article:
    article = store.article(article_id)
    if article is None:
        raise NotFound(f"no single article with id {article_id!r} (unknown, or the prefix "
                       "matches several); list ids at /api/articles")
    return article


def article_summary(article: Article, inferred: dict[str, datetime]) -> dict[str, Any]:
    """An article without its text: metadata, a readable label and date, sizes."""
    full = article_dict(article, inferred)
    return {**{k: full[k] for k in SUMMARY_FIELDS},
            "label": describe_article(article),
            "date": describe_date(article, inferred.get(article.id)),
            "words": len(article.text.split()), "dropped_count": len(article.dropped)}


def health(store: Store) -> dict[str, Any]:
    counts = store.counts()
    return {
        "status": "ok", "version": __version__, "store": store.url,
        "counts": {"articles": counts.articles, "dropped_lines": counts.dropped_lines,
                   "rejections": counts.rejections, "runs": counts.runs},
        "stages": {"copies": copies_checked(store), "events": bool(store.events()),
                   "extract": bool(store.extract_publication_dates()),
                   "crosscheck": bool(store.briefs())},
    }


# -- articles ------------------------------------------------------------------------

def list_articles(store: Store, offset: int, limit: int, outlet: str | None = None,
                  q: str | None = None, event: str | None = None) -> dict[str, Any]:
    """Articles in store order, filtered by outlet, a text search and an event."""
    members = set(_event(store, event).article_ids) if event else None
    needle = q.casefold() if q else None

    def keep(a: Article) -> bool:
        return ((outlet is None or a.outlet == outlet) and (members is None or a.id in members)
                and (needle is None or needle in (a.title or "").casefold()
                     or needle in a.text.casefold()))

    inferred = inferred_dates(store)
    return page([article_summary(a, inferred) for a in store.articles() if keep(a)], offset, limit)


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """An article in the export form, with its paragraphs, events and copy links."""
    from newsfuse.dedup import copy_link_dict

    article = article_or_404(store, article_id)
    inferred = inferred_dates(store)
    headings = set(article.headings)
    events = {e.id: e for e in store.events()}
    memberships = store.event_memberships([article.id])
    return {
        **article_dict(article, inferred),
        "label": describe_article(article),
        "date": describe_date(article, inferred.get(article.id)),
        "paragraphs": [{"start": s, "end": e, "heading": (s, e) in headings}
                       for s, e in article.paragraphs()],
        "events": [{"id": m.event_id, "label": events[m.event_id].label,
                    "storyline": events[m.event_id].storyline_id, "decision": m.evidence.decision}
                   for m in memberships if m.event_id in events],
        "copies": [copy_link_dict(link) for link in store.copy_links([article.id])],
    }


def copies(store: Store, article_id: str | None = None) -> dict[str, Any]:
    """Copy links (all, or of one article) and the copy groups they form."""
    from newsfuse.dedup import copy_link_dict

    ids = [article_or_404(store, article_id).id] if article_id else None
    links = store.copy_links(ids)
    return {"checked": copies_checked(store), "copies": [copy_link_dict(link) for link in links],
            "copy_groups": copy_group_dicts(store, links)}


# -- events and storylines -----------------------------------------------------------

def _event(store: Store, event_id: str) -> Any:
    events = {e.id: e for e in store.events()}
    return events[resolve("event", events, event_id, "/api/storylines")]


def _storyline(store: Store, storyline_id: str) -> Any:
    storylines = {s.id: s for s in store.storylines()}
    return storylines[resolve("storyline", storylines, storyline_id, "/api/storylines")]


def _brief_ref(store: Store, level: str, subject: str) -> dict[str, Any] | None:
    found = store.briefs(f"{level}:{subject}")
    if not found:
        return None
    b = found[0]
    return {"level": level, "subject": subject, "headline": b.headline, "origins": b.origins,
            "url": f"/api/briefs/{level}/{subject}"}


def list_storylines(store: Store) -> list[dict[str, Any]]:
    from newsfuse.cluster import storyline_dict

    return [storyline_dict(s) for s in store.storylines()]


def storyline_detail(store: Store, storyline_id: str) -> dict[str, Any]:
    """A storyline with its events (full records, in time order) and its brief."""
    from newsfuse.cluster import event_dict, storyline_dict

    s = _storyline(store, storyline_id)
    events = {e.id: e for e in store.events()}
    return {**storyline_dict(s),
            "event_records": [event_dict(events[e]) for e in s.event_ids if e in events],
            "brief": _brief_ref(store, "storyline", s.id)}


def list_events(store: Store, storyline: str | None = None) -> list[dict[str, Any]]:
    from newsfuse.cluster import event_dict

    keep = _storyline(store, storyline).id if storyline else None
    return [event_dict(e) for e in store.events() if keep is None or e.storyline_id == keep]


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """An event: its articles with the "why together" evidence, its copy links and groups,
    the claim counts by status and a reference to its brief."""
    from newsfuse.cluster import event_dict
    from newsfuse.dedup import copy_link_dict

    e = _event(store, event_id)
    inferred = inferred_dates(store)
    members = [a for a in (store.article(i) for i in e.article_ids) if a is not None]
    links = store.copy_links(e.article_ids)
    storylines = {s.id: s for s in store.storylines()}
    return {
        **event_dict(e, store.event_memberships(e.article_ids)),
        "storyline_label": storylines[e.storyline_id].label if e.storyline_id in storylines else None,
        "members": [article_summary(a, inferred) for a in members],
        "copies": [copy_link_dict(link) for link in links],
        "copy_groups": copy_group_dicts(store, links),
        "claims_by_status": dict(Counter(c.status for c in store.claims(f"event:{e.id}"))),
        "brief": _brief_ref(store, "event", e.id),
    }


def _scope(store: Store, event: str | None, storyline: str | None, scope: str | None) -> str | None:
    if event:
        return f"event:{_event(store, event).id}"
    if storyline:
        return f"storyline:{_storyline(store, storyline).id}"
    return scope


def _articles_of(store: Store, event: str | None, storyline: str | None) -> set[str] | None:
    if event:
        return set(_event(store, event).article_ids)
    if storyline:
        s = _storyline(store, storyline)
        return {a for e in store.events() if e.id in s.event_ids for a in e.article_ids}
    return None


# -- who said what, when ---------------------------------------------------------------

def _matches(needle: str | None, *values: str | None) -> bool:
    return needle is None or any(needle.casefold() in (v or "").casefold() for v in values)


def list_entities(store: Store, offset: int, limit: int, label: str | None = None,
                  q: str | None = None, article: str | None = None) -> dict[str, Any]:
    """Canonical entities, most mentioned first."""
    from newsfuse.extract import entities_dict

    aid = article_or_404(store, article).id if article else None
    chosen = [e for e in store.extract_entities()
              if (label is None or e.label == label) and _matches(q, e.name, *e.aliases)
              and (aid is None or any(m.article == aid for m in e.mentions))]
    chosen.sort(key=lambda e: (-len(e.mentions), e.name))
    items = entities_dict(chosen)
    for item, e in zip(items, chosen):
        item["articles"] = len({m.article for m in e.mentions})
    return page(items, offset, limit)


def list_quotes(store: Store, offset: int, limit: int, article: str | None = None,
                event: str | None = None, speaker: str | None = None,
                mode: str | None = None) -> dict[str, Any]:
    """Quotes in article and text order; ``speaker`` is an entity id or part of a name."""
    from newsfuse.extract import quotes_dict

    ids: Iterable[str] | None = _articles_of(store, event, None)
    if article:
        ids = [article_or_404(store, article).id]
    chosen = [q for q in store.extract_quotes(ids)
              if (mode is None or q.quote.mode == mode)
              and (speaker is None or q.speaker == speaker or _matches(speaker, q.speaker_name))]
    return page(quotes_dict(chosen), offset, limit)


def list_statements(store: Store, offset: int, limit: int, speaker: str | None = None,
                    q: str | None = None, event: str | None = None) -> dict[str, Any]:
    """Statements, those reported by most outlets first, each with every outlet's wording."""
    from newsfuse.extract import statements_dict

    ids = _articles_of(store, event, None)
    chosen = [s for s in store.extract_statements()
              if (speaker is None or s.speaker == speaker or _matches(speaker, s.speaker_name))
              and _matches(q, s.text) and (ids is None or any(v.article in ids for v in s.variants))]
    chosen.sort(key=lambda s: (-len({v.outlet for v in s.variants}), -len(s.variants), s.id))
    return page(statements_dict(chosen), offset, limit)


def timeline(store: Store, offset: int, limit: int, event: str | None = None,
             storyline: str | None = None, article: str | None = None) -> dict[str, Any]:
    """Dated happenings in date order, with the sentence and date expression of each."""
    from newsfuse.extract import timeline_dict

    ids = _articles_of(store, event, storyline)
    if article:
        ids = {article_or_404(store, article).id}
    entries = [t for t in store.extract_timeline() if ids is None or t.article in ids]
    return page(timeline_dict(entries, store.extract_entities()), offset, limit)


# -- claims and briefs -------------------------------------------------------------------

def list_claims(store: Store, offset: int, limit: int, status: str | None = None,
                event: str | None = None, storyline: str | None = None,
                scope: str | None = None) -> dict[str, Any]:
    """Claims with their status, reason and evidence sentences, most corroborated first."""
    chosen = sorted(store.claims(_scope(store, event, storyline, scope), status),
                    key=lambda c: (-c.score, c.id))
    return page([to_json(c) for c in chosen], offset, limit)


def list_discrepancies(store: Store, kind: str | None = None, event: str | None = None,
                       storyline: str | None = None, scope: str | None = None) -> list[dict[str, Any]]:
    """Conflicts and changes of stance, each with its sides."""
    return [to_json(d) for d in store.discrepancies(_scope(store, event, storyline, scope), kind)]


def list_briefs(store: Store) -> list[dict[str, Any]]:
    return [{"id": b.id, "level": b.level, "subject": b.subject, "headline": b.headline,
             "origins": b.origins, "article_count": b.article_count,
             "url": f"/api/briefs/{b.level}/{b.subject}"} for b in store.briefs()]


def brief_record(store: Store, level: str, subject: str) -> Any:
    """The stored brief (``brief.Brief``) of an event or storyline (id or prefix)."""
    find: Callable[[Store, str], Any] = _event if level == "event" else _storyline
    target = find(store, subject)
    found = store.briefs(f"{level}:{target.id}")
    if not found:
        raise NotFound(f"no brief for {level} {target.id!r} yet; the crosscheck stage writes "
                       "briefs (newsfuse run, or newsfuse ingest)")
    return found[0]


def brief(store: Store, level: str, subject: str, fmt: str = "json") -> Any:
    """A brief as its lossless JSON form, or as Markdown (``fmt="md"``)."""
    record = brief_record(store, level, subject)
    if fmt == "md":
        from newsfuse.brief import brief_markdown

        return brief_markdown(record)
    return to_json(record)


# -- runs, export, report -----------------------------------------------------------------

def list_runs(store: Store) -> list[dict[str, Any]]:
    """Run records, newest first: config hash, versions, per-stage counts and seconds."""
    return [to_json(r) for r in sorted(store.runs(), key=lambda r: r.started, reverse=True)]


def export(store: Store) -> dict[str, Any]:
    from newsfuse.export import export_dict

    return export_dict(store)


def report(store: Store, fmt: str) -> str:
    """The whole report as Markdown (``md``) or one standalone HTML page (``html``)."""
    from newsfuse.report import ReportView, render_html, render_markdown

    view = ReportView.from_store(store)
    return render_markdown(view) if fmt == "md" else render_html(view)
