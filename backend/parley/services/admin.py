"""Site administration: users, site-wide bans and roles, live figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, Forbidden, NotFound
from parley.events import (
    PresenceReader,
    Publisher,
    ReadAccessLost,
    SessionsEnded,
    UserSuspended,
)
from parley.models import (
    ActivityPoint,
    AdminStats,
    AdminUserUpdate,
    BusyRoom,
    Membership,
    Message,
    Report,
    ReportStatus,
    Role,
    Room,
    User,
    UserPublic,
)
from parley.models.base import utcnow
from parley.services import access, audit, auth, users


class AdminUserPublic(UserPublic):
    # A site ban in force now (a lapsed timed ban is not).
    is_banned: bool
    # When a timed site ban ends; None while banned: until lifted.
    banned_until: datetime | None = None
    # Deactivated: cannot sign in; their messages stay.
    is_disabled: bool = False
    online: bool


def _admin_public(user: User, *, online: bool) -> AdminUserPublic:
    banned = user.site_ban_in_force()
    return AdminUserPublic.model_validate(
        user,
        update={
            "online": online,
            "is_banned": banned,
            "banned_until": user.banned_until if banned else None,
        },
    )


async def _target(session: AsyncSession, actor: User, user_id: int) -> User:
    access.require_site_admin(actor)
    target = await session.get(User, user_id)
    if target is None:
        raise NotFound("User not found")
    if target.id == actor.id:
        raise Forbidden("You cannot do this to your own account")
    return target


async def search_users(
    *,
    session: AsyncSession,
    presence: PresenceReader,
    actor: User,
    query: str,
    limit: int,
    offset: int = 0,
) -> list[AdminUserPublic]:
    """Every account (deactivated and banned too) whose username or display name contains
    `query`, the way the people directory matches, by username: a page of `limit` after
    `offset` (a shorter page is the last)."""
    access.require_site_admin(actor)
    # Usernames are unique; the id only makes the order's tiebreak explicit.
    statement = (
        users.matching_names(select(User), query)
        .order_by(col(User.username), col(User.id))
        .offset(offset)
        .limit(min(limit, 200))
    )
    online = await presence.online_user_ids()
    return [
        _admin_public(user, online=user.id in online)
        for user in (await session.exec(statement)).all()
    ]


async def ban_user(
    *,
    session: AsyncSession,
    publisher: Publisher,
    actor: User,
    user_id: int,
    reason: str,
    duration_seconds: int | None = None,
) -> AdminUserPublic:
    """Ban from the whole site, until lifted or for `duration_seconds`: every sign-in
    ends now; once a timed ban lapses the user simply signs in again."""
    target = await _target(session, actor, user_id)
    if target.is_admin:
        raise Forbidden("Site admins cannot be banned: change their role first")
    if target.site_ban_in_force():
        raise Conflict("Already banned")
    target.is_banned = True
    target.banned_until = (
        utcnow() + timedelta(seconds=duration_seconds) if duration_seconds else None
    )
    await auth.end_every_sign_in(session=session, user=target)
    until = target.banned_until
    audit.record(
        session,
        actor_id=actor.id,
        action="site_ban",
        target_user_id=target.id,
        reason=reason,
        details={"until": until.isoformat()} if until else {},
    )
    await session.commit()
    assert target.id is not None
    await publisher.publish(UserSuspended(user_id=target.id, reason=reason, until=until))
    return _admin_public(target, online=False)


async def unban_user(
    *, session: AsyncSession, actor: User, user_id: int, reason: str
) -> AdminUserPublic:
    target = await _target(session, actor, user_id)
    if not target.site_ban_in_force():
        raise Conflict("This user is not banned")
    target.is_banned = False
    target.banned_until = None
    session.add(target)
    audit.record(
        session, actor_id=actor.id, action="site_unban", target_user_id=target.id, reason=reason
    )
    await session.commit()
    return _admin_public(target, online=False)


async def update_user(
    *,
    session: AsyncSession,
    publisher: Publisher,
    actor: User,
    user_id: int,
    update: AdminUserUpdate,
) -> AdminUserPublic:
    """PATCH /api/admin/users/{id}: a role, deactivation, or both."""
    public = None
    if update.role is not None:
        public = await set_role(
            session=session, publisher=publisher, actor=actor, user_id=user_id, role=update.role
        )
    if update.is_disabled is not None:
        public = await set_disabled(
            session=session,
            publisher=publisher,
            actor=actor,
            user_id=user_id,
            disabled=update.is_disabled,
        )
    if public is None:
        target = await _target(session, actor, user_id)
        public = _admin_public(target, online=False)
    return public


async def set_disabled(
    *, session: AsyncSession, publisher: Publisher, actor: User, user_id: int, disabled: bool
) -> AdminUserPublic:
    """Deactivate an account (it cannot sign in, every sign-in ends and its sockets close
    at once, on every instance) or reactivate it. Its messages stay as they are."""
    target = await _target(session, actor, user_id)
    if disabled and target.is_admin:
        raise Forbidden("Site admins cannot be deactivated: change their role first")
    if target.is_disabled == disabled:
        return _admin_public(target, online=False)
    target.is_disabled = disabled
    session.add(target)
    if disabled:
        await auth.end_every_sign_in(session=session, user=target)
    audit.record(
        session,
        actor_id=actor.id,
        action="deactivate" if disabled else "reactivate",
        target_user_id=target.id,
    )
    await session.commit()
    assert target.id is not None
    if disabled:
        await publisher.publish(SessionsEnded(user_id=target.id, session_id=None))
    return _admin_public(target, online=False)


async def set_role(
    *, session: AsyncSession, publisher: Publisher, actor: User, user_id: int, role: Role
) -> AdminUserPublic:
    target = await _target(session, actor, user_id)
    previous = target.role
    demoted = target.is_admin and role is not Role.admin
    target.role = role.value
    session.add(target)
    audit.record(
        session,
        actor_id=actor.id,
        action="set_role",
        target_user_id=target.id,
        details={"from": previous, "to": role.value},
    )
    await session.commit()
    if demoted:
        assert target.id is not None
        # Their live view of private rooms they only read as an admin ends now.
        await publisher.publish(
            ReadAccessLost(
                user_id=target.id,
                room_ids=await _private_rooms_outside(session, target.id),
                reason="You are no longer a site admin",
            )
        )
    return _admin_public(target, online=False)


async def _private_rooms_outside(session: AsyncSession, user_id: int) -> tuple[int, ...]:
    theirs = select(Membership.room_id).where(Membership.user_id == user_id)
    statement = select(Room.id).where(col(Room.is_private).is_(True), col(Room.id).not_in(theirs))
    return tuple(room_id for room_id in (await session.exec(statement)).all() if room_id)


def _minute_bucket(dialect: str) -> object:
    # The one dialect-specific expression: truncate a timestamp to its minute.
    if dialect == "postgresql":
        return func.date_trunc("minute", Message.created_at)
    return func.strftime("%Y-%m-%d %H:%M:00", Message.created_at)


async def stats(*, session: AsyncSession, presence: PresenceReader, actor: User) -> AdminStats:
    access.require_site_admin(actor)
    since = utcnow() - timedelta(hours=1)
    dialect = session.get_bind().dialect.name
    bucket = _minute_bucket(dialect)
    per_minute = (
        await session.exec(
            select(bucket, func.count())  # type: ignore[call-overload]
            .where(col(Message.created_at) >= since)
            .group_by(bucket)
            .order_by(bucket)
        )
    ).all()
    busiest = (
        await session.exec(
            select(Room.id, Room.name, func.count(col(Message.id)))
            .join(Message, col(Message.room_id) == Room.id)
            .where(col(Message.created_at) >= since)
            .group_by(col(Room.id), col(Room.name))
            .order_by(func.count(col(Message.id)).desc())
            .limit(5)
        )
    ).all()
    total_users = (await session.exec(select(func.count()).select_from(User))).one()
    open_reports = (
        await session.exec(
            select(func.count()).select_from(Report).where(Report.status == ReportStatus.open.value)
        )
    ).one()
    return AdminStats(
        users_online=len(await presence.online_user_ids()),
        open_sockets=presence.connection_count(),
        total_users=int(total_users),
        open_reports=int(open_reports),
        messages_per_minute=[
            ActivityPoint(minute=_as_datetime(minute), messages=int(count))
            for minute, count in per_minute
        ],
        busiest_rooms=[
            BusyRoom(room_id=int(room_id or 0), name=name, messages=int(count))
            for room_id, name, count in busiest
        ],
    )


def _as_datetime(value: object) -> datetime:
    # SQLite returns the bucket as naive UTC text; PostgreSQL an aware datetime.
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
