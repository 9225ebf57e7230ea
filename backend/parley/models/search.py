"""Search results: messages with the room each one is in."""

from __future__ import annotations

from sqlmodel import SQLModel

from parley.models.message import MessagePublic
from parley.models.room import RoomKind


class SearchRoom(SQLModel):
    id: int
    # A DM's name is internal: clients call it by its people (their room list has them).
    name: str
    kind: RoomKind = "room"


class SearchHit(MessagePublic):
    room: SearchRoom


class SearchPage(SQLModel):
    """Matching messages, newest first."""

    items: list[SearchHit]
    # The query's words as stored (stemmed, case-folded): a client highlights the words
    # of a result that begin with one of them.
    highlight: list[str]
    # Pass as `cursor` for the next (older) page; None on the last one.
    next_cursor: str | None = None
