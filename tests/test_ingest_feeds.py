"""RSS/Atom feeds: one document per entry, lenient parsing, clear rejections."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, datetime
from pathlib import Path

from newsfuse.ingest import read_file
from newsfuse.model import RawDocument, Rejection, RejectReason

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _split(path: Path) -> tuple[list[RawDocument], list[Rejection]]:
    items = list(read_file(path))
    return (
        [i for i in items if isinstance(i, RawDocument)],
        [i for i in items if isinstance(i, Rejection)],
    )


def test_ingest_feeds_rss_entries() -> None:
    path = FIXTURES / "sample.rss"
    docs, rejections = _split(path)
    assert [d.provenance.offset for d in docs] == [0, 1]
    first, second = docs
    assert first.provenance.format == "feed" and first.provenance.source == str(path)
    assert first.content_type == "html"  # content:encoded, not the shorter description
    assert "<b>Friday</b>" in first.body and "Talks lasted an hour." in first.body
    assert first.url == "https://wire.example.com/summit"
    assert first.title == "Summit opens in Anchorage"
    assert first.published == datetime(2025, 8, 14, 7, 30, tzinfo=UTC)
    assert first.outlet == "Example Wire"
    assert first.author == "Jane Doe"
    assert first.language == "en-us"
    assert first.external_id == "wire-1"
    assert second.content_type == "text"
    assert second.body == "A plain text summary & nothing more."
    # The title-only entry is recorded, not silently dropped.
    assert [(r.reason, r.offset) for r in rejections] == [(RejectReason.EMPTY, 2)]


def test_ingest_feeds_atom_entry() -> None:
    (doc,) = _split(FIXTURES / "sample.atom")[0]
    assert doc.content_type == "html" and doc.body == "<p>Atom <em>content</em> body.</p>"
    assert doc.url == "https://atom.example.net/one"
    assert doc.published == datetime(2025, 8, 15, 12, 0, tzinfo=UTC)
    assert doc.outlet == "Atom Daily" and doc.author == "John Roe"
    assert doc.external_id == "urn:atom-daily:1"


def test_ingest_feeds_bozo_feed_keeps_its_entries() -> None:
    docs, rejections = _split(FIXTURES / "bozo.rss")
    assert [d.url for d in docs] == ["https://sloppy.example.com/1", "https://sloppy.example.com/2"]
    assert not rejections


def test_ingest_feeds_rss1_rdf_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "rdf-feed"
    path.write_text(
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://r.example/">'
        "<title>RDF News</title><link>https://r.example/</link></channel>"
        '<item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link>'
        "<description>RDF body text.</description></item></rdf:RDF>"
    )
    (doc,) = _split(path)[0]
    assert doc.body == "RDF body text." and doc.outlet == "RDF News"


def test_ingest_feeds_outlet_falls_back_to_link_host(tmp_path: Path) -> None:
    path = tmp_path / "untitled.rss"
    path.write_text(
        '<rss version="2.0"><channel><item><link>https://www.host.example/a</link>'
        "<description>Body.</description></item></channel></rss>"
    )
    (doc,) = _split(path)[0]
    assert doc.outlet == "www.host.example"


def test_ingest_feeds_gzip(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss.gz"
    path.write_bytes(gzip.compress((FIXTURES / "sample.rss").read_bytes()))
    assert len(_split(path)[0]) == 2


def test_ingest_feeds_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("this is not a feed at all < > & just words\n")
    (rejection,) = _split(path)[1]
    assert rejection.reason is RejectReason.MALFORMED_FEED
    assert "\n" not in rejection.message and ";" in rejection.message


def test_ingest_feeds_xml_that_is_not_a_feed() -> None:
    (rejection,) = _split(FIXTURES / "sitemap.xml")[1]
    assert rejection.reason is RejectReason.MALFORMED_FEED
    assert "<urlset>" in rejection.message and "not an RSS/Atom feed" in rejection.message


def test_ingest_feeds_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "quiet.rss"
    path.write_text('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    (rejection,) = _split(path)[1]
    assert rejection.reason is RejectReason.EMPTY


def test_ingest_feeds_binary_and_empty(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "pixel.png", tmp_path / "image.rss")
    (rejection,) = _split(tmp_path / "image.rss")[1]
    assert rejection.reason is RejectReason.BINARY
    (tmp_path / "blank.atom").write_text("  \n ")
    (rejection,) = _split(tmp_path / "blank.atom")[1]
    assert rejection.reason is RejectReason.EMPTY
