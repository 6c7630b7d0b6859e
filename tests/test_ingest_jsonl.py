"""JSON Lines: field mapping, bad lines, limits, gzip, streaming and throughput."""

from __future__ import annotations

import codecs
import gzip
import json
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import newsfuse.ingest.jsonl as jsonl_module
from newsfuse.config import IngestConfig
from newsfuse.ingest import JSONL_FIELDS, read_file
from newsfuse.model import RawDocument, Rejection, RejectReason

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
AUG_14_0730 = datetime(2025, 8, 14, 7, 30, tzinfo=UTC)


def _split(items: list[RawDocument | Rejection]) -> tuple[list[RawDocument], list[Rejection]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    return docs, rejections


def test_ingest_jsonl_field_mapping_from_fixture() -> None:
    path = FIXTURES / "sample.jsonl"
    docs, rejections = _split(list(read_file(path)))
    by_line = {d.provenance.offset: d for d in docs}
    assert [d.provenance.offset for d in docs] == [
        1,
        3,
        4,
        5,
        6,
        7,
        13,
    ]  # line 2 is blank: skipped silently

    first = by_line[1]
    assert first.provenance.source == str(path) and first.provenance.format == "jsonl"
    assert first.content_type == "text"
    assert first.body == "Leaders met on Friday.\nThey talked for an hour."
    assert first.url == "https://example.com/a1"
    assert first.title == "Ceasefire talks open"
    assert first.published == AUG_14_0730  # +02:00 converted to UTC
    assert (first.outlet, first.author, first.language, first.external_id) == (
        "Example News", "Jane Doe", "en", "a1",
    )  # fmt: skip

    second = by_line[3]  # html wins over text; alternate keys
    assert second.content_type == "html" and "HTML body wins" in second.body
    assert second.title == "Second story"
    assert second.published == AUG_14_0730  # epoch seconds under "date"
    assert second.outlet == "Wire Service"  # NewsAPI-style {"name": ...} under "source"
    assert second.author == "A. One, B. Two"
    assert second.language == "de" and second.external_id == "2"

    assert by_line[4].published == AUG_14_0730 and by_line[4].outlet == "site.example"
    assert by_line[5].published == AUG_14_0730 and by_line[5].outlet == "Site Name"
    assert by_line[6].published is None  # unparseable date: document kept
    assert by_line[7].published == AUG_14_0730  # epoch milliseconds as a string
    assert by_line[13].body == "First paragraph.\n\nSecond paragraph."

    reasons = {r.offset: r.reason for r in rejections}
    assert reasons == {
        8: RejectReason.MALFORMED_JSONL,  # not JSON
        9: RejectReason.MALFORMED_JSONL,  # an array
        10: RejectReason.MALFORMED_JSONL,  # no text or html
        11: RejectReason.EMPTY,  # blank text
        12: RejectReason.MALFORMED_JSONL,  # text is a number
    }
    for rejection in rejections:
        assert rejection.source == str(path)
        assert "\n" not in rejection.message and ";" in rejection.message


def test_ingest_jsonl_fields_are_documented() -> None:
    doc = jsonl_module.__doc__ or ""
    for keys in JSONL_FIELDS.values():
        for key in keys:
            assert key in doc


def test_ingest_jsonl_each_bad_line_is_one_rejection_and_good_lines_are_kept(
    tmp_path: Path,
) -> None:
    lines = []
    for i in range(30):
        if i % 3 == 0:
            lines.append('{"text": "broken, ' + str(i))  # cut-off JSON
        else:
            lines.append(json.dumps({"text": f"story {i}"}))
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs, rejections = _split(list(read_file(path)))
    assert [d.body for d in docs] == [f"story {i}" for i in range(30) if i % 3]
    assert [r.offset for r in rejections] == [i + 1 for i in range(30) if i % 3 == 0]
    assert all(r.reason is RejectReason.MALFORMED_JSONL for r in rejections)


def test_ingest_jsonl_absurdly_nested_line_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    path.write_text('{"text": "ok"}\n' + "[" * 100_000 + "]" * 100_000 + '\n{"text": "still ok"}\n')
    docs, rejections = _split(list(read_file(path)))
    assert [d.body for d in docs] == ["ok", "still ok"]
    assert [(r.reason, r.offset) for r in rejections] == [(RejectReason.MALFORMED_JSONL, 2)]


def test_ingest_jsonl_line_over_the_limit_is_too_large_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big-line.jsonl"
    with path.open("w") as fh:
        fh.write(json.dumps({"text": "before"}) + "\n")
        fh.write(json.dumps({"text": "x" * 300_000}) + "\n")
        fh.write(json.dumps({"text": "after"}) + "\n")
    config = IngestConfig(max_document_bytes=10_000)
    docs, rejections = _split(list(read_file(path, config)))
    assert [d.body for d in docs] == ["before", "after"]
    assert [d.provenance.offset for d in docs] == [1, 3]
    assert [(r.reason, r.offset) for r in rejections] == [(RejectReason.TOO_LARGE, 2)]
    assert "max_document_bytes" in rejections[0].message


def test_ingest_jsonl_line_exactly_at_the_limit_is_accepted(tmp_path: Path) -> None:
    line = json.dumps({"text": "y" * 100})
    path = tmp_path / "edge.jsonl"
    path.write_text(line + "\n" + line)
    docs, rejections = _split(list(read_file(path, IngestConfig(max_document_bytes=len(line)))))
    assert len(docs) == 2 and not rejections


def test_ingest_jsonl_gzip_and_truncated_gzip_keeps_earlier_lines(tmp_path: Path) -> None:
    text = "".join(json.dumps({"text": f"story {i} " + "words " * 50}) + "\n" for i in range(2000))
    data = gzip.compress(text.encode())
    whole = tmp_path / "all.jsonl.gz"
    whole.write_bytes(data)
    docs, rejections = _split(list(read_file(whole)))
    assert len(docs) == 2000 and not rejections

    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    docs, rejections = _split(list(read_file(cut)))
    assert 100 < len(docs) < 2000
    assert [d.provenance.offset for d in docs] == list(range(1, len(docs) + 1))
    assert [d.body.split()[1] for d in docs] == [str(i) for i in range(len(docs))]
    assert len(rejections) == 1
    assert rejections[0].reason is RejectReason.TRUNCATED
    assert rejections[0].offset == len(docs) + 1
    assert "kept" in rejections[0].message


def test_ingest_jsonl_non_utf8_line_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        b'{"text": "fine"}\n' + '{"text": "café naïve", "title": "Déjà vu"}\n'.encode("cp1252")
    )
    docs, rejections = _split(list(read_file(path)))
    assert [d.body for d in docs] == ["fine", "café naïve"] and not rejections
    assert docs[1].title == "Déjà vu"


