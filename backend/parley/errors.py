"""Domain errors raised by services; each edge maps them to its own wire form once."""

from __future__ import annotations


class DomainError(Exception):
    code = "error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    code = "not_found"


class Forbidden(DomainError):
    code = "forbidden"


class Locked(Forbidden):
    """The room is read-only for its members."""

    code = "locked"


class Muted(Forbidden):
    code = "muted"


class Kicked(Forbidden):
    """Removed from a room: reading it again takes joining it again."""

    code = "kicked"


class Banned(Forbidden):
    code = "banned"

    def __init__(self, detail: str, *, reason: str = "") -> None:
        super().__init__(detail)
        # The moderator's words, told to the banned user on every refusal (a page reload
        # has no other way to learn them).
        self.reason = reason


class Unauthorized(DomainError):
    code = "unauthorized"


class Conflict(DomainError):
    code = "conflict"


class Invalid(DomainError):
    code = "invalid"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.field = field


class TooLarge(Invalid):
    code = "too_large"


class UnsupportedType(Invalid):
    code = "unsupported_type"


class RateLimited(DomainError):
    code = "rate_limited"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class SlowMode(DomainError):
    """Slow mode: the member must wait before posting again (not counted as flooding)."""

    code = "slow_mode"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
