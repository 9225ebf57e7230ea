"""The upload aggregate: a file in a room, processed in the background."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from parley.models.base import UTCDateTime, utcnow


class UploadStatus(StrEnum):
    pending = "pending"
    processing = "processing"
    ready = "ready"
    failed = "failed"


class Upload(SQLModel, table=True):
    """The uploads table is the job queue's source of truth: a row left pending or
    processing by a crash is taken up again on the next start."""

    __tablename__ = "uploads"

    # A random id: stored file names reveal nothing and cannot be guessed.
    id: str = Field(primary_key=True, max_length=32)
    room_id: int = Field(foreign_key="rooms.id", index=True, ondelete="CASCADE")
    uploader_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    message_id: int | None = Field(
        default=None, foreign_key="messages.id", index=True, ondelete="SET NULL"
    )
    # Its place among its message's files, as the sender attached them (upload order is
    # not it: a small file attached second finishes first). None until attached.
    position: int | None = None
    name: str = Field(max_length=255)
    size: int
    mime: str = Field(max_length=128)
    status: str = Field(default=UploadStatus.pending.value, max_length=16, index=True)
    failure_reason: str | None = Field(default=None, max_length=255)
    attempts: int = 0
    width: int | None = None
    height: int | None = None
    has_thumbnail: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


class UploadPublic(SQLModel):
    id: str
    room_id: int
    uploader_id: int
    message_id: int | None
    name: str
    size: int
    mime: str
    status: UploadStatus
    failure_reason: str | None
    width: int | None
    height: int | None
    has_thumbnail: bool
    created_at: datetime


class ClientConfig(SQLModel):
    """Limits the SPA checks before sending anything."""

    max_upload_bytes: int
    allowed_upload_types: list[str]
    max_message_length: int
    # The send limit (PARLEY_SEND_RATE_LIMIT), so the client paces under it.
    send_rate_count: int
    send_rate_period_seconds: float
    # The VAPID public key for PushManager.subscribe(); null: this server sends no pushes.
    push_public_key: str | None = None
    # People can have a reset link mailed to them (POST /api/auth/forgot): SMTP is set up.
    password_reset_email: bool = False
