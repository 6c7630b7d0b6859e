"""What the events stage produces: events, storylines, memberships with their evidence,
and the log of merges and splits. Small frozen dataclasses, JSON-ready via
:func:`event_dict`, :func:`storyline_dict`, :func:`membership_dict`, :func:`change_dict`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Decision = Literal["opened", "joined", "copy"]
Tier = Literal["fast", "embedding"]
ChangeKind = Literal["merge", "split"]
Level = Literal["event", "storyline"]


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world happening, as a cluster of articles.

    Attributes:
        id: stable: derived from the article that opened the event, and kept by the
            older event when two merge.
        storyline_id: the storyline the event belongs to.
        label: a headline chosen from its articles (the best-fitting titled one).
        label_article: the article the label comes from.
        start, end: the dated articles' span (publication dates, else dates the texts
            state); ``None`` when no article is dated.
        article_ids: every article, in arrival order (copies included).
        origins: independent origins among ``article_ids`` when the Copies stage
            provided a counter, else ``None``.
        key_entities, key_terms: what the articles share most.
        seq: arrival number of the opening article (orders events stably).
    """

    id: str
    storyline_id: str
    label: str
    label_article: str | None
    start: date | None
    end: date | None
    article_ids: tuple[str, ...]
    origins: int | None
    key_entities: tuple[str, ...]
    key_terms: tuple[str, ...]
    seq: int


