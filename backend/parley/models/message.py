"""The message aggregate."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from parley.models.base import TextInput, UTCDateTime, utcnow
from parley.models.reaction import ReactionPublic
from parley.models.upload import UploadPublic

BODY_MAX = 4000
CLIENT_ID_MAX = 64


class Message(SQLModel, table=True):
    __tablename__ = "messages"
    __table_args__ = (
        # Also the keyset index for history pages: WHERE room_id = ? AND seq < ?.
        UniqueConstraint("room_id", "seq", name="uq_messages_room_seq"),
        # A retried send finds the original instead of inserting a duplicate.
        UniqueConstraint("room_id", "author_id", "client_id", name="uq_messages_client_id"),
        # The change log's replay: WHERE room_id = ? AND change_seq > ? ORDER BY change_seq.
        Index("ix_messages_room_change", "room_id", "change_seq"),
    )

    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="rooms.id", ondelete="CASCADE")
    seq: int
    # The room's change counter at this message's last change (its creation, an edit,
    # its deletion, an attachment's state): a replay sends its latest state once.
    change_seq: int
    author_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    body: str = Field(sa_type=Text)
    client_id: str = Field(max_length=CLIENT_ID_MAX)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    # The message this one answers (same room); its quote is read when shown, so an edit
    # or deletion of the original shows in every reply.
    reply_to_id: int | None = Field(default=None, foreign_key="messages.id", ondelete="SET NULL")
    # `<!room>` in the body, from someone allowed to call everyone (services.mentions).
    mentions_room: bool = False
    # Pinned to the room's pinned list (services/pins.py), and by whom.
    pinned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pinned_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    # The body's words as search matches them (services.search_text); "" once deleted.
    search_text: str = Field(default="", sa_type=Text)


class MessageMention(SQLModel, table=True):
    """A member named in a message as `<@id>`: kept as ids, so a rename breaks nothing."""

    __tablename__ = "message_mentions"

    message_id: int = Field(foreign_key="messages.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True, ondelete="CASCADE")


class AuthorPublic(SQLModel):
    id: int
    username: str
    display_name: str
    # GET-able with the access token; changes whenever the picture does. None: initials.
    avatar_url: str | None = None


# How much of the original a reply quotes.
SNIPPET_MAX = 200


class QuotedMessage(SQLModel):
    """The original a reply answers, as the reply shows it: who, where, the start of it."""

    id: int
    seq: int
    author: AuthorPublic
    # The first SNIPPET_MAX characters of its body as typed; "" once deleted.
    snippet: str
    deleted: bool


class MessagePublic(SQLModel):
    id: int
    room_id: int
    seq: int
    change_seq: int
    author: AuthorPublic
    body: str
    client_id: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    deleted_by: int | None
    attachments: list[UploadPublic] = []
    # In the order each emoji was first used on the message.
    reactions: list[ReactionPublic] = []
    reply_to: QuotedMessage | None = None
    # Members named as `<@id>` (in order of appearance), and whether it calls the room.
    mentions: list[int] = []
    mentions_room: bool = False
    # On the room's pinned list since then, pinned by that user (None: not pinned).
    pinned_at: datetime | None = None
    pinned_by: int | None = None


class MessageEdit(TextInput):
    body: str = Field(min_length=1, max_length=BODY_MAX)


class MessageAt(SQLModel):
    """The first message at or after a moment: where a jump to a date lands."""

    # None: nothing was said after it (a client goes to the latest instead).
    seq: int | None


class MessagePage(SQLModel):
    messages: list[MessagePublic]
    # Older messages exist before this page.
    has_more: bool
    # Newer messages exist after it: said by a page `around_seq` only (else null).
    has_more_after: bool | None = None
