"""Pins: messages a room keeps in view (moderators choose them; in a DM, either person).

Pinning is part of the message's state: it takes the room's next change number
(services/changelog), so a client that was away gets the message with its pin on
resume, and sockets in the room hear a `pin` frame now.
"""

from __future__ import annotations

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, Forbidden
from parley.events import PinChanged, Publisher
from parley.models import Message, MessagePublic, User
from parley.models.base import utcnow
from parley.services import access, changelog, history
from parley.services.access import Action
from parley.services.message_lookup import message_for_change

# A pinned list longer than this is no longer a list of what matters.
PINS_PER_ROOM_MAX = 50


async def set_pin(
    *, session: AsyncSession, publisher: Publisher, user: User, message_id: int, pinned: bool
) -> MessagePublic:
    """Pin or unpin; idempotent, so a retried request changes nothing twice."""
    message, _author, standing = await message_for_change(session, user, message_id)
    access.check(standing, Action.pin)
    if message.deleted_at is not None:
        raise Forbidden("This message was deleted")
    if (message.pinned_at is not None) != pinned:
        if pinned:
            count = (
                await session.exec(
                    select(func.count())
                    .select_from(Message)
                    .where(
                        col(Message.room_id) == message.room_id,
                        col(Message.pinned_at).is_not(None),
                    )
                )
            ).one()
            if count >= PINS_PER_ROOM_MAX:
                raise Conflict(f"A room keeps at most {PINS_PER_ROOM_MAX} pins: unpin one first")
        message.pinned_at = utcnow() if pinned else None
        message.pinned_by = user.id if pinned else None
        message.change_seq = await changelog.next_change(session, message.room_id)
        session.add(message)
        await session.commit()
        assert message.id is not None
        await publisher.publish(
            PinChanged(
                room_id=message.room_id,
                message_id=message.id,
                change_seq=message.change_seq,
                pinned_at=message.pinned_at,
                pinned_by=message.pinned_by,
            )
        )
    [public] = await _pinned_public(session, [message_id])
    return public


async def _pinned_public(session: AsyncSession, message_ids: list[int]) -> list[MessagePublic]:
    statement = history.MESSAGE_ROWS.where(col(Message.id).in_(message_ids))
    connection = await session.connection()
    rows = (await connection.execute(statement)).all()
    by_id = {row.id: row for row in rows}
    return await history.messages_of_rows(session, [by_id[i] for i in message_ids if i in by_id])


async def room_pins(*, session: AsyncSession, user: User, room_id: int) -> list[MessagePublic]:
    """The room's pinned messages, the latest pinned first."""
    await access.require(session=session, user=user, room_id=room_id, action=Action.read)
    statement = history.MESSAGE_ROWS.where(
        col(Message.room_id) == room_id, col(Message.pinned_at).is_not(None)
    ).order_by(col(Message.pinned_at).desc(), col(Message.id).desc())
    connection = await session.connection()
    rows = (await connection.execute(statement.limit(PINS_PER_ROOM_MAX))).all()
    return await history.messages_of_rows(session, rows)
