"""Parameters shared by the API's endpoints: the store gateway and paging."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request

from newsfuse.web.gateway import StoreGateway
from newsfuse.web.schemas import ErrorBody

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def gateway(request: Request) -> StoreGateway:
    """The app's store gateway (set by :func:`newsfuse.web.app.create_app`)."""
    gateway: StoreGateway = request.app.state.gateway
    return gateway


DB = Annotated[StoreGateway, Depends(gateway)]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page (at most {MAX_LIMIT})")]
EventParam = Annotated[str | None, Query(description="only this event (id or unique prefix)")]
StorylineParam = Annotated[str | None, Query(description="only this storyline (id or unique prefix)")]
ArticleParam = Annotated[str | None, Query(description="only this article (id or unique prefix)")]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a bad parameter, or an ambiguous id prefix"},
    422: {"model": ErrorBody, "description": "a parameter of the wrong type or out of range"},
    503: {"model": ErrorBody, "description": "the store cannot be read"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no record with this id (or id prefix)"}}
