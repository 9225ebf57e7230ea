"""Read receipts: "seen by" from the members' read positions, opt-in on both sides.

A member who turns receipts on shares how far they read and sees how far the others who
share it read; one who leaves them off neither shares nor sees. Only in rooms small
enough for a "seen by" line to mean something: DMs and rooms of up to
RECEIPTS_MAX_MEMBERS members.
"""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.events import Publisher, ReceiptMoved
from parley.models import Membership, ReadReceipt, ReadReceipts, User
from parley.services import access
from parley.services.access import Action

RECEIPTS_MAX_MEMBERS = 20


async def _sharing_members(session: AsyncSession, room_id: int) -> list[tuple[int, int]] | None:
    """(user id, last read seq) of the members who share receipts; None when the room is
    past the size receipts are kept for."""
    statement = (
        select(Membership.user_id, Membership.last_read_seq, User.read_receipts)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(col(Membership.room_id) == room_id)
        .limit(RECEIPTS_MAX_MEMBERS + 1)
    )
    rows = (await session.exec(statement)).all()
    if len(rows) > RECEIPTS_MAX_MEMBERS:
        return None
    return [(user_id, seq) for user_id, seq, sharing in rows if sharing]


async def room_receipts(*, session: AsyncSession, user: User, room_id: int) -> ReadReceipts:
    await access.require(session=session, user=user, room_id=room_id, action=Action.read_receipts)
    if not user.read_receipts:
        return ReadReceipts(available=False)
    sharing = await _sharing_members(session, room_id)
    if sharing is None:
        return ReadReceipts(available=False)
    return ReadReceipts(
        available=True,
        readers=[
            ReadReceipt(user_id=member, last_read_seq=seq)
            for member, seq in sharing
            if member != user.id
        ],
    )


async def announce_read(
    *, session: AsyncSession, publisher: Publisher, reader: User, room_id: int, seq: int
) -> None:
    """After `reader`'s marker moved to `seq`: the members who share receipts hear it."""
    if not reader.read_receipts or reader.id is None:
        return
    sharing = await _sharing_members(session, room_id)
    if not sharing:
        return
    watchers = tuple(member for member, _seq in sharing if member != reader.id)
    if watchers:
        await publisher.publish(
            ReceiptMoved(
                room_id=room_id, user_id=reader.id, last_read_seq=seq, watcher_ids=watchers
            )
        )
