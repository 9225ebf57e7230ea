"""The quote a reply shows of its original, read when the reply is shown."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Invalid
from parley.models import AuthorPublic, Message, QuotedMessage, User
from parley.models.message import SNIPPET_MAX
from parley.models.user import avatar_url

_QUOTED = select(
    col(Message.id),
    col(Message.seq),
    func.substr(col(Message.body), 1, SNIPPET_MAX).label("snippet"),
    col(Message.deleted_at),
    col(User.id).label("author_id"),
    col(User.username),
    col(User.display_name),
    col(User.avatar_key),
).join_from(Message, User, col(User.id) == col(Message.author_id))
_OF_IDS = _QUOTED.where(col(Message.id).in_(bindparam("ids", expanding=True)))
_ANSWERABLE = select(col(Message.deleted_at)).where(
    col(Message.id) == bindparam("message_id"), col(Message.room_id) == bindparam("room_id")
)


async def quotes_of(
    *, session: AsyncSession, message_ids: Sequence[int]
) -> dict[int, QuotedMessage]:
    """The quote of each original, by its id."""
    if not message_ids:
        return {}
    connection = await session.connection()
    rows = (await connection.execute(_OF_IDS, {"ids": list(set(message_ids))})).all()
    return {
        row.id: QuotedMessage.model_construct(
            id=row.id,
            seq=row.seq,
            author=AuthorPublic.model_construct(
                id=row.author_id,
                username=row.username,
                display_name=row.display_name,
                avatar_url=avatar_url(row.author_id, row.avatar_key),
            ),
            snippet="" if row.deleted_at else row.snippet,
            deleted=row.deleted_at is not None,
        )
        for row in rows
    }


async def check_answerable(*, session: AsyncSession, room_id: int, message_id: int) -> None:
    """A reply answers a message of its own room that still stands."""
    connection = await session.connection()
    found = (
        await connection.execute(_ANSWERABLE, {"message_id": message_id, "room_id": room_id})
    ).first()
    if found is None:
        raise Invalid("You can only reply to a message in this room", field="reply_to")
    if found.deleted_at is not None:
        raise Invalid("That message was deleted", field="reply_to")
