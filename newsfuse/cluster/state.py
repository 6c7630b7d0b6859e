"""The clusterer's persistent state: per-event and per-storyline sums and metadata,
the running document frequencies, and counters. Everything round-trips through JSON
so a store can hold it and a later ``assign`` resumes exactly where ``fit`` stopped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from newsfuse.cluster.aggregate import Aggregate
from newsfuse.cluster.features import EPOCH
from newsfuse.cluster.model import Event, Storyline
from newsfuse.cluster.vectors import DocumentFrequency, top_keys
from newsfuse.errors import SignatureMismatch

if TYPE_CHECKING:
    from newsfuse.cluster.online import EventClusterer

STATE_VERSION = 1
"""Layout of the persisted state (:meth:`EventClusterer.globals_dict` and the rows)."""
KEYS_SHOWN = 5
NO_SCORE = -1e9  # label score of an article that has no title: any titled one wins


@dataclass
class EventState:
    """An event while it is being built."""

    id: str
    slot: int  # key in the candidate index
    seq: int
    founder: str
    storyline: str
    agg: Aggregate
    articles: list[str] = field(default_factory=list)
    lead: str = ""  # the founder's lead: embedded lazily when the event is a close call
    label: str = ""
    label_article: str | None = None
    label_score: float = NO_SCORE
    indexed: Any = None  # the sketch the index holds (numpy), for drift checks
    active: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "slot": self.slot, "seq": self.seq, "founder": self.founder,
                "storyline": self.storyline, "agg": self.agg.to_dict(), "articles": self.articles,
                "lead": self.lead, "label": self.label, "label_article": self.label_article,
                "label_score": self.label_score, "active": self.active}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventState:
        return cls(d["id"], d["slot"], d["seq"], d["founder"], d["storyline"],
                   Aggregate.from_dict(d["agg"]), list(d["articles"]), d["lead"], d["label"],
                   d["label_article"], d["label_score"], None, d["active"])


@dataclass
class StorylineState:
    """A storyline while it is being built: the sum of its events' articles."""

    id: str
    slot: int
    seq: int
    founder_event: str
    agg: Aggregate
    events: dict[str, None] = field(default_factory=dict)  # its event ids in order (an ordered set)
    indexed: Any = None
    active: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "slot": self.slot, "seq": self.seq,
                "founder_event": self.founder_event, "agg": self.agg.to_dict(),
                "events": list(self.events), "active": self.active}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StorylineState:
        return cls(d["id"], d["slot"], d["seq"], d["founder_event"], Aggregate.from_dict(d["agg"]),
                   dict.fromkeys(d["events"]), None, d["active"])


def _date(day: float | None) -> date | None:
    return None if day is None else date.fromordinal(int(day) + EPOCH)


def _keys(agg: Aggregate) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(top_keys(agg.entities, KEYS_SHOWN)), tuple(top_keys(agg.terms, KEYS_SHOWN))


def freeze_event(state: EventState, origins: int | None) -> Event:
    entities, terms = _keys(state.agg)
    return Event(
        id=state.id,
        storyline_id=state.storyline,
        label=state.label,
        label_article=state.label_article,
        start=_date(state.agg.first_day),
        end=_date(state.agg.last_day),
        article_ids=tuple(state.articles),
        origins=origins,
        key_entities=entities,
        key_terms=terms,
        seq=state.seq,
    )


def freeze_storyline(state: StorylineState, events: dict[str, EventState]) -> Storyline:
    members = [events[e] for e in state.events if e in events]

    def when(e: EventState) -> tuple[int, float, int]:
        # dated events in time order, then undated ones in arrival order
        day = e.agg.first_day
        return (0, day, e.seq) if day is not None else (1, 0.0, e.seq)

    ordered = sorted(members, key=when)
    biggest = max(members, key=lambda e: (len(e.articles), -e.seq), default=None)
    entities, terms = _keys(state.agg)
    return Storyline(
        id=state.id,
        label=biggest.label if biggest else "",
        event_ids=tuple(e.id for e in ordered),
        article_count=sum(len(e.articles) for e in members),
        start=_date(state.agg.first_day),
        end=_date(state.agg.last_day),
        key_entities=entities,
        key_terms=terms,
        seq=state.seq,
    )


def restore(c: EventClusterer, globals_: Mapping[str, Any], events: Iterable[Mapping[str, Any]],
            storylines: Iterable[Mapping[str, Any]]) -> None:
    """Load persisted state into a fresh clusterer and rebuild its candidate indexes."""
    if globals_.get("version") != STATE_VERSION:
        raise SignatureMismatch(
            f"the stored events state has layout version {globals_.get('version')!r}; "
            f"this newsfuse reads version {STATE_VERSION}: rebuild them from the articles "
            "with EventClusterer.fit")
    if globals_.get("fingerprint") != c.fingerprint():
        raise SignatureMismatch(
            "the stored events were built with other clustering parameters "
            f"({globals_.get('fingerprint')} vs {c.fingerprint()} now); "
            "rebuild them from the articles with EventClusterer.fit")
    c.seq, c.clock = int(globals_["seq"]), globals_["clock"]
    c.next_slot, c.since_evict = int(globals_["next_slot"]), int(globals_["since_evict"])
    c.term_df = DocumentFrequency.from_dict(globals_["terms"])
    c.entity_df = DocumentFrequency.from_dict(globals_["entities"])
    c.counters = Counter(globals_.get("counters", {}))
    for row in sorted(events, key=lambda r: r["slot"]):
        ev = EventState.from_dict(dict(row))
        c.events[ev.id] = ev
        c.event_slots[ev.slot] = ev.id
        c.article_event.update((a, ev.id) for a in ev.articles)
        if ev.active:
            c._index(ev, c.event_index)
            c._watch(ev)
    for row in sorted(storylines, key=lambda r: r["slot"]):
        st = StorylineState.from_dict(dict(row))
        c.storylines[st.id] = st
