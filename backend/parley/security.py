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
import time
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


# argon2 takes tens of milliseconds of CPU per hash by design: it runs on threads, never
# on the event loop (argon2-cffi releases the GIL while it works), so a login flood slows
# logins, not every chat socket. At most _MAX_WAITING hashes queue; past that, logins and
# sign-ups are refused as busy instead of queueing without bound.
#
# Where hashing shares a core with the loop (one core per process is the deployment
# unit), priority decides what the chat feels. Hashes run at SCHED_IDLE: the kernel
# preempts them the moment the loop wakes, which niceness alone does not do (at nice 10
# the loop still waited out the hash's time slice: pong p95 0.8 -> 2.8 ms in a flood).
# But SCHED_IDLE runs only on an otherwise idle core, so beside a CPU-bound neighbour one
# login took 11.7 s. So the idle thread is watched: when it has neither started nor
# finished a hash for STARVED_AFTER_SECONDS while one waits, it is starved, and the hash
# is also started at nice 10, where it keeps a share of a busy core; whichever copy
# finishes first answers. (A queue the idle thread is working through is not starvation:
# it stamps its progress.) The idle copy is never promoted in place, because leaving
# SCHED_IDLE needs CAP_SYS_NICE; left running, it only spends idle time.
HASHING_NICENESS = 10
STARVED_AFTER_SECONDS = 0.5


def _lower_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


def _idle_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))  # 0: this thread


class _HashingPools:
    def __init__(self, threads: int) -> None:
        self.idle = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="argon2-idle", initializer=_idle_priority
        )
        self.busy = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="argon2", initializer=_lower_priority
        )
        self.idle_progress = time.monotonic()  # written by idle threads, read by the loop

    def _at_idle(self, work: Callable[[], _T]) -> _T:
        self.idle_progress = time.monotonic()
        try:
            return work()
        finally:
            self.idle_progress = time.monotonic()

    def _idle_is_starved(self) -> bool:
        return time.monotonic() - self.idle_progress >= STARVED_AFTER_SECONDS

    async def run(self, work: Callable[[], _T]) -> _T:
        loop = asyncio.get_running_loop()
        idle = loop.run_in_executor(self.idle, self._at_idle, work)
        while True:
            done, _ = await asyncio.wait({idle}, timeout=STARVED_AFTER_SECONDS)
            if done:
                return idle.result()
            if self._idle_is_starved():
                break
        busy = loop.run_in_executor(self.busy, work)
        done, _ = await asyncio.wait({idle, busy}, return_when=asyncio.FIRST_COMPLETED)
        for copy in {idle, busy} - done:
            copy.cancel()  # a copy still queued never runs; one already running ends unheard
        return done.pop().result()


_hashing = _HashingPools(1)
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
    _hashing = _HashingPools(threads)


async def _off_loop(work: Callable[[], _T]) -> _T:
    global _waiting
    if _waiting >= _MAX_WAITING:
        raise HashingBusy
    _waiting += 1
    try:
        return await _hashing.run(work)
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