def test_ingest_jsonl_bom_and_utf16(tmp_path: Path) -> None:
    lines = '{"text": "Zürich one"}\n{"text": "東京 two"}\n'
    (tmp_path / "bom.jsonl").write_bytes(codecs.BOM_UTF8 + lines.encode())
    (tmp_path / "utf16.jsonl").write_bytes(lines.encode("utf-16"))
    for name in ("bom.jsonl", "utf16.jsonl"):
        docs, rejections = _split(list(read_file(tmp_path / name)))
        assert [d.body for d in docs] == ["Zürich one", "東京 two"], name
        assert not rejections


def test_ingest_jsonl_blank_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_text("\n\n   \n")
    (item,) = list(read_file(tmp_path / "blank.jsonl"))
    assert isinstance(item, Rejection) and item.reason is RejectReason.EMPTY
    (tmp_path / "img.jsonl").write_bytes((FIXTURES / "pixel.png").read_bytes() * 20)
    (item,) = list(read_file(tmp_path / "img.jsonl"))  # one rejection, not one per "line"
    assert isinstance(item, Rejection) and item.reason is RejectReason.BINARY


def _write_big_jsonl(path: Path, size: int) -> int:
    """``size`` bytes of JSONL with ~64 KiB lines, written block by block."""
    line = (
        json.dumps({"title": "Big", "text": "The summit opened on Friday. " * 2200}) + "\n"
    ).encode()
    block = line * 16
    count = 0
    with path.open("wb") as fh:
        while count * len(line) < size:
            fh.write(block)
            count += 16
    return count


