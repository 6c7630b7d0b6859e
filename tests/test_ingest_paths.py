"""expand_paths: files, directories, globs, hidden entries, symlinks, streaming."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import newsfuse.ingest.paths as paths_module
from newsfuse.config import IngestConfig
from newsfuse.ingest import expand_paths, read_sources
from newsfuse.model import RawDocument, Rejection, RejectReason


def _tree(root: Path) -> Path:
    """root/{a/{b.txt, c/d.html, e.jsonl}, z.txt, .git/config.txt, .hidden.txt}"""
    (root / "a" / "c").mkdir(parents=True)
    (root / "a" / "b.txt").write_text("b")
    (root / "a" / "c" / "d.html").write_text("<p>d</p>")
    (root / "a" / "e.jsonl").write_text('{"text": "e"}\n')
    (root / "z.txt").write_text("z")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text("hidden")
    (root / ".hidden.txt").write_text("hidden")
    return root


def _names(items: list[Path | Rejection], root: Path) -> list[str]:
    return [str(Path(i).relative_to(root)) for i in items if isinstance(i, Path)]


def test_ingest_paths_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    items = list(expand_paths([root]))
    assert _names(items, root) == ["a/b.txt", "a/c/d.html", "a/e.jsonl", "z.txt"]


def test_ingest_paths_inputs_keep_their_order(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    items = list(expand_paths([root / "z.txt", root / "a" / "b.txt"]))
    assert _names(items, root) == ["z.txt", "a/b.txt"]


def test_ingest_paths_single_path_argument_is_not_split_into_characters(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert _names(list(expand_paths(str(root / "z.txt"))), root) == ["z.txt"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("**/*.html", ["a/c/d.html"]),
        ("**/*.txt", ["a/b.txt", "z.txt"]),
        ("*.txt", ["z.txt"]),
        ("*/b.txt", ["a/b.txt"]),
        ("a/*", ["a/b.txt", "a/c/d.html", "a/e.jsonl"]),  # a matching directory is walked
        ("a/**", ["a/b.txt", "a/c/d.html", "a/e.jsonl"]),
        ("a/[bc]*", ["a/b.txt", "a/c/d.html"]),
        ("a/[!b]*.jsonl", ["a/e.jsonl"]),
        ("?.txt", ["z.txt"]),
    ],
)
def test_ingest_paths_glob_patterns(tmp_path: Path, pattern: str, expected: list[str]) -> None:
    root = _tree(tmp_path)
    items = list(expand_paths([f"{root}/{pattern}"]))
    assert _names(items, root) == expected
    assert not [i for i in items if isinstance(i, Rejection)]


def test_ingest_paths_relative_glob(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in expand_paths(["**/*.html"])] == ["a/c/d.html"]


def test_ingest_paths_glob_matching_nothing_is_missing(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    pattern = f"{root}/**/*.pdf"
    items = list(expand_paths([pattern]))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].reason is RejectReason.MISSING
    assert items[0].source == pattern
    assert "matched no files" in items[0].message


def test_ingest_paths_glob_under_missing_directory_is_missing(tmp_path: Path) -> None:
    items = list(expand_paths([f"{tmp_path}/nope/*.txt"]))
    assert [i.reason for i in items if isinstance(i, Rejection)] == [RejectReason.MISSING]


def test_ingest_paths_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such.txt"
    (item,) = list(expand_paths([missing]))
    assert isinstance(item, Rejection)
    assert item.reason is RejectReason.MISSING and item.source == str(missing)
    assert "\n" not in item.message and "check the path" in item.message


def test_ingest_paths_existing_name_with_glob_characters_is_literal(tmp_path: Path) -> None:
    odd = tmp_path / "report[1].txt"
    odd.write_text("x")
    (tmp_path / "report1.txt").write_text("y")
    assert list(expand_paths([odd])) == [odd]


def test_ingest_paths_empty_directory_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "only-hidden").mkdir()
    (tmp_path / "only-hidden" / ".DS_Store").write_text("x")
    (item,) = list(expand_paths([tmp_path / "only-hidden"]))
    assert isinstance(item, Rejection) and item.reason is RejectReason.EMPTY


def test_ingest_paths_symlinks_not_followed_by_default(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "real.txt").write_text("real")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("outside")
    (data / "link.txt").symlink_to(data / "real.txt")
    (data / "linkdir").symlink_to(outside, target_is_directory=True)
    items = list(expand_paths([data]))
    assert [i for i in items if isinstance(i, Path)] == [data / "real.txt"]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert sorted(Path(r.source).name for r in rejected) == ["link.txt", "linkdir"]
    assert all("follow_symlinks" in r.message for r in rejected)


def test_ingest_paths_symlinks_followed_when_configured(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "real.txt").write_text("real")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("outside")
    (data / "linkdir").symlink_to(outside, target_is_directory=True)
    (data / "loop").symlink_to(data, target_is_directory=True)  # a cycle must not hang
    items = list(expand_paths([data], IngestConfig(follow_symlinks=True)))
    assert items == [data / "linkdir" / "o.txt", data / "real.txt"]


def test_ingest_paths_explicit_symlink_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("real")
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "real.txt")
    assert list(expand_paths([link])) == [link]


def test_ingest_paths_streams_directory_by_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(50):
        (tmp_path / f"d{i:02d}").mkdir()
        (tmp_path / f"d{i:02d}" / "f.txt").write_text("x")
    listed: list[str] = []
    real_scandir = os.scandir

    def counting_scandir(path: str) -> object:
        listed.append(path)
        return real_scandir(path)

    monkeypatch.setattr(paths_module.os, "scandir", counting_scandir)
    first = next(expand_paths([tmp_path]))
    assert first == tmp_path / "d00" / "f.txt"
    assert len(listed) == 2  # the root and the first sub-directory, nothing more


def test_ingest_paths_ten_thousand_files_read_in_sorted_order(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    names = [f"{rng.random():.6f}-{i}.txt" for i in range(10_000)]
    rng.shuffle(names)
    for i, name in enumerate(names):
        (tmp_path / name).write_text(f"article number {i}\n")
    items = list(read_sources([tmp_path]))
    assert len(items) == 10_000
    assert all(isinstance(i, RawDocument) for i in items)
    sources = [Path(i.provenance.source).name for i in items if isinstance(i, RawDocument)]
    assert sources == sorted(names)
    # Deterministic: a second run gives the same order.
    again = [i.provenance.source for i in read_sources([tmp_path]) if isinstance(i, RawDocument)]
    assert again == [i.provenance.source for i in items if isinstance(i, RawDocument)]
