"""The export: one stable, versioned JSON document (or JSON Lines) of everything stored.

Schema (``schema_version`` 1.0; documented in README.md, "Export schema")::

    {
      "schema_version": "1.0",
      "articles": [
        {"id", "source": {"path", "offset", "format"}, "url", "outlet", "title", "author",
         "published" (ISO 8601 or null), "published_inferred" (bool), "language",
         "text", "headings": [{"article", "start", "end", "text"}],
         "dropped": [{"lineno", "line", "reason"}]}
      ],
      "rejected": [{"source", "offset", "reason", "message"}]
    }

The corpus stages add top-level keys, each present (possibly empty) once its stage
has run: ``copies`` (copy links with their evidence) and ``copy_groups``;
``events``, ``storylines`` and ``event_changes`` (the merge/split log); ``entities``,
``quotes``, ``statements``, ``timeline`` and ``publication_dates``; ``claims`` and
``briefs``. An article without a publication date in its
metadata carries the inferred one (``published_inferred: true``). Every span is
``{article, start, end, text}`` with ``text == article.text[start:end]``.

JSON Lines: one record per line, each with a ``type``: first
``{"type": "meta", "schema_version": ...}``, then ``{"type": "article", ...}`` and
``{"type": "rejected", ...}`` records with the same fields as above, then one record per
item of each corpus key, with ``type`` the key in the singular (``copy``, ``event``,
``storyline``, ``entity``, ``quote``, ``statement``, ``timeline_entry``, ``claim``,
``brief`` ...).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import IO, Any

from newsfuse.model import Article, Rejection
from newsfuse.store import Store

SCHEMA_VERSION = "1.0"

# export key -> the JSON Lines record type of one item
SINGULAR = {"copies": "copy", "copy_groups": "copy_group", "events": "event",
            "storylines": "storyline", "event_changes": "event_change", "entities": "entity",
            "quotes": "quote", "statements": "statement", "timeline": "timeline_entry",
            "publication_dates": "publication_date", "claims": "claim",
            "briefs": "brief"}


def article_dict(article: Article, inferred: Mapping[str, datetime] | None = None) -> dict[str, Any]:
    """The export form of an article; ``inferred`` gives publication dates the extract
    stage inferred (used only for an article whose metadata has none)."""
    if article.published is None and inferred and article.id in inferred:
        from dataclasses import replace

        article = replace(article, published=inferred[article.id], published_inferred=True)
    p = article.provenance
    return {
        "id": article.id,
        "source": {"path": p.source, "offset": p.offset, "format": p.format},
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred,
        "language": article.language,
        "text": article.text,
        "headings": [s.to_dict() for s in article.heading_spans()],
        "dropped": [
            {"lineno": d.lineno, "line": d.line, "reason": d.reason.value} for d in article.dropped
        ],
    }


def rejection_dict(rejection: Rejection) -> dict[str, Any]:
    return {
        "source": rejection.source,
        "offset": rejection.offset,
        "reason": rejection.reason.value,
        "message": rejection.message,
    }


def inferred_dates(store: Store) -> dict[str, datetime]:
    """Article id -> the publication date the extract stage inferred for it."""
    out = {}
    for p in store.extract_publication_dates():
        if p.inferred and p.published is not None:
            out[p.article] = datetime(p.published.year, p.published.month, p.published.day)
    return out


def copies_checked(store: Store) -> bool:
    """Whether the copies stage has run on this store (it signs every article it checks)."""
    return next(iter(store.copy_signatures()), None) is not None


def copy_group_dicts(store: Store, links: Sequence[Any]) -> list[dict[str, Any]]:
    """Export form of the copy groups that ``links`` (``dedup.CopyLink``) join: each
    ``{canonical, members}``. Reads only the linked articles, not the whole store."""
    from newsfuse.dedup import copy_groups

    linked = {i: a for i in {x for link in links for x in (link.a, link.b)}
              if (a := store.article(i)) is not None}
    return [{"canonical": g.canonical, "members": list(g.members)}
            for g in copy_groups(links, linked)]


def corpus_sections(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The corpus stages' export keys, for the stages whose output the store holds."""
    from newsfuse.cluster import change_dict, event_dict, storyline_dict
    from newsfuse.dedup import copy_link_dict

    out: dict[str, list[dict[str, Any]]] = {}
    links = store.copy_links()
    if links or copies_checked(store):
        out["copies"] = [copy_link_dict(link) for link in links]
        out["copy_groups"] = copy_group_dicts(store, links)
    events = store.events()
    if events:
        memberships = store.event_memberships()
        out["events"] = [event_dict(e, memberships) for e in events]
        out["storylines"] = [storyline_dict(s) for s in store.storylines()]
        out["event_changes"] = [change_dict(c) for c in store.event_changes()]
    if store.extract_publication_dates():
        from newsfuse.extract import export_from_store

        out.update(export_from_store(store))
    briefs = store.briefs()
    if briefs:
        from newsfuse.brief import export_dict as crosscheck_dict

        out.update(crosscheck_dict(store.claims(), briefs))
    return out


def export_dict(store: Store) -> dict[str, Any]:
    """The whole export as one dict (small stores; prefer :func:`write_json` for big ones)."""
    inferred = inferred_dates(store)
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_dict(a, inferred) for a in store.articles()],
        "rejected": [rejection_dict(r) for r in store.rejections()],
        **corpus_sections(store),
    }


def write_json(store: Store, out: IO[str], *, indent: int | None = None) -> None:
    """Stream the export as one JSON document, one article in memory at a time."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=indent)

    inferred = inferred_dates(store)
    out.write(f'{{"schema_version": {dump(SCHEMA_VERSION)},\n"articles": [')
    for i, article in enumerate(store.articles()):
        out.write(("," if i else "") + "\n" + dump(article_dict(article, inferred)))
    out.write('\n],\n"rejected": [')
    for i, rejection in enumerate(store.rejections()):
        out.write(("," if i else "") + "\n" + dump(rejection_dict(rejection)))
    out.write("\n]")
    for key, items in corpus_sections(store).items():
        out.write(f',\n{dump(key)}: [')
        for i, item in enumerate(items):
            out.write(("," if i else "") + "\n" + dump(item))
        out.write("\n]")
    out.write("}\n")


def iter_jsonl(store: Store) -> Iterator[str]:
    """The export as JSON Lines records (see the module docstring)."""
    yield json.dumps({"type": "meta", "schema_version": SCHEMA_VERSION})
    inferred = inferred_dates(store)
    for article in store.articles():
        yield json.dumps({"type": "article", **article_dict(article, inferred)}, ensure_ascii=False)
    for rejection in store.rejections():
        yield json.dumps({"type": "rejected", **rejection_dict(rejection)}, ensure_ascii=False)
    for key, items in corpus_sections(store).items():
        for item in items:
            yield json.dumps({"type": SINGULAR[key], **item}, ensure_ascii=False)
