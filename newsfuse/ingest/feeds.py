"""RSS and Atom feeds, read with feedparser: one document per entry.

Per entry: the body is the first ``content`` value if there is one, else the
``summary`` (``content_type`` is ``"html"`` when it holds markup, else ``"text"``);
``url`` is the link, ``title`` the entry title, ``published`` comes from the
published or updated time (aware UTC), ``outlet`` from the feed title or else the
link's host, ``author`` from the entry, ``language`` from the feed, and
``external_id`` from the entry id/guid. ``offset`` is the 0-based entry index.

feedparser is lenient: a feed that is not well-formed XML (``bozo``) but still
yields entries is read in full. A file with no feed in it is ``MALFORMED_FEED``.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newsfuse.config import IngestConfig
from newsfuse.ingest.decode import binary_kind, bom_encoding
from newsfuse.ingest.source import Source, human_size, one_line
from newsfuse.model import ContentType, Provenance, RawDocument, Rejection, RejectReason

_MARKUP = re.compile(r"<[A-Za-z!/][^<>]*>")  # [^<>]: linear even on "<<<<" garbage
_ROOT = re.compile(rb"<([A-Za-z][\w:.-]*)")


def _root_element(data: bytes) -> str:
    match = _ROOT.search(data[:4096])
    return f"<{match.group(1).decode('ascii', 'replace')}>" if match else "no XML element"


def _published(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        # feedparser gives a UTC struct_time; timegm reads it as UTC (mktime would not).
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _body(entry: Any) -> tuple[str, ContentType] | None:
    content = entry.get("content")
    if content and content[0].get("value", "").strip():
        value, declared = content[0]["value"], content[0].get("type", "")
    else:
        value = entry.get("summary") or ""
        declared = (entry.get("summary_detail") or {}).get("type", "")
    if not value.strip():
        return None
    if _MARKUP.search(value):
        return value, "html"
    if "html" in declared:
        # An HTML-typed body without tags is text with entities; as HTML it would be
        # too small for the extractor, so hand the clean stage plain text.
        return html.unescape(value), "text"
    return value, "text"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _entry_document(
    entry: Any, index: int, source: Source, feed: Any, limit: int
) -> RawDocument | Rejection:
    body = _body(entry)
    if body is None:
        return source.reject(
            RejectReason.EMPTY,
            "feed entry has no content or summary (only a title/link); fetch the linked "
            "page to ingest the article",
            index,
        )
    text, kind = body
    if len(text.encode("utf-8", "surrogatepass")) > limit:
        return source.reject(
            RejectReason.TOO_LARGE,
            f"feed entry is over ingest.max_document_bytes = {human_size(limit)}; "
            "raise the limit in newsfuse.toml",
            index,
        )
    url = entry.get("link") or None
    return RawDocument(
        Provenance(source.name, "feed", index),
        kind,
        text,
        url=url,
        title=(entry.get("title") or "").strip() or None,
        published=_published(entry),
        outlet=(feed.get("title") or "").strip() or _host(url),
        author=(entry.get("author") or "").strip() or None,
        language=(feed.get("language") or "").strip() or None,
        external_id=entry.get("id") or None,
    )


def read_feed(source: Source, config: IngestConfig) -> Iterator[RawDocument | Rejection]:
    """Read an RSS/Atom file: one document (or rejection) per entry."""
    data = source.read_all(config.max_file_bytes)
    if isinstance(data, Rejection):
        yield data
        return
    if bom_encoding(data) is None:
        kind = binary_kind(data[:8192])
        if kind is not None:
            yield source.reject(
                RejectReason.BINARY,
                f"looks like {kind}, not an RSS/Atom feed; check that this is the file you meant",
            )
            return
    if not data.strip():
        yield source.reject(RejectReason.EMPTY, "file holds only whitespace; remove it")
        return
    import feedparser  # lazy: slow to import, and only feeds need it

    # Bytes, never a str: feedparser treats a str as a URL or path to fetch.
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("version"):
            yield source.reject(RejectReason.EMPTY, "the feed has no entries; fetch it again later")
        elif parsed.get("bozo"):
            problem = one_line(parsed.get("bozo_exception", "unknown error"))
            yield source.reject(
                RejectReason.MALFORMED_FEED,
                f"not a readable RSS/Atom feed ({problem}); check that the file is a complete feed",
            )
        else:
            yield source.reject(
                RejectReason.MALFORMED_FEED,
                f"XML but not an RSS/Atom feed (root element {_root_element(data)}); "
                "ingest reads RSS 0.9x/1.0/2.0 and Atom feeds",
            )
        return
    feed = parsed.get("feed") or {}
    limit = config.max_document_bytes
    for index, entry in enumerate(entries):
        yield _entry_document(entry, index, source, feed, limit)
