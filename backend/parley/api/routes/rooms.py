"""Rooms, memberships and history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from parley.api.deps import (
    CurrentUser,
    LimiterDep,
    PresenceDep,
    PublisherDep,
    RoomId,
    SessionDep,
    SettingsDep,
    StoreDep,
)
from parley.api.errors import error_responses
from parley.models import (
    MemberInvite,
    MemberPublic,
    MessageAt,
    MessagePage,
    MessagePublic,
    NotificationSettings,
    NotificationUpdate,
    ReadMarker,
    ReadReceipts,
    RoomCreate,
    RoomPage,
    RoomPublic,
    RoomUpdate,
)
from parley.models.base import MAX_ID, CleanText, UtcInstant
from parley.models.room import ROOM_NAME_MAX
from parley.services import history, notifications, pins, receipts, rooms
from parley.services.history import HISTORY_PAGE_MAX
from parley.services.rooms import ROOM_PAGE_MAX

router = APIRouter(
    prefix="/api/rooms", tags=["rooms"], responses=error_responses(401, 403, 404, 409, 422, 429)
)


@router.get("")
async def list_rooms(
    session: SessionDep,
    user: CurrentUser,
    joined: Annotated[bool, Query(description="Only rooms I am a member of")] = False,
    q: Annotated[
        CleanText | None, Query(max_length=ROOM_NAME_MAX, description="Part of the room's name")
    ] = None,
    ids: Annotated[
        list[Annotated[int, Query(ge=1, le=MAX_ID)]],
        Query(max_length=ROOM_PAGE_MAX, description="Only these rooms (repeat the parameter)"),
    ] = [],  # noqa: B006 - FastAPI copies query defaults per request
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Annotated[int, Query(ge=1, le=ROOM_PAGE_MAX)] = 50,
) -> RoomPage:
    """Public rooms and my private ones in name order, a page at a time."""
    return await rooms.list_rooms(
        session=session,
        user=user,
        where=rooms.RoomFilter(joined=joined, name_contains=q, ids=ids),
        cursor=cursor,
        limit=limit,
    )


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_room(
    session: SessionDep,
    settings: SettingsDep,
    limiter: LimiterDep,
    user: CurrentUser,
    room_create: RoomCreate,
) -> RoomPublic:
    return await rooms.create_room(
        session=session,
        limiter=limiter,
        create_rate=settings.room_create_rate_limit,
        user=user,
        room_create=room_create,
    )


@router.get("/{room_id}")
async def read_room(session: SessionDep, user: CurrentUser, room_id: RoomId) -> RoomPublic:
    return await rooms.room_public(session=session, user=user, room_id=room_id)


@router.patch("/{room_id}")
async def update_room(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    room_id: RoomId,
    room_update: RoomUpdate,
) -> RoomPublic:
    return await rooms.update_room(
        session=session, publisher=publisher, user=user, room_id=room_id, room_update=room_update
    )


@router.delete("/{room_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_room(
    session: SessionDep,
    publisher: PublisherDep,
    store: StoreDep,
    user: CurrentUser,
    room_id: RoomId,
) -> None:
    await rooms.delete_room(
        session=session, publisher=publisher, store=store, user=user, room_id=room_id
    )


@router.post("/{room_id}/join")
async def join_room(
    session: SessionDep,
    publisher: PublisherDep,
    presence: PresenceDep,
    user: CurrentUser,
    room_id: RoomId,
) -> RoomPublic:
    return await rooms.join_room(
        session=session, publisher=publisher, user=user, room_id=room_id, presence=presence
    )


@router.post("/{room_id}/leave", status_code=status.HTTP_204_NO_CONTENT)
async def leave_room(
    session: SessionDep, publisher: PublisherDep, user: CurrentUser, room_id: RoomId
) -> None:
    await rooms.leave_room(session=session, publisher=publisher, user=user, room_id=room_id)


@router.get("/{room_id}/members")
async def list_members(
    session: SessionDep, presence: PresenceDep, user: CurrentUser, room_id: RoomId
) -> list[MemberPublic]:
    return await rooms.list_members(session=session, presence=presence, user=user, room_id=room_id)


@router.post("/{room_id}/members", status_code=status.HTTP_201_CREATED)
async def invite_member(
    session: SessionDep,
    publisher: PublisherDep,
    presence: PresenceDep,
    user: CurrentUser,
    room_id: RoomId,
    invite: MemberInvite,
) -> MemberPublic:
    return await rooms.invite_member(
        session=session,
        publisher=publisher,
        user=user,
        room_id=room_id,
        username=invite.username,
        presence=presence,
    )


@router.post("/{room_id}/read", status_code=status.HTTP_204_NO_CONTENT)
async def mark_read(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    room_id: RoomId,
    marker: ReadMarker,
) -> None:
    await rooms.mark_read(
        session=session, publisher=publisher, user=user, room_id=room_id, seq=marker.seq
    )


@router.get("/{room_id}/receipts")
async def read_receipts(session: SessionDep, user: CurrentUser, room_id: RoomId) -> ReadReceipts:
    """How far the other members read, for "seen by": only between members who turned
    read receipts on, in DMs and rooms of up to 20 members. Live: `receipt` frames."""
    return await receipts.room_receipts(session=session, user=user, room_id=room_id)


@router.get("/{room_id}/pins")
async def list_pins(session: SessionDep, user: CurrentUser, room_id: RoomId) -> list[MessagePublic]:
    """The room's pinned messages, the latest pinned first (live: `pin` frames)."""
    return await pins.room_pins(session=session, user=user, room_id=room_id)


@router.get("/{room_id}/messages/at")
async def message_at(
    session: SessionDep,
    user: CurrentUser,
    room_id: RoomId,
    time: Annotated[UtcInstant, Query(description="With its zone, e.g. 2026-12-01T00:00:00+09:00")],
) -> MessageAt:
    """Where a jump to a date lands: the room's first message at or after `time`."""
    return await history.message_at(session=session, user=user, room_id=room_id, at=time)


@router.put("/{room_id}/notifications")
async def set_notifications(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    room_id: RoomId,
    update: NotificationUpdate,
) -> NotificationSettings:
    """What of this room notifies me: a level (null: the default for the kind of room)
    and mute. My other tabs and devices hear it as a `notifications` frame."""
    return await notifications.set_room_notifications(
        session=session, publisher=publisher, user=user, room_id=room_id, update=update
    )


@router.get("/{room_id}/messages", response_model=MessagePage)
async def list_messages(
    session: SessionDep,
    user: CurrentUser,
    room_id: RoomId,
    before_seq: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=HISTORY_PAGE_MAX)] = 50,
    around_seq: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="A page around this message (a jump to it)"),
    ] = None,
) -> Response:
    # Already serialised (see history_json); response_model documents it in OpenAPI.
    page = await history.history_json(
        session=session,
        user=user,
        room_id=room_id,
        before_seq=before_seq,
        limit=limit,
        around_seq=around_seq,
    )
    return Response(page, media_type="application/json")
