"""Direct messages: the one conversation of a given set of people, found or started.

A direct message is a private room marked `is_direct`, keyed by its members' sorted ids
(`direct_key`), so the same people always reach the same conversation. Everything else a
room has (history, uploads, edits, reactions, typing, unread, resume) works the same;
services.access refuses what has no meaning among equals (joining, leaving, inviting,
moderation, settings) and shows it to nobody else, site admins included.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Invalid
from parley.events import MemberChanged, Publisher
from parley.models import AuthorPublic, Membership, Room, RoomPublic, RoomRole, User
from parley.services import access
from parley.services.ratelimit import RateLimiter
from parley.services.room_form import room_public_form

# A direct message's name is its people's; the stored one is only for lists and logs.
DIRECT_NAME = "Direct message"


async def direct_people(
    *, session: AsyncSession, room_ids: Sequence[int], me: int
) -> dict[int, list[AuthorPublic]]:
    """Each direct message's people other than `me`, by name."""
    if not room_ids:
        return {}
    statement = (
        select(Membership.room_id, User)
        .join(User, col(User.id) == Membership.user_id)
        .where(col(Membership.room_id).in_(list(room_ids)), col(User.id) != me)
        .order_by(col(User.display_name), col(User.id))
    )
    people: dict[int, list[AuthorPublic]] = {room_id: [] for room_id in room_ids}
    for room_id, user in (await session.exec(statement)).all():
        people[room_id].append(AuthorPublic.model_validate(user))
    return people


async def open_direct(
    *,
    session: AsyncSession,
    publisher: Publisher,
    limiter: RateLimiter,
    create_rate: str,
    user: User,
    user_ids: Sequence[int],
) -> tuple[RoomPublic, bool]:
    """The direct message of `user` and `user_ids`, started if there is none yet.
    Returns it and whether it was started now."""
    assert user.id is not None
    members = sorted({user.id, *user_ids})
    if len(members) < 2:
        raise Invalid("Name at least one other person", field="user_ids")
    found = (
        await session.exec(
            select(User.id).where(col(User.id).in_(members), col(User.is_disabled).is_(False))
        )
    ).all()
    if len(found) != len(members):
        raise Invalid("Some of these people do not exist", field="user_ids")
    key = ",".join(map(str, members))
    if (existing := await _by_key(session, key)) is not None:
        return await _public(session, user, existing, members), False
    # Starting one notifies everyone in it: one account must not flood people with them.
    await limiter.hit(
        create_rate, "direct-create", str(user.id), detail="Too many new conversations"
    )
    room = Room(
        name=DIRECT_NAME,
        name_key=f"direct {key}",
        is_private=True,
        is_direct=True,
        direct_key=key,
        created_by=user.id,
    )
    session.add(room)
    try:
        await session.flush()
        assert room.id is not None
        for member in members:
            session.add(Membership(room_id=room.id, user_id=member, role=RoomRole.member.value))
        await session.commit()
    except IntegrityError:  # the same people started it at the same moment
        await session.rollback()
        if (existing := await _by_key(session, key)) is None:
            raise
        return await _public(session, user, existing, members), False
    for member in members:
        # Each person's own channel: their clients list it and follow it at once.
        await publisher.publish(MemberChanged(room_id=room.id, user_id=member, action="invited"))
    return await _public(session, user, room, members), True


async def _by_key(session: AsyncSession, key: str) -> Room | None:
    return (await session.exec(select(Room).where(Room.direct_key == key))).first()


async def _public(
    session: AsyncSession, user: User, room: Room, members: Sequence[int]
) -> RoomPublic:
    assert room.id is not None and user.id is not None
    found_room, membership, standing = await access.room_and_standing(
        session=session, user=user, room_id=room.id
    )
    people = await direct_people(session=session, room_ids=[room.id], me=user.id)
    return room_public_form(found_room, membership, standing, len(members), people[room.id])
