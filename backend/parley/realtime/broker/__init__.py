"""Cross-instance delivery of pre-serialised frames, behind one small Protocol.

The broker is a doorbell, not a store: the room's change log in the database is the
truth, and a client that missed anything fills the gap with `join {since}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from parley.realtime.protocol import OutFrame


@dataclass(frozen=True)
class Envelope:
    """One frame for every local subscriber of `channel` ("room:ID" or "user:ID")."""

    channel: str
    frame: str
    # The room's change number this frame carries: a join's replay already covered it
    # when it is at most the replay's last (Connection.release).
    change_seq: int | None = None
    # Membership ended: that user's sockets stop receiving the room, on every instance.
    drop_user: int | None = None
    # The room is gone: every socket stops receiving it.
    drop_all: bool = False
    # On a user channel: close every socket of that user with this code (site-wide ban).
    disconnect_code: int | None = None
    # Only these users may read the room now: the others' sockets get the frame (and only
    # they do) and stop receiving the room.
    keep_users: frozenset[int] | None = None
    # On a user channel: the user's sockets watching this room get the frame and stop.
    drop_room: int | None = None
    # With disconnect_code: only the sockets of this sign-in (None: all of the user's)...
    session_id: str | None = None
    # ...or all of them but this sign-in's.
    spare_session_id: str | None = None
    # The frame as every local recipient's writer takes it (framed once, on first use).
    out: OutFrame = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "out", OutFrame(self.frame))


Deliver = Callable[[Envelope], None]


class Broker(Protocol):
    async def start(self, deliver: Deliver) -> None: ...
    async def stop(self) -> None: ...
    async def publish(self, envelope: Envelope) -> None: ...
    async def subscribe(self, channel: str) -> None: ...
    async def unsubscribe(self, channel: str) -> None: ...
    async def ping(self) -> bool: ...


def room_channel(room_id: int) -> str:
    return f"room:{room_id}"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"
