"""Who may see and act in a room: the one place these rules are decided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Exists, and_, bindparam, exists
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


async def visible_room(
    *, session: AsyncSession, user: User, room_id: int
) -> tuple[Room, Membership | None]:
    """The room and the user's membership; private rooms are invisible to outsiders."""
    assert user.id is not None
    # One round trip for all three: this runs before every send and join.
    statement = (
        select(Room, Membership, _banned(room_id, user.id))
        .outerjoin(
            Membership,
            and_(col(Membership.room_id) == Room.id, col(Membership.user_id) == user.id),
        )
        .where(Room.id == room_id)
    )
    row = (await session.exec(statement)).first()
    if row is None:
        raise NotFound("Room not found")
    room, membership, banned = row
    _check_visible(
        user, is_private=room.is_private, is_member=membership is not None, banned=bool(banned)
    )
    return room, membership


async def check_readable(*, session: AsyncSession, user: User, room_id: int) -> None:
    """visible_room's verdict alone, from three plain columns: for read paths that need
    only the yes or no, such as history pages."""
    connection = await session.connection()
    row = (await connection.execute(_READABLE, {"room_id": room_id, "user_id": user.id})).first()
    if row is None:
        raise NotFound("Room not found")
    is_private, is_member, banned = row
    _check_visible(user, is_private=is_private, is_member=bool(is_member), banned=bool(banned))


# Built once: the statement's cache key is then computed once, not per page.
_READABLE = (
    select(
        col(Room.is_private),
        col(Membership.id).is_not(None),
        exists().where(
            col(RoomBan.room_id) == Room.id, col(RoomBan.user_id) == bindparam("user_id")
        ),
    )
    .outerjoin(
        Membership,
        and_(col(Membership.room_id) == Room.id, col(Membership.user_id) == bindparam("user_id")),
    )
    .where(col(Room.id) == bindparam("room_id"))
)


_STANDING = (
    sa.select(  # sqlmodel's select is typed for at most four columns
        col(Room.is_private),
        col(Room.locked),
        col(Room.slow_mode_seconds),
        col(Membership.role),
        col(Membership.muted_until),
        exists().where(
            col(RoomBan.room_id) == Room.id, col(RoomBan.user_id) == bindparam("user_id")
        ),
    )
    .outerjoin(
        Membership,
        and_(col(Membership.room_id) == Room.id, col(Membership.user_id) == bindparam("user_id")),
    )
    .where(col(Room.id) == bindparam("room_id"))
)


def _banned(room_id: int, user_id: int) -> Exists:
    return exists().where(col(RoomBan.room_id) == room_id, col(RoomBan.user_id) == user_id)


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
    connection = await session.connection()
    row = (await connection.execute(_STANDING, {"room_id": room_id, "user_id": user.id})).first()
    if row is None:
        raise NotFound("Room not found")
    is_private, locked, slow_mode_seconds, role, muted_until, banned = row
    _check_visible(user, is_private=is_private, is_member=role is not None, banned=bool(banned))
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
