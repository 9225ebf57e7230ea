"""Password reset without an email server (issue step 11, point 2): a site admin issues a
one-time, expiring link for someone who forgot their password, and hands it over.

Only the token's hash is stored; the link is shown once. Using it sets the new password
and ends every sign-in the account had (as a password change does), and the link is
spent. Issuing and using are audited.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Forbidden, Invalid, NotFound
from parley.events import Publisher, SessionsEnded
from parley.models import PasswordReset, User
from parley.models.auth import PasswordResetRequest, ResetCheck, ResetLink
from parley.models.base import utcnow
from parley.services import access, audit, auth, passwords

RESET_LIFETIME = timedelta(hours=24)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_reset_link(*, session: AsyncSession, actor: User, user_id: int) -> ResetLink:
    access.require_site_admin(actor)
    target = await session.get(User, user_id)
    if target is None or target.id is None:
        raise NotFound("User not found")
    if target.is_disabled:
        raise Forbidden("This account is deactivated: reactivate it first")
    token = secrets.token_urlsafe(24)
    expires_at = utcnow() + RESET_LIFETIME
    # A new link replaces any earlier one still waiting.
    await session.exec(
        update(PasswordReset)
        .where(col(PasswordReset.user_id) == target.id, col(PasswordReset.used_at).is_(None))
        .values(used_at=utcnow())
    )
    session.add(
        PasswordReset(
            user_id=target.id, token_hash=_hash(token), created_by=actor.id, expires_at=expires_at
        )
    )
    audit.record(session, actor_id=actor.id, action="issue_reset_link", target_user_id=target.id)
    await session.commit()
    return ResetLink(link=f"/reset/{token}", token=token, expires_at=expires_at)


async def _waiting(session: AsyncSession, token: str) -> tuple[PasswordReset, User] | None:
    row = (
        await session.exec(
            select(PasswordReset, User)
            .join(User, col(User.id) == col(PasswordReset.user_id))
            .where(col(PasswordReset.token_hash) == _hash(token))
        )
    ).first()
    if row is None:
        return None
    reset, user = row
    if reset.used_at is not None or reset.expires_at <= utcnow() or user.is_disabled:
        return None
    return reset, user


async def check_reset(*, session: AsyncSession, token: str) -> ResetCheck:
    found = await _waiting(session, token)
    return ResetCheck(valid=found is not None, username=found[1].username if found else None)


async def use_reset(
    *, session: AsyncSession, publisher: Publisher, request: PasswordResetRequest
) -> None:
    found = await _waiting(session, request.token)
    if found is None:
        raise Invalid("This reset link has expired or was used already", field="token")
    reset, user = found
    spent = await session.exec(
        update(PasswordReset)
        .where(col(PasswordReset.id) == reset.id, col(PasswordReset.used_at).is_(None))
        .values(used_at=utcnow())
    )
    if spent.rowcount != 1:  # used meanwhile, from another tab
        raise Invalid("This reset link has expired or was used already", field="token")
    user.password_hash = await passwords.hash_new(request.new_password)
    await auth.end_every_sign_in(session=session, user=user)
    audit.record(session, actor_id=user.id, action="use_reset_link", target_user_id=user.id)
    await session.commit()
    assert user.id is not None
    await publisher.publish(SessionsEnded(user_id=user.id, session_id=None))