@dataclass(frozen=True, slots=True)
class Storyline:
    """A developing story: events in time order (undated events last, by arrival)."""

    id: str
    label: str
    event_ids: tuple[str, ...]
    article_count: int
    start: date | None
    end: date | None
    key_entities: tuple[str, ...]
    key_terms: tuple[str, ...]
    seq: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an article is where it is.

    Attributes:
        decision: ``opened`` a new event, ``joined`` an existing one, or is a ``copy``
            of an article already clustered.
        tier: ``fast`` (decided on cheap signals) or ``embedding`` (a close call that
            also used sentence embeddings).
        score: the decision score: the log-odds that the article belongs to the event
            (for ``opened``: to the best existing event, which was too low).
        threshold: the score above which an article joins.
        similarities: mean similarity to the event's articles, per signal
            (``terms``, ``entities``, ``embedding``, ``weekdays``), and ``time_gap``
            as ``log(1 + days)``.
        shared_entities, shared_terms: what the article has in common with the event.
        time_gap_days: days between the article and the event's span, if both dated.
        storyline_score: for ``opened``: the score against the storyline it joined
            (``None`` when it opened a new storyline too).
        copy_of: for ``copy``: the canonical article of its copy group.
    """

    decision: Decision
    tier: Tier | None = None
    score: float | None = None
    threshold: float = 0.0
    similarities: Mapping[str, float] = field(default_factory=dict)
    shared_entities: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()
    time_gap_days: float | None = None
    storyline_score: float | None = None
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """An article's place: its event, with the evidence of the decision at arrival.

    The event id is the one the article joined; after a merge the store re-points it
    to the surviving event (the change log says when and why).
    """

    article_id: str
    event_id: str
    seq: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ClusterChange:
    """One entry of the merge/split log.

    ``merge``: ``other`` was absorbed into ``kept`` (its id is retired). ``split``
    (storyline level): event ``other`` left storyline ``kept`` for storyline ``into``.
    ``score`` is the log-odds that decided it; ``trigger`` the arriving article.
    """

    seq: int
    kind: ChangeKind
    level: Level
    kept: str
    other: str
    score: float
    trigger: str
    into: str | None = None


@dataclass(frozen=True, slots=True)
class ClusterUpdate:
    """What one ``fit``/``assign`` call changed, for the store and the export.

    Attributes:
        events, storylines: every event and storyline created or changed.
        removed_events, removed_storylines: ids retired by merges.
        memberships: one per article assigned in this call.
        changes: merges and splits, in order.
        state: the clusterer's persistent state that changed: ``globals`` (document
            frequencies, counters), and per changed event / storyline its JSON state
            (see :meth:`newsfuse.cluster.EventClusterer.from_state`).
    """

    events: tuple[Event, ...] = ()
    storylines: tuple[Storyline, ...] = ()
    removed_events: tuple[str, ...] = ()
    removed_storylines: tuple[str, ...] = ()
    memberships: tuple[Membership, ...] = ()
    changes: tuple[ClusterChange, ...] = ()
    state: Mapping[str, Any] = field(default_factory=dict)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def evidence_dict(evidence: Evidence, digits: int | None = 4) -> dict[str, Any]:
    """JSON form of the evidence; ``digits=None`` keeps floats exact (for the store)."""
    def keep(x: float | None) -> float | None:
        return x if x is None or digits is None else round(x, digits)

    return {
        "decision": evidence.decision,
        "tier": evidence.tier,
        "score": keep(evidence.score),
        "threshold": keep(evidence.threshold),
        "similarities": {k: keep(v) for k, v in evidence.similarities.items()},
        "shared_entities": list(evidence.shared_entities),
        "shared_terms": list(evidence.shared_terms),
        "time_gap_days": evidence.time_gap_days,
        "storyline_score": keep(evidence.storyline_score),
        "copy_of": evidence.copy_of,
    }


def evidence_from_dict(data: Mapping[str, Any]) -> Evidence:
    return Evidence(
        decision=data["decision"],
        tier=data.get("tier"),
        score=data.get("score"),
        threshold=data.get("threshold", 0.0),
        similarities=dict(data.get("similarities", {})),
        shared_entities=tuple(data.get("shared_entities", ())),
        shared_terms=tuple(data.get("shared_terms", ())),
        time_gap_days=data.get("time_gap_days"),
        storyline_score=data.get("storyline_score"),
        copy_of=data.get("copy_of"),
    )


def membership_dict(membership: Membership) -> dict[str, Any]:
    return {"article": membership.article_id, "event": membership.event_id,
            "seq": membership.seq, "why": evidence_dict(membership.evidence)}


def event_dict(event: Event, memberships: Sequence[Membership] = ()) -> dict[str, Any]:
    """The export form of an event (export key ``events``); with ``memberships``, each
    article carries its "why together" evidence.

    Example:
        >>> e = Event("e1", "s1", "Trump calls leaders", "a1", None, None, ("a1",), None, (), (), 0)
        >>> event_dict(e)["articles"]
        ['a1']
    """
    why = {m.article_id: evidence_dict(m.evidence) for m in memberships}
    out: dict[str, Any] = {
        "id": event.id,
        "storyline": event.storyline_id,
        "label": event.label,
        "label_article": event.label_article,
        "start": _day(event.start),
        "end": _day(event.end),
        "articles": list(event.article_ids),
        "article_count": len(event.article_ids),
        "independent_origins": event.origins,
        "key_entities": list(event.key_entities),
        "key_terms": list(event.key_terms),
    }
    if why:
        out["why"] = {a: why[a] for a in event.article_ids if a in why}
    return out


def storyline_dict(storyline: Storyline) -> dict[str, Any]:
    """The export form of a storyline (export key ``storylines``)."""
    return {
        "id": storyline.id,
        "label": storyline.label,
        "events": list(storyline.event_ids),
        "event_count": len(storyline.event_ids),
        "article_count": storyline.article_count,
        "start": _day(storyline.start),
        "end": _day(storyline.end),
        "key_entities": list(storyline.key_entities),
        "key_terms": list(storyline.key_terms),
    }


def change_dict(change: ClusterChange) -> dict[str, Any]:
    return {"seq": change.seq, "kind": change.kind, "level": change.level, "kept": change.kept,
            "other": change.other, "into": change.into, "score": round(change.score, 4),
            "trigger": change.trigger}
