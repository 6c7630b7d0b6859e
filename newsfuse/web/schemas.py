"""Response models of the HTTP API: they document the JSON in the OpenAPI schema (``/docs``).

They describe the export schema's records (README, "Export schema"); each model allows
extra fields, so an addition to the export reaches API clients before it reaches these
models. Every span is ``{article, start, end, text}`` with
``text == article.text[start:end]``, offsets in Unicode code points.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    """Every error: a message that says what happened and how to fix it, and a stable code."""

    error: str = Field(examples=["no event with id 'x'; list them at /api/storylines"])
    code: str = Field(examples=["not_found"])


class Page(Record, Generic[T]):
    """One page of a list: ``items[offset:offset + limit]`` of ``total`` matches."""

    total: int
    offset: int
    limit: int
    items: list[T]


class Span(Record):
    article: str
    start: int
    end: int
    text: str


class Source(Record):
    path: str = Field(description="the file path or URL that was read")
    offset: int | None = Field(description="WARC record byte offset, JSONL line or feed entry")
    format: str


class DroppedLine(Record):
    lineno: int = Field(description="0-based line number in the raw text")
    line: str
    reason: str = Field(description="one of the closed set of drop reasons (README)")


class Paragraph(Record):
    start: int
    end: int
    heading: bool


class ArticleFields(Record):
    """What every view of an article carries."""

    id: str
    source: Source
    url: str | None
    outlet: str | None
    title: str | None
    author: str | None
    published: str | None = Field(description="ISO 8601; inferred when published_inferred")
    published_inferred: bool
    language: str | None


class ArticleSummary(ArticleFields):
    label: str = Field(description='"outlet: title", saying so where either is unknown')
    date: str = Field(description='the day, "(inferred)" or "date unknown"')
    words: int
    dropped_count: int


class AlignedPair(Record):
    a: Span
    b: Span
    similarity: float


class CopyLink(Record):
    a: str
    b: str
    relation: str = Field(description="exact | near | rewrite | partial")
    direction: str = Field(description="a->b | b->a | undirected")
    direction_evidence: str | None
    score: float
    method: str
    params: dict[str, Any]
    evidence: list[AlignedPair]


class CopyGroup(Record):
    canonical: str = Field(description="the member taken as the original")
    members: list[str]


class Copies(Record):
    checked: bool = Field(description="whether the copies stage has run on this store")
    copies: list[CopyLink]
    copy_groups: list[CopyGroup]


class EventRef(Record):
    id: str
    label: str
    storyline: str
    decision: str = Field(description="opened | joined | copy: how the article got there")


class ArticleDetail(ArticleFields):
    """An article: clean text, headings, dropped lines with reasons, provenance."""

    text: str = Field(description="the cleaned text: the coordinate system of every span")
    headings: list[Span]
    dropped: list[DroppedLine]
    label: str
    date: str
    paragraphs: list[Paragraph]
    events: list[EventRef]
    copies: list[CopyLink]


class Why(Record):
    """Why an article is in its event: the decision at arrival and its evidence."""

    decision: str
    tier: str | None
    score: float | None
    threshold: float
    similarities: dict[str, float | None]
    shared_entities: list[str]
    shared_terms: list[str]
    time_gap_days: float | None
    storyline_score: float | None
    copy_of: str | None


class Event(Record):
    id: str
    storyline: str
    label: str
    label_article: str | None
    start: str | None
    end: str | None
    articles: list[str] = Field(description="article ids in arrival order, copies included")
    article_count: int
    independent_origins: int | None = Field(description="copies count once")
    key_entities: list[str]
    key_terms: list[str]


class BriefRef(Record):
    level: str
    subject: str
    headline: str
    origins: int
    url: str


class EventDetail(Event):
    """An event with its articles, "why together" evidence, copy graph and brief."""

    why: dict[str, Why] = Field(default_factory=dict, description="article id -> evidence")
    storyline_label: str | None
    members: list[ArticleSummary]
    copies: list[CopyLink]
    copy_groups: list[CopyGroup]
    claims_by_status: dict[str, int]
    brief: BriefRef | None


class Storyline(Record):
    id: str
    label: str
    events: list[str] = Field(description="event ids in time order")
    event_count: int
    article_count: int
    start: str | None
    end: str | None
    key_entities: list[str]
    key_terms: list[str]


class StorylineDetail(Storyline):
    event_records: list[Event] = Field(description="the events, in time order")
    brief: BriefRef | None


class Role(Record):
    title: str
    normalized: str
    span: Span | None
    date: str | None
    date_inferred: bool


class Entity(Record):
    id: str
    name: str
    label: str
    aliases: list[str]
    mentions: list[Span]
    roles: list[Role]
    articles: int


class Speaker(Record):
    entity: str | None
    name: str
    kind: str | None = None
    span: Span | None = None


class Quote(Record):
    id: str
    article: str
    outlet: str | None
    content: Span
    cue: Span | None
    speaker: Speaker
    mode: str = Field(description="direct | partial | indirect")
    said_on: str | None
    statement: str | None


class Variant(Record):
    quote: str
    article: str
    outlet: str | None
    content: Span
    mode: str
    differences: list[Span] = Field(description="the words the other wordings lack")


class Statement(Record):
    id: str
    speaker: Speaker
    text: str
    said_on: str | None
    variants: list[Variant]


class TimelineEntry(Record):
    id: str
    start: str
    end: str
    value: str
    what: str
    who: list[Speaker]
    sentence: Span
    date: Span
    article: str
    inferred: bool


class Claim(Record):
    """A claim with its status over independent origins and the sentences it rests on."""

    id: str
    scope: str = Field(description='"event:<id>" or "storyline:<id>"')
    text: str
    status: str = Field(description="corroborated | single-source | conflicting")
    mentions: list[dict[str, Any]]
    origins: int
    origin_articles: list[str]
    attributions: list[str]
    discrepancies: list[str]
    evidence: list[Span]
    reason: str
    score: float


class Citation(Record):
    article: str
    outlet: str | None
    span: Span


class BriefSentence(Record):
    text: str
    citations: list[Citation]
    claim: str | None
    status: str | None
    origins: int
    attributions: list[str]


class BriefSource(Record):
    article: str
    outlet: str | None
    title: str | None
    published: str | None
    origin: str
    copies: list[str]


class Brief(Record):
    """The cited brief of an event or storyline: every sentence carries its citations."""

    id: str
    level: str
    subject: str
    headline: str
    summary: list[BriefSentence]
    corroborated: list[BriefSentence]
    disputed: list[dict[str, Any]]
    wordings: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    single_source: list[BriefSentence]
    statements: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    sources: list[BriefSource]
    origins: int
    article_count: int


class BriefListItem(BriefRef):
    id: str
    article_count: int


class StageCount(Record):
    stage: str
    items_in: int
    items_out: int
    seconds: float
    counters: dict[str, int]


class Run(Record):
    id: str
    started: str
    finished: str | None
    status: str
    config_hash: str
    versions: dict[str, str]
    inputs: list[str]
    stages: list[StageCount]


class Health(Record):
    status: str
    version: str
    store: str
    counts: dict[str, int]
    stages: dict[str, bool] = Field(description="which corpus stages' output the store holds")


class Side(Record):
    value: str
    sentence: Span
    fact: Span | None
    attribution: str
    day: str | None
    claim: str | None


class Discrepancy(Record):
    """Reports that disagree (amount, role, negation), differ in wording, or change stance."""

    id: str
    scope: str
    kind: str = Field(description="amount | role | quote-wording | negation | stance-change")
    subject: str
    sides: list[Side]
    method: str
    score: float
    note: str
