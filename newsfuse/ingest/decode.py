"""Bytes to text: tell text from binary, then find the encoding.

The order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides outright;
2. binary content (known file signatures, NUL bytes, many control bytes) is refused;
3. valid UTF-8 wins over a declared charset: pages that declare ``iso-8859-1`` but are
   really UTF-8 are common, while legacy text that happens to be valid UTF-8 is not;
4. the declared charset (HTTP header, ``<meta charset>``), if it decodes cleanly;
5. UTF-16 without a BOM (NUL bytes in every other position);
6. "almost UTF-8" (a few broken bytes among many valid multi-byte characters, e.g. a
   file cut in the middle of a character) is decoded as UTF-8 with replacements;
7. a guess by charset-normalizer, leaning to windows-1252 for Western text, where its
   raw guess is unreliable on short inputs (it calls "café naïve" cp1006).
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from newsfuse.model import RejectReason

SAMPLE_BYTES = 8 * 1024  # binary sniffing looks at the head only: cheap and enough

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures that are never the start of a text file, to name what was found.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

# Control bytes that do not occur in text (tab, newlines, form feed and ESC do).
_CONTROL = bytes([*range(9), *range(14, 27), *range(28, 32), 127])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)

# Labels that mean windows-1252 in practice (the WHATWG encoding standard maps them so:
# documents labelled latin-1 routinely contain cp1252 quotes and dashes).
_CP1252_LABELS = {
    "ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
    "l1", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252",
}  # fmt: skip
_LABEL_ALIASES = {
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
}
# Letters common in a cp1252 reading of Turkish (cp1254) text and rare elsewhere.
_CP1254_TELLS = frozenset("ðýþÐÝÞ")


class Undecodable(NamedTuple):
    """Why bytes could not become text."""

    reason: RejectReason
    message: str


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """``(codec, bom_length)`` when ``data`` starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NULs fill every other byte, as in UTF-16 text."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.3 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.3 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def binary_kind(sample: bytes) -> str | None:
    """What binary content ``sample`` looks like, or ``None`` if it looks like text.

    Call it on the head of the content, after BOM detection (UTF-16 is full of NULs).
    """
    for signature, kind in _SIGNATURES:
        if sample.startswith(signature):
            if signature == b"BZh" and not _BZIP2.match(sample):
                continue  # text may start with "BZh"; bzip2 has a longer signature
            return kind
    if b"\x00" in sample:
        return None if utf16_without_bom(sample) else "binary data (it contains NUL bytes)"
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls * 20 > len(sample):  # over 5% control bytes: no text editor wrote this
        return "binary data (it is full of control bytes)"
    return None


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a declared charset label, or ``None`` if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _CP1252_LABELS:
        return "cp1252"
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut multi-byte character, a stray byte)."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - broken
    if non_ascii >= 1 and broken <= max(1, non_ascii // 20):
        return text
    return None


def _guess(data: bytes) -> str | None:
    """Best legacy-encoding reading of ``data``, or ``None`` if nothing fits."""
    from charset_normalizer import from_bytes  # lazy: keeps `import newsfuse` fast

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    western = next((m for m in matches if "cp1252" in m.could_be_from_charset), None)
    # charset-normalizer ranks Baltic/Central-European code pages above cp1252 on
    # short Western text; prefer cp1252 when it is nearly as plausible, unless the
    # cp1252 reading shows the letters a Turkish (cp1254) text turns into.
    if western is not None and western.chaos <= best.chaos + 0.15:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return str(best)
        if not _CP1254_TELLS.intersection(text):
            return text
        if any("cp1254" in m.could_be_from_charset for m in matches):
            return data.decode("cp1254", "replace")
    return str(best)


def decode_bytes(data: bytes, declared: str | None = None) -> str | Undecodable:
    """Decode ``data`` to text, or say why it is not text.

    Args:
        data: the raw bytes of one document.
        declared: a charset the container declared (HTTP header, ``<meta charset>``).

    Returns:
        The text (BOM removed), or an :class:`Undecodable` with the rejection reason
        (``BINARY`` or ``ENCODING``) and a one-line message.

    Example:
        >>> decode_bytes("café naïve".encode("cp1252"))
        'café naïve'
    """
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        # The BOM is authoritative; a broken unit or two (a cut file) is replaced.
        return data[skip:].decode(encoding, "replace")
    kind = binary_kind(data[:SAMPLE_BYTES])
    if kind is not None:
        return Undecodable(
            RejectReason.BINARY,
            f"looks like {kind}, not text; ingest reads text, HTML, JSON Lines, "
            "RSS/Atom and WARC files",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    charset = normalize_charset(declared)
    if charset is not None:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass
    utf16 = utf16_without_bom(data[:SAMPLE_BYTES])
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    text = _mostly_utf8(data) or _guess(data)
    if text is None:
        return Undecodable(
            RejectReason.ENCODING,
            "not UTF-8, latin-1/cp1252, UTF-16 or any other known text encoding; "
            "re-save the file as UTF-8",
        )
    return text


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` to ``\\n``, as Python's text mode reads files."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
