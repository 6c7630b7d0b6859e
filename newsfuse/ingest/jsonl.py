"""JSON Lines: one article object per line, streamed.

Field mapping (``JSONL_FIELDS``; the first key present wins)::

    RawDocument field   JSON keys
    body (html)         html, raw_html -> content_type "html"; wins over text
    body (text)         text, maintext, body, content, article_text
                                      -> content_type "text" (a list of strings is
                                         joined with blank lines); a value that is
                                         HTML markup (sniffed as a file's content
                                         is) is read as HTML
    url                 url, link
    title               title, headline
    published           published, date, published_at, publish_date, date_publish,
                        publishedAt, pubDate, datePublished
                        (ISO 8601 string, RFC 2822 string, or epoch seconds as a
                        number or digit string; epoch milliseconds are recognised;
                        naive times are taken as UTC; all results are aware UTC;
                        an unparseable date leaves ``published`` None)
    outlet              outlet, source, site, sitename, source_domain, domain,
                        hostname, publisher
                        (an object such as NewsAPI's ``{"name": ...}`` gives its name)
    author              author, authors, byline (a list of names is joined with ", ")
    language            language, lang
    external_id         id (numbers are turned into strings)

The keys of news-please (``maintext``, ``date_publish``, ``source_domain``), trafilatura,
newspaper and NewsAPI exports are among them. Other keys are ignored. Blank lines are
skipped silently. A line that is not valid JSON, is not an object, or has no body key
becomes a ``MALFORMED_JSONL`` rejection with ``offset`` = its 1-based line number, and
reading goes on with the next line. A line longer than ``ingest.max_document_bytes`` becomes
``TOO_LARGE`` without being held in memory. A line that is not UTF-8 is decoded with
the same fallbacks as text files rather than lost.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from newsfuse.config import IngestConfig
from newsfuse.ingest.decode import (
    Undecodable,
    binary_kind,
    bom_encoding,
    decode_bytes,
    normalize_newlines,
)
from newsfuse.ingest.detect import sniff_format
from newsfuse.ingest.source import GZIP_ERRORS, Source, human_size, one_line
from newsfuse.model import ContentType, Provenance, RawDocument, Rejection, RejectReason

JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "html": ("html", "raw_html"),
    "text": ("text", "maintext", "body", "content", "article_text"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publish_date", "date_publish", "publishedAt",
                  "pubDate", "datePublished"),
    "outlet": ("outlet", "source", "site", "sitename", "source_domain", "domain", "hostname", "publisher"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
    "external_id": ("id",),
}

_SKIP_CHUNK = 1024 * 1024
_EPOCH_MILLIS = 1e11  # as seconds this is the year 5138: larger values are milliseconds
_NEWLINES = (b"\n", "\n")
# Epoch seconds as a string: 9+ digits (from 1973 on); shorter digit strings are
# dates such as "20250814", left to the ISO parser.
_EPOCH_STRING = re.compile(r"[+-]?\d{9,}(?:\.\d*)?")


def _first(get: Callable[[str], Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = get(key)
        if value is not None:
            return value
    return None


def _string(value: Any) -> str | None:
    """A metadata value as a stripped string, or ``None`` when there is nothing usable."""
    if type(value) is str:
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        names = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _string(value.get("name"))
    return None


def parse_published(value: Any) -> datetime | None:
    """A publication time from a JSON value, as an aware UTC datetime (or ``None``).

    Example:
        >>> parse_published("2025-08-14T09:30:00+02:00").isoformat()
        '2025-08-14T07:30:00+00:00'
        >>> parse_published(1755156600).isoformat()
        '2025-08-14T07:30:00+00:00'
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _EPOCH_STRING.fullmatch(text):
            return parse_published(float(text))
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            from email.utils import parsedate_to_datetime  # lazy: rare path, slow import

            try:
                moment = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if abs(value) > _EPOCH_MILLIS else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _body(value: Any) -> str | None:
    """A usable body from a ``text``/``html`` value: a non-blank string."""
    if type(value) is list and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v.strip() for v in value if v.strip())
    if type(value) is str and value and not value.isspace():
        return value
    return None


def _first_body(get: Callable[[str], Any], keys: tuple[str, ...]) -> str | None:
    return next((body for body in map(_body, map(get, keys)) if body is not None), None)


def _is_html(body: str) -> bool:
    """A body given as text that is HTML markup, judged as a file's content is."""
    return body.lstrip().startswith("<") and sniff_format(body[:4096].encode("utf-8", "replace")) == "html"


