"""Reading messages: history pages (REST) and the backlog a socket gets when it joins.

The hottest read path, so it avoids what a page does not need: statements are built
once (bind parameters, cache key computed once), rows are plain columns (no entity
objects) and the public shape is built from them without validating again what the
database just gave.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any, TypeVar

import pydantic_core
from sqlalchemy import Integer, Select, bindparam, exists, func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Invalid
from parley.models import (
    AuthorPublic,
    Message,
    MessageAt,
    MessagePublic,
    Reaction,
    Room,
    Upload,
    User,
)
from parley.services import access
from parley.services.access import Action
from parley.services.mentions import mentions_of
from parley.services.message_form import MESSAGE_COLUMNS, public_form
from parley.services.quotes import quotes_of
from parley.services.reactions import reactions_of
from parley.services.uploads import attachments_of

HISTORY_PAGE_MAX = 100
_T = TypeVar("_T")

_ROWS: Select[*tuple[Any, ...]] = select(
    *MESSAGE_COLUMNS,
    # Most messages carry no files: this flag (an index probe per row) spares the
    # attachments query on pages that have none.
    exists().where(col(Upload.message_id) == Message.id).label("has_files"),
    # Likewise reactions (a primary-key prefix probe).
    exists().where(col(Reaction.message_id) == Message.id).label("has_reactions"),
).join_from(Message, User, col(User.id) == col(Message.author_id))
_IN_ROOM = col(Message.room_id) == bindparam("room_id")
_LIMIT = bindparam("limit", type_=Integer)
_NEWEST_FIRST = col(Message.seq).desc()

_LATEST = _ROWS.where(_IN_ROOM).order_by(_NEWEST_FIRST).limit(_LIMIT)
_BEFORE = (
    _ROWS.where(_IN_ROOM, col(Message.seq) < bindparam("before_seq"))
    .order_by(_NEWEST_FIRST)
    .limit(_LIMIT)
)
# From seq N upwards: the newer half of a page around N.
_FROM = (
    _ROWS.where(_IN_ROOM, col(Message.seq) >= bindparam("from_seq"))
    .order_by(col(Message.seq))
    .limit(_LIMIT)
)
# The change log's replay (services/changelog.py): changed messages in change order.
_CHANGED_SINCE = (
    _ROWS.where(_IN_ROOM, col(Message.change_seq) > bindparam("since"))
    .order_by(col(Message.change_seq))
    .limit(_LIMIT)
)


async def history_json(
    *,
    session: AsyncSession,
    user: User,
    room_id: int,
    before_seq: int | None,
    limit: int,
    around_seq: int | None = None,
) -> bytes:
    """One page of history as MessagePage JSON, oldest first: the latest, the one ending
    just before `before_seq` (keyset), or the one around `around_seq` (a jump to a message:
    the older half before it, then it and the newer half). Serialised here, in one pass: a
    model per row, validated, then the page validated again by the route, used to be most
    of a page's cost."""
    if around_seq is not None and before_seq is not None:
        raise Invalid("Ask for before_seq or around_seq, not both", field="around_seq")
    await access.require(session=session, user=user, room_id=room_id, action=Action.read)
    limit = max(1, min(limit, HISTORY_PAGE_MAX))
    if around_seq is not None:
        return await _around_json(session, room_id, around_seq, limit)
    params = {"room_id": room_id, "limit": limit + 1}
    if before_seq is None:
        rows = await _fetch(session, _LATEST, params)
    else:
        rows = await _fetch(session, _BEFORE, {**params, "before_seq": before_seq})
    page = await _build(session, rows[:limit][::-1], message=dict, author=dict)
    # Pages read backwards answer for older messages only (has_more_after null).
    return pydantic_core.to_json(
        {"messages": page, "has_more": len(rows) > limit, "has_more_after": None}
    )


