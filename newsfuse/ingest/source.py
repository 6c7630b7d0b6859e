"""An opened input file, as the format readers see it.

:func:`open_source` does the checks every format shares (the path exists, is a
regular file, is not empty, can be opened) and reads the first bytes once so that
format detection and the readers share them. Gzip is recognised by its magic bytes,
not by the ``.gz`` name, so a mislabelled file is still read correctly.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsfuse.model import Rejection, RejectReason

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 64 * 1024  # enough to sniff any format and to hold most small files whole
_READ_BUFFER = 256 * 1024  # fewer syscalls on big JSONL / WARC files than the 8 KiB default

# Errors the gzip module raises for a cut-off or corrupt stream.
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)

_WHITESPACE = re.compile(r"\s+")


def one_line(text: object, limit: int = 160) -> str:
    """``text`` squeezed onto one short line (library messages can span lines)."""
    # Cut before squeezing: library messages can quote megabytes of record data.
    squeezed = _WHITESPACE.sub(" ", str(text)[: limit * 4]).strip()
    return squeezed if len(squeezed) <= limit else squeezed[: limit - 1] + "…"


def human_size(n: int) -> str:
    """``1536`` -> ``'1.5 KiB'``: sizes in messages people read."""
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{n} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def gunzip_prefix(data: bytes, limit: int = HEAD_BYTES) -> bytes:
    """Decompress as much of a gzip prefix as possible (at most ``limit`` bytes out).

    A prefix of a gzip stream is enough to sniff the content; a corrupt header gives
    ``b""`` and the reader reports the problem when it reads the stream itself.
    """
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, limit)
    except zlib.error:
        return b""


@dataclass
class Source:
    """One opened regular file.

    Attributes:
        path: the path as given.
        name: ``str(path)``, the ``source`` of every document and rejection.
        fh: the raw file, positioned at offset 0.
        size: size on disk in bytes.
        compressed: the file is gzip (by its magic bytes).
        head: the first bytes of the content (decompressed when ``compressed``).
    """

    path: Path
    name: str
    fh: BinaryIO
    size: int
    compressed: bool
    head: bytes
    raw_head_is_whole_file: bool = False

    def reject(self, reason: RejectReason, message: str, offset: int | None = None) -> Rejection:
        """A rejection of this file (or of the record at ``offset`` inside it)."""
        return Rejection(self.name, reason, message, offset)

    def stream(self) -> BinaryIO:
        """The decompressed content as a binary stream, from the start."""
        self.fh.seek(0)
        if self.compressed:
            return gzip.GzipFile(fileobj=self.fh, mode="rb")  # type: ignore[return-value]
        return self.fh

    def read_all(self, limit: int, setting: str = "ingest.max_file_bytes") -> bytes | Rejection:
        """The whole content, or a rejection when it is larger than ``limit`` or unreadable.

        The size on disk is checked before reading, and a gzip file is decompressed
        at most ``limit + 1`` bytes far, so neither a huge file nor a gzip bomb is
        ever held in memory.
        """
        if not self.compressed and self.size > limit:
            return self.reject(
                RejectReason.TOO_LARGE,
                f"file is {human_size(self.size)}, above {setting} = {human_size(limit)}; "
                "raise the limit in newsfuse.toml or split the file",
            )
        if self.raw_head_is_whole_file:
            return self.head
        try:
            data = self.stream().read(limit + 1)
        except GZIP_ERRORS as exc:
            return self.reject(
                RejectReason.TRUNCATED,
                f"gzip data is cut off or corrupt ({one_line(exc)}); "
                "re-download the file or compress it again",
            )
        except OSError as exc:
            return self.reject(
                RejectReason.UNREADABLE,
                f"cannot read the file ({exc.strerror or exc}); check the disk and permissions",
            )
        if len(data) > limit:
            return self.reject(
                RejectReason.TOO_LARGE,
                f"decompresses to more than {setting} = {human_size(limit)}; "
                "raise the limit in newsfuse.toml or split the file",
            )
        return data


def open_source(path: Path) -> Source | Rejection:
    """Open ``path`` for reading, or say why it cannot be read.

    The file is stat-ed before it is opened: opening a FIFO would block forever and
    opening a directory fails with a confusing error, so both are refused up front.
    The caller closes ``source.fh``.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            hint = "is a symbolic link to a file that does not exist; fix or remove the link"
        else:
            hint = "no such file; check the path"
        return Rejection(name, RejectReason.MISSING, hint)
    except OSError as exc:
        return Rejection(
            name,
            RejectReason.UNREADABLE,
            f"cannot inspect the file ({exc.strerror or exc}); check its permissions",
        )
    if stat.S_ISDIR(info.st_mode):
        return Rejection(
            name,
            RejectReason.UNREADABLE,
            "is a directory, not a file; pass it to read_sources() (or the CLI) to read "
            "the files inside",
        )
    if not stat.S_ISREG(info.st_mode):
        return Rejection(
            name,
            RejectReason.UNREADABLE,
            "is not a regular file (a FIFO, socket or device); copy the data into a file",
        )
    if info.st_size == 0:
        return Rejection(
            name, RejectReason.EMPTY, "file is empty (0 bytes); remove it or re-export it"
        )
    try:
        # A big buffer pays on big containers; small files need no more than their size.
        buffering = max(io.DEFAULT_BUFFER_SIZE, min(info.st_size, _READ_BUFFER))
        fh = open(path, "rb", buffering=buffering)  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        return Rejection(
            name,
            RejectReason.UNREADABLE,
            f"cannot open the file ({exc.strerror or exc}); check its permissions",
        )
    try:
        raw_head = fh.read(HEAD_BYTES)
    except OSError as exc:
        fh.close()
        return Rejection(
            name,
            RejectReason.UNREADABLE,
            f"cannot read the file ({exc.strerror or exc}); check the disk and permissions",
        )
    compressed = raw_head.startswith(GZIP_MAGIC)
    head = gunzip_prefix(raw_head) if compressed else raw_head
    whole = not compressed and len(raw_head) >= info.st_size
    return Source(path, name, fh, info.st_size, compressed, head, whole)
