"""The brief of an event or a storyline: small frozen records; every sentence it states
carries the citations (articles and exact spans) it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsfuse.crosscheck.records import Discrepancy
from newsfuse.model import Span


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a brief sentence comes from: an article, its outlet, and the exact span."""

    article: str
    outlet: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """A sentence of the brief with its citations (and the claim it states, if any)."""

    text: str
    citations: tuple[Citation, ...]
    claim: str | None = None
    status: str | None = None
    origins: int = 0
    attributions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementItem:
    """A key statement with each outlet's wording."""

    speaker: str
    text: str
    said_on: date | None
    variants: tuple[Citation, ...]
    differences: tuple[tuple[Span, ...], ...]  # per variant: the words the others lack


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """A dated happening with the sentence and date expression it comes from."""

    start: date
    end: date
    value: str
    what: str
    citations: tuple[Citation, ...]  # the sentence, then the date expression


@dataclass(frozen=True, slots=True)
class SourceItem:
    """An article of the brief: outlet, title, date, its copy relations and origin."""

    article: str
    outlet: str | None
    title: str | None
    published: date | None
    origin: str  # canonical article of its copy group (itself when independent)
    copies: tuple[str, ...]  # "<relation> <other article id>" for each copy link


@dataclass(frozen=True, slots=True)
class Brief:
    """The brief of one scope.

    Attributes:
        id: deterministic: the scope.
        level: ``event`` or ``storyline``.
        subject: the event or storyline id.
        headline: the event's label, else the most corroborated claim.
        summary: 3-8 sentences from the most corroborated claims, each cited.
        corroborated: every claim with two or more independent origins.
        disputed: the conflicts (amounts, roles, polarity) with their sides.
        wordings: quotes worded differently by different outlets.
        changes: changes of stance over time (not conflicts).
        single_source: claims only one independent origin reports.
        statements: key statements with their variants.
        timeline: the dated happenings, in date order, cited.
        sources: the articles with copy relations; ``origins`` independent origins.
    """

    id: str
    level: str
    subject: str
    headline: str
    summary: tuple[BriefSentence, ...]
    corroborated: tuple[BriefSentence, ...]
    disputed: tuple[Discrepancy, ...]
    wordings: tuple[Discrepancy, ...]
    changes: tuple[Discrepancy, ...]
    single_source: tuple[BriefSentence, ...]
    statements: tuple[StatementItem, ...]
    timeline: tuple[TimelineItem, ...]
    sources: tuple[SourceItem, ...]
    origins: int
    article_count: int
