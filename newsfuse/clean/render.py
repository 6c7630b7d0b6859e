"""Render an HTML page to the visible text lines a scraper would save.

A browser-based scraper that "selects all and copies" a page gets one line per
block element and nothing from scripts, styles or hidden elements. The text path of
the clean stage is evaluated on exactly that rendering, so it lives here, small and
dependency-light (lxml only).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

# Elements whose content a reader never sees.
_INVISIBLE = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link",
        "svg", "canvas", "iframe", "object", "embed", "select", "datalist", "map",
    }
)  # fmt: skip

# Elements that start a new line (HTML block and flow-breaking elements).
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol",
        "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul", "button", "label", "input", "textarea",
    }
)  # fmt: skip

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"\s+")


def _is_hidden(element: etree._Element) -> bool:
    """Hidden by attribute or inline style (what a renderer would not paint)."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def parse_html(html: str) -> etree._Element:
    """Parse a page leniently; raises ``ValueError`` when nothing parseable is left.

    Raises:
        ValueError: the input is empty or lxml cannot build a document from it.
    """
    if not html or not html.strip():
        raise ValueError("empty HTML document")
    # lxml refuses str input that carries an XML encoding declaration; bytes are fine.
    source: str | bytes = html
    if html.lstrip()[:5].lower() == "<?xml":
        source = html.encode("utf-8", "surrogatepass")
    try:
        root = lxml_html.document_fromstring(source)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ValueError(f"unparseable HTML: {exc}") from None
    if root is None:
        raise ValueError("unparseable HTML: no root element")
    return root


def visible_lines_of(root: etree._Element) -> list[str]:
    """The visible lines of an already-parsed page (see :func:`visible_lines`)."""
    parts: list[str | None] = []  # None marks a block boundary
    # An explicit stack instead of etree.iterwalk: iterwalk skips comment nodes and
    # with them their tails, which are visible text ("a<!-- -->b").
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag
        if closing:
            if isinstance(tag, str) and tag.lower() in _BLOCK:
                parts.append(None)
            if element.tail and element is not root:
                parts.append(element.tail)
            continue
        if not isinstance(tag, str) or tag.lower() in _INVISIBLE or _is_hidden(element):
            if element.tail and element is not root:
                parts.append(element.tail)
            continue
        if tag.lower() in _BLOCK:
            parts.append(None)
        if element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    lines: list[str] = []
    current: list[str] = []
    for part in [*parts, None]:
        if part is not None:
            current.append(part)
            continue
        # Newlines in the source are whitespace like any other, as in a browser.
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current = []
    return lines


def visible_lines(html: str) -> list[str]:
    """Render an HTML page to the visible text lines a scraper would save.

    One line per block element (``p``, ``div``, ``li``, ``h1``-``h6``, ``td``, ``br``,
    ...); scripts, styles, ``noscript``, ``template``, ``head`` and hidden elements
    are removed; whitespace is collapsed and empty lines are dropped. Unparseable
    input gives an empty list (the clean stage reports it as a rejection instead).

    Example:
        >>> visible_lines("<p>Hello <b>world</b></p><script>x()</script><p>Bye</p>")
        ['Hello world', 'Bye']
    """
    try:
        root = parse_html(html)
    except ValueError:
        return []
    return visible_lines_of(root)
