"""The ingest stage: read sources into :class:`~newsfuse.model.RawDocument` records.

Ingest only reads and decodes; extracting the article from HTML is the clean stage's
job. It never raises for bad data: every input that cannot become a document is a
:class:`~newsfuse.model.Rejection` with a reason from a closed set and a one-line
message that names the problem and the fix.

Formats (one module each): plain text (``text``), HTML (``html``), JSON Lines
(``jsonl``, see :data:`JSONL_FIELDS`), RSS/Atom (``feeds``) and WARC (``warc``); any
of them may be gzip-compressed. Which one a file is comes from its extension, else
from its first bytes (:func:`detect_format`).

Example:
    >>> from newsfuse.ingest import read_sources
    >>> for item in read_sources(["examples/seeds"]):  # doctest: +SKIP
    ...     print(item.provenance.key if hasattr(item, "provenance") else item.one_line())
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsfuse.config import IngestConfig
from newsfuse.ingest.decode import binary_kind
from newsfuse.ingest.detect import detect_format, format_from_name, sniff_format
from newsfuse.ingest.feeds import read_feed
from newsfuse.ingest.html import read_html
from newsfuse.ingest.jsonl import JSONL_FIELDS, read_jsonl
from newsfuse.ingest.paths import expand_paths
from newsfuse.ingest.source import Source, one_line, open_source
from newsfuse.ingest.text import read_text
from newsfuse.ingest.warc import read_warc
from newsfuse.model import RawDocument, Rejection, RejectReason, SourceFormat

__all__ = [
    "JSONL_FIELDS",
    "detect_format",
    "expand_paths",
    "read_file",
    "read_sources",
]

logger = logging.getLogger(__name__)

_DEFAULT = IngestConfig()

Reader = Callable[[Source, IngestConfig], Iterator[RawDocument | Rejection]]
_READERS: dict[SourceFormat, Reader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "warc": read_warc,
}
# What an unexpected failure inside a reader is reported as.
_FAILURE: dict[SourceFormat, RejectReason] = {
    "text": RejectReason.UNREADABLE,
    "html": RejectReason.MALFORMED_HTML,
    "jsonl": RejectReason.MALFORMED_JSONL,
    "feed": RejectReason.MALFORMED_FEED,
    "warc": RejectReason.MALFORMED_WARC,
}


def _unknown(source: Source) -> Rejection:
    kind = binary_kind(source.head[:8192])
    if kind is not None:
        return source.reject(
            RejectReason.BINARY,
            f"looks like {kind}, not a document; ingest reads text, HTML, JSON Lines, "
            "RSS/Atom and WARC files",
        )
    suffix = "".join(source.path.suffixes) or "no extension"
    return source.reject(
        RejectReason.UNSUPPORTED,
        f"unknown file type ({suffix}, content not recognised); rename it to .txt, "
        ".html, .jsonl, .rss/.atom or .warc if it is one of those",
    )


def read_file(
    path: str | os.PathLike[str], config: IngestConfig = _DEFAULT
) -> Iterator[RawDocument | Rejection]:
    """Read one file into its documents, streaming.

    A text or HTML file gives one document; a JSON Lines file, feed or WARC gives
    one per record. Nothing is raised for bad data: problems become rejections,
    and documents read before a problem in a container file are kept.

    Args:
        path: the file.
        config: size limits and extension lists.

    Yields:
        :class:`RawDocument` and :class:`Rejection` items, in file order.
    """
    path = Path(path)
    opened = open_source(path)
    if isinstance(opened, Rejection):
        yield opened
        return
    with opened.fh:
        fmt = format_from_name(path, config) or sniff_format(opened.head)
        if fmt is None:
            yield _unknown(opened)
            return
        try:
            yield from _READERS[fmt](opened, config)
        except Exception as exc:
            logger.warning("ingest: unexpected error reading %s", path, exc_info=True)
            yield opened.reject(
                _FAILURE[fmt],
                f"unexpected {type(exc).__name__} while reading ({one_line(exc, 120)}); "
                "please report this as a newsfuse bug, with the file",
            )


def read_sources(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    config: IngestConfig = _DEFAULT,
) -> Iterator[RawDocument | Rejection]:
    """Read everything the user named: :func:`expand_paths`, then :func:`read_file`.

    Args:
        paths: files, directories and glob patterns, in order.
        config: the ingest settings.

    Yields:
        Documents and rejections, in a deterministic order.
    """
    for item in expand_paths(paths, config):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_file(item, config)
