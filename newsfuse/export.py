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

Later stages add top-level keys (``copies``, ``events``, ``storylines``, ``entities``,
``quotes``, ``statements``, ``timeline``, ``claims``, ``briefs``). Every span is
``{article, start, end, text}`` with ``text == article.text[start:end]``.

JSON Lines: one record per line, each with a ``type``: first
``{"type": "meta", "schema_version": ...}``, then ``{"type": "article", ...}`` and
``{"type": "rejected", ...}`` records with the same fields as above.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from newsfuse.model import Article, Rejection
from newsfuse.store import Store

SCHEMA_VERSION = "1.0"


def article_dict(article: Article) -> dict[str, Any]:
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


def export_dict(store: Store) -> dict[str, Any]:
    """The whole export as one dict (small stores; prefer :func:`write_json` for big ones)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_dict(a) for a in store.articles()],
        "rejected": [rejection_dict(r) for r in store.rejections()],
    }


def write_json(store: Store, out: IO[str], *, indent: int | None = None) -> None:
    """Stream the export as one JSON document, one article in memory at a time."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=indent)

    out.write(f'{{"schema_version": {dump(SCHEMA_VERSION)},\n"articles": [')
    for i, article in enumerate(store.articles()):
        out.write(("," if i else "") + "\n" + dump(article_dict(article)))
    out.write('\n],\n"rejected": [')
    for i, rejection in enumerate(store.rejections()):
        out.write(("," if i else "") + "\n" + dump(rejection_dict(rejection)))
    out.write("\n]}\n")


def iter_jsonl(store: Store) -> Iterator[str]:
    """The export as JSON Lines records (see the module docstring)."""
    yield json.dumps({"type": "meta", "schema_version": SCHEMA_VERSION})
    for article in store.articles():
        yield json.dumps({"type": "article", **article_dict(article)}, ensure_ascii=False)
    for rejection in store.rejections():
        yield json.dumps({"type": "rejected", **rejection_dict(rejection)}, ensure_ascii=False)
