"""Core data model: small frozen dataclasses that flow between stages.

The cleaned ``Article.text`` is the coordinate system of the whole system: every
annotation is a stand-off :class:`Span` over it, and ``article.text[span.start:span.end]``
is exactly ``span.text``. Nothing edits the text after cleaning.

IDs are deterministic content hashes, so the same input yields the same IDs on any
machine and any executor.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Literal

ContentType = Literal["text", "html"]
SourceFormat = Literal["text", "html", "jsonl", "feed", "warc"]


def content_id(*parts: str | None, size: int = 16) -> str:
    """Deterministic hex id from the given parts (``None`` hashes as empty).

    Example:
        >>> content_id("a", None, "b") == content_id("a", None, "b")
        True
    """
    digest = hashlib.blake2b(digest_size=size)
    for part in parts:
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")  # unit separator: ("ab", "c") != ("a", "bc")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document came from.

    Attributes:
        source: the file path (or URL) that was read.
        format: the reader that produced it.
        offset: position inside a container file: WARC record byte offset,
            JSONL line number (1-based), feed entry index (0-based); ``None`` for
            single-document files.
    """

    source: str
    format: SourceFormat
    offset: int | None = None

    @property
    def key(self) -> str:
        """Stable identifier of this exact input record."""
        return self.source if self.offset is None else f"{self.source}#{self.offset}"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from a source, before cleaning.

    Metadata fields are whatever the container said (JSONL fields, feed entry,
    WARC headers); ``None`` means the source did not say. The clean stage fills
    gaps from the body itself (HTML metadata, scraper header lines).
    """

    provenance: Provenance
    content_type: ContentType
    body: str
    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    external_id: str | None = None


class LineLabel(str, Enum):
    """What the line classifier decided a line of scraped text is."""

    BODY = "body"
    HEADING = "heading"
    TITLE = "title"
    BOILERPLATE = "boilerplate"


class DropReason(str, Enum):
    """Closed set of reasons for dropping a line of scraped text (documented in README)."""

    SITE_HEADER = "site-header"  # "Title | Section | site.com" scraper header
    DUPLICATE_TITLE = "duplicate-title"  # the title again, after it was taken once
    SHARE = "share"  # "Share this", social buttons
    COOKIE = "cookie"  # cookie / consent banners
    RELATED = "related"  # "Related posts" and the headlines listed under it
    COMMENTS = "comments"  # comment section markers
    PROMO = "promo"  # headline of another story inserted between paragraphs
    NAVIGATION = "navigation"  # menus, breadcrumbs, "Read more", "Next article"
    SUBSCRIBE = "subscribe"  # newsletter / subscription / paywall prompts
    ADVERTISEMENT = "advertisement"  # "Advertisement", "Sponsored"
    BYLINE = "byline"  # "By Jane Doe", "Updated 3 hours ago": metadata, not body
    MEDIA = "media"  # image credits, captions markers, "Watch:" video stubs
    LEGAL = "legal"  # copyright, "All rights reserved", terms
    DUPLICATE = "duplicate"  # a line repeated verbatim within the same document
    NOT_MAIN_CONTENT = "not-main-content"  # HTML outside the extracted main text
    SHORT_FRAGMENT = "short-fragment"  # stray words with no sentence around them


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """A line removed by cleaning, with why. ``lineno`` is 0-based in the raw body lines."""

    lineno: int
    line: str
    reason: DropReason


@dataclass(frozen=True, slots=True)
class Span:
    """A stand-off span over ``Article.text``: ``text == article.text[start:end]``."""

    article: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Span:
        """Build a span over ``article.text`` (bounds are checked)."""
        if not 0 <= start <= end <= len(article.text):
            raise ValueError(
                f"span [{start}, {end}) out of bounds for article {article.id} "
                f"of length {len(article.text)}"
            )
        return cls(article.id, start, end, article.text[start:end])

    def to_dict(self) -> dict[str, object]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``text`` is paragraphs separated by blank lines; headings stay
    in the text as their own paragraphs and are marked by ``headings`` spans, so later
    stages can skip them without the offsets moving."""

    id: str
    provenance: Provenance
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    language: str | None
    published_inferred: bool = False
    author: str | None = None
    headings: tuple[tuple[int, int], ...] = ()
    dropped: tuple[DroppedLine, ...] = ()

    @staticmethod
    def make_id(text: str, outlet: str | None, url: str | None, title: str | None) -> str:
        """The deterministic article id: a hash of its content and identity."""
        return content_id("article/v1", outlet, url, title, text)

    def heading_spans(self) -> list[Span]:
        return [Span(self.id, s, e, self.text[s:e]) for s, e in self.headings]

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) offsets of every paragraph (headings included)."""
        out: list[tuple[int, int]] = []
        pos = 0
        for block in self.text.split("\n\n"):
            if block:
                out.append((pos, pos + len(block)))
            pos += len(block) + 2
        return out


class RejectReason(str, Enum):
    """Closed set of reasons an input could not become an article (documented in README)."""

    MISSING = "missing"  # path does not exist / glob matched nothing
    UNREADABLE = "unreadable"  # permission denied, I/O error, is a device
    EMPTY = "empty"  # zero bytes or only whitespace
    BINARY = "binary"  # not text (image, executable, ...)
    ENCODING = "encoding"  # bytes that decode under no plausible encoding
    TOO_LARGE = "too-large"  # one document above the configured size limit
    TRUNCATED = "truncated"  # truncated gzip or cut-off record
    MALFORMED_HTML = "malformed-html"
    MALFORMED_FEED = "malformed-feed"
    MALFORMED_JSONL = "malformed-jsonl"
    MALFORMED_WARC = "malformed-warc"
    UNSUPPORTED = "unsupported"  # a format newsfuse does not read
    NO_CONTENT = "no-content"  # read fine, but cleaning left no article text


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read or became no article, with why."""

    source: str
    reason: RejectReason
    message: str
    offset: int | None = None

    @property
    def key(self) -> str:
        return self.source if self.offset is None else f"{self.source}#{self.offset}"

    def one_line(self) -> str:
        where = self.source if self.offset is None else f"{self.source} (record {self.offset})"
        return f"{where}: {self.reason.value}: {self.message}"


@dataclass(frozen=True, slots=True)
class StageCount:
    """Per-stage counters and timing of a run."""

    stage: str
    items_in: int = 0
    items_out: int = 0
    seconds: float = 0.0
    counters: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RunRecord:
    """What one run did: config hash, versions, per-stage counts and timings."""

    id: str
    started: datetime
    config_hash: str
    versions: dict[str, str]
    inputs: tuple[str, ...]
    finished: datetime | None = None
    status: Literal["running", "done", "failed"] = "running"
    stages: tuple[StageCount, ...] = ()
