"""Sign-up control: the site's sign-up mode and invite links."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from parley.models.base import MAX_ID, UTCDateTime, utcnow


class SignupMode(StrEnum):
    open = "open"  # anyone may create an account
    # Only with an invite: a site invite (admins) or a room invite (its moderators).
    invite = "invite"
    # Only with a site invite from an admin.
    closed = "closed"


class SiteSetting(SQLModel, table=True):
    """Settings an admin changes at run time (a setting in the environment is the default)."""

    __tablename__ = "site_settings"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=256)


class SiteSettings(SQLModel):
    signup: SignupMode


class SiteSettingsUpdate(SQLModel):
    signup: SignupMode | None = None


class Invite(SQLModel, table=True):
    """A link that lets people in: to the site, or into a room (and the site with it)."""

    __tablename__ = "invites"

    id: int | None = Field(default=None, primary_key=True)
    # SHA-256 of the token in the link: the token itself is shown once, when made.
    token_hash: str = Field(max_length=64, unique=True)
    room_id: int | None = Field(default=None, foreign_key="rooms.id", ondelete="CASCADE")
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    max_uses: int
    uses: int = 0
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


INVITE_HOURS_MAX = 24 * 30
INVITE_USES_MAX = 1000


class InviteCreate(SQLModel):
    # None: an invite to the site (admins only); else to that room (its moderators).
    room_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    expires_in_hours: int = Field(default=72, ge=1, le=INVITE_HOURS_MAX)
    max_uses: int = Field(default=1, ge=1, le=INVITE_USES_MAX)


class InvitePublic(SQLModel):
    id: int
    room_id: int | None
    created_by: int | None
    created_at: datetime
    expires_at: datetime
    max_uses: int
    uses: int
    revoked: bool


class InviteCreated(InvitePublic):
    # Shown once: only its hash is kept. The link is `/invite/{token}` on this site.
    token: str
    link: str


class InviteCheck(SQLModel):
    """What the invite page shows before signing up or joining."""

    valid: bool
    room_name: str | None = None
    signup: SignupMode
