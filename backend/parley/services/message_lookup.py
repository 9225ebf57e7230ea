"""One message about to change, with its author and the acting user's standing."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import NotFound
from parley.models import Message, User
from parley.services import access
from parley.services.access import Action, Standing


async def message_for_change(
    session: AsyncSession, user: User, message_id: int
) -> tuple[Message, User, Standing]:
    """The message, its author, and `user`'s standing in its room."""
    row = (
        await session.exec(
            select(Message, User)
            .join(User, col(User.id) == Message.author_id)
            .where(Message.id == message_id)
        )
    ).first()
    if row is None:
        raise NotFound("Message not found")
    message, author = row
    try:
        standing = await access.require(
            session=session, user=user, room_id=message.room_id, action=Action.read
        )
    except NotFound as exc:
        raise NotFound("Message not found") from exc
    return message, author, standing
