"""Login, token issue, refresh rotation with reuse detection, logout."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, exists
from sqlmodel import col, func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from parley import security
from parley.errors import Forbidden, Invalid, NotFound, RateLimited, Unauthorized
from parley.events import Publisher, SessionsEnded
from parley.models import RefreshToken, User
from parley.models.auth import SignInPublic
from parley.models.base import refuse_nul, utcnow
from parley.models.user import PASSWORD_MAX, PasswordChange
from parley.services import passwords
from parley.services.access import banned_detail
from parley.services.ratelimit import RateLimiter
from parley.services.users import get_user_by_username
from parley.settings import Settings

BAD_CREDENTIALS = "Incorrect username or password"
BAD_TOKEN = "Could not validate credentials"  # noqa: S105 (a message)
BAD_REFRESH = "Session expired, please sign in again"
# Two tabs refreshing at once both present the same cookie; the loser must not be
# treated as a thief. Within this window a rotated token is refused without revoking.
ROTATION_GRACE = timedelta(seconds=20)
# Every authenticated request and socket runs this: built once, its cache key is computed
# once instead of per call (session.get builds a new statement each time).
# The token's user, and whether the token's sign-in was logged out, in one round trip:
# every authenticated request asks both.
_SESSION_ENDED = (
    exists()
    .where(
        col(RefreshToken.family_id) == bindparam("session_id"),
        col(RefreshToken.revoked_at).is_not(None),
    )
    .label("session_ended")
)
_USER_BY_ID = select(User, _SESSION_ENDED).where(col(User.id) == bindparam("user_id"))
# A sign-in has ended once its refresh token family is revoked (logout, reuse detected).
_ENDED_SESSIONS = select(RefreshToken.family_id).where(
    col(RefreshToken.family_id).in_(bindparam("session_ids", expanding=True)),
    col(RefreshToken.revoked_at).is_not(None),
)
_USERS_BY_ID = select(User).where(col(User.id).in_(bindparam("user_ids", expanding=True)))


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_at: datetime


async def authenticate(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    settings: Settings,
    username: str,
    password: str,
    client_address: str,
) -> User:
    for name, value in (("username", username), ("password", password)):
        try:  # a form, not a schema: the schemas' one text rule, asked here
            refuse_nul(value)
        except ValueError as exc:
            raise Invalid(str(exc), field=name) from exc
    if len(password) > PASSWORD_MAX:
        raise Invalid(f"Passwords are at most {PASSWORD_MAX} characters", field="password")
    # Two limits: every attempt from one address (many usernames tried from one place),
    # and the *failures* for one username from one address (guessing one password). The
    # owner signing in from elsewhere, or getting it right, is never slowed by either.
    await limiter.hit(
        settings.login_address_rate_limit,
        "login-address",
        client_address,
        detail="Too many login attempts from this address, try again later",
    )
    guess_key = (client_address, username.strip().lower())
    detail = "Too many failed logins for this account, try again later"
    await limiter.check(settings.login_rate_limit, "login", *guess_key, detail=detail)
    user = await get_user_by_username(session=session, username=username)
    if not await passwords.verify(password, user.password_hash if user else None):
        with contextlib.suppress(RateLimited):  # this failure is answered as a 401 still
            await limiter.hit(settings.login_rate_limit, "login", *guess_key, detail=detail)
        raise Unauthorized(BAD_CREDENTIALS)
    assert user is not None
    ensure_may_sign_in(user)
    return user


def ensure_may_sign_in(user: User) -> None:
    """Login, refresh and every token (REST and socket) ask this, and nothing else."""
    if user.site_ban_in_force():
        raise Forbidden(banned_detail("This account is banned", user.banned_until))
    if user.is_disabled:
        raise Forbidden("This account is disabled")


async def issue_tokens(
    *,
    session: AsyncSession,
    settings: Settings,
    user: User,
    family_id: str | None = None,
    device: str = "",
) -> IssuedTokens:
    assert user.id is not None
    family_id = family_id or uuid.uuid4().hex
    access, _ = security.create_access_token(
        user_id=user.id,
        token_version=user.token_version,
        secret=settings.secret_key,
        lifetime=timedelta(minutes=settings.access_token_minutes),
        session_id=family_id,
    )
    refresh = security.new_refresh_token()
    expires_at = utcnow() + timedelta(days=settings.refresh_token_days)
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=security.hash_refresh_token(refresh),
            expires_at=expires_at,
            device=device,
        )
    )
    await session.commit()
    return IssuedTokens(
        access_token=access,
        expires_in=settings.access_token_minutes * 60,
        refresh_token=refresh,
        refresh_expires_at=expires_at,
    )


async def rotate_refresh_token(
    *, session: AsyncSession, settings: Settings, refresh_token: str
) -> IssuedTokens:
    record = await _find_refresh(session=session, refresh_token=refresh_token)
    now = utcnow()
    if record is None or record.revoked_at is not None or record.expires_at <= now:
        raise Unauthorized(BAD_REFRESH)
    # Conditional update: of two concurrent rotations only one can win.
    claimed = await session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.id) == record.id, col(RefreshToken.used_at).is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        await session.rollback()
        await session.refresh(record)
        if record.used_at is not None and now - record.used_at > ROTATION_GRACE:
            await _revoke_family(session=session, family_id=record.family_id)
        raise Unauthorized(BAD_REFRESH)
    user = await session.get(User, record.user_id)
    if user is None:
        raise Unauthorized(BAD_REFRESH)
    ensure_may_sign_in(user)
    return await issue_tokens(
        session=session,
        settings=settings,
        user=user,
        family_id=record.family_id,
        device=record.device,
    )


async def log_out(*, session: AsyncSession, publisher: Publisher, refresh_token: str) -> None:
    """End this sign-in: its refresh tokens stop working, its access tokens are refused
    from the next request on, and its open sockets close (4401) on every instance."""
    record = await _find_refresh(session=session, refresh_token=refresh_token)
    if record is not None:
        await _revoke_family(session=session, family_id=record.family_id)
        await publisher.publish(SessionsEnded(user_id=record.user_id, session_id=record.family_id))


async def log_out_everywhere(*, session: AsyncSession, publisher: Publisher, user: User) -> None:
    """End every sign-in of the user: a new token_version refuses every access token at
    once, every refresh token is revoked, every socket closes."""
    assert user.id is not None
    await end_every_sign_in(session=session, user=user)
    await session.commit()
    await publisher.publish(SessionsEnded(user_id=user.id, session_id=None))


async def change_password(
    *,
    session: AsyncSession,
    publisher: Publisher,
    settings: Settings,
    user: User,
    session_id: str | None,
    change: PasswordChange,
) -> IssuedTokens:
    """A new password ends every other sign-in at once (their refresh tokens revoked,
    their access tokens refused, their sockets closed); this one goes on with new tokens."""
    if not await passwords.verify(change.current_password, user.password_hash):
        raise Forbidden("The current password is not right")
    assert user.id is not None
    user.password_hash = await passwords.hash_new(change.new_password)
    user.token_version += 1  # every access token held, this sign-in's too
    session.add(user)
    others = col(RefreshToken.revoked_at).is_(None) & (col(RefreshToken.user_id) == user.id)
    if session_id is not None:
        others = others & (col(RefreshToken.family_id) != session_id)
        # This sign-in's current refresh token is replaced by the one issued below.
        await session.exec(
            update(RefreshToken)
            .where(col(RefreshToken.family_id) == session_id, col(RefreshToken.used_at).is_(None))
            .values(used_at=utcnow())
        )
    await session.exec(update(RefreshToken).where(others).values(revoked_at=utcnow()))
    device = ""
    if session_id is not None:
        device = (
            await session.exec(
                select(RefreshToken.device).where(col(RefreshToken.family_id) == session_id)
            )
        ).first() or ""
    tokens = await issue_tokens(
        session=session, settings=settings, user=user, family_id=session_id, device=device
    )
    await publisher.publish(
        SessionsEnded(user_id=user.id, session_id=None, spare_session_id=session_id)
    )
    return tokens


async def sign_ins(*, session: AsyncSession, user: User, current: str | None) -> list[SignInPublic]:
    """The user's sign-ins still going (not logged out, not expired), the latest first."""
    now = utcnow()
    statement = (
        select(
            col(RefreshToken.family_id),
            func.max(col(RefreshToken.device)),
            func.min(col(RefreshToken.created_at)),
            func.max(col(RefreshToken.created_at)),
        )
        .where(col(RefreshToken.user_id) == user.id)
        .group_by(col(RefreshToken.family_id))
        .having(
            func.count(col(RefreshToken.revoked_at)) == 0,
            func.max(col(RefreshToken.expires_at)) > now,
        )
    )
    rows = (await session.exec(statement)).all()
    found = [
        SignInPublic(
            id=family,
            device=device or "",
            signed_in_at=_aware(started),
            last_seen_at=_aware(seen),
            current=family == current,
        )
        for family, device, started, seen in rows
    ]
    return sorted(found, key=lambda s: s.last_seen_at, reverse=True)


