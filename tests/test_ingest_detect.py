"""detect_format: by extension (looking through .gz), then by the first bytes."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from newsfuse.config import IngestConfig
from newsfuse.ingest import detect_format

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("a.md", "text"),
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.xhtml", "html"),
        ("a.html.gz", "html"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.xml", "feed"),
        ("a.feed", "feed"),
        ("a.warc", "warc"),
        ("a.warc.gz", "warc"),
        ("dated.2025.08.14.txt.gz", "text"),
    ],
)
def test_ingest_detect_by_extension(name: str, expected: str) -> None:
    # The extension decides even when the content says something else.
    assert detect_format(Path(name), b"WARC/1.0\r\n") == expected
    assert detect_format(Path(name), b"") == expected


def test_ingest_detect_extensions_come_from_config() -> None:
    config = IngestConfig(text_extensions=(".article",))
    assert detect_format(Path("x.article"), b"", config) == "text"
    assert detect_format(Path("x.txt"), b"<html><body>x</body></html>", config) == "html"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'{"text": "hello", "url": "https://x"}\n{"text": "again"}\n', "jsonl"),
        (b'{\n  "pretty": "json document"\n}\n', None),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x"><channel>', "feed"),
        (b"<!DOCTYPE html>\n<html><head><title>x</title>", "html"),
        (b"  \n<html lang=en><body>x", "html"),
        (b"<div><p>a fragment of html</p></div>", "html"),
        (b'<?xml version="1.0"?>\n<urlset><url>', None),
        (b"Just some plain text about the summit.\n", "text"),
        ((FIXTURES / "pixel.png").read_bytes(), None),
        (b"\x00\x01\x02\x03binary\x00\x00", None),
        (codecs.BOM_UTF16_LE + "<!DOCTYPE html><html>".encode("utf-16-le"), "html"),
    ],
)
def test_ingest_detect_sniffs_content_without_extension(head: bytes, expected: str | None) -> None:
    assert detect_format(Path("download"), head) == expected


def test_ingest_detect_sniffs_inside_gzip() -> None:
    head = gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" + b"x" * 1000)
    assert detect_format(Path("crawl.gz"), head) == "warc"
    assert detect_format(Path("crawl.gz"), head[:20]) in (None, "warc", "text")  # never raises
