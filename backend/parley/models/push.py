"""Notification levels and the Web Push subscriptions of each user's devices."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from parley.models.base import TextInput, UTCDateTime, utcnow


class NotifyLevel(StrEnum):
    """What of a room reaches a member as a notification (the unread count is separate)."""

    all = "all"
    # Messages that name me or call the room; every message of a DM is for me.
    mentions = "mentions"
    nothing = "nothing"


class NotificationSettings(SQLModel):
    """A member's notification choice for one room, as it is in effect."""

    level: NotifyLevel
    # Muted: no notification at all, and the room's unread count is not called out.
    muted: bool = False
    # True while the member never chose: the level is the default for this kind of room.
    is_default: bool = True


class NotificationUpdate(SQLModel):
    """A level, or null to go back to the default for the kind of room."""

    level: NotifyLevel | None = None
    muted: bool = False


class PushSubscription(SQLModel, table=True):
    """One browser's push endpoint (PushSubscription.toJSON()): one row per device."""

    __tablename__ = "push_subscriptions"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    endpoint: str = Field(max_length=2048, unique=True)
    p256dh: str = Field(max_length=128)
    auth: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PushKeys(TextInput):
    # base64url, as the browser's PushSubscription.toJSON() gives them.
    p256dh: str = Field(min_length=16, max_length=128, regex=r"^[A-Za-z0-9_-]+=*$")
    auth: str = Field(min_length=8, max_length=64, regex=r"^[A-Za-z0-9_-]+=*$")


class PushSubscriptionCreate(TextInput):
    endpoint: str = Field(min_length=8, max_length=2048)
    keys: PushKeys


class PushSubscriptionRemove(TextInput):
    endpoint: str = Field(min_length=8, max_length=2048)


class PushConfig(SQLModel):
    """What a browser needs to subscribe: the VAPID public key (null: push is off here)."""

    public_key: str | None
