"""Plain-text files: one document per file, the whole decoded text as its body.

Scraper output puts a title or a site header on the first lines; the clean stage
reads those, so the body is passed on whole (newlines normalised to ``\\n``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newsfuse.config import IngestConfig
from newsfuse.ingest.decode import Undecodable, decode_bytes, normalize_newlines
from newsfuse.ingest.source import Source
from newsfuse.model import Provenance, RawDocument, Rejection, RejectReason


def read_text(source: Source, config: IngestConfig) -> Iterator[RawDocument | Rejection]:
    """Read one plain-text file as one document.

    Yields:
        One :class:`RawDocument` with ``content_type="text"``, or one rejection
        (``TOO_LARGE``, ``EMPTY``, ``BINARY``, ``ENCODING``, ``TRUNCATED``, ``UNREADABLE``).
    """
    text = read_decoded(source, config, decode_bytes)
    if isinstance(text, Rejection):
        yield text
        return
    yield RawDocument(Provenance(source.name, "text"), "text", normalize_newlines(text))


def read_decoded(source: Source, config: IngestConfig,
                 decode: Callable[[bytes], str | Undecodable]) -> str | Rejection:
    """The whole file as text by ``decode``, or why not: too large or unreadable,
    undecodable, or nothing but whitespace (what every one-document format checks)."""
    data = source.read_all(config.max_file_bytes)
    if isinstance(data, Rejection):
        return data
    text = decode(data)
    if isinstance(text, Undecodable):
        return source.reject(text.reason, text.message)
    if not text or text.isspace():
        return source.reject(RejectReason.EMPTY, "file holds only whitespace; remove it or re-export it")
    return text
