"""Emoji reactions: add and remove one, and read the reactions of many messages.

A reaction is part of its message's state: adding or removing one takes the room's
next change number (services/changelog), so a client that was away gets the message
with its reactions on resume, and sockets in the room hear a `reactions` frame now.
"""

from __future__ import annotations

from collections.abc import Sequence

import emoji as emoji_data
from sqlalchemy import bindparam, exists
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, Forbidden, Invalid
from parley.events import Publisher, ReactionsChanged
from parley.models import EMOJI_MAX, Message, Reaction, ReactionPublic, User
from parley.models.reaction import EMOJI_PER_MESSAGE_MAX
from parley.services import access, changelog
from parley.services.access import Action
from parley.services.message_lookup import message_for_change
from parley.services.ratelimit import RateLimiter

_OF_MESSAGES = (
    select(col(Reaction.message_id), col(Reaction.emoji), col(Reaction.user_id))
    .where(col(Reaction.message_id).in_(bindparam("message_ids", expanding=True)))
    # First use first: an emoji keeps its place on the message as others are added.
    .order_by(col(Reaction.message_id), col(Reaction.created_at), col(Reaction.user_id))
)
_HAS = select(
    exists().where(
        col(Reaction.message_id) == bindparam("message_id"),
        col(Reaction.emoji) == bindparam("emoji"),
        col(Reaction.user_id) == bindparam("user_id"),
    )
)
# How many different emoji the message has, and whether this one is among them.
_DISTINCT = select(
    select(func.count(func.distinct(col(Reaction.emoji))))
    .where(col(Reaction.message_id) == bindparam("message_id"))
    .scalar_subquery(),
    exists().where(
        col(Reaction.message_id) == bindparam("message_id"),
        col(Reaction.emoji) == bindparam("emoji"),
    ),
)


def validate_emoji(value: str) -> str:
    """One emoji (a ZWJ sequence, a flag or a skin tone counts as one), nothing else."""
    if len(value) > EMOJI_MAX or not emoji_data.is_emoji(value):
        raise Invalid("A reaction is a single emoji", field="emoji")
    return value


async def reactions_of(
    *, session: AsyncSession, message_ids: Sequence[int]
) -> dict[int, list[ReactionPublic]]:
    """Each message's reactions, grouped by emoji in order of first use."""
    if not message_ids:
        return {}
    connection = await session.connection()
    rows = (await connection.execute(_OF_MESSAGES, {"message_ids": list(message_ids)})).all()
    grouped: dict[int, dict[str, list[int]]] = {}
    for message_id, emoji, user_id in rows:
        grouped.setdefault(message_id, {}).setdefault(emoji, []).append(user_id)
    return {
        message_id: [
            ReactionPublic(emoji=emoji, count=len(users), user_ids=users)
            for emoji, users in by_emoji.items()
        ]
        for message_id, by_emoji in grouped.items()
    }


async def set_reaction(
    *,
    session: AsyncSession,
    publisher: Publisher,
    limiter: RateLimiter,
    rate: str,
    user: User,
    message_id: int,
    emoji: str,
    present: bool,
) -> list[ReactionPublic]:
    """Add (`present`) or remove the user's `emoji` on the message; idempotent, so a
    retried request changes nothing twice. Returns the message's reactions."""
    assert user.id is not None
    validate_emoji(emoji)
    message, _, standing = await message_for_change(session, user, message_id)
    # Reacting is a small post: refused where posting is (muted, locked, removed, banned).
    access.check(standing, Action.react)
    if message.deleted_at is not None:
        raise Forbidden("This message was deleted")
    await limiter.hit(rate, "react", str(user.id), detail="You are reacting too fast")
    key = {"message_id": message_id, "emoji": emoji, "user_id": user.id}
    if await _has(session, key) != present:
        try:
            await _change(session, message, key, present=present)
        except IntegrityError:  # the same reaction landed meanwhile (a double click)
            await session.rollback()
        else:
            change_seq = await changelog.record_change(
                session, room_id=message.room_id, message_id=message_id
            )
            await session.commit()
            reactions = await _current(session, message_id)
            await publisher.publish(
                ReactionsChanged(
                    room_id=message.room_id,
                    message_id=message_id,
                    change_seq=change_seq,
                    reactions=tuple(reactions),
                )
            )
            return reactions
    return await _current(session, message_id)


async def _has(session: AsyncSession, key: dict[str, object]) -> bool:
    connection = await session.connection()
    return bool((await connection.execute(_HAS, key)).scalar_one())


async def _change(
    session: AsyncSession, message: Message, key: dict[str, object], *, present: bool
) -> None:
    if not present:
        await session.exec(
            delete(Reaction).where(
                col(Reaction.message_id) == key["message_id"],
                col(Reaction.emoji) == key["emoji"],
                col(Reaction.user_id) == key["user_id"],
            )
        )
        return
    connection = await session.connection()
    params = {"message_id": message.id, "emoji": key["emoji"]}
    distinct, already_used = (await connection.execute(_DISTINCT, params)).one()
    if distinct >= EMOJI_PER_MESSAGE_MAX and not already_used:
        raise Conflict(f"A message holds at most {EMOJI_PER_MESSAGE_MAX} different emoji")
    session.add(Reaction.model_validate(key))
    await session.flush()


async def _current(session: AsyncSession, message_id: int) -> list[ReactionPublic]:
    return (await reactions_of(session=session, message_ids=[message_id])).get(message_id, [])
