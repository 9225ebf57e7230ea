"""The signed-in user's own account."""

from __future__ import annotations

from fastapi import APIRouter

from parley.api.deps import CurrentUser, SessionDep
from parley.models import UserPublic, UserUpdate
from parley.services import users

router = APIRouter(prefix="/api/users", tags=["users"])


@router.get("/me")
async def read_me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user)


@router.patch("/me")
async def update_me(session: SessionDep, user: CurrentUser, user_update: UserUpdate) -> UserPublic:
    updated = await users.update_user(session=session, user=user, user_update=user_update)
    return UserPublic.model_validate(updated)
