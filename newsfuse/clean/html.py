"""Clean an HTML page: trafilatura finds the main text, the line classifier polishes it.

What is dropped is recorded like for plain text: every visible line of the page that
is not part of the extracted main text is a NOT_MAIN_CONTENT line (its ``lineno`` is
its index in :func:`~newsfuse.clean.render.visible_lines`), and lines of the main
text that the classifier rejects (promos, share bars trafilatura kept) carry their
own reason.
"""

from __future__ import annotations

from typing import Any

from newsfuse.clean.assemble import Metadata, build_article
from newsfuse.clean.lines import matches_title, title_key_of, analyse
from newsfuse.clean.meta import host_of, parse_date
from newsfuse.clean.render import parse_html, visible_lines_of
from newsfuse.config import CleanConfig
from newsfuse.errors import ConfigError
from newsfuse.model import (
    Article,
    DropReason,
    DroppedLine,
    LineLabel,
    RawDocument,
    Rejection,
    RejectReason,
)

MAX_DROPPED_CHARS = 300  # a dropped page line is evidence, not content: keep it short

# trafilatura options per CleanConfig.html_mode. "fast" is trafilatura's own name for
# what older releases called no_fallback=True (skip the readability/jusText fallbacks).
MODES: dict[str, dict[str, Any]] = {
    "standard": {},
    "fast": {"fast": True},
    "precision": {"favor_precision": True},
}


def _extract(html: str, url: str | None, mode: str) -> Any:
    """Run trafilatura; returns its Document or ``None``. Imported lazily (heavy)."""
    if mode not in MODES:
        raise ConfigError(
            f"clean.html_mode: unknown mode {mode!r}; use one of {', '.join(MODES)}"
        )
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        **MODES[mode],
    )


def _malformed(raw: RawDocument, message: str) -> Rejection:
    return Rejection(
        source=raw.provenance.source,
        offset=raw.provenance.offset,
        reason=RejectReason.MALFORMED_HTML,
        message=message,
    )


def clean_html(raw: RawDocument, config: CleanConfig) -> Article | Rejection:
    """Clean an HTML page (see the module docstring for what is recorded)."""
    try:
        root = parse_html(raw.body)
    except ValueError as exc:
        return _malformed(raw, f"{exc}; check that the file really is an HTML page")
    page = visible_lines_of(root)
    try:
        doc = _extract(raw.body, raw.url, config.html_mode)
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - trafilatura's failures are input problems
        return _malformed(raw, f"trafilatura could not process the page ({type(exc).__name__})")
    extracted = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = raw.title or _clean(getattr(doc, "title", None))

    if extracted:
        lines = [line.strip() for line in extracted.split("\n")]
        analysis = analyse(lines, title=title, main_block=False)
    else:
        # trafilatura found no main text (tiny or unusual page): fall back to the
        # scraped-text classifier over the page's visible lines.
        lines = page
        analysis = analyse(lines, title=title, main_block=True)
    title = title or analysis.title
    positions = _positions(lines, page) if extracted else list(range(len(lines)))

    marked = _marked_headings(doc) if extracted else set()
    paragraphs: list[tuple[str, bool]] = []
    dropped: list[DroppedLine] = []
    for line, decision, lineno in zip(lines, analysis.decisions, positions, strict=True):
        if not line:
            continue
        if decision.label in (LineLabel.BODY, LineLabel.HEADING):
            paragraphs.append((line, decision.label is LineLabel.HEADING or line in marked))
        elif decision.reason is not None:
            dropped.append(DroppedLine(lineno, line[:MAX_DROPPED_CHARS], decision.reason))
    if extracted:
        dropped.extend(_outside_main(page, lines, title))
        dropped.sort(key=lambda d: d.lineno)

    meta = Metadata(
        title=title,
        outlet=raw.outlet
        or _clean(getattr(doc, "sitename", None))
        or _clean(getattr(doc, "hostname", None))
        or host_of(raw.url)
        or analysis.outlet,
        url=raw.url or _clean(getattr(doc, "url", None)),
        published=raw.published or parse_date(_clean(getattr(doc, "date", None))),
        author=raw.author or _clean(getattr(doc, "author", None)),
    )
    return build_article(raw, paragraphs, dropped, meta, config)


def _clean(value: object) -> str | None:
    text = str(value).strip() if value else ""
    return text or None


def _marked_headings(doc: Any) -> set[str]:
    """Texts the page itself marks as headings (trafilatura keeps h1-h6 as ``<head>``)."""
    body = getattr(doc, "body", None)
    if body is None:
        return set()
    out = set()
    for element in body.iter("head"):
        text = " ".join("".join(element.itertext()).split())
        if text:
            out.add(text)
    return out


def _positions(lines: list[str], page: list[str]) -> list[int]:
    """Index in the page lines of each extracted line (or of the last one located)."""
    where: dict[str, list[int]] = {}
    for n, line in enumerate(page):
        where.setdefault(line, []).append(n)
    out: list[int] = []
    cursor = 0
    for line in lines:
        for n in where.get(line, ()):
            if n >= cursor:
                cursor = n
                break
        out.append(cursor)
    return out


def _outside_main(page: list[str], lines: list[str], title: str | None) -> list[DroppedLine]:
    """Page lines that are not part of the extracted main text."""
    kept = set(lines)
    joined = "\n".join(lines)
    title_key = title_key_of(title)
    title_seen = False
    out: list[DroppedLine] = []
    for n, line in enumerate(page):
        if line in kept or (len(line) >= 20 and line in joined):
            continue
        if title_key and matches_title(" ".join(line.casefold().split()), title_key):
            if title_seen:
                out.append(DroppedLine(n, line[:MAX_DROPPED_CHARS], DropReason.DUPLICATE_TITLE))
            title_seen = True  # the first occurrence is Article.title, not a dropped line
            continue
        out.append(DroppedLine(n, line[:MAX_DROPPED_CHARS], DropReason.NOT_MAIN_CONTENT))
    return out
