"""Room moderation: mute, kick, ban, promote, and flood control's automatic mute."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import aliased
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, NotFound, RateLimited
from parley.events import MemberAction, MemberChanged, Publisher
from parley.models import (
    Membership,
    ModerationAction,
    ModerationRequest,
    RoomBan,
    RoomKick,
    RoomRole,
    User,
)
from parley.models.base import utcnow
from parley.models.moderation import RoomBanPublic
from parley.services import access, audit
from parley.services.access import Action, get_membership
from parley.services.ratelimit import RateLimiter

# "Until unmuted" is stored as a far-future time, so one comparison answers "muted?".
INDEFINITE = timedelta(days=365 * 100)
FLOOD_BREACHES = "5 per minute"
FLOOD_MUTE = timedelta(minutes=5)

PAST_TENSE: dict[ModerationAction, MemberAction] = {
    ModerationAction.mute: "muted",
    ModerationAction.unmute: "unmuted",
    ModerationAction.kick: "kicked",
    ModerationAction.ban: "banned",
    ModerationAction.unban: "unbanned",
    ModerationAction.promote: "promoted",
    ModerationAction.demote: "demoted",
}


async def moderate(
    *,
    session: AsyncSession,
    publisher: Publisher,
    actor: User,
    room_id: int,
    request: ModerationRequest,
) -> None:
    standing = await access.require(
        session=session, user=actor, room_id=room_id, action=Action.read
    )
    target = await session.get(User, request.user_id)
    if target is None or target.id is None:
        raise NotFound("User not found")
    target_membership = await get_membership(session=session, room_id=room_id, user_id=target.id)
    access.check_moderation(
        action=request.action,
        actor=standing,
        target=target,
        target_role=target_membership.role if target_membership else None,
    )
    until = await _apply(session, request, room_id, target.id, target_membership, actor)
    audit.record(
        session,
        actor_id=actor.id,
        action=request.action.value,
        room_id=room_id,
        target_user_id=target.id,
        reason=request.reason,
        details={"until": until.isoformat()} if until else {},
    )
    await session.commit()
    await publisher.publish(
        MemberChanged(
            room_id=room_id,
            user_id=target.id,
            action=PAST_TENSE[request.action],
            reason=request.reason,
            until=until,
        )
    )


async def _apply(
    session: AsyncSession,
    request: ModerationRequest,
    room_id: int,
    target_id: int,
    membership: Membership | None,
    actor: User,
) -> datetime | None:
    action = request.action
    if action is ModerationAction.ban:
        if await access.room_ban(session=session, room_id=room_id, user_id=target_id):
            raise Conflict("Already banned from this room")
        if membership is not None:
            await session.delete(membership)
        await _drop_ban_rows(session, room_id, target_id)  # a lapsed ban's row, if any
        expires_at = (
            utcnow() + timedelta(seconds=request.duration_seconds)
            if request.duration_seconds
            else None
        )
        session.add(
            RoomBan(
                room_id=room_id,
                user_id=target_id,
                banned_by=actor.id,
                reason=request.reason,
                expires_at=expires_at,
            )
        )
        return expires_at
    if action is ModerationAction.unban:
        if await access.room_ban(session=session, room_id=room_id, user_id=target_id) is None:
            raise NotFound("This user is not banned from this room")
        await _drop_ban_rows(session, room_id, target_id)
        return None
    if membership is None:
        raise NotFound("This user is not a member of this room")
    if action is ModerationAction.kick:
        await session.delete(membership)
        # Until they join again: a kick must not leave them watching as a previewer.
        await session.merge(RoomKick(room_id=room_id, user_id=target_id))
        return None
    if action in (ModerationAction.mute, ModerationAction.unmute):
        duration = timedelta(seconds=request.duration_seconds or 0) or INDEFINITE
        membership.muted_until = utcnow() + duration if action is ModerationAction.mute else None
    else:
        membership.role = (
            RoomRole.moderator.value
            if action is ModerationAction.promote
            else RoomRole.member.value
        )
    session.add(membership)
    return membership.muted_until if action is ModerationAction.mute else None


async def _drop_ban_rows(session: AsyncSession, room_id: int, user_id: int) -> None:
    await session.exec(
        delete(RoomBan).where(col(RoomBan.room_id) == room_id, col(RoomBan.user_id) == user_id)
    )


async def note_flood_breach(
    *,
    session: AsyncSession,
    publisher: Publisher,
    limiter: RateLimiter,
    membership: Membership,
) -> None:
    """Repeated rate-limit breaches mute the member for a while, as the system's action."""
    try:
        await limiter.hit(
            FLOOD_BREACHES,
            "breach",
            str(membership.user_id),
            str(membership.room_id),
            detail="flooding",
        )
    except RateLimited:
        until = utcnow() + FLOOD_MUTE
        membership.muted_until = until
        session.add(membership)
        audit.record(
            session,
            actor_id=audit.SYSTEM,
            action="auto_mute",
            room_id=membership.room_id,
            target_user_id=membership.user_id,
            reason="Flood control: repeated rate-limit breaches",
            details={"until": until.isoformat()},
        )
        await session.commit()
        await publisher.publish(
            MemberChanged(
                room_id=membership.room_id,
                user_id=membership.user_id,
                action="muted",
                reason="Flood control",
                until=until,
            )
        )


async def room_bans(*, session: AsyncSession, user: User, room_id: int) -> list[RoomBanPublic]:
    """Who is banned from the room now (lapsed bans are not), the latest first: for
    whoever may moderate it."""
    await access.require(session=session, user=user, room_id=room_id, action=Action.moderate)
    banner = aliased(User)
    statement = (
        select(RoomBan, User, banner)
        .join(User, col(User.id) == col(RoomBan.user_id))
        .outerjoin(banner, col(banner.id) == col(RoomBan.banned_by))
        .where(access.ban_in_force(room_id, RoomBan.user_id))
        .order_by(col(RoomBan.id).desc())
    )
    return [
        RoomBanPublic(
            user_id=banned.id or 0,
            username=banned.username,
            display_name=banned.display_name,
            reason=ban.reason,
            banned_by_name=(by.display_name or by.username) if by is not None else None,
            created_at=ban.created_at,
            expires_at=ban.expires_at,
        )
        for ban, banned, by in (await session.exec(statement)).all()
    ]