def _no_body(obj: dict[str, Any], source: str, lineno: int) -> Rejection:
    """Why an object has no usable body."""
    bad = [(k, obj[k]) for k in JSONL_FIELDS["html"] + JSONL_FIELDS["text"] if obj.get(k) is not None]
    if not bad:
        keys = ", ".join(list(obj)[:8]) or "none"
        return Rejection(
            source,
            RejectReason.MALFORMED_JSONL,
            f'object has no "text" or "html" field (keys: {keys}); put the article body '
            'under "text" (plain) or "html"',
            lineno,
        )
    if all(isinstance(v, (str, list)) for _, v in bad):
        return Rejection(
            source,
            RejectReason.EMPTY,
            f'the "{bad[0][0]}" field is empty; fill it in or remove the line',
            lineno,
        )
    key, value = next((k, v) for k, v in bad if not isinstance(v, (str, list)))
    return Rejection(
        source,
        RejectReason.MALFORMED_JSONL,
        f'"{key}" must be a string, got {type(value).__name__}; store the body as a string',
        lineno,
    )


def jsonl_document(obj: dict[str, Any], source: str, lineno: int) -> RawDocument | Rejection:
    """Map one parsed JSON object to a document (see the module docstring)."""
    get = obj.get
    body = _first_body(get, JSONL_FIELDS["html"])
    kind: ContentType = "html"
    if body is None:
        body = _first_body(get, JSONL_FIELDS["text"])
        if body is None:
            return _no_body(obj, source, lineno)
        if not _is_html(body):
            kind = "text"
            body = normalize_newlines(body)
    return RawDocument(
        Provenance(source, "jsonl", lineno),
        kind,
        body,
        url=_string(_first(get, JSONL_FIELDS["url"])),
        title=_string(_first(get, JSONL_FIELDS["title"])),
        published=parse_published(_first(get, JSONL_FIELDS["published"])),
        outlet=_string(_first(get, JSONL_FIELDS["outlet"])),
        author=_string(_first(get, JSONL_FIELDS["author"])),
        language=_string(_first(get, JSONL_FIELDS["language"])),
        external_id=_string(_first(get, JSONL_FIELDS["external_id"])),
    )


def _parse_bad_line(line: bytes | str, error: Exception) -> Any | str:
    """Second chance for a line the fast path refused: the value, or why it is bad."""
    if isinstance(line, bytes) and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]  # a UTF-8 BOM before the first line
        try:
            return json.loads(line)
        except (ValueError, RecursionError) as exc:
            error = exc
    if isinstance(error, UnicodeDecodeError) and isinstance(line, bytes):
        text = decode_bytes(line)
        if isinstance(text, Undecodable):
            return "line is not UTF-8 text; JSON Lines files must be UTF-8: re-save as UTF-8"
        try:
            return json.loads(text)
        except (ValueError, RecursionError) as exc:
            error = exc
    if isinstance(error, json.JSONDecodeError):
        return (
            f"line is not valid JSON ({error.msg} at column {error.colno}); fix or remove the line"
        )
    return f"line is not valid JSON ({one_line(error)}); fix or remove the line"


def _lines(source: Source) -> IO[Any]:
    """A stream to read lines from: bytes, or text for UTF-16/32 files."""
    stream = source.stream()
    bom = bom_encoding(source.head)
    if bom is not None and not bom[0].startswith("utf-8"):
        # Splitting UTF-16 bytes at b"\n" would cut characters in half; decode first.
        return io.TextIOWrapper(stream, encoding=bom[0][:6], errors="replace", newline="")
    return stream


def _is_document(head: bytes) -> bool:
    """Is this file one JSON document rather than JSON Lines: an array (``[{...}, ...]``,
    as scrapers export) or one object spread over several lines?"""
    bom = bom_encoding(head)
    start = (head[bom[1]:].decode(bom[0], "ignore").encode() if bom else head).lstrip()
    if start.startswith(b"["):
        return True
    if start.startswith(b"{"):
        first, newline, _ = start.partition(b"\n")
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            return bool(newline)  # a first line that is not a whole value
    return False


