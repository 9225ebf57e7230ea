"""Moderation records: room bans, reports, and the append-only audit log."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import ValidationInfo, field_validator
from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from parley.models.base import MAX_ID, TextInput, UTCDateTime, utcnow
from parley.models.room import RoomKind
from parley.models.user import Role


class ModerationAction(StrEnum):
    mute = "mute"
    unmute = "unmute"
    kick = "kick"
    ban = "ban"
    unban = "unban"
    promote = "promote"
    demote = "demote"


class RoomBan(SQLModel, table=True):
    __tablename__ = "room_bans"
    __table_args__ = (UniqueConstraint("room_id", "user_id", name="uq_room_bans_room_user"),)

    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="rooms.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    banned_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    reason: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # None: until lifted. A ban past its time no longer applies (access.ban_in_force).
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RoomBanPublic(SQLModel):
    """A current ban from a room, for its moderators' list (unban from there)."""

    user_id: int
    username: str
    display_name: str
    reason: str
    banned_by_name: str | None
    created_at: datetime
    # None: until lifted.
    expires_at: datetime | None = None


class ReportStatus(StrEnum):
    open = "open"
    resolved = "resolved"
    dismissed = "dismissed"


class Report(SQLModel, table=True):
    __tablename__ = "reports"

    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="rooms.id", index=True, ondelete="CASCADE")
    message_id: int = Field(foreign_key="messages.id", index=True, ondelete="CASCADE")
    reporter_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    reason: str = Field(max_length=500)
    status: str = Field(default=ReportStatus.open.value, max_length=16, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    resolved_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolution_note: str = Field(default="", max_length=500)


class AuditEntry(SQLModel, table=True):
    """Append-only: no API updates or deletes these rows."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    # None: the system itself acted (e.g. flood control's automatic mute).
    actor_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    action: str = Field(max_length=32, index=True)
    room_id: int | None = Field(default=None, index=True)
    target_user_id: int | None = Field(default=None, index=True)
    target_message_id: int | None = None
    reason: str = Field(default="", max_length=500)
    details: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


# The longest a timed mute or ban may last (a year and a day).
MAX_DURATION_SECONDS = 366 * 86400
# Actions that take a duration_seconds; any other refuses one (422).
TIMED_ACTIONS = frozenset({ModerationAction.mute, ModerationAction.ban})


class ModerationRequest(TextInput):
    action: ModerationAction
    user_id: int = Field(ge=1, le=MAX_ID)
    reason: str = Field(default="", max_length=500)
    # Mutes and bans only; None lasts until unmuted or unbanned.
    duration_seconds: int | None = Field(default=None, ge=1, le=MAX_DURATION_SECONDS)

    @field_validator("duration_seconds")
    @classmethod
    def _timed_actions_only(cls, value: int | None, info: ValidationInfo) -> int | None:
        action = info.data.get("action")
        if value is not None and action is not None and action not in TIMED_ACTIONS:
            raise ValueError(f"duration_seconds applies to mute and ban only, not {action}")
        return value


class ReportCreate(TextInput):
    reason: str = Field(min_length=1, max_length=500)


class ReportResolve(TextInput):
    status: ReportStatus
    note: str = Field(default="", max_length=500)


class ReportPublic(SQLModel):
    id: int
    room_id: int
    room_name: str
    # "dm": reported in a direct message (its stored name says nothing: show who, not #name).
    room_kind: RoomKind = "room"
    message_id: int
    message_body: str
    message_author: str
    reporter: str
    reason: str
    status: ReportStatus
    created_at: datetime
    resolved_at: datetime | None
    resolution_note: str


class AuditPublic(SQLModel):
    id: int
    actor_id: int | None
    # The actor's username; actor_name, target_name and room_name are what people read
    # (display names, the room's name) instead of "user #6" and "room #1".
    actor: str | None
    actor_name: str | None = None
    target_name: str | None = None
    room_name: str | None = None
    action: str
    room_id: int | None
    target_user_id: int | None
    target_message_id: int | None
    reason: str
    details: dict[str, Any]
    created_at: datetime


class AdminUserUpdate(SQLModel):
    role: Role | None = None
    # True deactivates the account (signed out everywhere at once), false reactivates it.
    is_disabled: bool | None = None


class AdminUnban(TextInput):
    reason: str = Field(default="", max_length=500)


class AdminBan(AdminUnban):
    # None: until lifted.
    duration_seconds: int | None = Field(default=None, ge=1, le=MAX_DURATION_SECONDS)


class ActivityPoint(SQLModel):
    minute: datetime
    messages: int


class BusyRoom(SQLModel):
    room_id: int
    name: str
    messages: int


class AdminStats(SQLModel):
    users_online: int
    open_sockets: int
    total_users: int
    open_reports: int
    messages_per_minute: list[ActivityPoint]
    busiest_rooms: list[BusyRoom]
