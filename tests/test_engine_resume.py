"""A run killed with SIGKILL half-way, run again, ends with exactly the store of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.config import load_config
from newsfuse.engine.pipeline import ingest
from newsfuse.export import export_dict
from newsfuse.store import open_store


def _corpus(root: Path, seeds: Path, copies: int) -> Path:
    """Text files and a JSONL file made from the sample articles, each made unique."""
    corpus = root / "corpus"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    with (corpus / "stream.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(copies):
            text = texts[i % len(texts)]
            fh.write(json.dumps({"id": f"j{i}", "url": f"https://example.org/story/{i}",
                                 "title": f"Story number {i}", "text": text}) + "\n")
    for i in range(copies // 4):
        (corpus / f"doc{i:05d}.txt").write_text(
            texts[i % len(texts)] + f"\nThis is paragraph number {i} of the local edition.\n",
            encoding="utf-8")
    (corpus / "broken.jsonl").write_text('{"text": "Fine line of text here."}\n{not json\n')
    return corpus


def _ingest_cli(corpus: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        # --clean-only: this test is about the ingest transactions; the corpus stages
        # each write in one transaction of their own and are tested on their own
        [sys.executable, "-m", "newsfuse.cli.main", "ingest", str(corpus), "--db", f"sqlite:///{db}",
         "--clean-only"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _content(db: Path) -> dict:
    store = open_store(f"sqlite:///{db}")
    data = export_dict(store)
    store.close()
    return data


@pytest.mark.slow
def test_engine_resume_after_sigkill_equals_uninterrupted_run(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = _corpus(tmp_path, seeds_dir, copies=2400)
    env = {**os.environ, "NEWSFUSE_RUN__BATCH_SIZE": "40", "NEWSFUSE_RUN__PROGRESS": "false"}

    killed_db = tmp_path / "killed.db"
    proc = _ingest_cli(corpus, killed_db, env)
    deadline = time.monotonic() + 120
    while _articles(killed_db) < 200 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest finished before it could be killed: enlarge the corpus"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_at_kill = _articles(killed_db)
    assert proc.returncode == -signal.SIGKILL

    resumed = _ingest_cli(corpus, killed_db, env)
    # 0 or 1: broken.jsonl's rejected line is reported again only if it was not stored before the kill
    assert resumed.wait(timeout=300) in (0, 1)

    clean_db = tmp_path / "clean.db"
    assert _ingest_cli(corpus, clean_db, env).wait(timeout=300) == 1

    resumed_content, clean_content = _content(killed_db), _content(clean_db)
    total = len(clean_content["articles"])
    assert 0 < stored_at_kill < total
    assert resumed_content == clean_content
    assert len({a["id"] for a in resumed_content["articles"]}) == total


def test_engine_reingest_adds_nothing_and_skips_unchanged_files(tmp_path: Path, seeds_dir: Path) -> None:
    config = load_config(environ={}, overrides={"run": {"progress": False}})
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    first = ingest([seeds_dir], store, config)
    assert (first.documents, first.articles_new, first.rejected) == (5, 5, 0)
    second = ingest([seeds_dir], store, config)
    assert (second.files_unchanged, second.documents, second.articles_new) == (5, 0, 0)
    store.close()


def test_engine_changed_file_is_read_again_without_duplicates(tmp_path: Path, seeds_dir: Path) -> None:
    config = load_config(environ={}, overrides={"run": {"progress": False}})
    copy = tmp_path / "in"
    copy.mkdir()
    for p in seeds_dir.glob("*.txt"):
        (copy / p.name).write_bytes(p.read_bytes())
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    ingest([copy], store, config)
    target = sorted(copy.glob("*.txt"))[0]
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched, same content
    again = ingest([copy], store, config)
    assert (again.files_unchanged, again.documents, again.articles_new, again.articles_known) == (4, 1, 0, 1)
    assert store.counts().articles == 5
    store.close()


def test_engine_one_text_in_two_files_is_stored_once_and_each_file_keeps_its_own_counts(
        tmp_path: Path, seeds_dir: Path) -> None:
    config = load_config(environ={}, overrides={"run": {"progress": False}})
    folder = tmp_path / "in"
    folder.mkdir()
    text = sorted(seeds_dir.glob("*.txt"))[0].read_bytes()
    (folder / "a.txt").write_bytes(text)
    (folder / "b-link.txt").symlink_to(folder / "a.txt")  # rejected as a path: links are not followed
    (folder / "c.txt").write_bytes(text)  # the same article again
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    summary = ingest([folder], store, config)
    store.close()
    assert (summary.documents, summary.articles_new, summary.articles_known, summary.articles_repeated,
            summary.rejected) == (2, 1, 0, 1, 1)
    with sqlite3.connect(tmp_path / "s.db") as db:
        assert db.execute("SELECT source FROM articles").fetchall() == [(str(folder / "a.txt"),)]
        marks = dict(((k, (d, r)) for k, d, r in db.execute("SELECT key, documents, rejected FROM sources")))
    assert marks == {str(folder / "a.txt"): (1, 0), str(folder / "c.txt"): (1, 0)}


def test_engine_parallel_workers_give_the_same_store(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = _corpus(tmp_path, seeds_dir, copies=800)  # past the in-process warm-up
    results = []
    for workers in (1, 2):
        config = load_config(environ={}, overrides={"run": {"workers": workers, "progress": False}})
        store = open_store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        ingest([corpus], store, config)
        results.append(export_dict(store))
        store.close()
    assert results[0] == results[1]
