"""What one ``assign`` call changed, collected as it happens and frozen at the end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from newsfuse.cluster.model import ClusterChange, ClusterUpdate, Membership
from newsfuse.cluster.state import EventState, freeze_event, freeze_storyline

if TYPE_CHECKING:
    from newsfuse.cluster.online import EventClusterer


class Tracker:
    """Ids touched and retired, memberships and changes of the current call."""

    def __init__(self) -> None:
        self.events: set[str] = set()
        self.storylines: set[str] = set()
        self.removed_events: list[str] = []
        self.removed_storylines: list[str] = []
        self.memberships: list[Membership] = []
        self.changes: list[ClusterChange] = []

    def touch_event(self, ev: EventState) -> None:
        self.events.add(ev.id)
        self.storylines.add(ev.storyline)

    def touch_storyline(self, storyline_id: str) -> None:
        self.storylines.add(storyline_id)

    def remove_event(self, event_id: str) -> None:
        self.events.discard(event_id)
        self.removed_events.append(event_id)

    def remove_storyline(self, storyline_id: str) -> None:
        self.storylines.discard(storyline_id)
        self.removed_storylines.append(storyline_id)

    def member(self, membership: Membership) -> None:
        self.memberships.append(membership)

    def change(self, change: ClusterChange) -> None:
        self.changes.append(change)

    def update(self, clusterer: EventClusterer,
               origins: Callable[[Sequence[str]], int] | None) -> ClusterUpdate:
        events = [clusterer.events[e] for e in sorted(self.events) if e in clusterer.events]
        storylines = [clusterer.storylines[s] for s in sorted(self.storylines)
                      if s in clusterer.storylines]
        state: dict[str, Any] = {
            "globals": clusterer.globals_dict(),
            "events": {e.id: e.to_dict() for e in events},
            "storylines": {s.id: s.to_dict() for s in storylines},
        }
        return ClusterUpdate(
            events=tuple(freeze_event(e, origins(e.articles) if origins else None) for e in events),
            storylines=tuple(freeze_storyline(s, clusterer.events) for s in storylines),
            removed_events=tuple(e for e in self.removed_events if e not in clusterer.events),
            removed_storylines=tuple(s for s in self.removed_storylines
                                     if s not in clusterer.storylines),
            memberships=tuple(self.memberships),
            changes=tuple(self.changes),
            state=state,
        )
