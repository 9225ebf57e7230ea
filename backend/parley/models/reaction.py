"""Emoji reactions: one row per (message, person, emoji)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from parley.models.base import UTCDateTime, utcnow

# Long enough for the longest emoji ZWJ sequences (families, flags with modifiers).
EMOJI_MAX = 32
# Distinct emoji on one message: enough for any real thread, not a place to store text.
EMOJI_PER_MESSAGE_MAX = 20


class Reaction(SQLModel, table=True):
    __tablename__ = "reactions"

    # The primary key's prefix is the "reactions of these messages" index.
    message_id: int = Field(foreign_key="messages.id", primary_key=True, ondelete="CASCADE")
    emoji: str = Field(primary_key=True, max_length=EMOJI_MAX)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReactionPublic(SQLModel):
    """One emoji on a message: how many people chose it and who, first come first."""

    emoji: str
    count: int
    user_ids: list[int]
