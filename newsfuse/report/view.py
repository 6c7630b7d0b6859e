"""What the report shows, gathered once from the store for every renderer.

Sections for the corpus stages are filled only when the store holds their output;
everything shown is read from the store, so the report never says more than it holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from newsfuse.model import Article, Rejection
from newsfuse.store import Store

TIMELINE_LIMIT = 60  # timeline entries shown per report (all are in report.json)
STATEMENT_LIMIT = 40  # statements shown: those reported by several outlets first


@dataclass(frozen=True)
class StoryView:
    """One storyline with its events, each with its articles, copies and brief."""

    storyline: Any  # cluster.Storyline
    events: list[Any]  # cluster.Event, in time order
    brief: Any | None = None  # brief.Brief of the storyline
    event_briefs: dict[str, Any] = field(default_factory=dict)  # event id -> Brief


@dataclass(frozen=True)
class ReportView:
    articles: list[Article]
    rejections: list[Rejection]
    stories: list[StoryView] = field(default_factory=list)
    copies: list[Any] = field(default_factory=list)  # dedup.CopyLink
    copies_checked: bool = False
    entities: list[Any] = field(default_factory=list)  # extract.Entity
    statements: list[Any] = field(default_factory=list)  # extract.Statement
    timeline: list[Any] = field(default_factory=list)  # extract.TimelineEntry
    inferred: dict[str, datetime] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> ReportView:
        from newsfuse.export import copies_checked, inferred_dates

        events = {e.id: e for e in store.events()}
        briefs = {f"{b.level}:{b.subject}": b for b in store.briefs()}
        stories = [
            StoryView(s, [events[e] for e in s.event_ids if e in events], briefs.get(f"storyline:{s.id}"),
                      {e: briefs[f"event:{e}"] for e in s.event_ids if f"event:{e}" in briefs})
            for s in store.storylines()
        ]
        statements = sorted(store.extract_statements(),
                            key=lambda s: (-len({v.outlet for v in s.variants}), -len(s.variants), s.id))
        return cls(
            list(store.articles()), store.rejections(), stories, store.copy_links(),
            copies_checked(store), store.extract_entities(),
            statements[:STATEMENT_LIMIT], store.extract_timeline()[:TIMELINE_LIMIT],
            inferred_dates(store),
        )

    @property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.articles if a.outlet})

    @cached_property
    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @cached_property
    def entity_names(self) -> dict[str, str]:
        return {e.id: e.name for e in self.entities}

    def who(self, entry: Any) -> str:
        """The canonical names of a timeline entry's actors."""
        return ", ".join(self.entity_names.get(w, "") for w in entry.who)

    def dropped_by_reason(self) -> list[tuple[str, int]]:
        counts = Counter(d.reason.value for a in self.articles for d in a.dropped)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def copies_among(self, article_ids: list[str] | tuple[str, ...]) -> list[Any]:
        ids = set(article_ids)
        return [link for link in self.copies if link.a in ids and link.b in ids]

    def people(self) -> list[Any]:
        """Entities worth listing: people with roles or several mentions, then the rest
        mentioned in more than one article."""
        def articles_of(e: Any) -> int:
            return len({m.article for m in e.mentions})

        chosen = [e for e in self.entities if e.roles or (e.label == "PERSON" and len(e.mentions) > 1)
                  or articles_of(e) > 1]
        return sorted(chosen, key=lambda e: (e.label != "PERSON", -len(e.mentions), e.name))

    def describe(self, article_id: str) -> str:
        a = self.by_id.get(article_id)
        return article_id[:8] if a is None else describe_article(a)

    def date_of(self, article: Article) -> str:
        return describe_date(article, self.inferred.get(article.id))


def roles_text(entity: Any) -> str:
    """An entity's distinct roles with the date of the article that states each."""
    return "; ".join(dict.fromkeys(
        f"{r.title} ({r.date.isoformat() if r.date else 'undated'}{', inferred' if r.date_inferred else ''})"
        for r in entity.roles))


def aliases_text(entity: Any) -> str:
    return ", ".join(a for a in entity.aliases if a != entity.name)


def timeline_day(entry: Any) -> str:
    day = entry.start.isoformat() if entry.start == entry.end else f"{entry.start.isoformat()} to {entry.end.isoformat()}"
    return day + (" (inferred)" if entry.inferred else "")


def heading_of(article: Article, words: int = 10) -> str:
    """The article's title; for an untitled one (a scraped text with no headline line)
    its opening words, quoted and marked as such, so a list of articles stays readable."""
    if article.title:
        return article.title
    opening = article.text.split(maxsplit=words)
    if not opening:
        return "(untitled)"
    more = "…" if len(opening) > words else ""
    return f"“{' '.join(opening[:words])}{more}” (untitled)"


def describe_article(article: Article) -> str:
    """``"outlet: title"``, saying so where either is unknown."""
    return f"{article.outlet or 'outlet unknown'}: {heading_of(article)}"


def describe_date(article: Article, inferred: datetime | None = None) -> str:
    if article.published is None:
        return f"{inferred.date().isoformat()} (inferred)" if inferred else "date unknown"
    text = article.published.date().isoformat()
    return f"{text} (inferred)" if article.published_inferred else text


def span_of(event: Any) -> str:
    if event.start is None:
        return "undated"
    if event.end is None or event.end == event.start:
        return event.start.isoformat()
    return f"{event.start.isoformat()} to {event.end.isoformat()}"


def copy_phrase(link: Any) -> tuple[str, str, str]:
    """(copy, original, verb) of a link; for an undirected one the pair as stored."""
    if link.source is not None and link.copy is not None:
        return link.copy, link.source, "copies"
    return link.b, link.a, "and (undirected)"


def blocks(article: Article) -> list[tuple[str, str]]:
    """The article text as ("heading" | "paragraph", text) blocks, in order."""
    headings = set(article.headings)
    return [
        ("heading" if (s, e) in headings else "paragraph", article.text[s:e])
        for s, e in article.paragraphs()
    ]
