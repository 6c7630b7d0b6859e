"""What the extract stage produces: small frozen records over :class:`~newsfuse.model.Span`.

Per article (pure function of one article, :func:`newsfuse.extract.annotate.annotate`):
:class:`Mention`, :class:`RoleMention`, :class:`Quote`, :class:`DateMention`,
:class:`Happening`, gathered in one :class:`ArticleExtraction`.

Across articles (corpus stage, :mod:`newsfuse.extract.corpus`): :class:`Entity` with its
:class:`Role` s, :class:`Statement` with its :class:`Variant` s, :class:`TimelineEntry`,
:class:`PublicationDate`.

Every span satisfies ``span.text == article.text[span.start:span.end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from newsfuse.model import Span

# The closed set of things the per-article stage drops, counted in ArticleExtraction.dropped
# (STYLE rule 4: dropping data is data).
DROP_REASONS: dict[str, str] = {
    "unattributed-quoted-text": "a quoted passage no cue attributes to anyone: a scare quote, "
                                "a nickname, a title or a term (\"the so-called 'coalition'\")",
}

MentionKind = Literal["name", "role", "pronoun"]
SourceKind = Literal["named", "unnamed", "unresolved"]
QuoteMode = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to a person, organisation or place in one article.

    Attributes:
        span: the words of the mention ("Donald Trump", "the US president", "he").
        label: spaCy entity type after in-article fix-ups (PERSON, ORG, GPE, LOC, NORP,
            FAC, EVENT, ...); role and pronoun mentions take the label of what they
            resolve to, PERSON when unresolved.
        kind: ``name`` for names, ``role`` for "the Russian leader", ``pronoun`` for the
            pronouns that speak quotes.
        key: normalised name used to merge variants ("zelenski" for Zelenskyy); the
            normalised title for roles; the pronoun for pronouns.
        sentence: index of the sentence in :attr:`ArticleExtraction.sentences`.
        refers_to: for roles and pronouns, the index of the name mention they were
            resolved to in this article, or ``None``.
        quoted: the mention is inside quotation marks (someone else's words), so it is
            never the antecedent of a role or pronoun in the narrative.
    """

    span: Span
    label: str
    kind: MentionKind
    key: str
    sentence: int
    refers_to: int | None = None
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A title the article gives a named mention: "US President" of "Donald Trump"."""

    span: Span
    mention: int  # index of the name mention in ArticleExtraction.mentions
    title: str  # normalised: "us president", "nato secretary general"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression normalised against the article's publication date.

    ``value`` follows TIMEX3 (``2025-08-13``, ``2025-W33``, ``P10D``, ``PAST_REF``), with
    ``X`` where the text leaves a part open; ``start``/``end`` give the calendar days it
    covers (or the window of "the next 10 days"). ``anchor`` is the date it was resolved
    against and ``anchor_inferred`` whether that date was inferred (see
    :class:`PublicationDate`). ``tense`` is kept so the corpus stage can re-resolve the
    mention against an inferred date without parsing again.
    """

    span: Span
    label: str  # DATE or TIME
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str | None
    start: date | None
    end: date | None
    tense: Literal["past", "present", "future"] | None
    sentence: int
    anchor: date | None = None
    anchor_inferred: bool = False
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """Something a source is reported to have said, in one article.

    Attributes:
        id: deterministic id (article id + content offsets).
        content: what was said; for direct quotes the words inside the marks.
        cue: the verb or phrase that attributes it ("told", "according to"), if any.
        speaker: the words naming the source in this sentence ("Trump", "he", "the US
            president", "two European officials"), if any.
        speaker_mention: index of the mention that is the speaker: a name, or a role or
            pronoun mention (whose ``refers_to`` gives the name it resolved to).
        source_kind: ``named`` (resolved to a name), ``unnamed`` (a described source such
            as "two European officials"), ``unresolved`` (a pronoun or role with no name).
        mode: ``direct`` (all in quotation marks), ``partial`` (a clause with quoted
            words), ``indirect`` (reported speech).
        said_on: index of the DateMention saying when it was said, if the text says so.
    """

    id: str
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_mention: int | None
    source_kind: SourceKind
    mode: QuoteMode
    said_on: int | None = None


@dataclass(frozen=True, slots=True)
class Happening:
    """A dated clause (for the timeline), or an undated reference to an event ("after the
    Alaska summit") that tells on which side of that event the article was written."""

    date: int | None  # index of the DateMention; None for an undated event reference
    sentence: int
    predicate: Span  # the verb or noun the date modifies ("said", "meeting")
    lemma: str  # the predicate's lemma
    clause: Span  # the words of the clause around it, shortened to the predicate's phrase
    actors: tuple[int, ...]  # indices of name mentions in the clause
    tense: Literal["past", "present", "future"] | None = None


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Everything the per-article stage found in one article."""

    article: str
    published: datetime | None
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...] = ()
    roles: tuple[RoleMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    happenings: tuple[Happening, ...] = ()
    dropped: dict[str, int] = field(default_factory=dict)  # DROP_REASONS key -> count


# -- corpus-level records ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    """A title an article gives an entity, with the date of that article."""

    title: str  # as written: "US President"
    normalized: str  # "us president"
    span: Span
    date: date | None  # publication date of the article stating it
    date_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation or place across the corpus, under one canonical name."""

    id: str
    name: str  # canonical name: the most frequent full form
    label: str
    aliases: tuple[str, ...]  # every distinct surface form, canonical name first
    mentions: tuple[Span, ...]  # names, resolved roles and pronouns, in article order
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Variant:
    """How one outlet worded a statement."""

    quote: str  # Quote.id
    article: str
    outlet: str | None
    content: Span
    mode: QuoteMode
    differences: tuple[Span, ...]  # the words of this wording the other variants lack


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing a source said, reported by one or more articles."""

    id: str
    speaker: str | None  # Entity.id, or None for an unnamed source
    speaker_name: str  # canonical name, or the unnamed source's words
    text: str  # the representative wording (the longest direct one, else the longest)
    variants: tuple[Variant, ...]
    said_on: date | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated happening: when, what, who, and the sentence and article it comes from."""

    id: str
    start: date
    end: date
    value: str  # TIMEX3 value ("2025-08-15", "2025-W33")
    what: str  # the clause, or the sentence where the clause does not read on its own
    who: tuple[str, ...]  # Entity ids
    sentence: Span
    date: Span  # the date expression
    article: str
    inferred: bool = False  # resolved against an inferred publication date


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date the corpus stage inferred for an article that had none."""

    article: str
    published: date | None  # None: no evidence was enough to infer one
    inferred: bool
    method: str  # "metadata", "event-peers", "own-dates", "event-constraints", "none"
    evidence: tuple[str, ...] = ()  # the expressions that decided it
    earliest: date | None = None  # bounds the evidence allows
    latest: date | None = None


@dataclass(frozen=True, slots=True)
class AttributedQuote:
    """A quote with its speaker resolved across the corpus and its statement."""

    quote: Quote
    outlet: str | None
    speaker: str | None  # Entity.id, None for unnamed or unresolved sources
    speaker_name: str  # canonical name, or the words of the unnamed source
    source_kind: SourceKind
    said_on: date | None  # the day the text says it was said, resolved
    statement: str | None = None  # Statement.id