def _aware(value: datetime) -> datetime:
    # An aggregate's value skips the column type on SQLite: it comes back naive UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


async def end_sign_in(
    *, session: AsyncSession, publisher: Publisher, user: User, sign_in_id: str
) -> None:
    """Sign one of my devices out (from my list of sessions): at once, everywhere."""
    owned = (
        await session.exec(
            select(RefreshToken.id).where(
                col(RefreshToken.family_id) == sign_in_id, col(RefreshToken.user_id) == user.id
            )
        )
    ).first()
    if owned is None:
        raise NotFound("No such sign-in")
    assert user.id is not None
    await _revoke_family(session=session, family_id=sign_in_id)
    await publisher.publish(SessionsEnded(user_id=user.id, session_id=sign_in_id))


async def end_every_sign_in(*, session: AsyncSession, user: User) -> None:
    """In the caller's transaction: a new token_version refuses every access token the
    user holds, and every refresh token is revoked (logout everywhere, a site ban)."""
    user.token_version += 1
    session.add(user)
    await session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user.id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


async def user_from_access_token(*, session: AsyncSession, settings: Settings, token: str) -> User:
    user, _claims = await authenticate_token(session=session, settings=settings, token=token)
    return user


async def authenticate_token(
    *, session: AsyncSession, settings: Settings, token: str
) -> tuple[User, security.AccessClaims]:
    """The token's user and claims (the socket needs the expiry too)."""
    claims = decode_token(settings=settings, token=token)
    params = {"user_id": claims.user_id, "session_id": claims.session_id}
    row = (await session.exec(_USER_BY_ID, params=params)).first()
    if row is None:
        raise Unauthorized(BAD_TOKEN)
    user, session_ended = row
    if session_ended:
        raise Unauthorized(BAD_TOKEN)
    return token_user(user, claims), claims


