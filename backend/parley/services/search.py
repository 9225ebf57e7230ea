"""Finding messages across every room the user may read (services/search_query.py says
what a query means, services/search_text.py what a word is).

Both databases match the same stored words (`messages.search_text`):
PostgreSQL through a GIN index on `to_tsvector('simple', search_text)`, SQLite through
the FTS5 table `message_search` kept by triggers (migration 0014). Results are newest
first, keyset-paged on the message id.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Invalid
from parley.models import Message, Room, Upload, User
from parley.models.search import SearchHit, SearchPage, SearchRoom
from parley.services import access, history
from parley.services.cursors import decode_cursor, encode_cursor
from parley.services.search_query import Query, Term, parse

SEARCH_PAGE_MAX = 50
_CURSOR_NAME = "search"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise Invalid("Unknown time zone", field="tz") from exc


def _tsquery(terms: list[Term]) -> str:
    # Words are letters and digits only (search_text.words): nothing to escape.
    def term(t: Term) -> str:
        parts = [f"'{w}'" + (":*" if p else "") for w, p in zip(t.words, t.prefix, strict=True)]
        return "(" + " <-> ".join(parts) + ")"

    return " & ".join(term(t) for t in terms)


def _fts5(terms: list[Term]) -> str:
    def term(t: Term) -> str:
        return " + ".join(
            f'"{w}"' + ("*" if p else "") for w, p in zip(t.words, t.prefix, strict=True)
        )

    return " AND ".join(term(t) for t in terms)


_PG_VECTOR = sa.func.to_tsvector(sa.literal_column("'simple'::regconfig"), col(Message.search_text))


def _matching(dialect: str, terms: list[Term]) -> sa.ColumnElement[bool]:
    if dialect == "postgresql":
        wanted = sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), _tsquery(terms))
        return _PG_VECTOR.op("@@")(wanted)
    matches: sa.Select[tuple[Any]] = (
        sa.select(sa.literal_column("rowid"))
        .select_from(sa.table("message_search"))
        .where(sa.text("message_search MATCH :fts").bindparams(fts=_fts5(terms)))
    )
    return col(Message.id).in_(matches)


async def _author_id(session: AsyncSession, username: str) -> int | None:
    return (await session.exec(select(User.id).where(col(User.username) == username))).first()


async def search_messages(
    *,
    session: AsyncSession,
    user: User,
    text: str,
    tz: str = "UTC",
    cursor: str | None = None,
    limit: int = 20,
) -> SearchPage:
    query: Query = parse(text, _zone(tz))
    before_id: int | None = None
    if cursor is not None:
        name, before_id = decode_cursor(cursor)
        if name != _CURSOR_NAME:
            raise Invalid("Invalid cursor", field="cursor")
    empty = SearchPage(items=[], highlight=query.highlight)
    readable = access.readable_rooms_statement(user)
    if query.in_room is not None:
        readable = readable.where(col(Room.name_key) == query.in_room.lower())
    room_ids = sa.select(readable.subquery().c.id)
    conditions: list[sa.ColumnElement[bool]] = [
        col(Message.room_id).in_(room_ids),
        col(Message.deleted_at).is_(None),
    ]
    if query.terms:
        conditions.append(_matching(session.get_bind().dialect.name, query.terms))
    if query.from_username is not None:
        author = await _author_id(session, query.from_username)
        if author is None:
            return empty
        conditions.append(col(Message.author_id) == author)
    if query.has_file:
        conditions.append(sa.exists().where(col(Upload.message_id) == col(Message.id)))
    if query.after is not None:
        conditions.append(col(Message.created_at) >= query.after)
    if query.before is not None:
        conditions.append(col(Message.created_at) < query.before)
    if before_id is not None:
        conditions.append(col(Message.id) < before_id)
    newest_first = col(Message.id).desc()
    if query.terms:
        # "+ 0" hides the primary key's order from PostgreSQL's planner: otherwise, to stop
        # after one page, it walks the whole table newest first testing every row's words
        # (230 ms over a million messages) instead of asking the word index and sorting
        # the few thousand it names (18 ms). SQLite asks its FTS table first either way.
        newest_first = (col(Message.id) + 0).desc()
    statement = history.MESSAGE_ROWS.where(*conditions).order_by(newest_first).limit(limit + 1)
    connection = await session.connection()
    rows: list[Any] = list((await connection.execute(statement)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    messages = await history.messages_of_rows(session, rows)
    rooms = await _rooms(session, {message.room_id for message in messages})
    return SearchPage(
        items=[
            SearchHit.model_construct(**dict(message), room=rooms[message.room_id])
            for message in messages
        ],
        highlight=query.highlight,
        next_cursor=encode_cursor(_CURSOR_NAME, rows[-1].id) if more and rows else None,
    )


async def _rooms(session: AsyncSession, room_ids: set[int]) -> dict[int, SearchRoom]:
    if not room_ids:
        return {}
    statement = select(Room.id, Room.name, Room.is_direct).where(col(Room.id).in_(room_ids))
    return {
        room_id: SearchRoom(id=room_id, name=name, kind="dm" if is_direct else "room")
        for room_id, name, is_direct in (await session.exec(statement)).all()
        if room_id is not None
    }
