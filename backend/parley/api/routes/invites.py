"""Invite links: to the site (admins) or into a room (its moderators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from parley.api.deps import CurrentUser, PublisherDep, SessionDep, SettingsDep
from parley.api.errors import error_responses
from parley.models.base import MAX_ID, CleanText
from parley.models.invite import InviteCheck, InviteCreate, InviteCreated, InvitePublic
from parley.models.room import RoomPublic
from parley.services import invites, rooms

router = APIRouter(
    prefix="/api/invites", tags=["invites"], responses=error_responses(401, 403, 404, 409, 422)
)
InviteId = Annotated[int, Path(ge=1, le=MAX_ID)]
Token = Annotated[CleanText, Path(min_length=8, max_length=128)]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_invite(
    session: SessionDep, user: CurrentUser, create: InviteCreate
) -> InviteCreated:
    """A new link (its token is shown this once). Without `room_id` an invite to the
    site (admins); with it, into that room (whoever may invite there)."""
    return await invites.create_invite(session=session, actor=user, create=create)


@router.get("")
async def list_invites(
    session: SessionDep,
    user: CurrentUser,
    room_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> list[InvitePublic]:
    return await invites.list_invites(session=session, actor=user, room_id=room_id)


@router.delete("/{invite_id}")
async def revoke_invite(
    session: SessionDep, user: CurrentUser, invite_id: InviteId
) -> InvitePublic:
    return await invites.revoke_invite(session=session, actor=user, invite_id=invite_id)


@router.get("/check/{token}", responses=error_responses(422))
async def check_invite(session: SessionDep, settings: SettingsDep, token: Token) -> InviteCheck:
    """For the invite page, signed in or not: whether the link is good, and to what."""
    return await invites.check_invite(session=session, token=token, default=settings.signup)


@router.post("/accept/{token}")
async def accept_invite(
    session: SessionDep, publisher: PublisherDep, user: CurrentUser, token: Token
) -> RoomPublic:
    """A signed-in user follows a room invite: they join it (a private room too)."""
    room_id = await invites.accept_invite(
        session=session, publisher=publisher, user=user, token=token
    )
    return await rooms.room_public(session=session, user=user, room_id=room_id)
