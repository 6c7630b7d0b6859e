"""Single-document files (plain text and HTML) and the bad inputs every file can be."""

from __future__ import annotations

import builtins
import gzip
import os
import random
import shutil
import tracemalloc
from pathlib import Path

import pytest

from newsfuse.config import IngestConfig
from newsfuse.ingest import read_file
from newsfuse.model import RawDocument, Rejection, RejectReason

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DEFAULT = IngestConfig()
SEEDS = Path(__file__).parent.parent / "examples" / "seeds"


def _one(path: Path, config: IngestConfig = DEFAULT) -> RawDocument | Rejection:
    items = list(read_file(path, config))
    assert len(items) == 1, items
    return items[0]


def _rejected(path: Path, reason: RejectReason, config: IngestConfig = DEFAULT) -> Rejection:
    item = _one(path, config)
    assert isinstance(item, Rejection), item
    assert item.reason is reason, item.one_line()
    assert item.source == str(path)
    assert "\n" not in item.message and ";" in item.message  # the problem; the fix
    return item


def test_ingest_text_seed_files_are_read_whole() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        doc = _one(seed)
        assert isinstance(doc, RawDocument)
        assert doc.content_type == "text"
        assert doc.body == seed.read_text("utf-8").replace("\r\n", "\n")
        assert doc.provenance.source == str(seed)
        assert doc.provenance.format == "text" and doc.provenance.offset is None


def test_ingest_text_crlf_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title\r\n\r\nBody line.\r\nLast\r")
    doc = _one(path)
    assert isinstance(doc, RawDocument) and doc.body == "Title\n\nBody line.\nLast\n"


def test_ingest_text_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _rejected(tmp_path / "empty.txt", RejectReason.EMPTY)


@pytest.mark.parametrize("content", [b"   \n\t\r\n  ", "  \n".encode("utf-16")])
def test_ingest_text_whitespace_only_file(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "blank.txt").write_bytes(content)
    _rejected(tmp_path / "blank.txt", RejectReason.EMPTY)


def test_ingest_text_png_named_txt_is_binary(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "pixel.png", tmp_path / "photo.txt")
    item = _rejected(tmp_path / "photo.txt", RejectReason.BINARY)
    assert "PNG" in item.message


def test_ingest_text_nul_and_control_bytes_are_binary(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"looks like text\x00\x00\x00 until it does not" * 10)
    _rejected(tmp_path / "nul.txt", RejectReason.BINARY)
    rng = random.Random(3)
    (tmp_path / "ctl.txt").write_bytes(bytes(rng.randrange(1, 32) for _ in range(500)))
    _rejected(tmp_path / "ctl.txt", RejectReason.BINARY)


def test_ingest_text_latin1_is_decoded() -> None:
    doc = _one(FIXTURES / "latin1.txt")
    assert isinstance(doc, RawDocument)
    assert doc.body == "Un café naïve à Paris\n\nLe garçon a dit « déjà vu » – fin.\n"


def test_ingest_text_utf16_with_bom_is_decoded() -> None:
    doc = _one(FIXTURES / "utf16.txt")
    assert isinstance(doc, RawDocument)
    assert doc.body == "Zürich: naïve café, 東京 news\nSecond line.\n"


def test_ingest_text_undecodable_garbage(tmp_path: Path) -> None:
    rng = random.Random(0)
    (tmp_path / "garbage.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))
    item = _one(tmp_path / "garbage.txt")
    assert isinstance(item, Rejection)
    assert item.reason in (RejectReason.ENCODING, RejectReason.BINARY)
    (tmp_path / "random.txt").write_bytes(rng.randbytes(4000))
    item = _one(tmp_path / "random.txt")
    assert isinstance(item, Rejection)
    assert item.reason in (RejectReason.ENCODING, RejectReason.BINARY)


def test_ingest_text_gzip_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress("Gzipped café story.\n".encode()))
    doc = _one(path)
    assert isinstance(doc, RawDocument) and doc.body == "Gzipped café story.\n"
    assert doc.provenance.source == str(path)


def test_ingest_text_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(("A long story line. " * 5000).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    _rejected(path, RejectReason.TRUNCATED)


def test_ingest_text_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(b"some text " * 100))
    data[-8:-4] = b"\x00\x00\x00\x00"  # break the CRC
    (tmp_path / "crc.txt.gz").write_bytes(bytes(data))
    _rejected(tmp_path / "crc.txt.gz", RejectReason.TRUNCATED)


