"""Rooms and memberships: create, list, update, delete, join, leave, invite."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, NotFound
from parley.events import (
    MemberChanged,
    PresenceChanged,
    PresenceReader,
    Publisher,
    ReadersNarrowed,
    ReadMoved,
    RoomChanged,
)
from parley.models import (
    MemberPublic,
    Membership,
    Role,
    Room,
    RoomCreate,
    RoomKick,
    RoomPage,
    RoomPublic,
    RoomRole,
    RoomUpdate,
    Upload,
    User,
)
from parley.models.base import utcnow
from parley.services import access, audit, receipts, reports, room_form
from parley.services.access import Action
from parley.services.cursors import decode_cursor, encode_cursor
from parley.services.direct import direct_people
from parley.services.ratelimit import RateLimiter
from parley.services.unread import NONE, unread_counts
from parley.services.users import get_user_by_username
from parley.storage import FileStore

# Presence changes of sockets connecting together are announced with one query.
_MEMBER_ROOMS = select(Membership.user_id, Membership.room_id).where(
    col(Membership.user_id).in_(bindparam("user_ids", expanding=True))
)


async def _member_count(session: AsyncSession, room_id: int) -> int:
    statement = select(func.count()).select_from(Membership).where(Membership.room_id == room_id)
    return int((await session.exec(statement)).one())


async def room_public(*, session: AsyncSession, user: User, room_id: int) -> RoomPublic:
    room, membership, standing = await access.require_room(
        session=session, user=user, room_id=room_id, action=Action.read
    )
    assert user.id is not None
    people = (
        await direct_people(session=session, room_ids=[room_id], me=user.id)
        if room.is_direct
        else {}
    )
    unread = (
        await unread_counts(session=session, room_ids=[room_id], me=user.id) if membership else {}
    )
    open_reports = (
        await reports.open_report_counts(session=session, room_ids=[room_id])
        if access.allows(standing, Action.read_reports)
        else {}
    )
    return room_form.room_public_form(
        room,
        membership,
        standing,
        await _member_count(session, room_id),
        people.get(room_id, ()),
        unread.get(room_id, NONE),
        open_reports.get(room_id, 0),
    )


def _name_taken() -> Conflict:
    # Only public rooms hold their name (models.room), so this reveals nothing private.
    return Conflict("A public room with this name already exists")


async def create_room(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    create_rate: str,
    user: User,
    room_create: RoomCreate,
) -> RoomPublic:
    assert user.id is not None
    # Every room lands in everyone's room list: one account must not flood it.
    await limiter.hit(create_rate, "room-create", str(user.id), detail="Too many new rooms")
    room = Room.model_validate(
        room_create, update={"name_key": room_create.name.lower(), "created_by": user.id}
    )
    session.add(room)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise _name_taken() from exc
    assert room.id is not None
    membership = Membership(room_id=room.id, user_id=user.id, role=RoomRole.owner.value)
    session.add(membership)
    await session.commit()
    standing = access.standing_of(user, room, membership, banned=False, kicked=False)
    return room_form.room_public_form(room, membership, standing, 1)


ROOM_PAGE_MAX = 200


@dataclass(frozen=True, slots=True)
class RoomFilter:
    """Which listed rooms a page holds: mine only, a name search, given ids."""

    joined: bool = False
    name_contains: str | None = None
    ids: Sequence[int] = ()


async def list_rooms(
    *,
    session: AsyncSession,
    user: User,
    where: RoomFilter,
    cursor: str | None,
    limit: int,
) -> RoomPage:
    """A page of the rooms the user may see (public, and private ones they are in).

    Keyset-paged on (name_key, id): name_key alone is not unique (private rooms may share
    a name), and an offset would skip or repeat rooms created between two pages.
    """
    assert user.id is not None
    statement = access.listed_rooms_statement(user)
    if where.joined:
        statement = statement.where(col(Membership.id).is_not(None))
    if where.name_contains:
        needle = where.name_contains.lower()
        statement = statement.where(col(Room.name_key).contains(needle, autoescape=True))
    if where.ids:
        statement = statement.where(col(Room.id).in_(list(where.ids)))
    if cursor is not None:
        after_name, after_id = decode_cursor(cursor)
        statement = statement.where(
            sa.tuple_(col(Room.name_key), col(Room.id)) > sa.tuple_(after_name, after_id)
        )
    statement = statement.order_by(col(Room.name_key), col(Room.id)).limit(limit + 1)
    rows = (await session.exec(statement)).all()
    page, more = rows[:limit], len(rows) > limit
    counts = await _member_counts(session, [room.id for room, *_ in page if room.id is not None])
    direct = [room.id for room, *_ in page if room.is_direct and room.id is not None]
    people = await direct_people(session=session, room_ids=direct, me=user.id)
    joined = [room.id for room, membership, *_ in page if membership and room.id is not None]
    unread = await unread_counts(session=session, room_ids=joined, me=user.id)
    standings = [
        access.standing_of(user, room, membership, banned=bool(banned), kicked=bool(kicked))
        for room, membership, banned, kicked in page
    ]
    moderated = [s.room_id for s in standings if access.allows(s, Action.read_reports)]
    open_reports = await reports.open_report_counts(session=session, room_ids=moderated)
    items = [
        room_form.room_public_form(
            room,
            membership,
            standing,
            counts.get(room.id or 0, 0),
            people.get(room.id or 0, ()),
            unread.get(room.id or 0, NONE),
            open_reports.get(standing.room_id, 0),
        )
        for (room, membership, _banned, _kicked), standing in zip(page, standings, strict=True)
    ]
    last = page[-1][0] if more else None
    next_cursor = encode_cursor(last.name_key, last.id) if last and last.id is not None else None
    return RoomPage(items=items, next_cursor=next_cursor)


async def _member_counts(session: AsyncSession, room_ids: Sequence[int]) -> dict[int, int]:
    if not room_ids:
        return {}
    statement = (
        select(Membership.room_id, func.count())
        .where(col(Membership.room_id).in_(list(room_ids)))
        .group_by(col(Membership.room_id))
    )
    return dict((await session.exec(statement)).all())


# Which field of a room update needs which action.
_UPDATE_ACTIONS = {
    "name": Action.edit_room,
    "topic": Action.edit_room,
    "is_private": Action.edit_room,
    "locked": Action.lock,
    "slow_mode_seconds": Action.slow_mode,
}


async def update_room(
    *,
    session: AsyncSession,
    publisher: Publisher,
    user: User,
    room_id: int,
    room_update: RoomUpdate,
) -> RoomPublic:
    room, membership, standing = await access.require_room(
        session=session, user=user, room_id=room_id, action=Action.read
    )
    changes = room_update.model_dump(exclude_unset=True, exclude_none=True)
    for name in changes:
        access.check(standing, _UPDATE_ACTIONS[name])
    narrowed = changes.get("is_private") is True and not room.is_private
    _audit_room_changes(session, user, room, changes)
    for name, value in changes.items():
        setattr(room, name, value)
    if "name" in changes:
        room.name_key = room.name.lower()
    session.add(room)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise _name_taken() from exc
    readers = await _private_readers(session, room_id) if narrowed else None
    await session.commit()
    standing = access.standing_of(user, room, membership, banned=False, kicked=False)
    public = room_form.room_public_form(
        room, membership, standing, await _member_count(session, room_id)
    )
    if readers is not None:
        # Before the update itself: previews of a room gone private end at once.
        await publisher.publish(
            ReadersNarrowed(room_id=room_id, readers=readers, reason="The room is now private")
        )
    await publisher.publish(RoomChanged(room=public, action="updated"))
    return public


async def _private_readers(session: AsyncSession, room_id: int) -> frozenset[int]:
    """Who may read a private room: its members and the site admins."""
    members = select(Membership.user_id).where(Membership.room_id == room_id)
    admins = select(User.id).where(User.role == Role.admin.value)
    ids = (await session.exec(members)).all()
    return frozenset([*ids, *(i for i in (await session.exec(admins)).all() if i is not None)])


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
    *, session: AsyncSession, publisher: Publisher, store: FileStore, user: User, room_id: int
) -> None:
    room, membership, standing = await access.require_room(
        session=session, user=user, room_id=room_id, action=Action.delete_room
    )
    public = room_form.room_public_form(room, membership, standing, 0)
    audit.record(
        session,
        actor_id=user.id,
        action="delete_room",
        room_id=room.id,
        details={"name": room.name},
    )
    # The rows go with the room (ON DELETE CASCADE); the files on disk must go too.
    upload_ids = (await session.exec(select(Upload.id).where(Upload.room_id == room_id))).all()
    await session.delete(room)
    await session.commit()
    for upload_id in upload_ids:
        await store.delete(upload_id)
    await publisher.publish(RoomChanged(room=public, action="deleted"))


async def join_room(
    *,
    session: AsyncSession,
    publisher: Publisher,
    user: User,
    room_id: int,
    presence: PresenceReader | None = None,
) -> RoomPublic:
    room, membership, standing = await access.room_and_standing(
        session=session, user=user, room_id=room_id
    )
    assert user.id is not None
    await access.check_explained(session, standing, Action.read if membership else Action.join_room)
    if membership is None:
        # What was said before I joined is history to read, not a backlog of unread.
        membership = Membership(room_id=room_id, user_id=user.id, last_read_seq=room.last_seq)
        session.add(membership)
        await session.exec(
            delete(RoomKick).where(
                col(RoomKick.room_id) == room_id, col(RoomKick.user_id) == user.id
            )
        )
        try:
            await session.commit()
        except IntegrityError:  # joined concurrently from another tab: same outcome
            await session.rollback()
            return await room_public(session=session, user=user, room_id=room_id)
        await publisher.publish(MemberChanged(room_id=room_id, user_id=user.id, action="joined"))
        await _announce_if_online(publisher, presence, user.id, room_id)
        standing = access.standing_of(user, room, membership, banned=False, kicked=False)
    return room_form.room_public_form(
        room, membership, standing, await _member_count(session, room_id)
    )


async def leave_room(
    *, session: AsyncSession, publisher: Publisher, user: User, room_id: int
) -> None:
    _room, membership, standing = await access.require_room(
        session=session, user=user, room_id=room_id, action=Action.read
    )
    if membership is None:
        return
    access.check(standing, Action.leave_room)
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
    room, _membership, _standing = await access.require_room(
        session=session, user=user, room_id=room_id, action=Action.invite
    )
    invitee = await get_user_by_username(session=session, username=username)
    if invitee is None or invitee.id is None:
        raise NotFound("No user with that username")
    if await access.room_ban(session=session, room_id=room_id, user_id=invitee.id):
        raise Conflict("This user is banned from the room: unban them first")
    membership = Membership(room_id=room_id, user_id=invitee.id, last_read_seq=room.last_seq)
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
    await publisher.publish(PresenceChanged(room_id=room_id, online=(user_id,)))
    return True


def _member_public(
    user: User, membership: Membership, *, online: bool, actions: list[str] | None = None
) -> MemberPublic:
    assert user.id is not None
    return MemberPublic(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        avatar_url=user.avatar_url,
        role=RoomRole(membership.role),
        joined_at=membership.joined_at,
        online=online,
        muted_until=membership.muted_until,
        is_site_admin=user.is_admin,
        my_actions=actions or [],
    )


async def list_members(
    *, session: AsyncSession, presence: PresenceReader, user: User, room_id: int
) -> list[MemberPublic]:
    actor = await access.require(session=session, user=user, room_id=room_id, action=Action.read)
    statement = (
        select(User, Membership)
        .join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.room_id == room_id)
        .order_by(col(User.username))
    )
    online = await presence.online_user_ids()
    rows: Sequence[tuple[User, Membership]] = (await session.exec(statement)).all()
    now = utcnow()
    return [
        _member_public(
            member,
            m,
            online=member.id in online,
            actions=access.moderation_actions(
                actor,
                target=member,
                target_role=m.role,
                target_muted=m.muted_until is not None and m.muted_until > now,
            ),
        )
        for member, m in rows
    ]


async def mark_read(
    *, session: AsyncSession, publisher: Publisher, user: User, room_id: int, seq: int
) -> None:
    room, membership, _standing = await access.require_room(
        session=session, user=user, room_id=room_id, action=Action.mark_read
    )
    assert membership is not None and user.id is not None
    # Read markers only move forward, and never past the last message.
    marker = max(membership.last_read_seq, min(seq, room.last_seq))
    if marker == membership.last_read_seq:
        return
    membership.last_read_seq = marker
    session.add(membership)
    await session.commit()
    left = (await unread_counts(session=session, room_ids=[room_id], me=user.id)).get(room_id, NONE)
    await publisher.publish(
        ReadMoved(
            user_id=user.id,
            room_id=room_id,
            last_read_seq=marker,
            unread=left.messages,
            mentions=left.mentions,
        )
    )
    await receipts.announce_read(
        session=session, publisher=publisher, reader=user, room_id=room_id, seq=marker
    )


async def room_ids_by_member(
    *, session: AsyncSession, user_ids: Collection[int]
) -> dict[int, list[int]]:
    """Each user's rooms, for many users in one query (absent: a member of none)."""
    rows = await session.exec(_MEMBER_ROOMS, params={"user_ids": list(user_ids)})
    rooms: dict[int, list[int]] = {}
    for user_id, room_id in rows:
        rooms.setdefault(user_id, []).append(room_id)
    return rooms


async def members_of_rooms(
    *, session: AsyncSession, room_ids: Collection[int]
) -> dict[int, list[int]]:
    """Each room's member ids, for many rooms in one query. Plain rows, not the ORM's: a
    large room has thousands of members."""
    members: dict[int, list[int]] = {room_id: [] for room_id in room_ids}
    connection = await session.connection()
    rows = await connection.execute(_MEMBERS_OF_ROOMS, {"room_ids": list(room_ids)})
    for room_id, user_id in rows.all():
        members[room_id].append(user_id)
    return members


_MEMBERS_OF_ROOMS = sa.select(col(Membership.room_id), col(Membership.user_id)).where(
    col(Membership.room_id).in_(bindparam("room_ids", expanding=True))
)