async def _around_json(session: AsyncSession, room_id: int, seq: int, limit: int) -> bytes:
    older_count = limit // 2
    newer_count = limit - older_count
    older = await _fetch(
        session, _BEFORE, {"room_id": room_id, "limit": older_count + 1, "before_seq": seq}
    )
    newer = await _fetch(
        session, _FROM, {"room_id": room_id, "limit": newer_count + 1, "from_seq": seq}
    )
    rows = [*older[:older_count][::-1], *newer[:newer_count]]
    page = await _build(session, rows, message=dict, author=dict)
    return pydantic_core.to_json(
        {
            "messages": page,
            "has_more": len(older) > older_count,
            "has_more_after": len(newer) > newer_count,
        }
    )


# The columns of a message as history reads them: other readers (search) narrow these.
MESSAGE_ROWS = _ROWS


async def messages_of_rows(session: AsyncSession, rows: Sequence[Any]) -> list[MessagePublic]:
    """The public form of rows selected from MESSAGE_ROWS, in their order."""
    return await _build(
        session, rows, message=MessagePublic.model_construct, author=AuthorPublic.model_construct
    )


async def message_at(*, session: AsyncSession, user: User, room_id: int, at: datetime) -> MessageAt:
    """The room's first message at or after `at` (a jump to a date)."""
    await access.require(session=session, user=user, room_id=room_id, action=Action.read)
    statement = select(func.min(col(Message.seq))).where(
        col(Message.room_id) == room_id, col(Message.created_at) >= at
    )
    connection = await session.connection()
    seq = (await connection.execute(statement)).scalar_one_or_none()
    return MessageAt(seq=seq)


_COUNTERS_OF_ROOMS = select(col(Room.id), col(Room.last_seq), col(Room.last_change_seq)).where(
    col(Room.id).in_(bindparam("room_ids", expanding=True))
)


async def rooms_counters(
    *, session: AsyncSession, room_ids: Collection[int]
) -> dict[int, tuple[int, int]]:
    """Each room's (last_seq, last_change_seq), where history and the change log end, in
    one query for many rooms (a room that is gone is left out)."""
    connection = await session.connection()
    rows = await connection.execute(_COUNTERS_OF_ROOMS, {"room_ids": list(room_ids)})
    return {int(row.id): (int(row.last_seq), int(row.last_change_seq)) for row in rows}


async def changes_since(
    *, session: AsyncSession, room_id: int, since: int, bound: int
) -> list[MessagePublic] | None:
    """Every message changed after change `since`, once each in its latest state and in
    change order; None when more than `bound` changed (the client reloads instead)."""
    rows = await _fetch(
        session, _CHANGED_SINCE, {"room_id": room_id, "since": since, "limit": bound + 1}
    )
    if len(rows) > bound:
        return None
    return await _build(
        session,
        rows,
        message=MessagePublic.model_construct,
        author=AuthorPublic.model_construct,
    )


async def _fetch(
    session: AsyncSession, statement: Select[*tuple[Any, ...]], params: dict[str, int]
) -> Sequence[Any]:
    # Straight on the session's connection: plain rows need none of the ORM's execution.
    connection = await session.connection()
    return (await connection.execute(statement, params)).all()


async def _build(
    session: AsyncSession,
    rows: Sequence[Any],
    *,
    message: Callable[..., _T],
    author: Callable[..., Any],
) -> list[_T]:
    """MessagePublic's fields from plain rows, made by `message` and `author`: the models'
    model_construct, or dict for JSON straight away (pydantic-core serialises both the
    same way; the tests compare them)."""
    ids = [row.id for row in rows if row.has_files]
    files = await attachments_of(session=session, message_ids=ids) if ids else {}
    reacted = [row.id for row in rows if row.has_reactions]
    emoji = await reactions_of(session=session, message_ids=reacted) if reacted else {}
    originals = [row.reply_to_id for row in rows if row.reply_to_id is not None]
    quoted = await quotes_of(session=session, message_ids=originals) if originals else {}
    named = await mentions_of(session=session, message_ids=[row.id for row in rows])
    return [
        public_form(
            row._mapping,
            files.get(row.id, []),
            emoji.get(row.id, []),
            quoted.get(row.reply_to_id) if row.reply_to_id is not None else None,
            named.get(row.id, ()),
            message=message,
            author=author,
        )
        for row in rows
    ]
