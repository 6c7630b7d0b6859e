"""decode_bytes: binary vs text, BOMs, declared charsets, legacy encodings."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.ingest.decode import Undecodable, binary_kind, decode_bytes, normalize_newlines
from newsfuse.ingest.html import declared_charset, decode_html
from newsfuse.model import RejectReason

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_ingest_decode_utf8_and_bom() -> None:
    assert decode_bytes("Zürich “quoted” 東京".encode()) == "Zürich “quoted” 東京"
    assert decode_bytes(codecs.BOM_UTF8 + "café".encode()) == "café"


def test_ingest_decode_latin1_cp1252() -> None:
    assert decode_bytes("café naïve".encode("cp1252")) == "café naïve"
    long = "Ça coûte 10 € — « bien » déjà vu, naïve façade, garçon, élève. " * 3
    assert decode_bytes(long.encode("cp1252")) == long
    assert decode_bytes("Größe, Übermaß, Straße".encode("latin-1")) == "Größe, Übermaß, Straße"


def test_ingest_decode_other_legacy_encodings() -> None:
    russian = "Привет, как дела? Это тест на кириллице, новости дня."
    assert decode_bytes(russian.encode("cp1251")) == russian
    polish = "Zażółć gęślą jaźń — polski tekst"
    assert decode_bytes(polish.encode("cp1250")) == polish
    turkish = "Türkçe haber metni, İstanbul'da ağır yağış bekleniyor"
    assert decode_bytes(turkish.encode("cp1254")) == turkish


def test_ingest_decode_utf16_with_and_without_bom() -> None:
    text = "Zürich: naïve café, 東京 news"
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    assert decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text
    assert decode_bytes(text.encode("utf-16-le")) == text  # NULs in every other byte
    assert decode_bytes(codecs.BOM_UTF32_LE + text.encode("utf-32-le")) == text


def test_ingest_decode_declared_charset_is_honoured() -> None:
    # The same bytes read differently with a declaration: the declaration wins.
    data = "Привет мир".encode("koi8-r")
    assert decode_bytes(data, declared="koi8-r") == "Привет мир"


def test_ingest_decode_valid_utf8_beats_a_wrong_latin1_declaration() -> None:
    assert decode_bytes("naïve café".encode(), declared="iso-8859-1") == "naïve café"


def test_ingest_decode_mostly_utf8_keeps_the_text() -> None:
    # A file cut inside a multi-byte character must not turn into cp1252 mojibake.
    data = ("L’été à Zürich — “naïve” café. " * 20 + "café").encode()[:-1]
    text = decode_bytes(data)
    assert isinstance(text, str)
    assert text.startswith("L’été à Zürich")
    assert text.count("\ufffd") == 1


def test_ingest_decode_binary_is_rejected() -> None:
    png = decode_bytes((FIXTURES / "pixel.png").read_bytes())
    assert isinstance(png, Undecodable) and png.reason is RejectReason.BINARY
    assert "PNG image" in png.message
    nul = decode_bytes(b"text with a \x00 NUL byte and more text")
    assert isinstance(nul, Undecodable) and nul.reason is RejectReason.BINARY
    controls = decode_bytes(bytes(range(1, 9)) * 50 + b"some words")
    assert isinstance(controls, Undecodable) and controls.reason is RejectReason.BINARY


def test_ingest_decode_undecodable_garbage_is_rejected() -> None:
    rng = random.Random(0)
    garbage = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    result = decode_bytes(garbage)
    assert isinstance(result, Undecodable)
    assert result.reason in (RejectReason.ENCODING, RejectReason.BINARY)
    assert "re-save the file as UTF-8" in result.message


def test_ingest_decode_text_with_tabs_and_form_feeds_is_text() -> None:
    assert binary_kind(b"col1\tcol2\r\n\x0cnew page\x1b[0m\n" * 10) is None


def test_ingest_decode_newlines() -> None:
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


def test_ingest_decode_html_meta_charset() -> None:
    data = (FIXTURES / "latin1-meta.html").read_bytes()
    assert declared_charset(data) == "iso-8859-1"
    html = decode_html(data)
    assert isinstance(html, str) and "Un café naïve – « déjà vu »." in html


def test_ingest_decode_html_http_charset_outranks_meta() -> None:
    data = '<meta charset="utf-8"><p>Привет</p>'.encode("cp1251")
    assert decode_html(data, http_charset="windows-1251") == '<meta charset="utf-8"><p>Привет</p>'


def test_ingest_decode_html_xml_declaration_and_bogus_labels() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-15"?><html><p>10 €uro</p></html>'
    assert decode_html(data.encode("iso-8859-15")) == data
    # An unknown label falls through to detection instead of failing.
    assert (
        decode_html('<meta charset="x-nonsense"><p>é</p>'.encode())
        == '<meta charset="x-nonsense"><p>é</p>'
    )


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "latin-1", "bogus", "utf-16"]))
def test_ingest_decode_never_raises(data: bytes, declared: str | None) -> None:
    result = decode_bytes(data, declared)
    assert isinstance(result, (str, Undecodable))
    assert isinstance(decode_html(data, declared), (str, Undecodable))
