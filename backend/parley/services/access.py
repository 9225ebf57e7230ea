"""Who may see and act in a room: the one place these rules are decided."""

from __future__ import annotations

from sqlalchemy import and_
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
    # One round trip for both: this runs before every send, join and history page.
    statement = (
        select(Room, Membership)
        .outerjoin(
            Membership,
            and_(col(Membership.room_id) == Room.id, col(Membership.user_id) == user.id),
        )
        .where(Room.id == room_id)
    )
    row = (await session.exec(statement)).first()
    if row is None:
        raise NotFound("Room not found")
    room, membership = row
    if room.is_private and membership is None and not user.is_admin:
        # The same answer as for a missing room: outsiders learn nothing of it.
        raise NotFound("Room not found")
    if membership is None and not user.is_admin and await is_banned(session, room_id, user.id):
        raise Banned("You are banned from this room")
    return room, membership


async def is_banned(session: AsyncSession, room_id: int, user_id: int) -> bool:
    statement = select(RoomBan.id).where(RoomBan.room_id == room_id, RoomBan.user_id == user_id)
    return (await session.exec(statement)).first() is not None


async def member_room(
    *, session: AsyncSession, user: User, room_id: int
) -> tuple[Room, Membership]:
    room, membership = await visible_room(session=session, user=user, room_id=room_id)
    if membership is None:
        raise Forbidden("Join the room first")
    return room, membership


async def managed_room(
    *, session: AsyncSession, user: User, room_id: int
) -> tuple[Room, Membership | None]:
    """Owner, moderator or site admin."""
    room, membership = await visible_room(session=session, user=user, room_id=room_id)
    if user.is_admin or (membership is not None and membership.role in MANAGERS):
        return room, membership
    raise Forbidden("Only the room's owner or moderators may do this")
