"""Who may sign up, and invite links (issue step 11, point 3).

The sign-up mode is a setting (PARLEY_SIGNUP) an admin can change at run time: open,
invite (an invite link is needed: a site invite from an admin, or a room invite from
the room's moderators, which also joins that room) or closed (only an admin's site
invite). The first account (the site admin) needs none. A link carries a random token;
only its hash is stored, and each use is counted under a conditional update, so an
invite is never used more than max_uses times however many people race for it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlmodel import col, delete, func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, Forbidden, Invalid, NotFound
from parley.events import MemberChanged, Publisher
from parley.models import Membership, Room, RoomKick, User
from parley.models.base import utcnow
from parley.models.invite import (
    Invite,
    InviteCheck,
    InviteCreate,
    InviteCreated,
    InvitePublic,
    SignupMode,
    SiteSetting,
    SiteSettings,
    SiteSettingsUpdate,
)
from parley.services import access, audit
from parley.services.access import Action

_SIGNUP = "signup"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def signup_mode(session: AsyncSession, default: str) -> SignupMode:
    stored = await session.get(SiteSetting, _SIGNUP)
    return SignupMode(stored.value if stored is not None else default)


async def site_settings(*, session: AsyncSession, actor: User, default: str) -> SiteSettings:
    access.require_site_admin(actor)
    return SiteSettings(signup=await signup_mode(session, default))


async def update_site_settings(
    *, session: AsyncSession, actor: User, update: SiteSettingsUpdate, default: str
) -> SiteSettings:
    access.require_site_admin(actor)
    if update.signup is not None:
        before = await signup_mode(session, default)
        stored = await session.get(SiteSetting, _SIGNUP)
        if stored is None:
            session.add(SiteSetting(key=_SIGNUP, value=update.signup.value))
        else:
            stored.value = update.signup.value
            session.add(stored)
        audit.record(
            session,
            actor_id=actor.id,
            action="set_signup",
            details={"from": before.value, "to": update.signup.value},
        )
        await session.commit()
    return SiteSettings(signup=await signup_mode(session, default))


def _public(invite: Invite) -> InvitePublic:
    assert invite.id is not None
    return InvitePublic(
        id=invite.id,
        room_id=invite.room_id,
        created_by=invite.created_by,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        max_uses=invite.max_uses,
        uses=invite.uses,
        revoked=invite.revoked_at is not None,
    )


async def _may_manage(session: AsyncSession, actor: User, room_id: int | None) -> None:
    if room_id is None:
        access.require_site_admin(actor)
    else:
        await access.require(session=session, user=actor, room_id=room_id, action=Action.invite)


async def create_invite(
    *, session: AsyncSession, actor: User, create: InviteCreate
) -> InviteCreated:
    await _may_manage(session, actor, create.room_id)
    token = secrets.token_urlsafe(24)
    invite = Invite(
        token_hash=_hash(token),
        room_id=create.room_id,
        created_by=actor.id,
        expires_at=utcnow() + timedelta(hours=create.expires_in_hours),
        max_uses=create.max_uses,
    )
    session.add(invite)
    await session.flush()
    audit.record(
        session,
        actor_id=actor.id,
        action="create_invite",
        room_id=create.room_id,
        details={"invite_id": invite.id, "max_uses": create.max_uses,
                 "expires_in_hours": create.expires_in_hours},
    )  # fmt: skip
    await session.commit()
    await session.refresh(invite)
    return InviteCreated(**_public(invite).model_dump(), token=token, link=f"/invite/{token}")


async def list_invites(
    *, session: AsyncSession, actor: User, room_id: int | None
) -> list[InvitePublic]:
    """The site's invites (admins), or one room's (its moderators); newest first."""
    await _may_manage(session, actor, room_id)
    statement = select(Invite).order_by(col(Invite.id).desc()).limit(200)
    if room_id is not None:
        statement = statement.where(col(Invite.room_id) == room_id)
    return [_public(invite) for invite in (await session.exec(statement)).all()]


async def revoke_invite(*, session: AsyncSession, actor: User, invite_id: int) -> InvitePublic:
    invite = await session.get(Invite, invite_id)
    if invite is None:
        raise NotFound("Invite not found")
    await _may_manage(session, actor, invite.room_id)
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        session.add(invite)
        audit.record(
            session,
            actor_id=actor.id,
            action="revoke_invite",
            room_id=invite.room_id,
            details={"invite_id": invite.id},
        )
        await session.commit()
        await session.refresh(invite)
    return _public(invite)


async def _usable(session: AsyncSession, token: str) -> Invite | None:
    invite = (
        await session.exec(select(Invite).where(col(Invite.token_hash) == _hash(token)))
    ).first()
    if (
        invite is None
        or invite.revoked_at is not None
        or invite.expires_at <= utcnow()
        or invite.uses >= invite.max_uses
    ):
        return None
    return invite


async def check_invite(*, session: AsyncSession, token: str, default: str) -> InviteCheck:
    """For the invite page, before signing in: is the link good, and to what."""
    mode = await signup_mode(session, default)
    invite = await _usable(session, token)
    if invite is None:
        return InviteCheck(valid=False, signup=mode)
    room = await session.get(Room, invite.room_id) if invite.room_id is not None else None
    return InviteCheck(valid=True, room_name=room.name if room else None, signup=mode)


async def _use(session: AsyncSession, invite: Invite) -> None:
    """Count one use, in the caller's transaction; Conflict if the last one went meanwhile."""
    used = await session.exec(
        update(Invite)
        .where(col(Invite.id) == invite.id, col(Invite.uses) < col(Invite.max_uses))
        .values(uses=col(Invite.uses) + 1)
    )
    if used.rowcount != 1:
        raise Conflict("This invite has been used up")


