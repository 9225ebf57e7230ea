"""The user aggregate: the table and the schemas that cross the API."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from enum import StrEnum
from typing import Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import field_validator
from sqlmodel import Field, SQLModel

from parley.models.base import TextInput, UTCDateTime, refuse_unsafe_name, utcnow

USERNAME_PATTERN = re.compile(r"^[a-z0-9_.-]{3,32}$")
EMAIL_MAX = 254  # RFC 5321's longest forward path, less its angle brackets


def normalise_email(value: str) -> str:
    """An address as it is stored and looked up: checked by email-validator (syntax only:
    no DNS from a request), then lower-cased whole. Local parts are case-sensitive on
    paper, but no mail service people use treats them so, and "Kim@x.kr" and "kim@x.kr"
    must not be two accounts' addresses."""
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"Not an email address: {exc}") from None
    return checked.normalized.lower()


def avatar_url(user_id: int | None, avatar_key: str | None) -> str | None:
    """Where a user's avatar is served, or None without one. The key is new for every
    avatar, so the URL changes with the picture and clients may cache it for good."""
    if user_id is None or not avatar_key:
        return None
    return f"/api/users/{user_id}/avatar/{avatar_key}"


class Role(StrEnum):
    admin = "admin"
    user = "user"


def name_key(name: str) -> str:
    """A name as people search it: compatibility forms folded (full-width letters), then
    case-folded the Unicode way. Computed in Python for both databases, since SQLite's
    lower() folds ASCII only ("ÉMILE" would never match "émile")."""
    return unicodedata.normalize("NFKC", name).casefold()


class UserBase(SQLModel):
    display_name: str = Field(default="", max_length=64)


class User(UserBase, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    # Stored lower-cased (see UserCreate), which makes the unique index case-insensitive.
    username: str = Field(max_length=32, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    role: str = Field(default=Role.user.value, max_length=16)
    token_version: int = Field(default=0)
    is_banned: bool = Field(default=False)
    # A timed site ban's end; None with is_banned: until lifted (see site_ban_in_force).
    banned_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    is_disabled: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The file store's key of the current avatar (services/avatars.py); None: initials.
    avatar_key: str | None = Field(default=None, max_length=32)
    # name_key(display_name), kept with it (set_display_name): what people search matches.
    display_name_key: str = Field(default="", max_length=256)
    # Opted in to read receipts: shares where I read, and sees where others read.
    read_receipts: bool = False
    # The interface language ("en", "ko") and theme chosen, carried to every device;
    # None: the browser's own.
    locale: str | None = Field(default=None, max_length=16)
    theme: str | None = Field(default=None, max_length=8)
    # Where a reset link can be mailed (normalise_email's form, so unique means unique);
    # never shown to anyone but its owner and site admins.
    email: str | None = Field(default=None, max_length=EMAIL_MAX, unique=True)

    def set_display_name(self, display_name: str) -> None:
        self.display_name = display_name
        self.display_name_key = name_key(display_name)

    def site_ban_in_force(self, now: datetime | None = None) -> bool:
        """The one rule of a site ban: set, and not past its time (nothing lifts a timed
        ban when it lapses; it simply stops counting)."""
        if not self.is_banned:
            return False
        return self.banned_until is None or self.banned_until > (now or utcnow())

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin.value

    @property
    def avatar_url(self) -> str | None:
        # A property, so Public schemas validated from a User carry it.
        return avatar_url(self.id, self.avatar_key)


def _normalise_username(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


# The longest password accepted, at sign-up and at login (passlib itself refuses more
# than 4,096 bytes). Documented in the README.
PASSWORD_MAX = 256


class UserCreate(TextInput):
    username: str = Field(min_length=3, max_length=32)
    password: str = Field(min_length=8, max_length=PASSWORD_MAX)
    display_name: str | None = Field(default=None, max_length=64)
    # The token of an invite link: needed unless sign-up is open (services.invites).
    invite: str | None = Field(default=None, max_length=128)

    @field_validator("username", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return _normalise_username(value)

    @field_validator("username")
    @classmethod
    def _allowed_characters(cls, value: str) -> str:
        if not USERNAME_PATTERN.fullmatch(value):
            raise ValueError(
                "Username must be 3-32 characters: lowercase letters, digits, '_', '.' or '-'"
            )
        return value

    @field_validator("display_name")
    @classmethod
    def _strip_display_name(cls, value: str | None) -> str | None:
        return _safe_display_name(value.strip() or None if value is not None else None)


Locale = Literal["en", "ko"]
Theme = Literal["light", "dark", "system"]


class UserUpdate(TextInput):
    display_name: str | None = Field(default=None, min_length=1, max_length=64)
    read_receipts: bool | None = None
    locale: Locale | None = None
    theme: Theme | None = None

    @field_validator("display_name")
    @classmethod
    def _safe(cls, value: str | None) -> str | None:
        return _safe_display_name(value)


def _safe_display_name(value: str | None) -> str | None:
    return refuse_unsafe_name(value) if value is not None else None


class EmailChange(TextInput):
    """Set (or with null, remove) my email address: my password again, since whoever sets
    the address can reset the password through it."""

    email: str | None = Field(max_length=EMAIL_MAX)
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)

    @field_validator("email")
    @classmethod
    def _normalise(cls, value: str | None) -> str | None:
        return normalise_email(value) if value is not None else None


class PasswordChange(TextInput):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    new_password: str = Field(min_length=8, max_length=PASSWORD_MAX)


class UserPublic(UserBase):
    id: int
    username: str
    role: str
    created_at: datetime
    avatar_url: str | None = None
    read_receipts: bool = False
    locale: str | None = None
    theme: str | None = None
    email: str | None = None


class MessagesChoice(StrEnum):
    keep = "keep"  # stay, under "Deleted user"
    erase = "erase"  # each becomes a tombstone


class OwnAccountDeletion(TextInput):
    password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    messages: MessagesChoice


class AccountDeletion(SQLModel):
    messages: MessagesChoice
