"""Turn what the user named (files, directories, glob patterns) into files to read.

Order is deterministic: inputs in the order given; inside a directory, entries are
sorted by name (files and sub-directories interleaved) and walked depth-first. Only
one directory listing per level of the current path is held at a time, so a tree
of millions of files streams.

* A path that exists is used as it is, even if it contains ``*`` or ``[``.
* A directory is walked recursively; hidden entries (``.git``, ``.DS_Store``) are
  skipped. A directory with nothing to read is an ``EMPTY`` rejection.
* A pattern (``data/**/*.html``, ``*.jsonl``) is matched component by component:
  ``*``, ``?`` and ``[...]`` stay inside one component, ``**`` spans any number of
  directories. A directory that matches is walked whole. A pattern matching nothing
  is a ``MISSING`` rejection.
* A path given explicitly is read even if it is a symbolic link; links found while
  walking are followed only with ``ingest.follow_symlinks`` (otherwise each is an
  ``UNREADABLE`` rejection naming the setting). Link cycles are not walked twice.
* Anything else that is not a directory (a FIFO, a broken link) is passed on, and
  :func:`newsfuse.ingest.read_file` says why it cannot be read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfuse.config import IngestConfig
from newsfuse.model import Rejection, RejectReason

_MAGIC = re.compile(r"[*?[]")
_DEFAULT = IngestConfig()


def _component_regex(part: str) -> str:
    """Regex for one glob component; nothing in it can match ``/``."""
    out: list[str] = []
    i = 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = part.find("]", i + 2 if part[i + 1 : i + 2] in ("!", "]") else i + 1)
            if end == -1:
                out.append(re.escape(ch))
            else:
                body = part[i + 1 : end]
                negate = body.startswith("!")
                body = body[1:] if negate else body
                body = body.replace("\\", "\\\\")
                out.append(f"[^/{body}]" if negate else f"[{body}]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def glob_regex(parts: list[str]) -> re.Pattern[str]:
    """Compile glob components into a regex over ``/``-joined relative paths.

    Example:
        >>> bool(glob_regex(["**", "*.html"]).fullmatch("a/b/c.html"))
        True
        >>> bool(glob_regex(["*.html"]).fullmatch("a/c.html"))
        False
    """
    pieces: list[str] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            pieces.append(".*" if last else "(?:[^/]+/)*")
        else:
            pieces.append(_component_regex(part) + ("" if last else "/"))
    return re.compile("".join(pieces))


def _listing(directory: str) -> list[os.DirEntry[str]] | Rejection:
    """The visible entries of ``directory``, sorted by name (one level only)."""
    try:
        with os.scandir(directory) as entries:
            visible = [entry for entry in entries if not entry.name.startswith(".")]
    except OSError as exc:
        return Rejection(
            directory,
            RejectReason.UNREADABLE,
            f"cannot list the directory ({exc.strerror or exc}); check its permissions",
        )
    visible.sort(key=lambda entry: entry.name)
    return visible


def _dir_key(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _walk(
    top: str,
    config: IngestConfig,
    pattern: re.Pattern[str] | None = None,
    max_depth: int | None = None,
) -> Iterator[Path | Rejection]:
    """Files under ``top``, depth-first in name order.

    Args:
        top: the directory to walk.
        config: ``follow_symlinks`` decides whether links are walked.
        pattern: keep only paths (relative to ``top``) matching it; a matching
            directory is kept whole. ``None`` keeps everything.
        max_depth: how many path components ``pattern`` can span (``None``: any).
    """
    follow = config.follow_symlinks
    listing = _listing(top)
    if isinstance(listing, Rejection):
        yield listing
        return
    # Each frame: entries still to visit, their relative prefix, depth, keep-all flag,
    # and the directory's identity (to stop at link cycles).
    stack = [(iter(listing), "", 0, pattern is None, _dir_key(top) if follow else None)]
    active = {stack[0][4]} if follow else set()
    while stack:
        entries, prefix, depth, keep_all, key = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            active.discard(key)
            continue
        relative = prefix + entry.name
        selected = keep_all or (pattern is not None and pattern.fullmatch(relative) is not None)
        if entry.is_symlink() and not follow:
            if selected:
                yield Rejection(
                    entry.path,
                    RejectReason.UNREADABLE,
                    "is a symbolic link and ingest.follow_symlinks is off; set it to true "
                    "or name the link explicitly",
                )
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            if selected:
                yield Path(entry.path)
            continue
        if not selected and max_depth is not None and depth + 1 >= max_depth:
            continue  # the pattern cannot reach any deeper
        child_key = _dir_key(entry.path) if follow else None
        if follow and child_key in active:
            continue  # a link back to a directory being walked: a cycle
        child = _listing(entry.path)
        if isinstance(child, Rejection):
            yield child
            continue
        active.add(child_key)
        stack.append((iter(child), relative + "/", depth + 1, selected, child_key))


def _expand_directory(path: Path, config: IngestConfig) -> Iterator[Path | Rejection]:
    found = False
    for item in _walk(str(path), config):
        found = True
        yield item
    if not found:
        yield Rejection(
            str(path),
            RejectReason.EMPTY,
            "the directory holds no files to read (hidden files are skipped); check the path",
        )


def _expand_pattern(pattern: str, config: IngestConfig) -> Iterator[Path | Rejection]:
    parts = pattern.replace(os.sep, "/").split("/")
    fixed: list[str] = []
    for part in parts:
        if _MAGIC.search(part):
            break
        fixed.append(part)
    rest = [part for part in parts[len(fixed) :] if part]
    root = "/".join(fixed) if any(fixed) else ("/" if fixed else ".")
    found = False
    if os.path.isdir(root):
        max_depth = None if "**" in rest else len(rest)
        for item in _walk(root, config, glob_regex(rest), max_depth):
            found = True
            yield item
    if not found:
        yield Rejection(
            pattern,
            RejectReason.MISSING,
            "the pattern matched no files (hidden files are skipped); check it, and quote "
            "it so that the shell passes it on unexpanded",
        )


def expand_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    config: IngestConfig = _DEFAULT,
) -> Iterator[Path | Rejection]:
    """Expand files, directories and glob patterns into the files to read, lazily.

    Args:
        paths: what the user named, in order (a single path is accepted too).
        config: the ingest settings (``follow_symlinks``).

    Yields:
        A :class:`~pathlib.Path` per file to read, or a :class:`Rejection` for a
        missing path, a pattern matching nothing, an empty or unlistable directory,
        or a symbolic link that is not followed.

    Example:
        >>> list(expand_paths(["no/such/file.txt"]))[0].reason.value
        'missing'
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        text = os.fspath(given)
        if os.path.lexists(text):
            path = Path(text)
            if path.is_dir():
                yield from _expand_directory(path, config)
            else:
                yield path
        elif _MAGIC.search(text):
            yield from _expand_pattern(text, config)
        else:
            yield Rejection(text, RejectReason.MISSING, "no such file or directory; check the path")
