"""Rows of the extract tables (migration ``0006_extract``) and back, for every SQL backend.

The store methods in :mod:`newsfuse.store.sql` only move rows; this module owns what a row
means, so the records round-trip losslessly: spans keep their text, dates are ISO strings,
lists are JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsfuse.extract.corpus import CorpusExtraction
from newsfuse.extract.records import (
    AttributedQuote,
    DateMention,
    Entity,
    PublicationDate,
    Quote,
    Role,
    Statement,
    TimelineEntry,
    Variant,
)
from newsfuse.model import Span

ENTITY_COLUMNS = "id, name, label, aliases"
MENTION_COLUMNS = "entity_id, article_id, start_char, end_char, text"
ROLE_COLUMNS = "entity_id, article_id, start_char, end_char, title, normalized, day, day_inferred"
QUOTE_COLUMNS = ("id, article_id, content_start, content_end, content_text, cue, speaker, speaker_mention, "
                 "quote_kind, mode, said_on_index, outlet, speaker_entity, speaker_name, source_kind, "
                 "said_on, statement_id")
STATEMENT_COLUMNS = "id, speaker_entity, speaker_name, text, said_on"
VARIANT_COLUMNS = "statement_id, seq, quote_id, article_id, outlet, content, mode, differences"
DATE_COLUMNS = ("article_id, start_char, end_char, text, label, type, value, range_start, range_end, "
                "tense, sentence, anchor, anchor_inferred, is_relative")
TIMELINE_COLUMNS = ("id, article_id, start_day, end_day, value, what, who, sentence, date_span, inferred")
PUBLICATION_COLUMNS = "article_id, published, inferred, method, evidence, earliest, latest"


def marks(columns: str) -> str:
    """``?, ?, ...`` for a column list."""
    return ", ".join("?" for _ in columns.split(","))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span_json(span: Span | None) -> str | None:
    return json.dumps([span.article, span.start, span.end, span.text]) if span is not None else None


def _span_of(value: str | None) -> Span | None:
    if not value:
        return None
    article, start, end, text = json.loads(value)
    return Span(article, int(start), int(end), text)


@dataclass(frozen=True, slots=True)
class ExtractRows:
    """Everything one corpus-stage result writes, as rows per table."""

    articles: tuple[str, ...]  # the articles whose per-article rows are replaced
    entities: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    roles: list[tuple[Any, ...]]
    quotes: list[tuple[Any, ...]]
    statements: list[tuple[Any, ...]]
    variants: list[tuple[Any, ...]]
    dates: list[tuple[Any, ...]]
    timeline: list[tuple[Any, ...]]
    publications: list[tuple[Any, ...]]


def rows_of(corpus: CorpusExtraction) -> ExtractRows:
    """The rows of every extract table for ``corpus``."""
    entities, mentions, roles = [], [], []
    for e in corpus.entities:
        entities.append((e.id, e.name, e.label, json.dumps(list(e.aliases))))
        mentions += [(e.id, s.article, s.start, s.end, s.text) for s in e.mentions]
        roles += [(e.id, r.span.article, r.span.start, r.span.end, r.title, r.normalized, _day(r.date),
                   int(r.date_inferred)) for r in e.roles]
    quotes = [quote_row(q) for q in corpus.quotes]
    statements, variants = [], []
    for s in corpus.statements:
        statements.append((s.id, s.speaker, s.speaker_name, s.text, _day(s.said_on)))
        variants += [(s.id, i, v.quote, v.article, v.outlet, _span_json(v.content), v.mode,
                      json.dumps([[d.article, d.start, d.end, d.text] for d in v.differences]))
                     for i, v in enumerate(s.variants)]
    dates = [date_row(d) for a in corpus.articles for d in a.extraction.dates]
    timeline = [(t.id, t.article, _day(t.start), _day(t.end), t.value, t.what, json.dumps(list(t.who)),
                 _span_json(t.sentence), _span_json(t.date), int(t.inferred)) for t in corpus.timeline]
    publications = [(p.article, _day(p.published), int(p.inferred), p.method, json.dumps(list(p.evidence)),
                     _day(p.earliest), _day(p.latest)) for p in corpus.publication_dates]
    articles = tuple(a.extraction.article for a in corpus.articles)
    return ExtractRows(articles, entities, mentions, roles, quotes, statements, variants, dates, timeline,
                       publications)


def quote_row(q: AttributedQuote) -> tuple[Any, ...]:
    c = q.quote
    return (c.id, c.content.article, c.content.start, c.content.end, c.content.text, _span_json(c.cue),
            _span_json(c.speaker), c.speaker_mention, c.source_kind, c.mode, c.said_on, q.outlet,
            q.speaker, q.speaker_name, q.source_kind, _day(q.said_on), q.statement)


def quote_from_row(r: Sequence[Any]) -> AttributedQuote:
    content = Span(r[1], int(r[2]), int(r[3]), r[4])
    quote = Quote(r[0], content, _span_of(r[5]), _span_of(r[6]), None if r[7] is None else int(r[7]),
                  r[8], r[9], None if r[10] is None else int(r[10]))
    return AttributedQuote(quote, r[11], r[12], r[13], r[14], _date(r[15]), r[16])


def date_row(d: DateMention) -> tuple[Any, ...]:
    s = d.span
    return (s.article, s.start, s.end, s.text, d.label, d.type, d.value, _day(d.start), _day(d.end),
            d.tense, d.sentence, _day(d.anchor), int(d.anchor_inferred), int(d.relative))


def date_from_row(r: Sequence[Any]) -> DateMention:
    return DateMention(Span(r[0], int(r[1]), int(r[2]), r[3]), r[4], r[5], r[6], _date(r[7]), _date(r[8]),
                       r[9], int(r[10]), _date(r[11]), bool(r[12]), bool(r[13]))


def entities_from_rows(entities: Sequence[Sequence[Any]], mentions: Sequence[Sequence[Any]],
                       roles: Sequence[Sequence[Any]]) -> list[Entity]:
    spans: dict[str, list[Span]] = {}
    for r in mentions:
        spans.setdefault(r[0], []).append(Span(r[1], int(r[2]), int(r[3]), r[4]))
    role_of: dict[str, list[Role]] = {}
    for r in roles:
        role_of.setdefault(r[0], []).append(Role(r[4], r[5], Span(r[1], int(r[2]), int(r[3]), r[4]),
                                                 _date(r[6]), bool(r[7])))
    return [Entity(r[0], r[1], r[2], tuple(json.loads(r[3])), tuple(spans.get(r[0], ())),
                   tuple(role_of.get(r[0], ()))) for r in entities]


def statements_from_rows(statements: Sequence[Sequence[Any]], variants: Sequence[Sequence[Any]]) -> list[Statement]:
    by_statement: dict[str, list[Variant]] = {}
    for r in sorted(variants, key=lambda v: (v[0], int(v[1]))):
        content = _span_of(r[5])
        assert content is not None
        diffs = tuple(Span(a, int(s), int(e), t) for a, s, e, t in json.loads(r[7]))
        by_statement.setdefault(r[0], []).append(Variant(r[2], r[3], r[4], content, r[6], diffs))
    return [Statement(r[0], r[1], r[2], r[3], tuple(by_statement.get(r[0], ())), _date(r[4]))
            for r in statements]


def timeline_from_row(r: Sequence[Any]) -> TimelineEntry:
    sentence, when = _span_of(r[7]), _span_of(r[8])
    assert sentence is not None and when is not None
    start, end = _date(r[2]), _date(r[3])
    assert start is not None and end is not None
    return TimelineEntry(r[0], start, end, r[4], r[5], tuple(json.loads(r[6])), sentence, when, r[1], bool(r[9]))


def publication_from_row(r: Sequence[Any]) -> PublicationDate:
    return PublicationDate(r[0], _date(r[1]), bool(r[2]), r[3], tuple(json.loads(r[4])), _date(r[5]), _date(r[6]))


# -- SQL (called by the methods of newsfuse.store.sql.SQLStore) ---------------------------

_CHUNK = 500  # ids per IN (...) query
_PER_ARTICLE = ("extract_mentions", "extract_roles", "extract_quotes", "extract_dates",
                "extract_timeline", "extract_publication", "extract_variants")


def _in(store: Any, n: int) -> str:
    return ", ".join([store.dialect.placeholder] * n)


def write_extract(store: Any, corpus: CorpusExtraction, replace_corpus: bool = True) -> int:
    """Write a corpus-stage result in one transaction (see ``Store.write_extract``)."""
    rows = rows_of(corpus)
    with store._transaction() as cur:
        if replace_corpus:
            for table in ("extract_entities", "extract_statements", "extract_variants"):
                cur.execute(f"DELETE FROM {table}")
        ids = list(rows.articles)
        for i in range(0, len(ids), _CHUNK):
            chunk = tuple(ids[i : i + _CHUNK])
            for table in _PER_ARTICLE:
                cur.execute(f"DELETE FROM {table} WHERE article_id IN ({_in(store, len(chunk))})", chunk)
        keys = [r[0] for r in rows.statements]
        for i in range(0, len(keys), _CHUNK):  # a statement's variants are replaced with it
            chunk = tuple(keys[i : i + _CHUNK])
            cur.execute(f"DELETE FROM extract_variants WHERE statement_id IN ({_in(store, len(chunk))})", chunk)
        upserts = (
            ("extract_entities", ENTITY_COLUMNS, rows.entities,
             "name = excluded.name, label = excluded.label, aliases = excluded.aliases"),
            ("extract_statements", STATEMENT_COLUMNS, rows.statements,
             ("speaker_entity = excluded.speaker_entity, speaker_name = excluded.speaker_name, "
              "text = excluded.text, said_on = excluded.said_on")),
        )
        for table, columns, values, update in upserts:
            if values:
                cur.executemany(store._sql(f"INSERT INTO {table} ({columns}) VALUES ({marks(columns)}) "
                                           f"ON CONFLICT (id) DO UPDATE SET {update}"), values)
        inserts = (
            ("extract_mentions", MENTION_COLUMNS, rows.mentions),
            ("extract_roles", ROLE_COLUMNS, rows.roles),
            ("extract_quotes", QUOTE_COLUMNS, rows.quotes),
            ("extract_variants", VARIANT_COLUMNS, rows.variants),
            ("extract_dates", DATE_COLUMNS, rows.dates),
            ("extract_timeline", TIMELINE_COLUMNS, rows.timeline),
            ("extract_publication", PUBLICATION_COLUMNS, rows.publications),
        )
        for table, columns, values in inserts:
            if values:
                cur.executemany(store._sql(f"INSERT INTO {table} ({columns}) VALUES ({marks(columns)}) "
                                           "ON CONFLICT DO NOTHING"), values)
    return len(rows.quotes)


def _by_articles(store: Any, columns: str, table: str, order: str, article_ids: Any) -> list[tuple[Any, ...]]:
    if article_ids is None:
        return store._query(f"SELECT {columns} FROM {table} ORDER BY {order}")
    ids = sorted(set(article_ids))
    rows: list[tuple[Any, ...]] = []
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        rows += store._query(f"SELECT {columns} FROM {table} WHERE article_id IN "
                             f"({', '.join('?' * len(chunk))})", chunk)
    keys = [c.strip() for c in columns.split(",")]
    positions = [keys.index(k.strip()) for k in order.split(",")]
    return sorted(rows, key=lambda r: tuple(r[p] for p in positions))


def read_entities(store: Any) -> list[Entity]:
    return entities_from_rows(
        store._query(f"SELECT {ENTITY_COLUMNS} FROM extract_entities ORDER BY id"),
        store._query(f"SELECT {MENTION_COLUMNS} FROM extract_mentions ORDER BY entity_id, article_id, start_char"),
        store._query(f"SELECT {ROLE_COLUMNS} FROM extract_roles ORDER BY entity_id, article_id, start_char"))


def read_quotes(store: Any, article_ids: Any = None) -> list[AttributedQuote]:
    rows = _by_articles(store, QUOTE_COLUMNS, "extract_quotes", "article_id, content_start, content_end, id",
                        article_ids)
    return [quote_from_row(r) for r in rows]


def read_statements(store: Any) -> list[Statement]:
    return statements_from_rows(
        store._query(f"SELECT {STATEMENT_COLUMNS} FROM extract_statements ORDER BY id"),
        store._query(f"SELECT {VARIANT_COLUMNS} FROM extract_variants ORDER BY statement_id, seq"))


def read_dates(store: Any, article_ids: Any = None) -> list[DateMention]:
    rows = _by_articles(store, DATE_COLUMNS, "extract_dates", "article_id, start_char, end_char", article_ids)
    return [date_from_row(r) for r in rows]


def read_timeline(store: Any) -> list[TimelineEntry]:
    return [timeline_from_row(r) for r in store._query(
        f"SELECT {TIMELINE_COLUMNS} FROM extract_timeline ORDER BY start_day, end_day, article_id, id")]


def read_publication_dates(store: Any) -> list[PublicationDate]:
    return [publication_from_row(r) for r in store._query(
        f"SELECT {PUBLICATION_COLUMNS} FROM extract_publication ORDER BY article_id")]
