"""WARC and WARC.gz web archives, read with warcio: one document per HTML page.

Records that become documents (``offset`` = the record's byte offset in the file,
as ``ArchiveIterator.get_record_offset()`` gives it):

* ``response`` records with a 2xx HTTP status and an HTML ``Content-Type``;
* ``resource`` records whose ``Content-Type`` is HTML;
* ``conversion`` records of ``text/plain`` (Common Crawl WET files) as text.

``url`` is ``WARC-Target-URI`` and ``external_id`` is ``WARC-Record-ID``.
``published`` stays ``None``: ``WARC-Date`` is when the page was crawled, not when
it was published. The HTTP payload is de-chunked and decompressed by warcio, then
decoded with the HTTP charset, the page's ``<meta>`` charset, or a guess.

Everything else (requests, metadata, images, redirects, error pages, revisits) is
not an article and is skipped without a rejection. A record cut off before its
declared length is ``TRUNCATED``; a record whose headers cannot be parsed is
``MALFORMED_WARC`` and ends the file, since warcio cannot resynchronise after it.
Records read before either problem are kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from newsfuse.config import IngestConfig
from newsfuse.ingest.decode import Undecodable, decode_bytes, normalize_newlines
from newsfuse.ingest.html import charset_from_content_type, decode_html
from newsfuse.ingest.source import Source, human_size, one_line
from newsfuse.model import ContentType, Provenance, RawDocument, Rejection, RejectReason

_TAIL_BYTES = 64 * 1024


def _wanted(record: Any) -> tuple[ContentType, str | None] | None:
    """``(content_type, charset)`` if ``record`` holds an article page, else ``None``."""
    kind = record.rec_type
    if kind == "response":
        http = record.http_headers
        if http is None or not (http.get_statuscode() or "").startswith("2"):
            return None
        declared = http.get_header("Content-Type") or ""
        if "html" in declared.lower():
            return "html", charset_from_content_type(declared)
        return None
    declared = record.rec_headers.get_header("Content-Type") or ""
    if kind == "resource" and "html" in declared.lower():
        return "html", charset_from_content_type(declared)
    if kind == "conversion" and declared.lower().startswith("text/plain"):
        return "text", charset_from_content_type(declared)
    return None


def _record_document(
    record: Any, offset: int, source: Source, wanted: tuple[ContentType, str | None], limit: int
) -> RawDocument | Rejection:
    """The document in a wanted record, or why there is none."""
    content_type, charset = wanted
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return source.reject(
            RejectReason.TOO_LARGE,
            f"record payload is over ingest.max_document_bytes = {human_size(limit)}; "
            "raise the limit in newsfuse.toml",
            offset,
        )
    body = (
        decode_html(payload, charset) if content_type == "html" else decode_bytes(payload, charset)
    )
    if isinstance(body, Undecodable):
        return source.reject(body.reason, body.message, offset)
    if not body or body.isspace():
        return source.reject(RejectReason.EMPTY, "the page in this record is empty", offset)
    if content_type == "text":
        body = normalize_newlines(body)
    headers = record.rec_headers
    return RawDocument(
        Provenance(source.name, "warc", offset),
        content_type,
        body,
        url=headers.get_header("WARC-Target-URI") or None,
        external_id=headers.get_header("WARC-Record-ID") or None,
    )


def _cut_off(record: Any) -> bool:
    """Did the file end before the record's declared ``Content-Length``?"""
    return getattr(record.raw_stream, "limit", 0) > 0


