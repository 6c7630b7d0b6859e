"""read_file / read_sources: dispatch, laziness, and the never-raise contract."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import GeneratorType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse import ingest
from newsfuse.config import IngestConfig
from newsfuse.ingest import read_file, read_sources
from newsfuse.model import RawDocument, Rejection, RejectReason

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_ingest_read_sources_mixes_inputs_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain story.")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "one"}) + "\n" + json.dumps({"text": "two"})
    )
    items = list(
        read_sources([tmp_path / "b.jsonl", tmp_path / "missing.txt", f"{tmp_path}/*.txt"])
    )
    summary = [
        (Path(i.provenance.source).name, i.provenance.offset)
        if isinstance(i, RawDocument)
        else (Path(i.source).name, i.reason)
        for i in items
    ]
    assert summary == [
        ("b.jsonl", 1),
        ("b.jsonl", 2),
        ("missing.txt", RejectReason.MISSING),
        ("a.txt", None),
    ]


def test_ingest_read_fixture_directory_never_raises() -> None:
    items = list(read_sources([FIXTURES]))
    assert any(isinstance(i, RawDocument) for i in items)
    assert {i.provenance.format for i in items if isinstance(i, RawDocument)} == {
        "text", "html", "jsonl", "feed",
    }  # fmt: skip


def test_ingest_read_unexpected_reader_error_becomes_a_rejection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exploding_reader(source, config):
        from newsfuse.model import Provenance

        yield RawDocument(Provenance(source.name, "text"), "text", "kept")
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setitem(ingest._READERS, "text", exploding_reader)
    (tmp_path / "x.txt").write_text("anything")
    items = list(read_file(tmp_path / "x.txt"))
    assert isinstance(items[0], RawDocument) and items[0].body == "kept"
    assert isinstance(items[1], Rejection)
    assert items[1].reason is RejectReason.UNREADABLE
    assert "RuntimeError" in items[1].message and "\n" not in items[1].message


def test_ingest_read_is_lazy(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"story {i}")
    stream = read_sources([tmp_path])
    first = next(stream)
    assert isinstance(first, RawDocument) and first.body == "story 0"
    assert isinstance(stream, GeneratorType)
    stream.close()  # abandoning the generator closes the open file cleanly


_EXTENSIONS = ["txt", "html", "jsonl", "rss", "xml", "warc", "warc.gz", "jsonl.gz", "bin", ""]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=2000).map(gzip.compress),
        st.binary(max_size=2000).map(lambda b: gzip.compress(b)[: max(1, len(b) // 2)]),
        st.text(max_size=500).map(lambda t: (json.dumps({"text": t}) + "\n{bad\n").encode()),
        st.binary(max_size=500).map(lambda b: b"WARC/1.0\r\nWARC-Type: response\r\n" + b),
        st.binary(max_size=500).map(lambda b: b'<rss version="2.0"><channel><item>' + b),
    ),
    extension=st.sampled_from(_EXTENSIONS),
)
def test_ingest_read_never_raises_on_arbitrary_bytes(
    tmp_path: Path, data: bytes, extension: str
) -> None:
    path = tmp_path / (f"input.{extension}" if extension else "input")
    path.write_bytes(data)
    for item in read_file(path, IngestConfig(max_document_bytes=1000, max_file_bytes=5000)):
        assert isinstance(item, (RawDocument, Rejection))
        if isinstance(item, Rejection):
            assert item.source == str(path)
            assert "\n" not in item.message and ";" in item.message, item.message
        else:
            assert isinstance(item.body, str) and item.body.strip()