def test_ingest_jsonl_200mb_file_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = _write_big_jsonl(path, 200 * 1024 * 1024)
    tracemalloc.start()
    try:
        documents = read_file(path)
        first = next(documents)  # lazily: the first document comes before the file is read
        _, first_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(first, RawDocument) and first.provenance.offset == 1
    assert first_peak < 8 * 1024 * 1024

    tracemalloc.start()
    try:
        count = 1 + sum(1 for _ in documents)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == lines
    assert peak < 8 * 1024 * 1024  # one line and its document, not the 200 MB file


def _article(n: int) -> dict[str, str]:
    return {"title": f"Storm {n}", "url": f"https://example.com/{n}",
            "text": f"A storm hit the northern coast on Monday, officials said. Report {n}."}


def test_ingest_json_array_of_articles_as_scrapers_export_it(tmp_path: Path) -> None:
    items = [_article(0), 7, _article(2)]
    (tmp_path / "items.json").write_text(json.dumps(items, indent=2))
    (tmp_path / "items").write_text(json.dumps(items))  # no extension: sniffed
    for name in ("items.json", "items"):
        docs, rejections = _split(list(read_file(tmp_path / name)))
        assert [(d.title, d.provenance.format, d.provenance.offset) for d in docs] == [
            ("Storm 0", "jsonl", 1), ("Storm 2", "jsonl", 3)]
        assert [(r.reason, r.offset) for r in rejections] == [(RejectReason.MALFORMED_JSONL, 2)]
        assert "array element 2 is a JSON int" in rejections[0].message


def test_ingest_json_one_pretty_printed_object_and_json_lines_named_json(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps(_article(5), indent=2))
    docs, rejections = _split(list(read_file(tmp_path / "one.json")))
    assert [d.title for d in docs] == ["Storm 5"] and rejections == []
    lines = "\n".join(json.dumps(_article(n)) for n in range(3)) + "\n{broken\n"
    (tmp_path / "lines.json").write_text(lines)
    docs, rejections = _split(list(read_file(tmp_path / "lines.json")))
    assert [d.title for d in docs] == ["Storm 0", "Storm 1", "Storm 2"]
    assert [(r.reason, r.offset) for r in rejections] == [(RejectReason.MALFORMED_JSONL, 4)]


def test_ingest_json_array_that_breaks_is_one_line_naming_where(tmp_path: Path) -> None:
    (tmp_path / "cut.json").write_text(json.dumps([_article(0), _article(1)], indent=2)[:-40])
    (tmp_path / "none.json").write_text("[]")
    (broken,) = list(read_file(tmp_path / "cut.json"))
    assert isinstance(broken, Rejection) and broken.reason is RejectReason.MALFORMED_JSONL
    assert "not valid JSON" in broken.message and "line" in broken.message and "\n" not in broken.message
    (empty,) = list(read_file(tmp_path / "none.json"))
    assert isinstance(empty, Rejection) and empty.reason is RejectReason.EMPTY


def test_ingest_jsonl_reads_news_please_newsapi_and_scrapy_records_as_they_are(tmp_path: Path) -> None:
    news_please = {"maintext": "Putin met Trump in Anchorage on Friday.", "title": "Summit",
                   "date_publish": "2025-08-15 18:30:00", "source_domain": "example.com",
                   "url": "https://example.com/summit", "authors": ["A. Writer", "B. Editor"], "language": "en"}
    newsapi = {"content": "Leaders met in Washington on Monday.", "headline": "Talks",
               "publishedAt": "2025-08-18T20:00:00Z", "source": {"id": None, "name": "Wire"},
               "link": "https://wire.example/talks"}
    scrapy = {"body": "<div><p>Zelensky spoke to reporters.</p><p>He was hopeful.</p></div>", "byline": "C. Reporter"}
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in (news_please, newsapi, scrapy)) + "\n", encoding="utf-8")
    docs, rejections = _split(list(read_file(path)))
    assert not rejections
    first, second, third = docs
    assert (first.content_type, first.body, first.title, first.outlet, first.author, first.url) == (
        "text", news_please["maintext"], "Summit", "example.com", "A. Writer, B. Editor", news_please["url"])
    assert first.published is not None and first.published.isoformat() == "2025-08-15T18:30:00+00:00"
    assert (second.body, second.title, second.outlet, second.url) == (
        newsapi["content"], "Talks", "Wire", newsapi["link"])
    assert second.published is not None and second.published.isoformat() == "2025-08-18T20:00:00+00:00"
    assert (third.content_type, third.author) == ("html", "C. Reporter")  # HTML under "body" is read as HTML
