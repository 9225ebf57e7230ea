"""Password reset (issue step 11, point 2): a one-time, expiring link to set a new
password. A site admin issues one for someone and hands it over (no email server
needed); where SMTP is set up, people also have one mailed to their own address.

Only the token's hash is stored; the link is shown once (to the admin, or in the mail).
Using it sets the new password and ends every sign-in the account had (as a password
change does), and the link is spent. Issuing, mailing and using are audited. Asking for
a mail never says whether the account exists or has an address.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Forbidden, Invalid, NotFound, RateLimited
from parley.events import Publisher, SessionsEnded
from parley.mail import Letter, Mailer
from parley.models import PasswordReset, User
from parley.models.auth import PasswordResetRequest, ResetCheck, ResetLink
from parley.models.base import utcnow
from parley.models.user import normalise_email
from parley.services import access, audit, auth, passwords, users
from parley.services.ratelimit import RateLimiter
from parley.settings import Settings

RESET_LIFETIME = timedelta(hours=24)
# A mailed link sits in an inbox that may be read by others later: it lives shorter.
EMAIL_RESET_LIFETIME = timedelta(hours=1)
NO_EMAIL = "Password reset by email is not set up on this server: ask an admin for a reset link"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_reset_link(*, session: AsyncSession, actor: User, user_id: int) -> ResetLink:
    access.require_site_admin(actor)
    target = await session.get(User, user_id)
    if target is None or target.id is None:
        raise NotFound("User not found")
    if target.is_disabled:
        raise Forbidden("This account is deactivated: reactivate it first")
    token, expires_at = await _new_link(
        session, target, created_by=actor.id, lifetime=RESET_LIFETIME
    )
    audit.record(session, actor_id=actor.id, action="issue_reset_link", target_user_id=target.id)
    await session.commit()
    return ResetLink(link=f"/reset/{token}", token=token, expires_at=expires_at)


async def _new_link(
    session: AsyncSession, target: User, *, created_by: int | None, lifetime: timedelta
) -> tuple[str, datetime]:
    assert target.id is not None
    token = secrets.token_urlsafe(24)
    expires_at = utcnow() + lifetime
    # A new link replaces any earlier one still waiting.
    await session.exec(
        update(PasswordReset)
        .where(col(PasswordReset.user_id) == target.id, col(PasswordReset.used_at).is_(None))
        .values(used_at=utcnow())
    )
    session.add(
        PasswordReset(
            user_id=target.id, token_hash=_hash(token), created_by=created_by, expires_at=expires_at
        )
    )
    return token, expires_at


async def mail_reset_link(
    *,
    session: AsyncSession,
    settings: Settings,
    limiter: RateLimiter,
    mailer: Mailer | None,
    login: str,
    client_address: str,
) -> None:
    """Mail a reset link to the address of the account `login` names (its username or
    its email address), if there is one. The caller learns nothing either way."""
    if mailer is None:
        raise Forbidden(NO_EMAIL)
    await limiter.hit(
        settings.reset_email_rate_limit,
        "reset-email",
        client_address,
        detail="Too many reset requests from here: try again later",
    )
    user = await _account_of(session, login)
    if user is None or user.email is None or user.is_disabled or user.id is None:
        return
    try:  # a flood of requests for one account must not flood its owner's inbox
        await limiter.hit(
            settings.reset_email_account_rate_limit, "reset-email-to", str(user.id), detail=""
        )
    except RateLimited:
        return
    token, _ = await _new_link(session, user, created_by=None, lifetime=EMAIL_RESET_LIFETIME)
    audit.record(session, actor_id=None, action="mail_reset_link", target_user_id=user.id)
    await session.commit()
    link = f"{settings.public_base_url}/reset/{token}"
    mailer.send_soon(_reset_letter(user, user.email, link))


async def _account_of(session: AsyncSession, login: str) -> User | None:
    login = login.strip()
    if "@" in login:
        try:
            email = normalise_email(login)
        except ValueError:
            return None
        return (await session.exec(select(User).where(col(User.email) == email))).first()
    return await users.get_user_by_username(session=session, username=login)


_LETTERS = {
    "en": (
        "Reset your Parley password",
        "Someone, hopefully you, asked to reset the password of the Parley account "
        "{username}.\n\nSet a new password within the hour here:\n{link}\n\n"
        "If it was not you, ignore this email: your password stays as it is.\n",
    ),
    "ko": (
        "Parley 비밀번호 재설정",
        "Parley 계정 {username}의 비밀번호 재설정이 요청되었습니다.\n\n"
        "한 시간 안에 아래 링크에서 새 비밀번호를 설정하세요:\n{link}\n\n"
        "요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 그대로입니다.\n",
    ),
}


def _reset_letter(user: User, to: str, link: str) -> Letter:
    subject, text = _LETTERS.get(user.locale or "en", _LETTERS["en"])
    return Letter(to=to, subject=subject, text=text.format(username=user.username, link=link))


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
