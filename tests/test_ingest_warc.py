"""WARC / WARC.gz: HTML responses become documents with their record offsets."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.config import IngestConfig
from newsfuse.ingest import read_file
from newsfuse.model import RawDocument, Rejection, RejectReason

DEFAULT = IngestConfig()


def _page(i: int) -> str:
    return f"<html><head><title>Story {i}</title></head><body><p>Café story {i}.</p></body></html>"


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)


def _archive(gz: bool, pages: int = 3, noise: bool = True) -> bytes:
    """warcinfo, then per page: request, HTML response, and (noise) an image and a 404."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "newsfuse-tests"}))
    for i in range(pages):
        url = f"https://news.example.com/story/{i}"
        request = StatusAndHeaders(f"GET /story/{i} HTTP/1.1", [("Host", "news.example.com")])
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        _response(writer, url, _page(i).encode())
        if noise:
            _response(writer, f"{url}.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
            _response(writer, f"{url}/gone", b"<html>Not found</html>", status="404 Not Found")
    return buf.getvalue()


def _offsets(data: bytes) -> list[int]:
    """HTML response offsets exactly as warcio reports them."""
    offsets = []
    archive = ArchiveIterator(io.BytesIO(data))
    for record in archive:
        is_html = record.rec_type == "response" and "html" in (
            record.http_headers.get_header("Content-Type") or ""
        )
        ok = record.http_headers is not None and record.http_headers.get_statuscode() == "200"
        if is_html and ok:
            offsets.append(archive.get_record_offset())
    return offsets


def _split(path: Path, config: IngestConfig = DEFAULT) -> tuple[list[RawDocument], list[Rejection]]:
    items = list(read_file(path, config))
    return (
        [i for i in items if isinstance(i, RawDocument)],
        [i for i in items if isinstance(i, Rejection)],
    )


@pytest.mark.parametrize("gz", [False, True])
def test_ingest_warc_html_responses(tmp_path: Path, gz: bool) -> None:
    data = _archive(gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    docs, rejections = _split(path)
    assert not rejections  # requests, images, 404s and warcinfo are skipped silently
    assert [d.body for d in docs] == [_page(i) for i in range(3)]
    assert [d.url for d in docs] == [f"https://news.example.com/story/{i}" for i in range(3)]
    assert [d.provenance.offset for d in docs] == _offsets(data)
    for doc in docs:
        assert doc.content_type == "html" and doc.provenance.format == "warc"
        assert doc.provenance.source == str(path)
        assert doc.published is None  # WARC-Date is crawl time, not publication
        assert doc.external_id and doc.external_id.startswith("<urn:uuid:")


def test_ingest_warc_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "CC-MAIN-00001.gz"
    path.write_bytes(_archive(True, pages=1))
    assert len(_split(path)[0]) == 1


def test_ingest_warc_charset_from_http_header_and_encodings(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    page = "<html><body><p>Un café naïve – « déjà vu ».</p></body></html>"
    _response(writer, "https://a.example/1", page.encode("cp1252"), "text/html; charset=ISO-8859-1")
    _response(writer, "https://a.example/2", page.encode("cp1252"), "text/html")  # guessed
    _response(
        writer,
        "https://a.example/3",
        gzip.compress(page.encode()),
        extra=[("Content-Encoding", "gzip")],
    )
    (tmp_path / "enc.warc.gz").write_bytes(buf.getvalue())
    docs, rejections = _split(tmp_path / "enc.warc.gz")
    assert not rejections
    assert [d.body for d in docs] == [page, page, page]


def test_ingest_warc_resource_and_wet_conversion_records(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    page = _page(9).encode()
    writer.write_record(
        writer.create_warc_record(
            "https://r.example/page", "resource", payload=io.BytesIO(page),
            warc_content_type="text/html",
        )
    )  # fmt: skip
    text = b"Extracted plain text of a page.\r\nSecond line."
    writer.write_record(
        writer.create_warc_record(
            "https://r.example/wet", "conversion", payload=io.BytesIO(text),
            warc_content_type="text/plain",
        )
    )  # fmt: skip
    (tmp_path / "mixed.warc").write_bytes(buf.getvalue())
    docs, rejections = _split(tmp_path / "mixed.warc")
    assert not rejections
    assert [(d.content_type, d.url) for d in docs] == [
        ("html", "https://r.example/page"),
        ("text", "https://r.example/wet"),
    ]
    assert docs[1].body == "Extracted plain text of a page.\nSecond line."


def test_ingest_warc_without_pages_says_so_once(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    _response(writer, "https://a.example/x.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    (tmp_path / "pdfs.warc.gz").write_bytes(buf.getvalue())
    docs, rejections = _split(tmp_path / "pdfs.warc.gz")
    assert not docs
    assert [r.reason for r in rejections] == [RejectReason.UNSUPPORTED]


def test_ingest_warc_record_over_the_limit(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    _response(writer, "https://a.example/big", b"<p>" + b"x" * 50_000 + b"</p>")
    _response(writer, "https://a.example/small", _page(1).encode())
    (tmp_path / "big.warc.gz").write_bytes(buf.getvalue())
    docs, rejections = _split(tmp_path / "big.warc.gz", IngestConfig(max_document_bytes=10_000))
    assert [d.url for d in docs] == ["https://a.example/small"]
    assert [r.reason for r in rejections] == [RejectReason.TOO_LARGE]
    assert rejections[0].offset == 0


@pytest.mark.parametrize("gz", [False, True])
def test_ingest_warc_truncated_file_keeps_earlier_records(tmp_path: Path, gz: bool) -> None:
    data = _archive(gz, pages=4, noise=False)
    offsets = _offsets(data)
    # Cut inside the last response record.
    cut = offsets[-1] + (len(data) - offsets[-1]) // 2
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:cut])
    docs, rejections = _split(path)
    assert [d.body for d in docs] == [_page(i) for i in range(3)]
    assert len(rejections) == 1
    assert rejections[0].reason is RejectReason.TRUNCATED
    assert rejections[0].offset == offsets[-1]
    assert "\n" not in rejections[0].message


def test_ingest_warc_corrupt_record_keeps_earlier_records(tmp_path: Path) -> None:
    data = _archive(True, pages=4, noise=False)
    offsets = _offsets(data)
    broken = data[: offsets[2]] + b"this is not a gzip member\r\n\r\n" + data[offsets[2] :]
    (tmp_path / "bad.warc.gz").write_bytes(broken)
    docs, rejections = _split(tmp_path / "bad.warc.gz")
    assert [d.body for d in docs] == [_page(0), _page(1)]
    assert [(r.reason, r.offset) for r in rejections] == [(RejectReason.MALFORMED_WARC, offsets[2])]


def test_ingest_warc_not_a_warc(tmp_path: Path) -> None:
    (tmp_path / "fake.warc").write_text("Just some text that claims to be a WARC.\n" * 5)
    (rejection,) = _split(tmp_path / "fake.warc")[1]
    assert rejection.reason is RejectReason.MALFORMED_WARC and rejection.offset == 0
    assert "does not start with a WARC record" in rejection.message
    assert "\n" not in rejection.message


def test_ingest_warc_record_without_target_uri_is_named(tmp_path: Path) -> None:
    # warcio itself fails on this with an AttributeError; the user reads the cause instead.
    record = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nshort\r\n\r\n"
    (tmp_path / "no-uri.warc").write_bytes(record)
    (rejection,) = _split(tmp_path / "no-uri.warc")[1]
    assert rejection.reason is RejectReason.MALFORMED_WARC and rejection.offset == 0
    assert "the first record cannot be parsed" in rejection.message
    assert "WARC-Target-URI" in rejection.message
    assert "NoneType" not in rejection.message and "\n" not in rejection.message
