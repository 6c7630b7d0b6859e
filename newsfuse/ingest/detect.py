"""Which reader a file needs: by its name first, then by its first bytes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from newsfuse.config import IngestConfig
from newsfuse.ingest.decode import binary_kind, bom_encoding
from newsfuse.ingest.source import GZIP_MAGIC, gunzip_prefix
from newsfuse.model import SourceFormat

_DEFAULT = IngestConfig()
_SNIFF_BYTES = 4096
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html)[\s>]")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_TAG = re.compile(rb"<(?:head|body|meta|title|div|p|article|script|link|!--)[\s>/]")
_ARRAY_OF_OBJECTS = re.compile(rb"\[\s*\{")


def format_from_name(path: Path, config: IngestConfig = _DEFAULT) -> SourceFormat | None:
    """The format the file name claims (``x.html.gz`` claims ``html``), if any."""
    name = path.name.lower()
    name = name.removesuffix(".gz")
    suffix = os.path.splitext(name)[1]
    if not suffix:
        return None
    if suffix in config.text_extensions:
        return "text"
    if suffix in config.html_extensions:
        return "html"
    if suffix in config.jsonl_extensions:
        return "jsonl"
    if suffix in config.feed_extensions:
        return "feed"
    if suffix in config.warc_extensions:
        return "warc"
    return None


def _first_line_is_object(head: bytes) -> bool | None:
    """Does the first line parse as a JSON object? ``None`` if the line is not complete."""
    line, newline, _ = head.partition(b"\n")
    if not newline and len(head) >= _SNIFF_BYTES:
        return None
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def sniff_format(head: bytes) -> SourceFormat | None:
    """The format of decompressed content, judged from its first bytes.

    Returns ``None`` for binary or unrecognised content (a pretty-printed JSON
    document, XML that is not a feed).
    """
    bom = bom_encoding(head)
    if bom is not None:
        encoding, skip = bom
        # Sniff on a UTF-8 copy so that one set of byte patterns serves every encoding.
        head = head[skip:].decode(encoding, "ignore").encode("utf-8")
    start = head[:_SNIFF_BYTES].lstrip()
    if start.startswith(b"WARC/"):
        return "warc"
    if _ARRAY_OF_OBJECTS.match(start):
        return "jsonl"  # one JSON document holding an array of article objects
    if start.startswith(b"{"):
        is_object = _first_line_is_object(start)
        if is_object is None:
            return "jsonl" if start.startswith(b'{"') else None
        return "jsonl" if is_object else None
    if start.startswith(b"<"):
        lower = start.lower()
        if _HTML_START.match(lower):
            return "html"
        if _FEED_ROOT.search(lower):
            return "feed"
        if _HTML_TAG.search(lower):
            return "html"
        if lower.startswith(b"<?xml"):
            return None  # XML, but neither a feed nor XHTML
    if binary_kind(head[:_SNIFF_BYTES]) is not None:
        return None
    return "text"


def detect_format(path: Path, head: bytes, config: IngestConfig = _DEFAULT) -> SourceFormat | None:
    """The format of a file: by extension (``.gz`` looked through), then by content.

    Args:
        path: the file's path; only its name is used.
        head: the first bytes of the file, raw (gzip is recognised and looked into).
        config: which extensions mean which format.

    Returns:
        ``"text"``, ``"html"``, ``"jsonl"``, ``"feed"`` or ``"warc"``; ``None`` when
        neither the name nor the content says (binary data, unknown XML).

    Example:
        >>> detect_format(Path("x.warc.gz"), b"")
        'warc'
        >>> detect_format(Path("noext"), b'{"text": "hi"}\\n')
        'jsonl'
    """
    claimed = format_from_name(Path(path), config)
    if claimed is not None:
        return claimed
    if head.startswith(GZIP_MAGIC):
        head = gunzip_prefix(head)
    return sniff_format(head)
