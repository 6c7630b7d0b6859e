"""Rows of the events tables (migration ``0005_events``) and back, for every SQL backend.

The store methods in :mod:`newsfuse.store.sql` only delegate here; this module owns what
a row means. Events and storylines carry their clusterer state (JSON) next to the
public fields, so an incremental ``assign`` rebuilds the clusterer from the store.
Memberships keep the evidence of the decision at arrival; a merge re-points the merged
event's memberships to the survivor, and the change log says when and why.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsfuse.cluster.model import (
    ClusterChange,
    ClusterUpdate,
    Event,
    Membership,
    Storyline,
    evidence_dict,
    evidence_from_dict,
)

EVENT_COLUMNS = ("id, storyline_id, label, label_article, start_day, end_day, origins, "
                 "key_entities, key_terms, seq, state")
STORYLINE_COLUMNS = ("id, label, start_day, end_day, article_count, event_ids, key_entities, "
                     "key_terms, seq, state")
MEMBER_COLUMNS = "article_id, event_id, seq, evidence"
CHANGE_COLUMNS = "seq, position, kind, level, kept, other, into_id, score, trigger_article"
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class EventsState:
    """What :meth:`EventClusterer.from_state` needs, as stored."""

    globals: Mapping[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    storylines: list[dict[str, Any]] = field(default_factory=list)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


def write_events(store: Any, update: ClusterUpdate, replace: bool = False) -> None:
    """Apply a :class:`ClusterUpdate` in one transaction (see ``Store.write_events``)."""
    state = update.state
    event_state = state.get("events", {})
    story_state = state.get("storylines", {})
    with store._transaction() as cur:
        if replace:
            for table in ("event_members", "events", "storylines", "event_changes", "events_state"):
                cur.execute(f"DELETE FROM {table}")
        else:  # merges re-point the memberships of the retired events, in order
            for change in update.changes:
                if change.kind == "merge" and change.level == "event":
                    cur.execute(store._sql("UPDATE event_members SET event_id = ? WHERE event_id = ?"),
                                (change.kept, change.other))
        for table, ids in (("events", update.removed_events), ("storylines", update.removed_storylines)):
            for i in range(0, len(ids), _CHUNK):
                chunk = tuple(ids[i : i + _CHUNK])
                cur.execute(store._sql(f"DELETE FROM {table} WHERE id IN ({_marks(len(chunk))})"), chunk)
        if update.events:
            cur.executemany(store._sql(
                f"INSERT INTO events ({EVENT_COLUMNS}) VALUES ({_marks(11)}) ON CONFLICT (id) DO UPDATE SET "
                "storyline_id = excluded.storyline_id, label = excluded.label, "
                "label_article = excluded.label_article, start_day = excluded.start_day, "
                "end_day = excluded.end_day, origins = excluded.origins, "
                "key_entities = excluded.key_entities, key_terms = excluded.key_terms, "
                "seq = excluded.seq, state = excluded.state"),
                [_event_row(e, event_state.get(e.id, {})) for e in update.events])
        if update.storylines:
            cur.executemany(store._sql(
                f"INSERT INTO storylines ({STORYLINE_COLUMNS}) VALUES ({_marks(10)}) ON CONFLICT (id) "
                "DO UPDATE SET label = excluded.label, start_day = excluded.start_day, "
                "end_day = excluded.end_day, article_count = excluded.article_count, "
                "event_ids = excluded.event_ids, key_entities = excluded.key_entities, "
                "key_terms = excluded.key_terms, seq = excluded.seq, state = excluded.state"),
                [_storyline_row(s, story_state.get(s.id, {})) for s in update.storylines])
        final = _survivors(update.changes)
        if update.memberships:
            cur.executemany(store._sql(
                f"INSERT INTO event_members ({MEMBER_COLUMNS}) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id, "
                "seq = excluded.seq, evidence = excluded.evidence"),
                [(m.article_id, final.get(m.event_id, m.event_id), m.seq,
                  json.dumps(evidence_dict(m.evidence, None),
                                                              ensure_ascii=False))
                 for m in update.memberships])
        if update.changes:
            cur.executemany(store._sql(
                f"INSERT INTO event_changes ({CHANGE_COLUMNS}) VALUES ({_marks(9)}) "
                "ON CONFLICT (seq, position) DO NOTHING"),
                [(c.seq, i, c.kind, c.level, c.kept, c.other, c.into, float(c.score), c.trigger)
                 for i, c in enumerate(update.changes)])
        if "globals" in state:
            cur.execute(store._sql(
                "INSERT INTO events_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                ("globals", json.dumps(state["globals"], ensure_ascii=False)))


def _survivors(changes: Iterable[ClusterChange]) -> dict[str, str]:
    """Retired event id -> the event that finally absorbed it, from this update's merges."""
    into: dict[str, str] = {}
    for c in changes:
        if c.kind == "merge" and c.level == "event":
            into[c.other] = c.kept
    final = {}
    for retired, target in into.items():
        while target in into:
            target = into[target]
        final[retired] = target
    return final