def _write_big_text(path: Path, size: int) -> None:
    block = ("The summit opened in Anchorage on Friday, officials said. " * 16 + "\n").encode()
    block = block * (1024 * 1024 // len(block) + 1)
    block = block[: 1024 * 1024]
    with path.open("wb") as fh:
        for _ in range(size // len(block)):
            fh.write(block)


def test_ingest_text_200mb_file_is_too_large_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    _write_big_text(path, 200 * 1024 * 1024)
    tracemalloc.start()
    try:
        item = _rejected(path, RejectReason.TOO_LARGE)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "200.0 MiB" in item.message and "max_file_bytes" in item.message
    assert peak < 4 * 1024 * 1024  # only the 64 KiB sniffing head was read


def test_ingest_text_gzip_bomb_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (4 * 1024 * 1024)))  # 4 MiB of text, 4 KiB on disk
    item = _rejected(path, RejectReason.TOO_LARGE, IngestConfig(max_file_bytes=1024 * 1024))
    assert "decompresses" in item.message


def test_ingest_text_missing_file(tmp_path: Path) -> None:
    _rejected(tmp_path / "gone.txt", RejectReason.MISSING)


def test_ingest_text_broken_symlink_is_missing(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    item = _rejected(tmp_path / "dangling.txt", RejectReason.MISSING)
    assert "symbolic link" in item.message


def test_ingest_text_directory_named_like_a_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    _rejected(tmp_path / "x.txt", RejectReason.UNREADABLE)


def test_ingest_text_fifo_is_unreadable_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _rejected(fifo, RejectReason.UNREADABLE)


def test_ingest_text_permission_denied_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, where chmod 000 does not stop reads: simulate the refusal.
    path = tmp_path / "secret.txt"
    path.write_text("classified")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    item = _rejected(path, RejectReason.UNREADABLE)
    assert "Permission denied" in item.message


def test_ingest_text_read_error_after_open_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "flaky.txt"
    path.write_text("text")
    real_open = builtins.open

    class Failing:
        def __init__(self, fh):
            self.fh = fh

        def read(self, *args):
            raise OSError(5, "Input/output error")

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    def flaky_open(file, *args, **kwargs):
        fh = real_open(file, *args, **kwargs)
        return Failing(fh) if str(file) == str(path) else fh

    monkeypatch.setattr(builtins, "open", flaky_open)
    item = _rejected(path, RejectReason.UNREADABLE)
    assert "Input/output error" in item.message


def test_ingest_text_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "notes.log").write_text("Plain words about the summit.\n")
    doc = _one(tmp_path / "notes.log")
    assert isinstance(doc, RawDocument) and doc.content_type == "text"
    shutil.copy(FIXTURES / "pixel.png", tmp_path / "image.dat")
    _rejected(tmp_path / "image.dat", RejectReason.BINARY)
    # A .json document is read as article objects; one without a body says what is missing.
    (tmp_path / "data.json").write_text('{\n  "pretty": "printed"\n}\n')
    missing = _rejected(tmp_path / "data.json", RejectReason.MALFORMED_JSONL)
    assert '"text" or "html"' in missing.message and "pretty" in missing.message
    (tmp_path / "data.dat").write_text('{\n  "pretty": "printed"\n}\n')  # not claimed, not sniffed
    _rejected(tmp_path / "data.dat", RejectReason.UNSUPPORTED)


# HTML ------------------------------------------------------------------------------------


def test_ingest_html_meta_charset_is_honoured() -> None:
    doc = _one(FIXTURES / "latin1-meta.html")
    assert isinstance(doc, RawDocument)
    assert doc.content_type == "html" and doc.provenance.format == "html"
    assert "<title>Café</title>" in doc.body
    assert "Un café naïve – « déjà vu »." in doc.body


def test_ingest_html_malformed_markup_is_passed_on(tmp_path: Path) -> None:
    doc = _one(FIXTURES / "broken.html")
    assert isinstance(doc, RawDocument) and doc.content_type == "html"
    assert doc.body == (FIXTURES / "broken.html").read_text("utf-8")


def test_ingest_html_binary_blob_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(random.Random(5).randbytes(3000))
    _rejected(tmp_path / "page.html", RejectReason.BINARY)


def test_ingest_html_gzip_and_bom(tmp_path: Path) -> None:
    page = "<html><head><title>Zürich</title></head><body><p>naïve</p></body></html>"
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(page.encode()))
    doc = _one(tmp_path / "p.html.gz")
    assert isinstance(doc, RawDocument) and doc.body == page
    # A BOM outranks a contradicting <meta charset>.
    bom_page = '<meta charset="iso-8859-1"><p>naïve</p>'
    (tmp_path / "bom.html").write_bytes("\ufeff".encode() + bom_page.encode())
    doc = _one(tmp_path / "bom.html")
    assert isinstance(doc, RawDocument) and doc.body == bom_page


def test_ingest_html_whitespace_only(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("\n\n   \n")
    _rejected(tmp_path / "blank.html", RejectReason.EMPTY)
