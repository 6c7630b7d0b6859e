"""Clean a plain-text (scraped) article: classify its lines, keep body and headings."""

from __future__ import annotations

from newsfuse.clean.assemble import Metadata, build_article
from newsfuse.clean.blocks import logical_lines
from newsfuse.clean.lines import analyse
from newsfuse.clean.meta import byline_author, host_of, parse_date
from newsfuse.config import CleanConfig
from newsfuse.model import (
    Article,
    DropReason,
    DroppedLine,
    LineLabel,
    RawDocument,
    Rejection,
)


def clean_text(raw: RawDocument, config: CleanConfig) -> Article | Rejection:
    """Clean a scraped plain-text article.

    Every non-blank line ends up in exactly one place: the article text (body or
    heading), ``Article.title`` (the first title line), or ``Article.dropped`` with
    its reason. Metadata comes from ``raw`` first, then from what the lines say
    (scraper header host, byline, dateline).
    """
    units = logical_lines(raw.body)
    analysis = analyse([u.text for u in units], title=raw.title)
    paragraphs: list[tuple[str, bool]] = []
    dropped: list[DroppedLine] = []
    author = raw.author
    published = raw.published
    inferred = False
    for unit, decision in zip(units, analysis.decisions, strict=True):
        if not unit.text:
            continue
        if decision.label is LineLabel.BODY:
            paragraphs.append((unit.text, False))
        elif decision.label is LineLabel.HEADING:
            paragraphs.append((unit.text, True))
        elif decision.reason is not None:
            dropped.append(DroppedLine(unit.lineno, unit.text, decision.reason))
            if decision.reason is DropReason.BYLINE:
                author = author or byline_author(unit.text)
                if published is None:
                    published = parse_date(unit.text)
                    inferred = published is not None
    meta = Metadata(
        title=raw.title or analysis.title,
        outlet=raw.outlet or analysis.outlet or host_of(raw.url),
        url=raw.url,
        published=published,
        published_inferred=inferred,
        author=author,
    )
    return build_article(raw, paragraphs, dropped, meta, config)
