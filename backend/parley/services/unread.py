"""Unread counts per room for one reader, counted by the server against their read
position, so every tab and device shows the same numbers and reading clears them.

Unread is what others wrote past my read position and is still standing; of those, the
mentions are the ones that name me (`message_mentions`) or call the room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import bindparam
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.models import Membership, Message, MessageMention


@dataclass(frozen=True, slots=True)
class Unread:
    messages: int = 0
    mentions: int = 0


NONE = Unread()

_NAMES_ME = sa.exists().where(
    col(MessageMention.message_id) == Message.id, col(MessageMention.user_id) == bindparam("me")
)
_UNREAD = (
    sa.select(
        col(Message.room_id),
        sa.func.count(),
        sa.func.sum(sa.case((sa.or_(col(Message.mentions_room), _NAMES_ME), 1), else_=0)),
    )
    .join(
        Membership,
        sa.and_(
            col(Membership.room_id) == col(Message.room_id),
            col(Membership.user_id) == bindparam("me"),
        ),
    )
    .where(
        col(Message.room_id).in_(bindparam("room_ids", expanding=True)),
        col(Message.seq) > col(Membership.last_read_seq),
        col(Message.deleted_at).is_(None),
        col(Message.author_id) != bindparam("me"),
    )
    .group_by(col(Message.room_id))
)


async def unread_counts(
    *, session: AsyncSession, room_ids: Sequence[int], me: int
) -> dict[int, Unread]:
    """Rooms among `room_ids` I am a member of with something unread; others are NONE."""
    if not room_ids:
        return {}
    connection = await session.connection()
    rows = await connection.execute(_UNREAD, {"room_ids": list(room_ids), "me": me})
    return {
        int(room_id): Unread(messages=int(count), mentions=int(mentions or 0))
        for room_id, count, mentions in rows
    }
