"""What the crosscheck stage produces: claims with their status and evidence, and the
discrepancies between reports (conflicts, and changes of stance over time).

Every span is a stand-off :class:`~newsfuse.model.Span` over ``Article.text``
(``span.text == article.text[span.start:span.end]``), so each status decision can be
traced back to the exact sentences it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from newsfuse.model import Span

ClaimStatus = Literal["corroborated", "single-source", "conflicting"]
FactKind = Literal["amount", "number", "date", "place", "person", "role"]
DiscrepancyKind = Literal["amount", "role", "quote-wording", "negation", "stance-change"]

#: Discrepancy kinds that make the claims they touch ``conflicting``. A different wording
#: of one quote is shown, but every wording still supports that the speaker said it; a
#: change of stance over time is a change, not a disagreement between reports.
CONFLICT_KINDS: frozenset[str] = frozenset({"amount", "role", "negation"})

#: The closed set of things the stage leaves out, counted in ``CrosscheckResult.counters``
#: as ``dropped_<reason>`` (STYLE rule 4).
DROP_REASONS: dict[str, str] = {
    "heading": "a sentence inside a heading paragraph: a title, not a claim",
    "short": "a sentence of fewer than four words, or without a content word",
    "question": "a question asks, it does not claim",
    "no-facts": "a sentence with no actor, fact or key term to check",
    "missing-extraction": "an article of the scope without extract records: nothing to read",
}


@dataclass(frozen=True, slots=True)
class Fact:
    """A checkable detail of a claim.

    Attributes:
        kind: ``amount`` (money), ``number`` (a count with its unit), ``date``, ``place``,
            ``person``, or ``role`` (a person in a title).
        value: the normalised value: ``"USD 100000000000"``, ``"2025-08-15"``, an
            entity id, or ``"<title>=<entity id>"`` for roles.
        span: the words stating it.
        unit: for amounts and numbers, what is counted (``"USD"``, ``"minute"``); for
            roles the normalised title.
        label: a readable form (``"$100 billion"``, the entity's canonical name).
    """

    kind: FactKind
    value: str
    span: Span
    unit: str = ""
    label: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who an attributed claim is attributed to: "X said Y" supports that X said Y."""

    speaker: str | None  # Entity.id, None for unnamed or unresolved sources
    speaker_name: str
    source_kind: str  # named | unnamed | unresolved
    cue: Span | None  # "said", "according to", "reported"
    quote: str | None = None  # Quote.id of the extract stage


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """One article's sentence stating a claim.

    Attributes:
        id: deterministic: article id and sentence offsets.
        sentence: the whole sentence.
        actor: Entity.id of who the claim is about or who acts (the subject), if known.
        actor_name: its canonical name ("" when unknown).
        predicate: the speech cue or dated predicate ("said", "meeting"), if known.
        facts: numbers, amounts, dates, places, people and roles it states.
        attribution: who the sentence attributes it to, if anyone.
        negated: the sentence carries a negation cue (a cheap pre-filter only).
        terms: normalised key terms, for overlap and for finding shared topics.
        published: the article's (possibly inferred) publication day.
        said_on: the day the text says it was said, if it says so.
    """

    id: str
    sentence: Span
    actor: str | None
    actor_name: str
    predicate: str | None
    facts: tuple[Fact, ...]
    attribution: Attribution | None
    negated: bool
    terms: tuple[str, ...]
    published: date | None = None
    said_on: date | None = None

    @property
    def article(self) -> str:
        return self.sentence.article

    @property
    def day(self) -> date | None:
        """When it was said or reported: the stated day, else the publication day."""
        return self.said_on or self.published


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim across a scope (an event or a storyline), with its status.

    Attributes:
        id: deterministic: scope and the ids of its mentions.
        scope: ``"event:<id>"`` or ``"storyline:<id>"``.
        text: the representative wording (the member closest to the group's centroid).
        status: ``corroborated`` (two or more independent origins), ``single-source``,
            or ``conflicting`` (a conflict of numbers, roles or polarity touches it).
        mentions: every sentence that states it, in article order.
        origins: independent origins among the mentions' articles (copies count once).
        origin_articles: one article per origin (its canonical one).
        attributions: the distinct speakers it is attributed to ("" = the outlet's own),
            the source of ``text`` first.
        discrepancies: ids of the discrepancies that touch it.
        evidence: the sentences the status decision rests on (one per origin, then
            those of the conflicting reports).
        reason: the decision in words.
        score: how strongly it is corroborated (origins, then support); ranks the brief.
    """

    id: str
    scope: str
    text: str
    status: ClaimStatus
    mentions: tuple[ClaimMention, ...]
    origins: int
    origin_articles: tuple[str, ...]
    attributions: tuple[str, ...]
    discrepancies: tuple[str, ...]
    evidence: tuple[Span, ...]
    reason: str
    score: float = 0.0

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.article for m in self.mentions))


@dataclass(frozen=True, slots=True)
class Side:
    """One report in a discrepancy: what it says, where, by whom and when."""

    value: str  # "$100 billion", "Mark Rutte", the wording, "affirms" / "negates"
    sentence: Span
    fact: Span | None  # the words stating the value, when narrower than the sentence
    attribution: str  # speaker name, "" for the outlet's own voice
    day: date | None
    claim: str | None = None  # Claim.id


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Reports that do not agree: a conflict, or a change of stance over time.

    Attributes:
        id: deterministic: scope, kind and the sides' spans.
        scope: as in :class:`Claim`.
        kind: ``amount``, ``role``, ``quote-wording``, ``negation`` or ``stance-change``.
        subject: what they disagree about ("USD amount: weapons deal", "nato secretary
            general", the statement's text, "Donald Trump on ceasefire").
        sides: the reports, earliest first.
        method: how it was decided: ``rule`` or the NLI backend's label (``heuristic``,
            or the local model's name).
        score: the decision's confidence in [0, 1].
        note: the decision in words.
    """

    id: str
    scope: str
    kind: DiscrepancyKind
    subject: str
    sides: tuple[Side, ...]
    method: str
    score: float
    note: str = ""

    @property
    def is_conflict(self) -> bool:
        return self.kind in CONFLICT_KINDS


@dataclass(frozen=True, slots=True)
class ScopeCheck:
    """The crosscheck of one scope: its claims and discrepancies."""

    scope: str
    article_ids: tuple[str, ...]
    origins: int
    claims: tuple[Claim, ...]
    discrepancies: tuple[Discrepancy, ...]
    counters: dict[str, int] = field(default_factory=dict)