async def ended_sessions(*, session: AsyncSession, session_ids: Collection[str]) -> set[str]:
    """Which of these sign-ins were logged out (one query for many sockets)."""
    if not session_ids:
        return set()
    rows = await session.exec(_ENDED_SESSIONS, params={"session_ids": list(session_ids)})
    return set(rows.all())


def decode_token(*, settings: Settings, token: str) -> security.AccessClaims:
    try:
        return security.decode_access_token(token, secret=settings.secret_key)
    except security.InvalidToken as exc:
        raise Unauthorized(BAD_TOKEN) from exc


def token_user(user: User | None, claims: security.AccessClaims) -> User:
    """The user a valid token names, if that token still counts for them."""
    # token_version is bumped to invalidate every token a user holds (ban, password).
    if user is None or user.token_version != claims.token_version:
        raise Unauthorized(BAD_TOKEN)
    ensure_may_sign_in(user)
    return user


async def users_by_id(*, session: AsyncSession, user_ids: Collection[int]) -> dict[int, User]:
    """Many tokens' users in one query (sockets connecting together share it)."""
    found = await session.exec(_USERS_BY_ID, params={"user_ids": list(user_ids)})
    return {user.id: user for user in found if user.id is not None}


async def _find_refresh(*, session: AsyncSession, refresh_token: str) -> RefreshToken | None:
    token_hash = security.hash_refresh_token(refresh_token)
    statement = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    return (await session.exec(statement)).first()


async def _revoke_family(*, session: AsyncSession, family_id: str) -> None:
    await session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    await session.commit()