def read_json_document(source: Source, config: IngestConfig) -> Iterator[RawDocument | Rejection] | None:
    """The articles of a file holding one JSON document: each object of a top-level
    array (``offset`` = its 1-based position), or the one top-level object. ``None``
    when the file does not parse as one document, so that it is read as JSON Lines
    (whose per-line rejections say where it breaks)."""
    data = source.read_all(config.max_file_bytes)
    if isinstance(data, Rejection):
        return iter([data])
    text = decode_bytes(data)  # byte-order marks honoured, as for text files
    try:
        value = None if isinstance(text, Undecodable) else json.loads(text)
    except (ValueError, RecursionError) as exc:
        if not data.lstrip().startswith(b"["):
            return None
        where = f"{exc.msg} at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) \
            else one_line(exc)
        return iter([source.reject(RejectReason.MALFORMED_JSONL,
                                   f"not valid JSON ({where}); fix the file or export it again")])
    if isinstance(value, dict):
        return iter([jsonl_document(value, source.name, 1)])
    if not isinstance(value, list):
        return None
    if not value:
        return iter([source.reject(RejectReason.EMPTY, "the JSON array holds no articles; remove the file")])
    return (jsonl_document(item, source.name, n) if type(item) is dict else
            Rejection(source.name, RejectReason.MALFORMED_JSONL,
                      f"array element {n} is a JSON {type(item).__name__}, not an article object", n)
            for n, item in enumerate(value, 1))


def read_jsonl(source: Source, config: IngestConfig) -> Iterator[RawDocument | Rejection]:
    """Stream the documents of a JSON Lines file (optionally gzip-compressed).

    Memory stays bounded by the longest accepted line, whatever the file size.
    A truncated gzip keeps every line read before the cut and ends with one
    ``TRUNCATED`` rejection. A file that is one JSON document instead (an array of
    article objects, or one object over several lines) is read whole
    (:func:`read_json_document`, up to ``ingest.max_file_bytes``).
    """
    if bom_encoding(source.head) is None:
        kind = binary_kind(source.head[:8192])
        if kind is not None:
            yield source.reject(
                RejectReason.BINARY,
                f"looks like {kind}, not JSON Lines; check that this is the file you meant",
            )
            return
    if _is_document(source.head):
        documents = read_json_document(source, config)
        if documents is not None:
            yield from documents
            return
    limit = config.max_document_bytes
    name = source.name
    # JSONDecoder.decode on a str skips json.loads's type checks and encoding
    # sniffing, a measurable share of the per-line cost; the rare lines that are
    # not plain UTF-8 fail here and get a second chance in _parse_bad_line.
    decode = json.JSONDecoder().decode
    lineno = blank = 0
    try:
        stream = _lines(source)
        is_text = isinstance(stream, io.TextIOBase)
        readline = stream.readline
        while True:
            line = readline(limit + 1)
            if not line:
                break
            lineno += 1
            if len(line) > limit and line[-1:] not in _NEWLINES:
                # Skip the rest of the line in bounded chunks rather than loading it.
                while (part := readline(_SKIP_CHUNK)) and part[-1:] not in _NEWLINES:
                    pass
                yield Rejection(
                    name,
                    RejectReason.TOO_LARGE,
                    f"line is over ingest.max_document_bytes = {human_size(limit)}; "
                    "raise the limit in newsfuse.toml or split the record",
                    lineno,
                )
                continue
            try:
                obj = decode(line if is_text else line.decode())
            # JSONDecodeError, UnicodeDecodeError, or RecursionError on absurd nesting.
            except (ValueError, RecursionError) as exc:
                if not line.strip():
                    blank += 1  # a blank line is layout, not data
                    continue
                obj = _parse_bad_line(line, exc)
                if isinstance(obj, str):
                    yield Rejection(name, RejectReason.MALFORMED_JSONL, obj, lineno)
                    continue
            if type(obj) is not dict:
                yield Rejection(
                    name,
                    RejectReason.MALFORMED_JSONL,
                    f"line is a JSON {type(obj).__name__}, not an object; write one "
                    "article object per line",
                    lineno,
                )
                continue
            yield jsonl_document(obj, name, lineno)
    except GZIP_ERRORS as exc:
        yield Rejection(
            name,
            RejectReason.TRUNCATED,
            f"gzip data is cut off or corrupt after line {lineno} ({one_line(exc)}); the "
            "lines before were kept; re-download the file or compress it again",
            lineno + 1,
        )
        return
    except OSError as exc:
        yield Rejection(
            name,
            RejectReason.UNREADABLE,
            f"read error after line {lineno} ({exc.strerror or exc}); the lines before "
            "were kept; check the disk",
            lineno + 1,
        )
        return
    if lineno == blank:
        yield source.reject(
            RejectReason.EMPTY,
            "file holds no JSON lines, only whitespace; remove it or re-export it",
        )
