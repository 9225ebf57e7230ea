"""Mentions: members named in a message as `<@id>`, and `<!room>` calling everyone.

The composer turns a picked `@name` into `<@id>`, so what is stored names the person,
not the spelling of their name at the time: a rename changes how it shows, not whom it
names. Only the room's members are kept as mentioned (naming someone who cannot read the
room notifies nobody); calling the whole room is for its managers (Action.mention_room).
Unread mentions are counted from these rows (services.unread).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import bindparam
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.models import Membership, MessageMention
from parley.models.base import MAX_ID
from parley.services import access
from parley.services.access import Action, Standing

MENTION = re.compile(r"<@([1-9][0-9]{0,18})>")
ROOM_CALL = "<!room>"
# Past this many people a message is a broadcast: that is what <!room> is for.
MENTIONS_MAX = 50

_MEMBERS_AMONG = select(Membership.user_id).where(
    col(Membership.room_id) == bindparam("room_id"),
    col(Membership.user_id).in_(bindparam("user_ids", expanding=True)),
)
_OF_MESSAGES = (
    select(MessageMention.message_id, MessageMention.user_id)
    .where(col(MessageMention.message_id).in_(bindparam("message_ids", expanding=True)))
    .order_by(col(MessageMention.message_id), col(MessageMention.user_id))
)


def named_ids(body: str) -> list[int]:
    """The ids `<@id>` names, once each, in order; ids no account could have are text."""
    seen: dict[int, None] = {}
    for match in MENTION.finditer(body):
        user_id = int(match.group(1))
        if user_id <= MAX_ID:
            seen.setdefault(user_id, None)
    return list(seen)[:MENTIONS_MAX]


async def resolve(session: AsyncSession, standing: Standing, body: str) -> tuple[list[int], bool]:
    """Whom the body mentions among the room's members, and whether it calls the room
    (refused, like the send, for someone who may not)."""
    calls_room = ROOM_CALL in body
    if calls_room:
        access.check(standing, Action.mention_room)
    ids = named_ids(body)
    if not ids:
        return [], calls_room
    connection = await session.connection()
    rows = await connection.execute(_MEMBERS_AMONG, {"room_id": standing.room_id, "user_ids": ids})
    members = {row.user_id for row in rows}
    return [user_id for user_id in ids if user_id in members], calls_room


async def store(session: AsyncSession, message_id: int, user_ids: Sequence[int]) -> None:
    """The message's mentions become exactly `user_ids` (an edit may change them)."""
    await session.exec(delete(MessageMention).where(col(MessageMention.message_id) == message_id))
    for user_id in user_ids:
        session.add(MessageMention(message_id=message_id, user_id=user_id))
    await session.flush()


async def mentions_of(*, session: AsyncSession, message_ids: Sequence[int]) -> dict[int, list[int]]:
    if not message_ids:
        return {}
    connection = await session.connection()
    rows = await connection.execute(_OF_MESSAGES, {"message_ids": list(message_ids)})
    grouped: dict[int, list[int]] = {}
    for message_id, user_id in rows:
        grouped.setdefault(message_id, []).append(user_id)
    return grouped
