"""The only importer of passlib and python-jose: password hashing and tokens.

Access tokens are HS256 JWTs; decoding pins the algorithm (so alg=none or an RS/HS
confusion is refused) and requires exp, iat and sub. Refresh tokens are opaque random
strings; only their SHA-256 is stored, so a database leak yields no usable token.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from jose import JWTError, jwt
from passlib.context import CryptContext

ALGORITHM = "HS256"
_T = TypeVar("_T")
# Token subjects are database ids (32-bit on PostgreSQL).
_MAX_USER_ID = 2**31 - 1


def _context(memory_kib: int, time_cost: int) -> CryptContext:
    return CryptContext(
        schemes=["argon2"],
        deprecated="auto",
        argon2__memory_cost=memory_kib,
        argon2__time_cost=time_cost,
    )


_passwords = _context(65536, 3)
# Verifying against this for unknown users makes "no such user" cost as much as
# "wrong password", so response time does not reveal which usernames exist.
_DUMMY_HASH = _passwords.hash("parley-dummy-password")


# argon2 takes tens of milliseconds of CPU per hash by design: it runs on these threads,
# never on the event loop (argon2-cffi releases the GIL while it works), so a login
# flood slows logins, not every chat socket. At most _MAX_WAITING hashes queue; past
# that, logins and sign-ups are refused as busy instead of queueing without bound.
# Hashing threads yield to the event loop where they share a core with it (one core per
# process is the deployment unit): a flood of hashes must not delay the chat. A high
# niceness, not SCHED_IDLE: SCHED_IDLE runs only on an idle core, so beside any CPU-bound
# neighbour (another tenant, a build) one login took 11.7 s instead of 0.2 s; at nice 10
# the loop still gets ~90% of a shared core and a login keeps a share of its own.
HASHING_NICENESS = 10


def _lower_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


def _pool(threads: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(
        max_workers=threads, thread_name_prefix="argon2", initializer=_lower_priority
    )


_hashing = _pool(1)
_MAX_WAITING = 64
_waiting = 0


class HashingBusy(Exception):
    """Too many password hashes are already waiting: try again shortly."""


def configure_password_hashing(*, memory_kib: int, time_cost: int, threads: int = 1) -> None:
    """Set the argon2 cost for new hashes and the threads that compute them. Existing
    hashes keep their own parameters: each stores its cost, so it keeps verifying, and
    nothing rehashes it (login only verifies), so a stored hash stays at the cost it was
    made with."""
    global _passwords, _DUMMY_HASH, _hashing
    _passwords = _context(memory_kib, time_cost)
    _DUMMY_HASH = _passwords.hash("parley-dummy-password")
    _hashing = _pool(threads)


async def _off_loop(work: Callable[[], _T]) -> _T:
    global _waiting
    if _waiting >= _MAX_WAITING:
        raise HashingBusy
    _waiting += 1
    try:
        return await asyncio.get_running_loop().run_in_executor(_hashing, work)
    finally:
        _waiting -= 1


async def hash_password_off_loop(password: str) -> str:
    return await _off_loop(lambda: hash_password(password))


async def verify_password_off_loop(password: str, password_hash: str | None) -> bool:
    return await _off_loop(lambda: verify_password(password, password_hash))


class InvalidToken(Exception):
    """The token is malformed, expired, forged or of the wrong kind."""


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    token_version: int
    expires_at: datetime
    # The sign-in (refresh token family) the token belongs to: logging out ends it.
    session_id: str | None = None


def hash_password(password: str) -> str:
    return _passwords.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    return _passwords.verify(password, password_hash)


def create_access_token(
    *,
    user_id: int,
    token_version: int,
    secret: str,
    lifetime: timedelta,
    session_id: str | None = None,
) -> tuple[str, datetime]:
    now = datetime.now(UTC)
    expires_at = now + lifetime
    claims = {
        "sub": str(user_id),
        "ver": token_version,
        "iat": int(now.timestamp()),
        "exp": int(expires_at.timestamp()),
        "typ": "access",
    }
    if session_id is not None:
        claims["sid"] = session_id
    return jwt.encode(claims, secret, algorithm=ALGORITHM), expires_at


def decode_access_token(token: str, *, secret: str) -> AccessClaims:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    try:
        if claims.get("typ") != "access":
            raise InvalidToken("not an access token")
        user_id = int(claims["sub"])
        if not 1 <= user_id <= _MAX_USER_ID:
            raise InvalidToken("subject out of range")
        return AccessClaims(
            user_id=user_id,
            token_version=int(claims["ver"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
            session_id=str(claims["sid"])[:32] if claims.get("sid") is not None else None,
        )
    # A correctly signed token can still carry absurd numbers (an exp past year 9999).
    except (KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
        raise InvalidToken("malformed claims") from exc


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
