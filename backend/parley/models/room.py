"""The room aggregate: rooms and memberships, with the schemas that cross the API."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import field_validator
from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from parley.models.base import MAX_ID, TextInput, UTCDateTime, refuse_unsafe_name, utcnow
from parley.models.message import AuthorPublic
from parley.models.push import NotificationSettings

ROOM_NAME_MAX = 64
# A direct message holds its starter and up to this many others (8 people at most).
DIRECT_OTHERS_MAX = 7
DIRECT_KEY_MAX = 128


class RoomRole(StrEnum):
    owner = "owner"
    moderator = "moderator"
    member = "member"


class RoomBase(SQLModel):
    name: str = Field(min_length=1, max_length=ROOM_NAME_MAX)
    topic: str = Field(default="", max_length=256)
    is_private: bool = False


# Only public rooms hold their name: were private names unique too, a 409 on creation
# would tell an outsider that a private room of that name exists.
_PUBLIC_ONLY = text("NOT is_private")


class Room(RoomBase, table=True):
    __tablename__ = "rooms"
    __table_args__ = (
        Index(
            "uq_rooms_public_name",
            "name_key",
            unique=True,
            sqlite_where=_PUBLIC_ONLY,
            postgresql_where=_PUBLIC_ONLY,
        ),
        # NULL for every other room: unique indexes let NULLs repeat on both databases.
        Index("uq_rooms_direct_key", "direct_key", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    # lower(name), kept by services: a unique index is then case-insensitive on both
    # databases without dialect-specific collations or expression indexes.
    name_key: str = Field(max_length=ROOM_NAME_MAX)
    locked: bool = False
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The room's message counter: incremented under a row lock in the insert transaction.
    last_seq: int = 0
    # The room's change log counter (docs/protocol.md, "Resume"): every visible change
    # (a message, an edit, a deletion, an attachment's state) takes the next number
    # under the same row lock, so "every change after N" is complete.
    last_change_seq: int = 0
    # Minimum seconds between two messages of one member (0: off); managers are exempt.
    slow_mode_seconds: int = 0
    # A direct message: a private conversation of a fixed set of people (2 to 9), seen by
    # them alone (site admins included), with no owner, moderation, joining or leaving.
    is_direct: bool = False
    # The members' ids, sorted, comma-joined: the same set always finds the same one.
    direct_key: str | None = Field(default=None, max_length=DIRECT_KEY_MAX)


def _clean_name(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


class RoomCreate(RoomBase, TextInput):
    @field_validator("name", mode="before")
    @classmethod
    def _collapse_spaces(cls, value: object) -> object:
        return _clean_name(value)

    @field_validator("name")
    @classmethod
    def _safe(cls, value: str) -> str:
        return refuse_unsafe_name(value)


class RoomUpdate(TextInput):
    name: str | None = Field(default=None, min_length=1, max_length=ROOM_NAME_MAX)
    topic: str | None = Field(default=None, max_length=256)
    is_private: bool | None = None
    locked: bool | None = None
    slow_mode_seconds: int | None = Field(default=None, ge=0, le=3600)

    @field_validator("name", mode="before")
    @classmethod
    def _collapse_spaces(cls, value: object) -> object:
        return _clean_name(value)

    @field_validator("name")
    @classmethod
    def _safe(cls, value: str | None) -> str | None:
        return refuse_unsafe_name(value) if value is not None else None


RoomKind = Literal["room", "dm"]


class RoomSummary(RoomBase):
    """The room as every member sees it; the `room` frame carries this to all of them."""

    id: int
    locked: bool
    created_by: int | None
    created_at: datetime
    last_seq: int
    last_change_seq: int = 0
    slow_mode_seconds: int = 0
    member_count: int = 0
    # "dm": a direct message among a fixed set of people (`direct_with` names the others).
    kind: RoomKind = "room"


class RoomPublic(RoomSummary):
    # The caller's own relation to the room: None when not a member.
    my_role: RoomRole | None = None
    # What the caller may do here, from services.access: the UI shows exactly these.
    my_actions: list[str] = []
    last_read_seq: int = 0
    my_muted_until: datetime | None = None
    # Counted by the server past my read position (services.unread) so every tab and
    # device agrees: others' standing messages, and those of them that name me or call
    # the room. Reading past them clears both.
    unread: int = 0
    mentions: int = 0
    # The room's open reports when I may work its queue (owner, moderator, site admin),
    # else 0; the `reports` frame carries changes live.
    open_reports: int = 0
    # A direct message's other people (its name is theirs); empty for other rooms.
    direct_with: list[AuthorPublic] = []
    # My notification choice here; None when not a member.
    notifications: NotificationSettings | None = None


class DirectCreate(SQLModel):
    """Start (or find) the direct message of me and these people."""

    user_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        min_length=1, max_length=DIRECT_OTHERS_MAX
    )


class RoomPage(SQLModel):
    """One page of a room list, in name order."""

    items: list[RoomPublic]
    # Pass as `cursor` for the next page; None on the last one.
    next_cursor: str | None = None


class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("room_id", "user_id", name="uq_memberships_room_user"),)

    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="rooms.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    role: str = Field(default=RoomRole.member.value, max_length=16)
    muted_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_read_seq: int = 0
    joined_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # A NotifyLevel; None: the default for the kind of room (services.notifications).
    notify_level: str | None = Field(default=None, max_length=16)
    notify_muted: bool = False


class RoomKick(SQLModel, table=True):
    """A kick ends the kicked user's live preview of the room until they join again."""

    __tablename__ = "room_kicks"

    room_id: int = Field(foreign_key="rooms.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    kicked_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MemberPublic(SQLModel):
    user_id: int
    username: str
    display_name: str
    avatar_url: str | None = None
    role: RoomRole
    joined_at: datetime
    online: bool
    muted_until: datetime | None = None
    is_site_admin: bool = False
    # The moderation actions the caller may take on this member (services.access).
    my_actions: list[str] = []


class MemberInvite(TextInput):
    username: str = Field(min_length=1, max_length=32)


class ReadReceipt(SQLModel):
    user_id: int
    last_read_seq: int


class ReadReceipts(SQLModel):
    """Where the other members of a room read, as far as they share it."""

    # False: I have read receipts off, or the room is too big for them: nothing shown.
    available: bool
    # The members other than me who turned read receipts on.
    readers: list[ReadReceipt] = []


class ReadMarker(SQLModel):
    seq: int = Field(ge=0, le=MAX_ID)
