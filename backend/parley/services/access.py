"""Who may see and act in a room: the one place these rules are decided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import and_, bindparam, exists
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Banned, Forbidden, NotFound
from parley.models import Membership, Room, RoomBan, RoomRole, User

MANAGERS = frozenset({RoomRole.owner.value, RoomRole.moderator.value})


async def get_membership(*, session: AsyncSession, room_id: int, user_id: int) -> Membership | None:
    statement = select(Membership).where(
        Membership.room_id == room_id, Membership.user_id == user_id
    )
    return (await session.exec(statement)).first()


# The three answers every room check needs, in one round trip, with statements built
# once (their cache keys are then computed once, not per send, join or page).
_BANNED = exists().where(
    col(RoomBan.room_id) == Room.id, col(RoomBan.user_id) == bindparam("user_id")
)
_MEMBERSHIP = and_(
    col(Membership.room_id) == Room.id, col(Membership.user_id) == bindparam("user_id")
)
_THIS_ROOM = col(Room.id) == bindparam("room_id")
_ROOM_ENTITIES = (
    select(Room, Membership, _BANNED).outerjoin(Membership, _MEMBERSHIP).where(_THIS_ROOM)
)
_STANDING = (
    sa.select(  # sqlmodel's select is typed for at most four columns
        col(Room.is_private),
        col(Room.locked),
        col(Room.slow_mode_seconds),
        col(Membership.role),
        col(Membership.muted_until),
        _BANNED,
    )
    .outerjoin(Membership, _MEMBERSHIP)
    .where(_THIS_ROOM)
)


async def visible_room(
    *, session: AsyncSession, user: User, room_id: int
) -> tuple[Room, Membership | None]:
    """The room and the user's membership; private rooms are invisible to outsiders."""
    params = {"room_id": room_id, "user_id": user.id}
    row = (await session.exec(_ROOM_ENTITIES, params=params)).first()
    if row is None:
        raise NotFound("Room not found")
    room, membership, banned = row
    try:
        _check_visible(
            user, is_private=room.is_private, is_member=membership is not None, banned=bool(banned)
        )
    except Banned as exc:
        raise await _with_ban_reason(session, exc, room_id, user) from None
    return room, membership


async def check_readable(*, session: AsyncSession, user: User, room_id: int) -> None:
    """visible_room's verdict alone, from plain columns: for read paths that need only
    the yes or no, such as history pages."""
    await _visible_standing(session, user, room_id)


async def _visible_standing(
    session: AsyncSession, user: User, room_id: int
) -> sa.Row[bool, bool, int, str | None, datetime | None, bool]:
    connection = await session.connection()
    row = (await connection.execute(_STANDING, {"room_id": room_id, "user_id": user.id})).first()
    if row is None:
        raise NotFound("Room not found")
    role, banned = row[3], row[5]
    try:
        _check_visible(user, is_private=row[0], is_member=role is not None, banned=bool(banned))
    except Banned as exc:
        raise await _with_ban_reason(session, exc, room_id, user) from None
    return row


async def _with_ban_reason(session: AsyncSession, exc: Banned, room_id: int, user: User) -> Banned:
    """The refusal with the ban's reason: looked up only on this (rare) path."""
    statement = select(RoomBan.reason).where(RoomBan.room_id == room_id, RoomBan.user_id == user.id)
    return Banned(exc.detail, reason=(await session.exec(statement)).first() or "")


def _check_visible(user: User, *, is_private: bool, is_member: bool, banned: bool) -> None:
    if is_private and not is_member and not user.is_admin:
        # The same answer as for a missing room: outsiders learn nothing of it.
        raise NotFound("Room not found")
    if banned and not is_member and not user.is_admin:
        raise Banned("You are banned from this room")


async def is_banned(session: AsyncSession, room_id: int, user_id: int) -> bool:
    statement = select(RoomBan.id).where(RoomBan.room_id == room_id, RoomBan.user_id == user_id)
    return (await session.exec(statement)).first() is not None


@dataclass(frozen=True)
class Standing:
    """A member's standing in a room, as plain values: what posting rules need."""

    room_id: int
    locked: bool
    slow_mode_seconds: int
    role: str
    muted_until: datetime | None


async def member_room(*, session: AsyncSession, user: User, room_id: int) -> Standing:
    """visible_room's verdict, and a member: every send and typing notice asks, so it is
    one prebuilt statement over plain columns (no Room or Membership objects)."""
    _private, locked, slow_mode_seconds, role, muted_until, _banned = await _visible_standing(
        session, user, room_id
    )
    if role is None:
        raise Forbidden("Join the room first")
    return Standing(room_id, locked, slow_mode_seconds, role, muted_until)


async def managed_room(
    *, session: AsyncSession, user: User, room_id: int
) -> tuple[Room, Membership | None]:
    """Owner, moderator or site admin."""
    room, membership = await visible_room(session=session, user=user, room_id=room_id)
    if user.is_admin or (membership is not None and membership.role in MANAGERS):
        return room, membership
    raise Forbidden("Only the room's owner or moderators may do this")
