"""Domain events that services publish after a commit, and the Publisher they use.

Services know only this protocol; the realtime layer implements it (serialise once,
fan out through the broker) and main.py wires the two together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

from parley.models import (
    AuthorPublic,
    MessagePublic,
    NotificationSettings,
    ReactionPublic,
    RoomPublic,
    UploadPublic,
)

MemberAction = Literal[
    "joined",
    "left",
    "invited",
    "removed",
    "kicked",
    "banned",
    "unbanned",
    "muted",
    "unmuted",
    "promoted",
    "demoted",
]
# Actions after which the user no longer receives the room.
LEAVING_ACTIONS = frozenset({"left", "removed", "kicked", "banned"})


@dataclass(frozen=True)
class MessageCreated:
    message: MessagePublic


@dataclass(frozen=True)
class MessageEdited:
    message: MessagePublic


@dataclass(frozen=True)
class MessageDeleted:
    message: MessagePublic


@dataclass(frozen=True)
class ReactionsChanged:
    """A message's reactions changed (its change number moved with them)."""

    room_id: int
    message_id: int
    change_seq: int
    reactions: tuple[ReactionPublic, ...]


@dataclass(frozen=True)
class PinChanged:
    """A message was pinned or unpinned (its change number moved with it)."""

    room_id: int
    message_id: int
    change_seq: int
    pinned_at: datetime | None
    pinned_by: int | None


@dataclass(frozen=True)
class MemberChanged:
    room_id: int
    user_id: int
    action: MemberAction
    reason: str = ""
    until: datetime | None = None


@dataclass(frozen=True)
class SessionsEnded:
    """A sign-in was logged out (session_id), or all of them (None): its sockets close
    with 4401 now, on every instance."""

    user_id: int
    session_id: str | None
    # With session_id None: every sign-in but this one (a password change keeps the
    # sign-in that made it).
    spare_session_id: str | None = None


@dataclass(frozen=True)
class ReadersNarrowed:
    """Only `readers` may read the room now (it went private): every other live
    stream of it ends at once, on every instance, with a `revoked` frame."""

    room_id: int
    readers: frozenset[int]
    reason: str


@dataclass(frozen=True)
class ReadAccessLost:
    """The user may no longer read these rooms (a site admin demoted, say)."""

    user_id: int
    room_ids: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class UserSuspended:
    """A site-wide ban: every socket of the user closes now, on every instance."""

    user_id: int
    reason: str
    # A timed ban's end; None: until lifted.
    until: datetime | None = None


@dataclass(frozen=True)
class RoomChanged:
    room: RoomPublic
    action: Literal["updated", "deleted"]


@dataclass(frozen=True)
class Typing:
    room_id: int
    user_id: int
    display_name: str


@dataclass(frozen=True)
class PresenceChanged:
    """Who came online (first tab) and who went offline (last tab), told to one room:
    a storm of arrivals is a few of these per room, not one per person."""

    room_id: int
    online: tuple[int, ...] = ()
    offline: tuple[int, ...] = ()


@dataclass(frozen=True)
class ProfileChanged:
    """Someone's display name or avatar changed: told to their rooms and their own
    sockets (not in any room's change log: a reconnecting client refetches people)."""

    user: AuthorPublic
    room_ids: tuple[int, ...]


@dataclass(frozen=True)
class UploadChanged:
    upload: UploadPublic
    # The room's change number when the upload is attached to a message (its state is
    # part of the message's), else None: only the uploader hears of it then.
    change_seq: int | None = None


@dataclass(frozen=True)
class ReadMoved:
    """My read position in a room moved (read on one tab or device): my own sockets hear
    it with the counts that remain, so every badge clears at once. Not in the room's
    change log: it is mine, not the room's, and the room list a reconnecting client
    fetches carries the position and the counts."""

    user_id: int
    room_id: int
    last_read_seq: int
    unread: int
    mentions: int


@dataclass(frozen=True)
class ReceiptMoved:
    """A reader who shares read receipts moved on: the room's members who share them too
    hear it (services.receipts decides who). Not in the change log, like ReadMoved: a
    reconnecting client fetches the room's receipts."""

    room_id: int
    user_id: int
    last_read_seq: int
    watcher_ids: tuple[int, ...]


@dataclass(frozen=True)
class ReportsChanged:
    """A report was filed in a room, or resolved or dismissed: whoever works the room's
    queue (services.access.report_watchers) hears its open count. Not in the change log,
    like ReadMoved: a reconnecting client fetches the room list, which carries it."""

    room_id: int
    open_reports: int
    watcher_ids: tuple[int, ...]


@dataclass(frozen=True)
class NotificationsChanged:
    """I chose what of a room notifies me: my other tabs and devices follow."""

    user_id: int
    room_id: int
    settings: NotificationSettings


@dataclass(frozen=True)
class PreferencesChanged:
    """I changed my language, theme or read receipts (PATCH /api/users/me): my other tabs
    and devices follow at once. Not in any change log: a reconnecting client refetches
    the account."""

    user_id: int
    locale: str | None
    theme: str | None
    read_receipts: bool


Event = (
    MessageCreated
    | MessageEdited
    | MessageDeleted
    | ReactionsChanged
    | PinChanged
    | MemberChanged
    | RoomChanged
    | Typing
    | PresenceChanged
    | ProfileChanged
    | UploadChanged
    | UserSuspended
    | ReadersNarrowed
    | ReadAccessLost
    | SessionsEnded
    | ReadMoved
    | ReceiptMoved
    | ReportsChanged
    | NotificationsChanged
    | PreferencesChanged
)


class UploadJobs(Protocol):
    """Where accepted uploads go to be processed (in-process now, workers later)."""

    async def enqueue(self, upload_id: str) -> None: ...

    async def make_avatar(self, original: Path, avatar: Path, *, max_pixels: int) -> str | None:
        """Make the square avatar of an image off the event loop and wait for it: None
        when done, else why the image was refused."""
        ...


class Publisher(Protocol):
    async def publish(self, event: Event) -> None: ...


class PresenceReader(Protocol):
    async def online_user_ids(self) -> set[int]: ...

    def connection_count(self) -> int: ...
