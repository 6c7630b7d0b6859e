"""Endpoints for who said what and when, the claims and the cited briefs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from newsfuse.web import queries
from newsfuse.web.deps import (
    DB,
    DEFAULT_LIMIT,
    ERRORS,
    NOT_FOUND,
    ArticleParam,
    EventParam,
    Limit,
    Offset,
    StorylineParam,
)
from newsfuse.web.schemas import (
    Brief,
    BriefListItem,
    Claim,
    Discrepancy,
    Entity,
    Page,
    Quote,
    Statement,
    TimelineEntry,
)

router = APIRouter(prefix="/api", responses={**ERRORS, **NOT_FOUND})

Speaker = Annotated[str | None, Query(description="an entity id, or part of the speaker's name")]
Scope = Annotated[str | None, Query(description='a claim scope: "event:<id>" or "storyline:<id>"')]


@router.get("/entities", response_model=Page[Entity], tags=["who said what"])
async def entities(db: DB, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT,
                   label: Annotated[str | None, Query(description="PERSON, ORG, GPE ...")] = None,
                   q: Annotated[str | None, Query(description="part of a name or alias")] = None,
                   article: ArticleParam = None) -> Any:
    """Canonical people, places and organisations, most mentioned first, with their
    aliases, every mention span and their dated roles."""
    return await db.run(queries.list_entities, offset, limit, label, q, article)


@router.get("/quotes", response_model=Page[Quote], tags=["who said what"])
async def quotes(db: DB, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT,
                 article: ArticleParam = None, event: EventParam = None, speaker: Speaker = None,
                 mode: Annotated[Literal["direct", "partial", "indirect"] | None, Query()] = None,
                 ) -> Any:
    """Quotes with speaker, cue, content span and the day said, in article and text order."""
    return await db.run(queries.list_quotes, offset, limit, article, event, speaker, mode)


@router.get("/statements", response_model=Page[Statement], tags=["who said what"])
async def statements(db: DB, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT,
                     speaker: Speaker = None, event: EventParam = None,
                     q: Annotated[str | None, Query(description="part of the statement")] = None,
                     ) -> Any:
    """Statements (one thing a speaker said), reported by most outlets first, with each
    outlet's wording and the words the other wordings lack."""
    return await db.run(queries.list_statements, offset, limit, speaker, q, event)


@router.get("/timeline", response_model=Page[TimelineEntry], tags=["who said what"])
async def timeline(db: DB, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT,
                   event: EventParam = None, storyline: StorylineParam = None,
                   article: ArticleParam = None) -> Any:
    """Dated happenings in date order: what, who, the sentence and the date expression."""
    return await db.run(queries.timeline, offset, limit, event, storyline, article)


@router.get("/claims", response_model=Page[Claim], tags=["claims"])
async def claims(db: DB, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT,
                 status: Annotated[Literal["corroborated", "single-source", "conflicting"] | None,
                                   Query(description="only claims of this status")] = None,
                 event: EventParam = None, storyline: StorylineParam = None,
                 scope: Scope = None) -> Any:
    """Claims, most corroborated first: status over independent origins, the decision in
    words, and the evidence sentences (spans) it rests on."""
    return await db.run(queries.list_claims, offset, limit, status, event, storyline, scope)


@router.get("/discrepancies", response_model=list[Discrepancy], tags=["claims"])
async def discrepancies(db: DB, event: EventParam = None, storyline: StorylineParam = None,
                        scope: Scope = None,
                        kind: Annotated[Literal["amount", "role", "quote-wording", "negation",
                                                "stance-change"] | None, Query()] = None) -> Any:
    """Conflicts between reports, differing wordings and changes of stance, with sides."""
    return await db.run(queries.list_discrepancies, kind, event, storyline, scope)


@router.get("/briefs", response_model=list[BriefListItem], tags=["briefs"])
async def briefs(db: DB) -> Any:
    """Every stored brief: level, subject, headline."""
    return await db.run(queries.list_briefs)


@router.get("/briefs/{level}/{subject}", response_model=Brief, tags=["briefs"],
            responses={200: {"content": {"application/json": {}, "text/markdown": {}}}})
async def brief(db: DB, level: Literal["event", "storyline"], subject: str,
                format: Annotated[Literal["json", "md"], Query(
                    description="json, or Markdown with [n]@start-end citations")] = "json",
                ) -> Any:
    """The cited brief of an event or storyline (id or unique prefix): headline, summary,
    corroborated, disputed and single-source items, statements, timeline and sources.
    Every sentence carries citations: the article, its outlet and the exact span."""
    body = await db.run(queries.brief, level, subject, format)
    if format == "md":
        return PlainTextResponse(body, media_type="text/markdown; charset=utf-8")
    return body
