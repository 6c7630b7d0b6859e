"""HTML files: decode honouring what the page says about its encoding.

Ingest does not parse or extract anything here (the clean stage runs trafilatura);
it only turns bytes into the right string. Broken markup is passed on as it is,
because lxml is lenient and the clean stage decides what is usable; content that is
not text at all (an image named ``.html``) is rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsfuse.config import IngestConfig
from newsfuse.ingest.decode import Undecodable, bom_encoding, decode_bytes, normalize_charset
from newsfuse.ingest.source import Source
from newsfuse.ingest.text import read_decoded
from newsfuse.model import Provenance, RawDocument, Rejection

# Browsers look for the charset in the first 1024 bytes; real pages put long
# comments or scripts first often enough that a wider window pays off.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.+-]+)""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""", re.IGNORECASE)


def charset_from_content_type(content_type: str | None) -> str | None:
    """``'text/html; charset=ISO-8859-1'`` -> ``'ISO-8859-1'``."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` or its XML declaration, if any."""
    head = data[:_PRESCAN_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "ignore")
    # A page that is readable as ASCII cannot be UTF-16; the HTML standard says a
    # declared UTF-16 then means UTF-8.
    if label.lower().startswith("utf-16"):
        return "utf-8"
    return label


def decode_html(data: bytes, http_charset: str | None = None) -> str | Undecodable:
    """Decode an HTML page: BOM, then HTTP charset, then ``<meta>``, then a guess.

    Args:
        data: the page bytes.
        http_charset: the charset of the HTTP ``Content-Type`` header, if any.
    """
    declared = None
    if bom_encoding(data) is None:
        # The transport's charset outranks the page's own claim (as in browsers),
        # unless the transport names a charset Python does not know.
        declared = http_charset if normalize_charset(http_charset) else declared_charset(data)
    return decode_bytes(data, declared)


def read_html(source: Source, config: IngestConfig) -> Iterator[RawDocument | Rejection]:
    """Read one HTML file as one document with ``content_type="html"``."""
    html = read_decoded(source, config, decode_html)
    if isinstance(html, Rejection):
        yield html
        return
    yield RawDocument(Provenance(source.name, "html"), "html", html)
