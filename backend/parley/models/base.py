"""Column types shared by every table."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, field_validator
from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

# Integer columns are 32-bit on PostgreSQL: larger ids are refused at the edges as bad
# input rather than reaching the driver and failing there.
MAX_ID = 2**31 - 1


def refuse_nul(value: str) -> str:
    """NUL cannot be stored in PostgreSQL text (SQLite would keep it): refused the same
    way on both databases, as bad input, wherever text comes in."""
    if "\x00" in value:
        raise ValueError("Text must not contain NUL characters")
    return value


# A query parameter or form field of text, with the same rule.
CleanText = Annotated[str, AfterValidator(refuse_nul)]


def _in_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # 9999-12-31T23:59-05:00 is past the last UTC datetime
        raise ValueError("Date out of range") from exc


# A point in time given as input: with its zone (a naive one is ambiguous), in range.
UtcInstant = Annotated[AwareDatetime, AfterValidator(_in_utc)]


# Format characters a name may keep: zero-width joiner and non-joiner (emoji sequences,
# Indic and Persian spelling). Every other control or format character — bidi overrides
# and isolates (U+202A-U+202E, U+2066-U+2069) above all — can flip or hide the text
# around a name, so names refuse them.
_NAME_FORMAT_ALLOWED = frozenset({"\u200c", "\u200d"})
# Combining marks in a row on one base letter: enough for any language (Vietnamese
# stacks two), short of the "Zalgo" towers that spill over the lines around them.
MAX_COMBINING_MARKS = 3


def refuse_unsafe_name(value: str) -> str:
    """For names others see (display names, room names): no control or bidi-override
    characters, and at most MAX_COMBINING_MARKS combining marks on one letter."""
    run = 0
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf") and char not in _NAME_FORMAT_ALLOWED:
            raise ValueError(
                f"Names cannot contain control or direction-changing characters (U+{ord(char):04X})"
            )
        run = run + 1 if category in ("Mn", "Me") else 0
        if run > MAX_COMBINING_MARKS:
            raise ValueError(f"Names allow at most {MAX_COMBINING_MARKS} accents on one letter")
    return value


class TextInput(SQLModel):
    """Mixed into every schema the API accepts: each text field gets refuse_nul."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        return refuse_nul(value) if isinstance(value, str) else value


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases.

    SQLite keeps no zone, so values are stored as naive UTC and given their zone back
    on the way out; PostgreSQL stores timestamptz and returns aware values already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
