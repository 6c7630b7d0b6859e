"""Endpoints for the store, articles, copies, events and storylines, runs and the export.

Each endpoint parses its parameters and runs one :mod:`newsfuse.web.queries` function on
the store thread; the response models document the JSON (``/docs``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, PlainTextResponse

from newsfuse.web import queries
from newsfuse.web.deps import DB, DEFAULT_LIMIT, ERRORS, NOT_FOUND, ArticleParam, Limit, Offset
from newsfuse.web.schemas import (
    ArticleDetail,
    ArticleSummary,
    Copies,
    Event,
    EventDetail,
    Health,
    Page,
    Run,
    Storyline,
    StorylineDetail,
)

router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/health", response_model=Health, tags=["store"])
async def health(db: DB) -> Any:
    """The store's URL, record counts, and which corpus stages' output it holds."""
    return await db.run(queries.health)


@router.get("/runs", response_model=list[Run], tags=["store"])
async def runs(db: DB) -> Any:
    """Every run record, newest first: config hash, versions, per-stage counts and timings."""
    return await db.run(queries.list_runs)


@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
async def articles(db: DB, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT,
                   outlet: Annotated[str | None, Query(description="exact outlet name")] = None,
                   q: Annotated[str | None, Query(description="text in the title or body")] = None,
                   event: Annotated[str | None, Query(description="only this event's articles")] = None,
                   ) -> Any:
    """Stored articles (without their text) in store order, paged and filtered."""
    return await db.run(queries.list_articles, offset, limit, outlet, q, event)


@router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"],
            responses=NOT_FOUND)
async def article(db: DB, article_id: str) -> Any:
    """One article (a unique id prefix is enough): clean text, paragraphs and headings,
    every dropped line with its reason, provenance, its events and copy links."""
    return await db.run(queries.article_detail, article_id)


@router.get("/articles/{article_id}/copies", response_model=Copies, tags=["copies"],
            responses=NOT_FOUND)
async def article_copies(db: DB, article_id: str) -> Any:
    """The copy links of one article with their evidence, and the groups they form."""
    return await db.run(queries.copies, article_id)


@router.get("/copies", response_model=Copies, tags=["copies"], responses=NOT_FOUND)
async def copies(db: DB, article: ArticleParam = None) -> Any:
    """Every copy link (exact, near, rewrite, partial; who copied whom, with evidence
    spans) and the copy groups, each with the article taken as the original."""
    return await db.run(queries.copies, article)


@router.get("/storylines", response_model=list[Storyline], tags=["events"])
async def storylines(db: DB) -> Any:
    """Every storyline, by arrival of its opening article; events in time order."""
    return await db.run(queries.list_storylines)


@router.get("/storylines/{storyline_id}", response_model=StorylineDetail, tags=["events"],
            responses=NOT_FOUND)
async def storyline(db: DB, storyline_id: str) -> Any:
    """One storyline (id or unique prefix) with its events in time order and its brief."""
    return await db.run(queries.storyline_detail, storyline_id)


@router.get("/events", response_model=list[Event], tags=["events"], responses=NOT_FOUND)
async def events(db: DB, storyline: Annotated[str | None, Query(
        description="only this storyline's events (id or unique prefix)")] = None) -> Any:
    """Every event, by arrival of its opening article."""
    return await db.run(queries.list_events, storyline)


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"], responses=NOT_FOUND)
async def event(db: DB, event_id: str) -> Any:
    """One event (id or unique prefix): label, time span, independent origins, its
    articles with the "why together" evidence, the copy links among them and its brief."""
    return await db.run(queries.event_detail, event_id)


@router.get("/export", tags=["store"])
async def export(db: DB) -> Any:
    """The whole store in the versioned export schema (the JSON of ``newsfuse export``)."""
    return await db.run(queries.export)


@router.get("/report", tags=["store"], response_class=PlainTextResponse,
            responses={200: {"content": {"text/markdown": {}, "text/html": {}}}})
async def report(db: DB, format: Annotated[Literal["md", "html"], Query(
        description="Markdown, or one standalone HTML page")] = "md") -> Any:
    """The report of ``newsfuse report`` (report.md or report.html)."""
    body = await db.run(queries.report, format)
    if format == "html":
        return HTMLResponse(body)
    return PlainTextResponse(body, media_type="text/markdown; charset=utf-8")
