"""Plain-text files: one document per file, the whole decoded text as its body.

Scraper output puts a title or a site header on the first lines; the clean stage
reads those, so the body is passed on whole (newlines normalised to ``\\n``).
"""

from __future__ import annotations

from collections.abc import Iterator

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
    data = source.read_all(config.max_file_bytes)
    if isinstance(data, Rejection):
        yield data
        return
    text = decode_bytes(data)
    if isinstance(text, Undecodable):
        yield source.reject(text.reason, text.message)
        return
    if not text or text.isspace():
        yield source.reject(
            RejectReason.EMPTY, "file holds only whitespace; remove it or re-export it"
        )
        return
    yield RawDocument(Provenance(source.name, "text"), "text", normalize_newlines(text))
