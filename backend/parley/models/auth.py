"""Refresh-token records and the token response."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from parley.models.base import TextInput, UTCDateTime, utcnow
from parley.models.user import PASSWORD_MAX


class RefreshToken(SQLModel, table=True):
    """One issued refresh token; a login starts a family, each refresh extends it.

    Presenting a token that was already rotated means it was stolen or replayed, so
    the whole family is revoked (RFC 6819 §5.2.2.3).
    """

    __tablename__ = "refresh_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    family_id: str = Field(max_length=32, index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What signed in, as people read it ("Chrome Mobile on Android"), kept along a family.
    device: str = Field(default="", max_length=128)


class SignInPublic(SQLModel):
    """One sign-in (a refresh token family) still going: where, since when, last seen."""

    id: str
    device: str
    signed_in_at: datetime
    # The last refresh (every access token's lifetime while the app is open).
    last_seen_at: datetime
    # The sign-in asking.
    current: bool


class TokenPublic(SQLModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type)
    expires_in: int


class PasswordReset(SQLModel, table=True):
    """A one-time link an admin issued for someone to set a new password."""

    __tablename__ = "password_resets"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    # SHA-256 of the token in the link: the token itself is shown once, to the admin.
    token_hash: str = Field(max_length=64, unique=True)
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ResetLink(SQLModel):
    # `/reset/{token}` on this site; shown once.
    link: str
    token: str
    expires_at: datetime


class ResetCheck(SQLModel):
    valid: bool
    username: str | None = None


class PasswordResetRequest(TextInput):
    token: str = Field(min_length=8, max_length=128)
    new_password: str = Field(min_length=8, max_length=PASSWORD_MAX)


class ForgottenPassword(TextInput):
    """Mail me a reset link: my username or my email address."""

    login: str = Field(min_length=1, max_length=254)
