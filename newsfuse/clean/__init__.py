"""The clean stage: one raw document in, one article (or a rejection) out.

A pure, deterministic function of one document: no store, no I/O. Plain text goes
through the line classifier (:mod:`newsfuse.clean.lines`); HTML through trafilatura
and then the same classifier. Every discarded line is kept in ``Article.dropped``
with a :class:`~newsfuse.model.DropReason`.

Public API:
    clean(raw, config) -> Article | Rejection
    classify_lines(lines, title=None) -> list[LineDecision]
    visible_lines(html) -> list[str]
"""

from __future__ import annotations

from newsfuse.clean.lines import LineDecision, classify_lines
from newsfuse.clean.render import visible_lines
from newsfuse.config import CleanConfig
from newsfuse.model import Article, RawDocument, Rejection, RejectReason

__all__ = ["LineDecision", "classify_lines", "clean", "visible_lines"]

_DEFAULT = CleanConfig()


def clean(raw: RawDocument, config: CleanConfig = _DEFAULT) -> Article | Rejection:
    """Clean one raw document into an article, or say why it is none.

    Args:
        raw: the document as read by ingest (``content_type`` "text" or "html").
        config: the ``[clean]`` configuration.

    Returns:
        An :class:`~newsfuse.model.Article` whose ``text`` is the kept paragraphs
        joined by blank lines, or a :class:`~newsfuse.model.Rejection`:
        NO_CONTENT when nothing is left, MALFORMED_HTML when the page cannot be
        parsed. Bad content never raises.

    Example:
        >>> from newsfuse.model import Provenance
        >>> raw = RawDocument(Provenance("a.txt", "text"), "text",
        ...                   "Share this\\nThe council met on Monday and approved the budget.")
        >>> article = clean(raw, CleanConfig(detect_language=False))
        >>> article.text, [d.reason.value for d in article.dropped]
        ('The council met on Monday and approved the budget.', ['share'])
    """
    if raw.content_type == "html":
        from newsfuse.clean.html import clean_html

        return clean_html(raw, config)
    if raw.content_type != "text":
        return Rejection(
            source=raw.provenance.source,
            offset=raw.provenance.offset,
            reason=RejectReason.UNSUPPORTED,
            message=f"content type {raw.content_type!r} cannot be cleaned; expected 'text' or 'html'",
        )
    from newsfuse.clean.text import clean_text

    return clean_text(raw, config)
