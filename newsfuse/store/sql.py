"""The SQL implementation of :class:`~newsfuse.store.base.Store`, shared by SQLite and
PostgreSQL. Backends differ only in how they connect and in a small :class:`Dialect`."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsfuse.errors import StoreError
from newsfuse.model import (
    Article,
    DropReason,
    DroppedLine,
    Provenance,
    Rejection,
    RejectReason,
    RunRecord,
    StageCount,
)
from newsfuse.store.base import SourceMark, StoreCounts, WriteBatch, WriteResult
from newsfuse.store.migrations import MIGRATIONS

_ARTICLE_COLUMNS = (
    "id, source, source_offset, format, url, title, outlet, author, published,"
    " published_inferred, language, text, headings"
)
_CHUNK = 500  # ids per IN (...) query; far below SQLite's and PostgreSQL's limits


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    placeholder: str  # "?" for sqlite3, "%s" for psycopg
    types: dict[str, str]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _article_row(article: Article) -> tuple[Any, ...]:
    p = article.provenance
    return (
        article.id,
        p.source,
        p.offset,
        p.format,
        article.url,
        article.title,
        article.outlet,
        article.author,
        _iso(article.published),
        int(article.published_inferred),
        article.language,
        article.text,
        json.dumps([list(h) for h in article.headings]),
    )


class SQLStore:
    """A store over a DB-API connection. Subclasses set ``dialect`` and open ``conn``."""

    dialect: Dialect

    def __init__(self, url: str, conn: Any) -> None:
        self.url = url
        self.conn = conn

    # -- plumbing -------------------------------------------------------------
    def _sql(self, statement: str) -> str:
        return statement.replace("?", self.dialect.placeholder)

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        cur = self.conn.cursor()
        try:
            yield cur
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        finally:
            cur.close()

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor()
        try:
            cur.execute(self._sql(statement), tuple(params))
            rows = list(cur.fetchall())
        finally:
            cur.close()
        self.conn.commit()  # end the read transaction (psycopg opens one implicitly)
        return rows

    def _existing(self, cur: Any, table: str, column: str, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            marks = ", ".join([self.dialect.placeholder] * len(chunk))
            cur.execute(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", tuple(chunk))
            found.update(row[0] for row in cur.fetchall())
        return found

    def local_files(self) -> tuple[Path, ...]:
        return ()

    # -- migrations -----------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        with self._transaction() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        return [r[0] for r in self._query("SELECT name FROM schema_migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        done = set(self.applied_migrations())
        applied: list[str] = []
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            with self._transaction() as cur:
                for statement in migration.statements:
                    cur.execute(statement.format(**self.dialect.types))
                cur.execute(
                    self._sql(
                        "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?) "
                        "ON CONFLICT DO NOTHING"
                    ),
                    (migration.name, datetime.now().astimezone().isoformat()),
                )
            applied.append(migration.name)
        known = {m.name for m in MIGRATIONS}
        unknown = sorted(done - known)
        if unknown:
            raise StoreError(
                f"{self.url}: the store has migrations this newsfuse does not know "
                f"({', '.join(unknown)}); it was written by a newer version: upgrade newsfuse"
            )
        return applied

    # -- writes ---------------------------------------------------------------
    def write(self, batch: WriteBatch) -> WriteResult:
        articles_new = rejections_new = 0
        with self._transaction() as cur:
            if batch.articles:
                unique: dict[str, Article] = {}
                for a in batch.articles:
                    unique.setdefault(a.id, a)  # an article read twice keeps its first source
                existing = self._existing(cur, "articles", "id", list(unique))
                fresh = [a for i, a in unique.items() if i not in existing]
                if fresh:
                    marks = ", ".join(["?"] * 13)
                    cur.executemany(
                        self._sql(f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({marks})"),
                        [_article_row(a) for a in fresh],
                    )
                    lines = [(a.id, n, d.lineno, d.line, d.reason.value) for a in fresh for n, d in enumerate(a.dropped)]
                    if lines:
                        cur.executemany(self._sql(
                            "INSERT INTO dropped_lines (article_id, position, lineno, line, reason) VALUES (?, ?, ?, ?, ?)"
                        ), lines)
                articles_new = len(fresh)
            if batch.rejections:
                rows = {
                    (r.source, -1 if r.offset is None else r.offset, r.reason.value): r.message
                    for r in batch.rejections
                }
                before = self._count(cur, "rejections")
                cur.executemany(
                    self._sql(
                        "INSERT INTO rejections (source, source_offset, reason, message) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
                    ),
                    [(*key, message) for key, message in rows.items()],
                )
                rejections_new = self._count(cur, "rejections") - before
            for mark in batch.sources:
                self._upsert_source(cur, mark)
        return WriteResult(articles_new, rejections_new)

    def _count(self, cur: Any, table: str) -> int:
        cur.execute(f"SELECT COUNT(*) FROM {table}")
        return int(cur.fetchone()[0])

    def _upsert_source(self, cur: Any, mark: SourceMark) -> None:
        cur.execute(
            self._sql(
                "INSERT INTO sources (key, fingerprint, documents, rejected) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, "
                "documents = excluded.documents, rejected = excluded.rejected"
            ),
            (mark.key, mark.fingerprint, mark.documents, mark.rejected),
        )

    def source_done(self, key: str, fingerprint: str) -> bool:
        rows = self._query("SELECT fingerprint FROM sources WHERE key = ?", (key,))
        return bool(rows) and rows[0][0] == fingerprint

    # -- runs -----------------------------------------------------------------
    def begin_run(self, run: RunRecord) -> None:
        with self._transaction() as cur:
            cur.execute(
                self._sql(
                    "INSERT INTO runs (id, started, finished, status, config_hash, versions, "
                    "inputs, stages) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                ),
                (
                    run.id,
                    run.started.isoformat(),
                    _iso(run.finished),
                    run.status,
                    run.config_hash,
                    json.dumps(run.versions, sort_keys=True),
                    json.dumps(list(run.inputs)),
                    json.dumps([_stage_dict(s) for s in run.stages]),
                ),
            )

    def finish_run(self, run: RunRecord) -> None:
        with self._transaction() as cur:
            cur.execute(
                self._sql("UPDATE runs SET finished = ?, status = ?, stages = ? WHERE id = ?"),
                (
                    _iso(run.finished),
                    run.status,
                    json.dumps([_stage_dict(s) for s in run.stages]),
                    run.id,
                ),
            )

    def runs(self) -> list[RunRecord]:
        rows = self._query(
            "SELECT id, started, finished, status, config_hash, versions, inputs, stages "
            "FROM runs ORDER BY started, id"
        )
        return [
            RunRecord(
                id=r[0],
                started=datetime.fromisoformat(r[1]),
                finished=datetime.fromisoformat(r[2]) if r[2] else None,
                status=r[3],
                config_hash=r[4],
                versions=json.loads(r[5]),
                inputs=tuple(json.loads(r[6])),
                stages=tuple(StageCount(**s) for s in json.loads(r[7])),
            )
            for r in rows
        ]

    # -- reads ----------------------------------------------------------------
    def _build_articles(self, rows: list[tuple[Any, ...]]) -> list[Article]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        dropped: dict[str, list[DroppedLine]] = {i: [] for i in ids}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ", ".join(["?"] * len(chunk))
            for article_id, lineno, line, reason in self._query(
                "SELECT article_id, lineno, line, reason FROM dropped_lines "
                f"WHERE article_id IN ({marks}) ORDER BY article_id, position",
                chunk,
            ):
                dropped[article_id].append(DroppedLine(lineno, line, DropReason(reason)))
        return [
            Article(
                id=r[0],
                provenance=Provenance(r[1], r[3], r[2]),
                url=r[4],
                title=r[5],
                outlet=r[6],
                author=r[7],
                published=datetime.fromisoformat(r[8]) if r[8] else None,
                published_inferred=bool(r[9]),
                language=r[10],
                text=r[11],
                headings=tuple((int(s), int(e)) for s, e in json.loads(r[12])),
                dropped=tuple(dropped[r[0]]),
            )
            for r in rows
        ]

    def article(self, article_id: str) -> Article | None:
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2",
            (article_id.replace("%", "").replace("_", "") + "%",),
        )
        if len(rows) != 1:
            return None
        return self._build_articles(rows)[0]

    def articles(self, page: int = 1000) -> Iterator[Article]:
        last: tuple[str, int, str] | None = None
        order = "ORDER BY source, COALESCE(source_offset, -1), id"
        while True:
            if last is None:
                rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles {order} LIMIT {page}")
            else:
                rows = self._query(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE "
                    "(source, COALESCE(source_offset, -1), id) > (?, ?, ?) "
                    f"{order} LIMIT {page}",
                    last,
                )
            if not rows:
                return
            yield from self._build_articles(rows)
            tail = rows[-1]
            last = (tail[1], -1 if tail[2] is None else tail[2], tail[0])

    def rejections(self) -> list[Rejection]:
        return [
            Rejection(
                source=r[0],
                offset=None if r[1] == -1 else int(r[1]),
                reason=RejectReason(r[2]),
                message=r[3],
            )
            for r in self._query(
                "SELECT source, source_offset, reason, message FROM rejections "
                "ORDER BY source, source_offset, reason"
            )
        ]

    def counts(self) -> StoreCounts:
        def n(table: str) -> int:
            return int(self._query(f"SELECT COUNT(*) FROM {table}")[0][0])

        return StoreCounts(
            articles=n("articles"),
            dropped_lines=n("dropped_lines"),
            rejections=n("rejections"),
            sources=n("sources"),
            runs=n("runs"),
        )

    # -- copies (migration 0004) ------------------------------------------------
    def write_copies(self, links: Sequence[Any] = (), signatures: Sequence[Any] = (),
                     replace: bool = False) -> int:
        from newsfuse.dedup.records import LINK_COLUMNS, SIGNATURE_COLUMNS, link_row, signature_row

        rows = {(link.a, link.b): link_row(link) for link in links}
        with self._transaction() as cur:
            if replace:
                cur.execute("DELETE FROM copy_links")
                cur.execute("DELETE FROM copy_signatures")
            before = self._count(cur, "copy_links") if rows else 0
            if rows:
                cur.executemany(self._sql(
                    f"INSERT INTO copy_links ({LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (a, b) DO UPDATE SET relation = excluded.relation, "
                    "direction = excluded.direction, direction_evidence = excluded.direction_evidence, "
                    "score = excluded.score, method = excluded.method, params = excluded.params, "
                    "evidence = excluded.evidence"), list(rows.values()))
            if signatures:
                cur.executemany(self._sql(
                    f"INSERT INTO copy_signatures ({SIGNATURE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (article_id) DO UPDATE SET params = excluded.params, "
                    "exact = excluded.exact, minhash = excluded.minhash, terms = excluded.terms, "
                    "words = excluded.words"), [signature_row(s) for s in signatures])
            return self._count(cur, "copy_links") - before if rows else 0

    def copy_links(self, article_ids: Any = None) -> list[Any]:
        from newsfuse.dedup.records import LINK_COLUMNS, link_from_row

        if article_ids is None:
            return [link_from_row(r) for r in self._query(
                f"SELECT {LINK_COLUMNS} FROM copy_links ORDER BY a, b")]
        ids = sorted(set(article_ids))
        found: dict[tuple[str, str], Any] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ", ".join(["?"] * len(chunk))
            for r in self._query(f"SELECT {LINK_COLUMNS} FROM copy_links "
                                 f"WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk):
                found[(r[0], r[1])] = r
        return [link_from_row(found[k]) for k in sorted(found)]

    def copy_signatures(self, page: int = 5000) -> Iterator[Any]:
        from newsfuse.dedup.records import SIGNATURE_COLUMNS, signature_from_row

        last = ""
        while True:
            rows = self._query(f"SELECT {SIGNATURE_COLUMNS} FROM copy_signatures "
                               f"WHERE article_id > ? ORDER BY article_id LIMIT {page}", (last,))
            if not rows:
                return
            yield from (signature_from_row(r) for r in rows)
            last = rows[-1][0]

    # -- who said what, and when (migration 0006); SQL in newsfuse.extract.storage ----
    def write_extract(self, corpus: Any, replace_corpus: bool = True) -> int:
        from newsfuse.extract.storage import write_extract

        return write_extract(self, corpus, replace_corpus)

    def extract_entities(self) -> list[Any]:
        from newsfuse.extract.storage import read_entities

        return read_entities(self)

    def extract_quotes(self, article_ids: Any = None) -> list[Any]:
        from newsfuse.extract.storage import read_quotes

        return read_quotes(self, article_ids)

    def extract_statements(self) -> list[Any]:
        from newsfuse.extract.storage import read_statements

        return read_statements(self)

    def extract_dates(self, article_ids: Any = None) -> list[Any]:
        from newsfuse.extract.storage import read_dates

        return read_dates(self, article_ids)

    def extract_timeline(self) -> list[Any]:
        from newsfuse.extract.storage import read_timeline

        return read_timeline(self)

    def extract_publication_dates(self) -> list[Any]:
        from newsfuse.extract.storage import read_publication_dates

        return read_publication_dates(self)

    # -- the parse cache (migration 0008); SQL in newsfuse.extract.cache ---------------
    def write_article_extractions(self, extractions: Sequence[Any], fingerprint: str) -> int:
        from newsfuse.extract.cache import write_article_extractions

        return write_article_extractions(self, extractions, fingerprint)

    def article_extractions(self, fingerprint: str, article_ids: Any = None) -> dict[str, Any]:
        from newsfuse.extract.cache import read_article_extractions

        return read_article_extractions(self, fingerprint, article_ids)

    # -- sentence vectors (migration 0010); SQL in newsfuse.crosscheck.vectors --------
    def write_sentence_vectors(self, vectors: Any) -> int:
        from newsfuse.crosscheck.vectors import write_sentence_vectors

        return write_sentence_vectors(self, vectors)

    def sentence_vectors(self, keys: Any) -> dict[str, Any]:
        from newsfuse.crosscheck.vectors import read_sentence_vectors

        return read_sentence_vectors(self, keys)

    # -- events and storylines (migration 0005); SQL in newsfuse.cluster.storage -----
    def write_events(self, update: Any, replace: bool = False) -> None:
        from newsfuse.cluster.storage import write_events

        write_events(self, update, replace)

    def events(self) -> list[Any]:
        from newsfuse.cluster.storage import read_events

        return read_events(self)

    def storylines(self) -> list[Any]:
        from newsfuse.cluster.storage import read_storylines

        return read_storylines(self)

    def event_memberships(self, article_ids: Any = None) -> list[Any]:
        from newsfuse.cluster.storage import read_memberships

        return read_memberships(self, article_ids)

    def event_changes(self) -> list[Any]:
        from newsfuse.cluster.storage import read_changes

        return read_changes(self)

    def events_state(self) -> Any:
        from newsfuse.cluster.storage import read_state

        return read_state(self)

    # -- claims, discrepancies, briefs (migration 0007); SQL in newsfuse.crosscheck.storage
    def write_crosscheck(self, result: Any, replace: bool = False) -> int:
        from newsfuse.crosscheck.storage import write_crosscheck

        return write_crosscheck(self, result.claims, result.discrepancies, result.briefs, replace)

    def claims(self, scope: str | None = None, status: str | None = None) -> list[Any]:
        from newsfuse.crosscheck.storage import read_claims

        return read_claims(self, scope, status)

    def discrepancies(self, scope: str | None = None, kind: str | None = None) -> list[Any]:
        from newsfuse.crosscheck.storage import read_discrepancies

        return read_discrepancies(self, scope, kind)

    def briefs(self, scope: str | None = None) -> list[Any]:
        from newsfuse.crosscheck.storage import read_briefs

        return read_briefs(self, scope)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stage_dict(stage: StageCount) -> dict[str, Any]:
    return {
        "stage": stage.stage,
        "items_in": stage.items_in,
        "items_out": stage.items_out,
        "seconds": round(stage.seconds, 4),
        "counters": dict(stage.counters),
    }