async def admit_signup(*, session: AsyncSession, token: str | None, default: str) -> Invite | None:
    """May a new account be made now? The invite it uses (counted), or None when sign-up
    is open and no invite was given. The first account always may (it becomes the admin)."""
    if not (await session.exec(select(func.count()).select_from(User))).one():
        return None
    mode = await signup_mode(session, default)
    if token is None:
        if mode is SignupMode.open:
            return None
        raise Forbidden(
            "Sign-up needs an invite link here"
            if mode is SignupMode.invite
            else "Sign-up is closed: ask an admin for an invite"
        )
    invite = await _usable(session, token)
    if invite is None:
        raise Invalid("This invite link has expired or was used up", field="invite")
    if mode is SignupMode.closed and invite.room_id is not None:
        raise Forbidden("Sign-up is closed: ask an admin for an invite")
    await _use(session, invite)
    return invite


async def _add_member(
    session: AsyncSession, publisher: Publisher, room_id: int, user: User
) -> None:
    assert user.id is not None
    room = await session.get(Room, room_id)
    if room is None:
        raise NotFound("Room not found")
    # Like a join: what was said before is history, not unread; a kick is forgiven.
    session.add(Membership(room_id=room_id, user_id=user.id, last_read_seq=room.last_seq))
    await session.exec(
        delete(RoomKick).where(col(RoomKick.room_id) == room_id, col(RoomKick.user_id) == user.id)
    )
    await session.commit()
    await publisher.publish(MemberChanged(room_id=room_id, user_id=user.id, action="joined"))


async def join_invited_room(
    *, session: AsyncSession, publisher: Publisher, invite: Invite | None, user: User
) -> None:
    """After sign-up: a room invite makes the new account a member of its room."""
    if invite is not None and invite.room_id is not None:
        await _add_member(session, publisher, invite.room_id, user)


async def accept_invite(
    *, session: AsyncSession, publisher: Publisher, user: User, token: str
) -> int:
    """A signed-in user follows a room invite: they join the room (private ones too).
    Returns the room id."""
    invite = await _usable(session, token)
    if invite is None:
        raise Invalid("This invite link has expired or was used up", field="token")
    if invite.room_id is None:
        raise Conflict("You already have an account")
    standing = await access.standing(session=session, user=user, room_id=invite.room_id)
    if standing.banned:
        raise Forbidden("You are banned from this room")
    if standing.is_member:
        return invite.room_id
    await _use(session, invite)
    await _add_member(session, publisher, invite.room_id, user)
    audit.record(
        session,
        actor_id=user.id,
        action="accept_invite",
        room_id=invite.room_id,
        details={"invite_id": invite.id},
    )
    await session.commit()
    return invite.room_id