def _event_row(e: Event, state: Mapping[str, Any]) -> tuple[Any, ...]:
    return (e.id, e.storyline_id, e.label, e.label_article, _day(e.start), _day(e.end), e.origins,
            json.dumps(list(e.key_entities), ensure_ascii=False),
            json.dumps(list(e.key_terms), ensure_ascii=False), e.seq,
            json.dumps(state, ensure_ascii=False))


def _storyline_row(s: Storyline, state: Mapping[str, Any]) -> tuple[Any, ...]:
    return (s.id, s.label, _day(s.start), _day(s.end), s.article_count, json.dumps(list(s.event_ids)),
            json.dumps(list(s.key_entities), ensure_ascii=False),
            json.dumps(list(s.key_terms), ensure_ascii=False), s.seq,
            json.dumps(state, ensure_ascii=False))


def read_events(store: Any) -> list[Event]:
    """Every event, by arrival of its opening article, with its articles in arrival order."""
    members: dict[str, list[str]] = {}
    for article_id, event_id in store._query(
            "SELECT article_id, event_id FROM event_members ORDER BY event_id, seq, article_id"):
        members.setdefault(event_id, []).append(article_id)
    rows = store._query(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq, id")
    return [Event(id=r[0], storyline_id=r[1], label=r[2], label_article=r[3], start=_date(r[4]),
                  end=_date(r[5]), article_ids=tuple(members.get(r[0], ())),
                  origins=None if r[6] is None else int(r[6]), key_entities=tuple(json.loads(r[7])),
                  key_terms=tuple(json.loads(r[8])), seq=int(r[9])) for r in rows]


def read_storylines(store: Any) -> list[Storyline]:
    rows = store._query(f"SELECT {STORYLINE_COLUMNS} FROM storylines ORDER BY seq, id")
    return [Storyline(id=r[0], label=r[1], start=_date(r[2]), end=_date(r[3]),
                      article_count=int(r[4]), event_ids=tuple(json.loads(r[5])),
                      key_entities=tuple(json.loads(r[6])), key_terms=tuple(json.loads(r[7])),
                      seq=int(r[8])) for r in rows]


def read_memberships(store: Any, article_ids: Iterable[str] | None = None) -> list[Membership]:
    """Memberships with their evidence (all, or of ``article_ids``), in arrival order."""
    def build(r: tuple[Any, ...]) -> Membership:
        return Membership(r[0], r[1], int(r[2]), evidence_from_dict(json.loads(r[3])))

    if article_ids is None:
        return [build(r) for r in store._query(
            f"SELECT {MEMBER_COLUMNS} FROM event_members ORDER BY seq, article_id")]
    ids = sorted(set(article_ids))
    out: list[Membership] = []
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        out += [build(r) for r in store._query(
            f"SELECT {MEMBER_COLUMNS} FROM event_members WHERE article_id IN ({_marks(len(chunk))})",
            chunk)]
    return sorted(out, key=lambda m: (m.seq, m.article_id))


def read_changes(store: Any) -> list[ClusterChange]:
    rows = store._query(f"SELECT {CHANGE_COLUMNS} FROM event_changes ORDER BY seq, position")
    return [ClusterChange(seq=int(r[0]), kind=r[2], level=r[3], kept=r[4], other=r[5], into=r[6],
                          score=float(r[7]), trigger=r[8]) for r in rows]


def read_state(store: Any) -> EventsState | None:
    """The persisted clusterer state, or ``None`` when nothing was clustered yet."""
    found = store._query("SELECT value FROM events_state WHERE key = ?", ("globals",))
    if not found:
        return None
    return EventsState(
        globals=json.loads(found[0][0]),
        events=[json.loads(r[0]) for r in store._query("SELECT state FROM events ORDER BY seq, id")],
        storylines=[json.loads(r[0]) for r in store._query(
            "SELECT state FROM storylines ORDER BY seq, id")],
    )
