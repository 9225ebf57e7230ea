"""The signed-in user's own account, and the people directory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from parley.api.deps import CurrentUser, PublisherDep, SessionDep
from parley.api.errors import error_responses
from parley.api.routes.auth import forget_refresh_cookie
from parley.models import AuthorPublic, UserPublic, UserUpdate
from parley.models.base import CleanText
from parley.services import auth, users

router = APIRouter(prefix="/api/users", tags=["users"], responses=error_responses(401, 422))


@router.get("")
async def find_people(
    session: SessionDep,
    _user: CurrentUser,
    q: Annotated[CleanText, Query(max_length=64, description="Part of a name")] = "",
    limit: Annotated[int, Query(ge=1, le=users.PEOPLE_PAGE_MAX)] = 20,
) -> list[AuthorPublic]:
    """People to message or mention: active accounts by display name."""
    return await users.find_people(session=session, query=q, limit=limit)


@router.get("/me")
async def read_me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user)


@router.patch("/me")
async def update_me(session: SessionDep, user: CurrentUser, user_update: UserUpdate) -> UserPublic:
    updated = await users.update_user(session=session, user=user, user_update=user_update)
    return UserPublic.model_validate(updated)


@router.delete("/me/sessions", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out_everywhere(
    response: Response, session: SessionDep, publisher: PublisherDep, user: CurrentUser
) -> None:
    """Sign out on every device: every access and refresh token of the account ends, and
    every socket closes."""
    await auth.log_out_everywhere(session=session, publisher=publisher, user=user)
    forget_refresh_cookie(response)
