"""Search across every room and DM the caller may read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from parley.api.deps import CurrentUser, SessionDep
from parley.api.errors import error_responses
from parley.models.base import CleanText
from parley.models.search import SearchPage
from parley.services import search

router = APIRouter(prefix="/api/search", tags=["search"], responses=error_responses(401, 422))


@router.get("")
async def search_messages(
    session: SessionDep,
    user: CurrentUser,
    q: Annotated[
        CleanText,
        Query(
            min_length=1,
            max_length=500,
            description='Words, "phrases", from:USERNAME, in:ROOM, has:file, '
            "before:YYYY-MM-DD, after:YYYY-MM-DD (docs/search.md)",
        ),
    ],
    cursor: Annotated[CleanText | None, Query(max_length=512)] = None,
    limit: Annotated[int, Query(ge=1, le=search.SEARCH_PAGE_MAX)] = 20,
    tz: Annotated[
        CleanText, Query(max_length=64, description="IANA time zone the dates are days of")
    ] = "UTC",
) -> SearchPage:
    """Messages matching `q`, newest first, each with its room."""
    return await search.search_messages(
        session=session, user=user, text=q, tz=tz, cursor=cursor, limit=limit
    )