def read_warc(source: Source, config: IngestConfig) -> Iterator[RawDocument | Rejection]:
    """Stream the HTML pages of a WARC file (plain or per-record gzip)."""
    from warcio.archiveiterator import ArchiveIterator  # lazy: only WARC input needs it

    if not source.head.lstrip().startswith(b"WARC/"):
        # warcio would also take legacy ARC (or even loose text) as records; only
        # WARC is supported, so say so at once instead of reading nonsense.
        first = one_line(source.head[:60].decode("utf-8", "replace"), 60)
        yield source.reject(
            RejectReason.MALFORMED_WARC,
            f"the file does not start with a WARC record (it starts {first!r}); check "
            "that it is a WARC file, or rename it if it is something else",
            0,
        )
        return
    limit = config.max_document_bytes
    source.fh.seek(0)
    # The raw file, not source.stream(): warcio finds the per-record gzip members
    # itself, and record offsets must be offsets in the file on disk.
    archive = ArchiveIterator(source.fh)
    records = iter(archive)
    end_of_last = 0
    seen = pages = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except OSError as exc:
            yield source.reject(
                RejectReason.UNREADABLE,
                f"read error ({exc.strerror or exc}); the records before were kept; check the disk",
                archive.offset,
            )
            return
        except Exception as exc:  # noqa: BLE001 - warcio's parsers raise assorted types
            # (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError...)
            yield _unparsable(source, archive.offset, exc)
            return
        offset = archive.offset  # start of this record (warcio sets it before parsing)
        seen += 1
        wanted = _wanted(record)
        pages += wanted is not None
        result: RawDocument | Rejection | None = None
        try:
            if wanted is not None:
                result = _record_document(record, offset, source, wanted, limit)
            # Reads the rest of the record, so that the truncation check below is sound.
            end_of_last = archive.get_record_offset() + archive.get_record_length()
        except OSError as exc:
            result = source.reject(
                RejectReason.UNREADABLE,
                f"read error in this record ({exc.strerror or exc}); check the disk",
                offset,
            )
        except (EOFError, zlib.error) as exc:
            result = source.reject(
                RejectReason.TRUNCATED,
                f"record data is cut off or corrupt ({one_line(exc)}); re-fetch the page",
                offset,
            )
        if wanted is not None and _cut_off(record):
            result = source.reject(
                RejectReason.TRUNCATED,
                "the file ends inside this record; the records before were kept; "
                "re-download the complete file",
                offset,
            )
        if result is not None:
            yield result
    truncated = list(_check_tail(source, end_of_last))
    if not pages and not truncated:
        # Skipping non-pages is silent, but a whole archive giving nothing would
        # leave the user guessing; say once what was in it.
        yield source.reject(
            RejectReason.UNSUPPORTED,
            f"the archive holds {seen} record(s) and no HTML page (2xx text/html response "
            "or resource); nothing to ingest from it",
        )
    yield from truncated


def _unparsable(source: Source, offset: int, exc: BaseException) -> Rejection:
    # The file starts with "WARC/" (read_warc checked), so at offset 0 the first record's
    # headers are what fails.
    where = (
        "the first record cannot be parsed"
        if offset == 0
        else "a record here cannot be parsed; the records before were kept"
    )
    # warcio's parsers say what they expected (ArchiveLoadFailed, ValueError, EOFError...);
    # a programming error inside warcio (AttributeError on a missing header) says nothing
    # to a user, so name the likely cause instead.
    if isinstance(exc, (ValueError, EOFError, OSError)) or type(exc).__module__.startswith("warcio"):
        detail = one_line(exc, 120)
    else:
        detail = "its WARC headers are incomplete, e.g. a response record without WARC-Target-URI"
    return source.reject(
        RejectReason.MALFORMED_WARC,
        f"{where} ({detail}); repair it with `warcio recompress` or re-fetch it",
        offset,
    )


def _check_tail(source: Source, end_of_last: int) -> Iterator[Rejection]:
    """Report bytes after the last whole record: warcio silently stops at a record
    whose gzip member or headers are cut off, which would lose data unnoticed."""
    if end_of_last >= source.size:
        return
    try:
        source.fh.seek(end_of_last)
        tail = source.fh.read(_TAIL_BYTES)
    except OSError:
        return
    padding = len(tail) - len(tail.lstrip(b"\r\n\t \x00"))
    if padding < len(tail):
        end_of_last += padding  # uncompressed records are followed by blank lines
        yield source.reject(
            RejectReason.TRUNCATED,
            f"the file ends inside a record ({human_size(source.size - end_of_last)} after "
            "the last complete record could not be read); the records before were kept; "
            "re-download the complete file",
            end_of_last,
        )
