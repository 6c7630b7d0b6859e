"""Turn kept paragraphs and metadata into an :class:`Article` (or a NO_CONTENT rejection).

Shared by the plain-text and HTML paths, so both build text, heading offsets, ids
and language the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsfuse.clean.meta import detect_language
from newsfuse.config import CleanConfig
from newsfuse.model import Article, DroppedLine, RawDocument, Rejection, RejectReason

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about the article besides its text."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    published_inferred: bool = False
    author: str | None = None


def no_content(raw: RawDocument, message: str) -> Rejection:
    return Rejection(
        source=raw.provenance.source,
        offset=raw.provenance.offset,
        reason=RejectReason.NO_CONTENT,
        message=message,
    )


def build_article(
    raw: RawDocument,
    paragraphs: Sequence[tuple[str, bool]],
    dropped: Sequence[DroppedLine],
    meta: Metadata,
    config: CleanConfig,
) -> Article | Rejection:
    """Join kept paragraphs into the article text and attach everything else.

    Args:
        raw: the input document (provenance, language if the source said it).
        paragraphs: ``(text, is_heading)`` in reading order; texts are stripped.
        dropped: the dropped lines, in order.
        meta: title, outlet, URL, date, author.
        config: the clean configuration (language detection, minimum length).

    Returns:
        The article, or a NO_CONTENT rejection when fewer than
        ``config.min_article_chars`` characters of text are left.
    """
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for text, is_heading in paragraphs:
        if not text:
            continue
        if parts:
            pos += len(PARAGRAPH_SEPARATOR)
        if is_heading:
            headings.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    text = PARAGRAPH_SEPARATOR.join(parts)
    if not text.strip() or len(text) < max(1, config.min_article_chars):
        kinds = sorted({d.reason.value for d in dropped})
        detail = f" (dropped {len(dropped)} lines: {', '.join(kinds)})" if dropped else ""
        return no_content(raw, f"no article text left after cleaning{detail}")
    language = raw.language
    if language is None and config.detect_language:
        language = detect_language(text)
    return Article(
        id=Article.make_id(text, meta.outlet, meta.url, meta.title),
        provenance=raw.provenance,
        text=text,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=meta.published,
        language=language,
        published_inferred=meta.published_inferred,
        author=meta.author,
        headings=tuple(headings),
        dropped=tuple(dropped),
    )
