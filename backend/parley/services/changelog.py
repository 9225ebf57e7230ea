"""The per-room change log: one counter orders every visible change in a room.

A change is anything a client that was away must learn on resume: a new message, an
edit, a deletion (its tombstone), an attachment's state (and, later, reactions and
pins). Each takes the room's next `last_change_seq` under the room row's lock, inside
the transaction that makes it, so numbers are handed out in commit order; the changed
message remembers the number (`messages.change_seq`). "Every change after N" is then
the messages whose change_seq is above N, each in its latest state: a replay sends a
message once however often it changed (services/history.changes_since).
"""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import col, update
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.models import Message, Room

# Built once: these run for every message and change.
_NEXT_MESSAGE = (
    update(Room)
    .where(col(Room.id) == bindparam("room_id"))
    .values(last_seq=col(Room.last_seq) + 1, last_change_seq=col(Room.last_change_seq) + 1)
    .returning(col(Room.last_seq), col(Room.last_change_seq))
)
_NEXT_CHANGE = (
    update(Room)
    .where(col(Room.id) == bindparam("room_id"))
    .values(last_change_seq=col(Room.last_change_seq) + 1)
    .returning(col(Room.last_change_seq))
)
_MARK_MESSAGE = (
    update(Message)
    .where(col(Message.id) == bindparam("message_id"))
    .values(change_seq=bindparam("change_seq"))
)


async def next_message(session: AsyncSession, room_id: int) -> tuple[int, int]:
    """A new message's (seq, change_seq): its place in history and in the log. The
    UPDATE takes the room row's lock (PostgreSQL) or the write lock (SQLite) until
    commit; a rollback gives both numbers back."""
    connection = await session.connection()
    row = (await connection.execute(_NEXT_MESSAGE, {"room_id": room_id})).one()
    return int(row.last_seq), int(row.last_change_seq)


async def next_change(session: AsyncSession, room_id: int) -> int:
    """The room's next change number, for a message the caller updates itself."""
    connection = await session.connection()
    return int((await connection.execute(_NEXT_CHANGE, {"room_id": room_id})).scalar_one())


async def record_change(session: AsyncSession, *, room_id: int, message_id: int) -> int:
    """A message changed without being loaded (an attachment's state, say): it takes
    the room's next change number."""
    change_seq = await next_change(session, room_id)
    connection = await session.connection()
    await connection.execute(_MARK_MESSAGE, {"message_id": message_id, "change_seq": change_seq})
    return change_seq
