"""Rooms and memberships: create, list, update, delete, join, leave, invite."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, Forbidden, NotFound
from parley.events import MemberChanged, PresenceChanged, PresenceReader, Publisher, RoomChanged
from parley.models import (
    MemberPublic,
    Membership,
    Room,
    RoomCreate,
    RoomPublic,
    RoomRole,
    RoomUpdate,
    User,
)
from parley.services import audit
from parley.services.access import is_banned, managed_room, visible_room
from parley.services.users import get_user_by_username

# Presence changes of sockets connecting together are announced with one query.
_MEMBER_ROOMS = select(Membership.user_id, Membership.room_id).where(
    col(Membership.user_id).in_(bindparam("user_ids", expanding=True))
)


def _public(room: Room, membership: Membership | None, member_count: int) -> RoomPublic:
    return RoomPublic.model_validate(
        room,
        update={
            "member_count": member_count,
            "my_role": membership.role if membership else None,
            "last_read_seq": membership.last_read_seq if membership else 0,
            "my_muted_until": membership.muted_until if membership else None,
        },
    )


async def _member_count(session: AsyncSession, room_id: int) -> int:
    statement = select(func.count()).select_from(Membership).where(Membership.room_id == room_id)
    return int((await session.exec(statement)).one())


async def room_public(*, session: AsyncSession, user: User, room_id: int) -> RoomPublic:
    room, membership = await visible_room(session=session, user=user, room_id=room_id)
    return _public(room, membership, await _member_count(session, room_id))


async def create_room(*, session: AsyncSession, user: User, room_create: RoomCreate) -> RoomPublic:
    assert user.id is not None
    room = Room.model_validate(
        room_create, update={"name_key": room_create.name.lower(), "created_by": user.id}
    )
    session.add(room)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("A room with this name already exists") from exc
    assert room.id is not None
    membership = Membership(room_id=room.id, user_id=user.id, role=RoomRole.owner.value)
    session.add(membership)
    await session.commit()
    return _public(room, membership, 1)


async def list_rooms(*, session: AsyncSession, user: User) -> list[RoomPublic]:
    """Public rooms and the private rooms the user belongs to, with their own state."""
    assert user.id is not None
    counts = (
        select(Membership.room_id, func.count().label("members"))
        .group_by(col(Membership.room_id))
        .subquery()
    )
    statement = (
        select(Room, Membership, counts.c.members)
        .outerjoin(
            Membership,
            (col(Membership.room_id) == Room.id) & (col(Membership.user_id) == user.id),
        )
        .outerjoin(counts, counts.c.room_id == Room.id)
        .where(or_(col(Room.is_private).is_(False), col(Membership.id).is_not(None)))
        .order_by(col(Room.name_key))
    )
    rows = (await session.exec(statement)).all()
    return [_public(room, membership, members or 0) for room, membership, members in rows]


async def update_room(
    *,
    session: AsyncSession,
    publisher: Publisher,
    user: User,
    room_id: int,
    room_update: RoomUpdate,
) -> RoomPublic:
    room, membership = await managed_room(session=session, user=user, room_id=room_id)
    changes = room_update.model_dump(exclude_unset=True, exclude_none=True)
    _audit_room_changes(session, user, room, changes)
    for name, value in changes.items():
        setattr(room, name, value)
    if "name" in changes:
        room.name_key = room.name.lower()
    session.add(room)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("A room with this name already exists") from exc
    public = _public(room, membership, await _member_count(session, room_id))
    await publisher.publish(RoomChanged(room=public, action="updated"))
    return public


def _audit_room_changes(
    session: AsyncSession, user: User, room: Room, changes: dict[str, object]
) -> None:
    if "locked" in changes and changes["locked"] != room.locked:
        action = "lock_room" if changes["locked"] else "unlock_room"
        audit.record(session, actor_id=user.id, action=action, room_id=room.id)
    if "slow_mode_seconds" in changes and changes["slow_mode_seconds"] != room.slow_mode_seconds:
        audit.record(
            session,
            actor_id=user.id,
            action="slow_mode",
            room_id=room.id,
            details={"seconds": changes["slow_mode_seconds"]},
        )


async def delete_room(
    *, session: AsyncSession, publisher: Publisher, user: User, room_id: int
) -> None:
    room, membership = await visible_room(session=session, user=user, room_id=room_id)
    is_owner = membership is not None and membership.role == RoomRole.owner.value
    if not (is_owner or user.is_admin):
        raise Forbidden("Only the room's owner or a site admin may delete it")
    public = _public(room, membership, 0)
    audit.record(
        session,
        actor_id=user.id,
        action="delete_room",
        room_id=room.id,
        details={"name": room.name},
    )
    await session.delete(room)
    await session.commit()
    await publisher.publish(RoomChanged(room=public, action="deleted"))


async def join_room(
    *,
    session: AsyncSession,
    publisher: Publisher,
    user: User,
    room_id: int,
    presence: PresenceReader | None = None,
) -> RoomPublic:
    room, membership = await visible_room(session=session, user=user, room_id=room_id)
    assert user.id is not None
    if membership is None:
        if room.is_private and not user.is_admin:
            raise Forbidden("This room is private: ask its owner or a moderator to add you")
        membership = Membership(room_id=room_id, user_id=user.id)
        session.add(membership)
        try:
            await session.commit()
        except IntegrityError:  # joined concurrently from another tab: same outcome
            await session.rollback()
            return await room_public(session=session, user=user, room_id=room_id)
        await publisher.publish(MemberChanged(room_id=room_id, user_id=user.id, action="joined"))
        await _announce_if_online(publisher, presence, user.id, room_id)
    return _public(room, membership, await _member_count(session, room_id))


async def leave_room(
    *, session: AsyncSession, publisher: Publisher, user: User, room_id: int
) -> None:
    _room, membership = await visible_room(session=session, user=user, room_id=room_id)
    if membership is None:
        return
    if membership.role == RoomRole.owner.value:
        raise Conflict("The owner cannot leave the room; delete it instead")
    await session.delete(membership)
    await session.commit()
    assert user.id is not None
    await publisher.publish(MemberChanged(room_id=room_id, user_id=user.id, action="left"))


async def invite_member(
    *,
    session: AsyncSession,
    publisher: Publisher,
    user: User,
    room_id: int,
    username: str,
    presence: PresenceReader | None = None,
) -> MemberPublic:
    await managed_room(session=session, user=user, room_id=room_id)
    invitee = await get_user_by_username(session=session, username=username)
    if invitee is None or invitee.id is None:
        raise NotFound("No user with that username")
    if await is_banned(session, room_id, invitee.id):
        raise Conflict("This user is banned from the room: unban them first")
    membership = Membership(room_id=room_id, user_id=invitee.id)
    session.add(membership)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("Already a member") from exc
    await publisher.publish(MemberChanged(room_id=room_id, user_id=invitee.id, action="invited"))
    online = await _announce_if_online(publisher, presence, invitee.id, room_id)
    return _member_public(invitee, membership, online=online)


async def _announce_if_online(
    publisher: Publisher, presence: PresenceReader | None, user_id: int, room_id: int
) -> bool:
    """A presence change reaches the rooms a user was in at that moment, so a room they
    join later would think them offline until they reconnect: tell it now."""
    if presence is None or user_id not in await presence.online_user_ids():
        return False
    await publisher.publish(PresenceChanged(user_id=user_id, online=True, room_ids=(room_id,)))
    return True


def _member_public(user: User, membership: Membership, *, online: bool) -> MemberPublic:
    assert user.id is not None
    return MemberPublic(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=RoomRole(membership.role),
        joined_at=membership.joined_at,
        online=online,
        muted_until=membership.muted_until,
        is_site_admin=user.is_admin,
    )


async def list_members(
    *, session: AsyncSession, presence: PresenceReader, user: User, room_id: int
) -> list[MemberPublic]:
    await visible_room(session=session, user=user, room_id=room_id)
    statement = (
        select(User, Membership)
        .join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.room_id == room_id)
        .order_by(col(User.username))
    )
    online = await presence.online_user_ids()
    rows: Sequence[tuple[User, Membership]] = (await session.exec(statement)).all()
    return [_member_public(member, m, online=member.id in online) for member, m in rows]


async def mark_read(*, session: AsyncSession, user: User, room_id: int, seq: int) -> None:
    room, membership = await visible_room(session=session, user=user, room_id=room_id)
    if membership is None:
        raise Forbidden("Join the room first")
    # Read markers only move forward, and never past the last message.
    membership.last_read_seq = max(membership.last_read_seq, min(seq, room.last_seq))
    session.add(membership)
    await session.commit()


async def room_ids_by_member(
    *, session: AsyncSession, user_ids: Collection[int]
) -> dict[int, list[int]]:
    """Each user's rooms, for many users in one query (absent: a member of none)."""
    rows = await session.exec(_MEMBER_ROOMS, params={"user_ids": list(user_ids)})
    rooms: dict[int, list[int]] = {}
    for user_id, room_id in rows:
        rooms.setdefault(user_id, []).append(room_id)
    return rooms


async def online_member_ids(
    *, session: AsyncSession, presence: PresenceReader, room_id: int
) -> list[int]:
    statement = select(Membership.user_id).where(Membership.room_id == room_id)
    members = set((await session.exec(statement)).all())
    return sorted(members & await presence.online_user_ids())
