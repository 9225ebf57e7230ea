"""Who may do what in a room: one standing query, one table of actions to rules.

Every authorization decision about a room is asked here, by REST routes and socket
frames alike, through `require` (or `check` on a standing already read). `allowed`
answers from the same table for the client (RoomPublic.my_actions), so the UI shows
exactly what the server would accept. docs/moderation.md has the table in prose.

A standing is the user's site role (from the authenticated user) and, from one
prebuilt statement, the room's kind (private, locked, slow mode), the membership's
role and mute, and the room ban and kick markers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import and_, bindparam, exists
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select as ModelSelect

from parley.errors import (
    Banned,
    Conflict,
    DomainError,
    Forbidden,
    Kicked,
    Locked,
    Muted,
    NotFound,
)
from parley.models import (
    Membership,
    ModerationAction,
    Role,
    Room,
    RoomBan,
    RoomKick,
    RoomRole,
    User,
)
from parley.models.base import UTCDateTime, utcnow


class Action(StrEnum):
    read = "read"  # the room, its history, files, members and live stream (preview too)
    join_room = "join"
    leave_room = "leave"
    post = "post"  # send messages and files
    mention_room = "mention_room"  # call everyone in the room with <!room>
    react = "react"  # add and remove emoji reactions
    typing = "typing"
    edit_own = "edit_own"
    delete_own = "delete_own"
    report = "report"
    mark_read = "mark_read"
    # see the read positions of the others (receipts are opt-in on top: services.receipts)
    read_receipts = "read_receipts"
    # put a message on the room's pinned list, or take it off
    pin = "pin"
    # choose what of the room notifies me (one's own setting: members only)
    set_notifications = "set_notifications"
    delete_any = "delete_any"
    moderate = "moderate"  # mute, unmute, kick, ban, unban members ranked below you
    promote = "promote"  # promote members, demote moderators
    lock = "lock"
    slow_mode = "slow_mode"
    bypass_slow_mode = "bypass_slow_mode"
    edit_room = "edit_room"  # name, topic, privacy
    invite = "invite"
    read_reports = "read_reports"
    read_audit = "read_audit"
    delete_room = "delete_room"


# Ranks: member 0 < moderator 1 < owner 2 < site admin 3. Moderation reaches only
# people ranked strictly below the actor.
RANK = {RoomRole.member.value: 0, RoomRole.moderator.value: 1, RoomRole.owner.value: 2}
ADMIN_RANK = 3
NOT_A_MEMBER = -1
MODERATOR_RANK = 1
OWNER_RANK = 2


@dataclass(frozen=True, slots=True)
class Standing:
    """One user's standing in one room, as plain values."""

    room_id: int
    user_id: int
    is_admin: bool
    is_private: bool
    locked: bool
    slow_mode_seconds: int
    role: str | None
    muted_until: datetime | None
    banned: bool
    kicked: bool
    is_direct: bool = False

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def rank(self) -> int:
        if self.is_admin:
            return ADMIN_RANK
        return RANK[self.role] if self.role is not None else NOT_A_MEMBER

    @property
    def manages(self) -> bool:
        return self.rank >= MODERATOR_RANK

    def muted_at(self, now: datetime) -> bool:
        return self.muted_until is not None and self.muted_until > now


Rule = Callable[[Standing, datetime], DomainError | None]


def _visible(s: Standing, _now: datetime) -> DomainError | None:
    if s.is_member:
        return None
    if s.is_direct:
        # Direct messages are their people's alone: site admins see nothing of them either.
        return NotFound("Room not found")
    if s.is_admin:
        return None
    if s.is_private:
        # The same answer as for a missing room: outsiders learn nothing of it.
        return NotFound("Room not found")
    if s.banned:
        return Banned("You are banned from this room")
    return None


def _readable(s: Standing, now: datetime) -> DomainError | None:
    if refusal := _visible(s, now):
        return refusal
    if s.kicked and not (s.is_admin or s.is_member):
        return Kicked("You were removed from this room: join it again to read it")
    return None


def _member(s: Standing, now: datetime) -> DomainError | None:
    if refusal := _readable(s, now):
        return refusal
    return None if s.is_member else Forbidden("Join the room first")


def _may_post(s: Standing, now: datetime) -> DomainError | None:
    if refusal := _member(s, now):
        return refusal
    if s.locked and not s.manages:
        return Locked("This room is locked: only moderators can post")
    if s.muted_at(now):
        assert s.muted_until is not None
        return Muted(f"You are muted until {s.muted_until.isoformat()}")
    return None


def _may_join(s: Standing, now: datetime) -> DomainError | None:
    # A kicked user may come back: joining is what ends the kick.
    if refusal := _visible(s, now):
        return refusal
    return Forbidden("Already a member") if s.is_member else None


def _may_leave(s: Standing, now: datetime) -> DomainError | None:
    if refusal := _member(s, now):
        return refusal
    if s.role == RoomRole.owner.value:
        return Conflict("The owner cannot leave the room; delete it instead")
    return None


def _ranked(minimum: int, detail: str) -> Rule:
    def rule(s: Standing, now: datetime) -> DomainError | None:
        if refusal := _readable(s, now):
            return refusal
        return None if s.rank >= minimum else Forbidden(detail)

    return rule


_MANAGERS_ONLY = _ranked(MODERATOR_RANK, "Only the room's owner or moderators may do this")
_OWNER_ONLY = _ranked(OWNER_RANK, "Only the room's owner or a site admin may do this")


def _not_direct(rule: Rule) -> Rule:
    """A room-only action: a direct message has a fixed set of equals, nobody to manage."""

    def guarded(s: Standing, now: datetime) -> DomainError | None:
        if not s.is_direct:
            return rule(s, now)
        return _visible(s, now) or Forbidden("Not in a direct message")

    return guarded


def _members_in_direct(rule: Rule) -> Rule:
    """Managed in a room, shared in a direct message: its people are equals."""

    def shared(s: Standing, now: datetime) -> DomainError | None:
        return _member(s, now) if s.is_direct else rule(s, now)

    return shared


RULES: Mapping[Action, Rule] = {
    Action.read: _readable,
    Action.join_room: _not_direct(_may_join),
    Action.leave_room: _not_direct(_may_leave),
    Action.post: _may_post,
    Action.typing: _may_post,
    Action.mention_room: _not_direct(_MANAGERS_ONLY),
    Action.react: _may_post,
    Action.edit_own: _may_post,
    Action.delete_own: _readable,
    Action.report: _member,
    Action.mark_read: _member,
    Action.read_receipts: _member,
    Action.pin: _members_in_direct(_MANAGERS_ONLY),
    Action.set_notifications: _member,
    Action.delete_any: _not_direct(_MANAGERS_ONLY),
    Action.moderate: _not_direct(_MANAGERS_ONLY),
    Action.promote: _not_direct(_OWNER_ONLY),
    Action.lock: _not_direct(_MANAGERS_ONLY),
    Action.slow_mode: _not_direct(_MANAGERS_ONLY),
    Action.bypass_slow_mode: _not_direct(_MANAGERS_ONLY),
    Action.edit_room: _not_direct(_MANAGERS_ONLY),
    Action.invite: _not_direct(_MANAGERS_ONLY),
    Action.read_reports: _not_direct(_MANAGERS_ONLY),
    Action.read_audit: _not_direct(_MANAGERS_ONLY),
    Action.delete_room: _not_direct(_OWNER_ONLY),
}
assert set(RULES) == set(Action), "every action has exactly one rule"

MODERATION_RULE: Mapping[ModerationAction, Action] = {
    ModerationAction.mute: Action.moderate,
    ModerationAction.unmute: Action.moderate,
    ModerationAction.kick: Action.moderate,
    ModerationAction.ban: Action.moderate,
    ModerationAction.unban: Action.moderate,
    ModerationAction.promote: Action.promote,
    ModerationAction.demote: Action.promote,
}


def check(standing: Standing, action: Action, *, now: datetime | None = None) -> None:
    """Raise the rule's refusal (NotFound, Banned, Forbidden, Locked, Muted...)."""
    if refusal := RULES[action](standing, now or utcnow()):
        raise refusal


def allows(standing: Standing, action: Action, *, now: datetime | None = None) -> bool:
    return RULES[action](standing, now or utcnow()) is None


def allowed(standing: Standing, *, now: datetime | None = None) -> list[str]:
    """Every action the table grants: what RoomPublic.my_actions carries."""
    moment = now or utcnow()
    return [action.value for action, rule in RULES.items() if rule(standing, moment) is None]


def check_on_message(
    standing: Standing, *, is_author: bool, own: Action, others: Action | None
) -> None:
    """An action on one message: `own` for its author, `others` (if any) for anyone else."""
    if is_author:
        check(standing, own)
    elif others is None:
        raise Forbidden("You can only do this to your own messages")
    else:
        check(standing, others)


def require_site_admin(user: User) -> None:
    """The site's own actions (users, every room's reports, the full audit log)."""
    if not user.is_admin:
        raise Forbidden("Site admins only")


def check_moderation(
    *, action: ModerationAction, actor: Standing, target: User, target_role: str | None
) -> None:
    """The actor's rule from the table, then the target's side: strictly below the
    actor, and promote/demote only between member and moderator."""
    check(actor, MODERATION_RULE[action])
    if target.id == actor.user_id:
        raise Forbidden("You cannot moderate yourself")
    if target.is_admin:
        raise Forbidden("Site admins cannot be moderated in rooms")
    target_rank = RANK[target_role] if target_role is not None else 0
    if target_rank >= actor.rank:
        raise Forbidden("You can only act on members ranked below you")
    if action is ModerationAction.promote and target_role != RoomRole.member.value:
        raise Forbidden("Only members can be promoted to moderator")
    if action is ModerationAction.demote and target_role != RoomRole.moderator.value:
        raise Forbidden("Only moderators can be demoted")


def moderation_actions(
    actor: Standing, *, target: User, target_role: str, target_muted: bool
) -> list[str]:
    """What the actor may do to this member, in menu order (MemberPublic.my_actions)."""
    offered = [
        ModerationAction.unmute if target_muted else ModerationAction.mute,
        ModerationAction.kick,
        ModerationAction.ban,
        ModerationAction.promote,
        ModerationAction.demote,
    ]
    allowed_here: list[str] = []
    for action in offered:
        try:
            check_moderation(action=action, actor=actor, target=target, target_role=target_role)
        except Forbidden:
            continue
        allowed_here.append(action.value)
    return allowed_here


# -- the standing query ----------------------------------------------------------------
# Statements built once: their cache keys are then computed once, not per send or join.
_USER = bindparam("user_id", type_=sa.Integer)
# The moment a statement runs, taken when it is executed (prebuilt statements stay valid).
_NOW = bindparam("now", type_=UTCDateTime(), callable_=utcnow)


def ban_in_force(room_id: Any, user_id: Any) -> sa.ColumnElement[bool]:
    """The one rule of a room ban, as SQL: a ban row of that room and user that is not
    past its time. A lapsed row is simply ignored (and replaced by the next ban)."""
    return and_(
        col(RoomBan.room_id) == room_id,
        col(RoomBan.user_id) == user_id,
        sa.or_(col(RoomBan.expires_at).is_(None), col(RoomBan.expires_at) > _NOW),
    )


_BANNED = exists().where(ban_in_force(Room.id, _USER))
_KICKED = exists().where(col(RoomKick.room_id) == Room.id, col(RoomKick.user_id) == _USER)
_MEMBERSHIP = and_(col(Membership.room_id) == Room.id, col(Membership.user_id) == _USER)
STANDING_COLUMNS = (
    col(Room.is_private),
    col(Room.is_direct),
    col(Room.locked),
    col(Room.slow_mode_seconds),
    col(Membership.role),
    col(Membership.muted_until),
    _BANNED.label("banned"),
    _KICKED.label("kicked"),
)
_STANDING: sa.Select[*tuple[Any, ...]] = (
    sa.select(col(Room.id), *STANDING_COLUMNS)
    .outerjoin(Membership, _MEMBERSHIP)
    .where(col(Room.id) == bindparam("room_id"))
)


def standing_from_row(row: Any, *, room_id: int, user_id: int, is_admin: bool) -> Standing:
    """A standing from STANDING_COLUMNS, read by name wherever a query selects them (or
    from anything with those names as attributes)."""
    return Standing(
        room_id=room_id,
        user_id=user_id,
        is_admin=is_admin,
        is_private=bool(row.is_private),
        locked=bool(row.locked),
        slow_mode_seconds=int(row.slow_mode_seconds or 0),
        role=row.role,
        muted_until=row.muted_until,
        banned=bool(row.banned),
        kicked=bool(row.kicked),
        is_direct=bool(row.is_direct),
    )


async def standing(*, session: AsyncSession, user: User, room_id: int) -> Standing:
    connection = await session.connection()
    row = (await connection.execute(_STANDING, {"room_id": room_id, "user_id": user.id})).first()
    if row is None:
        raise NotFound("Room not found")
    assert user.id is not None
    return standing_from_row(row, room_id=room_id, user_id=user.id, is_admin=user.is_admin)


_STANDINGS: sa.Select[*tuple[Any, ...]] = (
    sa.select(col(Room.id), *STANDING_COLUMNS)
    .outerjoin(Membership, _MEMBERSHIP)
    .where(col(Room.id).in_(bindparam("room_ids", expanding=True)))
)


async def require_each(
    *, session: AsyncSession, user: User, room_ids: Sequence[int], action: Action
) -> dict[int, Standing | DomainError]:
    """`require` for many rooms in one query: each room's standing, or the refusal that
    `require` would have raised for it."""
    assert user.id is not None
    connection = await session.connection()
    params = {"room_ids": list(set(room_ids)), "user_id": user.id}
    rows = {row.id: row for row in await connection.execute(_STANDINGS, params)}
    outcomes: dict[int, Standing | DomainError] = {}
    for room_id in room_ids:
        row = rows.get(room_id)
        if row is None:
            outcomes[room_id] = NotFound("Room not found")
            continue
        found = standing_from_row(row, room_id=room_id, user_id=user.id, is_admin=user.is_admin)
        outcomes[room_id] = await _outcome(session, found, action)
    return outcomes


async def _outcome(
    session: AsyncSession, found: Standing, action: Action
) -> Standing | DomainError:
    """`found` if the table grants `action`, else the refusal `require` would raise."""
    try:
        await check_explained(session, found, action)
    except DomainError as refused:
        return refused
    return found


# The same columns for many users at once (joins arriving together), in four plain
# reads whatever their number: a query per user costs more than its rows.
_IN_ROOMS: sa.BindParameter[Any] = bindparam("room_ids", expanding=True)
_OF_USERS: sa.BindParameter[Any] = bindparam("user_ids", expanding=True)
_ROOMS_OF = sa.select(
    col(Room.id),
    col(Room.is_private),
    col(Room.is_direct),
    col(Room.locked),
    col(Room.slow_mode_seconds),
).where(col(Room.id).in_(_IN_ROOMS))
_MEMBERSHIPS_OF = sa.select(
    col(Membership.room_id),
    col(Membership.user_id),
    col(Membership.role),
    col(Membership.muted_until),
).where(col(Membership.room_id).in_(_IN_ROOMS), col(Membership.user_id).in_(_OF_USERS))
_BANS_OF = sa.select(col(RoomBan.room_id), col(RoomBan.user_id)).where(
    ban_in_force(RoomBan.room_id, RoomBan.user_id),
    col(RoomBan.room_id).in_(_IN_ROOMS),
    col(RoomBan.user_id).in_(_OF_USERS),
)
_KICKS_OF = sa.select(col(RoomKick.room_id), col(RoomKick.user_id)).where(
    col(RoomKick.room_id).in_(_IN_ROOMS), col(RoomKick.user_id).in_(_OF_USERS)
)


@dataclass(frozen=True)
class _StandingRow:
    """What STANDING_COLUMNS reads, put together from require_each_of_many's reads."""

    is_private: bool
    is_direct: bool
    locked: bool
    slow_mode_seconds: int | None
    role: str | None
    muted_until: datetime | None
    banned: bool
    kicked: bool


async def require_each_of_many(
    *, session: AsyncSession, requests: Sequence[tuple[User, Sequence[int]]], action: Action
) -> list[dict[int, Standing | DomainError]]:
    """`require_each` for many users at once, each with their rooms: the same outcomes
    (tests compare them), in four queries whatever the number of users."""
    room_ids = list({room_id for _user, rooms in requests for room_id in rooms})
    user_ids = list({user.id for user, _rooms in requests})
    connection = await session.connection()
    params = {"room_ids": room_ids, "user_ids": user_ids}
    rooms = {row.id: row for row in await connection.execute(_ROOMS_OF, params)}
    members = {
        (row.room_id, row.user_id): row for row in await connection.execute(_MEMBERSHIPS_OF, params)
    }
    banned = {(row.room_id, row.user_id) for row in await connection.execute(_BANS_OF, params)}
    kicked = {(row.room_id, row.user_id) for row in await connection.execute(_KICKS_OF, params)}
    results: list[dict[int, Standing | DomainError]] = []
    for user, wanted in requests:
        assert user.id is not None
        outcomes: dict[int, Standing | DomainError] = {}
        for room_id in wanted:
            room = rooms.get(room_id)
            if room is None:
                outcomes[room_id] = NotFound("Room not found")
                continue
            membership = members.get((room_id, user.id))
            row = _StandingRow(
                is_private=room.is_private,
                is_direct=room.is_direct,
                locked=room.locked,
                slow_mode_seconds=room.slow_mode_seconds,
                role=membership.role if membership is not None else None,
                muted_until=membership.muted_until if membership is not None else None,
                banned=(room_id, user.id) in banned,
                kicked=(room_id, user.id) in kicked,
            )
            found = standing_from_row(row, room_id=room_id, user_id=user.id, is_admin=user.is_admin)
            outcomes[room_id] = await _outcome(session, found, action)
        results.append(outcomes)
    return results


async def require(*, session: AsyncSession, user: User, room_id: int, action: Action) -> Standing:
    """The one call: the user's standing in the room, if the table grants `action`."""
    found = await standing(session=session, user=user, room_id=room_id)
    await check_explained(session, found, action)
    return found


async def check_explained(session: AsyncSession, found: Standing, action: Action) -> None:
    """`check`, with what a refusal needs from the database to explain itself."""
    try:
        check(found, action)
    except Banned as exc:
        # With the ban's reason and end: a reloaded page has nowhere else to learn them.
        # Looked up only on this (rare) path.
        ban = await room_ban(session=session, room_id=found.room_id, user_id=found.user_id)
        detail = banned_detail(exc.detail, ban.expires_at if ban else None)
        raise Banned(detail, reason=ban.reason if ban else "") from None


def banned_detail(detail: str, until: datetime | None) -> str:
    """A ban's refusal, saying until when if it is timed."""
    return f"{detail} until {until.isoformat()}" if until is not None else detail


async def room_ban(*, session: AsyncSession, room_id: int, user_id: int) -> RoomBan | None:
    """The user's ban from the room that is in force now, if any."""
    statement = select(RoomBan).where(ban_in_force(room_id, user_id))
    return (await session.exec(statement)).first()


async def get_membership(*, session: AsyncSession, room_id: int, user_id: int) -> Membership | None:
    statement = select(Membership).where(
        Membership.room_id == room_id, Membership.user_id == user_id
    )
    return (await session.exec(statement)).first()


# -- rooms with the caller's standing, for the room payloads ------------------------------
_ROOM_WITH_STANDING = (
    select(Room, Membership, _BANNED.label("banned"), _KICKED.label("kicked"))
    .outerjoin(Membership, _MEMBERSHIP)
    .where(col(Room.id) == bindparam("room_id"))
)


def standing_of(
    user: User, room: Room, membership: Membership | None, *, banned: bool, kicked: bool
) -> Standing:
    assert user.id is not None and room.id is not None
    return Standing(
        room_id=room.id,
        user_id=user.id,
        is_admin=user.is_admin,
        is_private=room.is_private,
        locked=room.locked,
        slow_mode_seconds=room.slow_mode_seconds,
        role=membership.role if membership else None,
        muted_until=membership.muted_until if membership else None,
        banned=banned,
        kicked=kicked,
        is_direct=room.is_direct,
    )


async def room_and_standing(
    *, session: AsyncSession, user: User, room_id: int
) -> tuple[Room, Membership | None, Standing]:
    """The room and membership rows with the user's standing, not yet checked."""
    params = {"room_id": room_id, "user_id": user.id}
    row = (await session.exec(_ROOM_WITH_STANDING, params=params)).first()
    if row is None:
        raise NotFound("Room not found")
    room, membership, banned, kicked = row
    return (
        room,
        membership,
        standing_of(user, room, membership, banned=bool(banned), kicked=bool(kicked)),
    )


async def require_room(
    *, session: AsyncSession, user: User, room_id: int, action: Action
) -> tuple[Room, Membership | None, Standing]:
    """`require`, for services that change the room or membership rows themselves."""
    room, membership, found = await room_and_standing(session=session, user=user, room_id=room_id)
    await check_explained(session, found, action)
    return room, membership, found


def listed_rooms_statement(user: User) -> ModelSelect[Room, Membership, bool, bool]:
    """Public rooms and the private rooms the user belongs to, with the user's standing;
    for a site admin every private room too (they may read them: _visible), never
    other people's DMs.

    Unordered: the caller narrows and orders it (services.rooms.list_rooms pages it).
    """
    outside = sa.not_(col(Room.is_private))
    if user.is_admin:
        outside = sa.or_(outside, sa.not_(col(Room.is_direct)))
    return (
        select(Room, Membership, _BANNED.label("banned"), _KICKED.label("kicked"))
        .outerjoin(Membership, _MEMBERSHIP)
        .where(sa.or_(outside, col(Membership.id).is_not(None)))
        .params(user_id=user.id)
    )


async def report_watchers(*, session: AsyncSession, room_id: int) -> tuple[int, ...]:
    """Who may work the room's reports (`Action.read_reports`'s rule as one query): its
    owner and moderators and every site admin; nobody for a direct message."""
    managers = (
        sa.select(col(Membership.user_id))
        .join(Room, col(Room.id) == col(Membership.room_id))
        .where(
            col(Membership.room_id) == room_id,
            sa.not_(col(Room.is_direct)),
            col(Membership.role).in_([RoomRole.owner.value, RoomRole.moderator.value]),
        )
    )
    admins = (
        sa.select(col(User.id))
        .where(col(User.role) == Role.admin.value)
        .where(exists().where(col(Room.id) == room_id, sa.not_(col(Room.is_direct))))
    )
    connection = await session.connection()
    rows = (await connection.execute(sa.union(managers, admins))).scalars().all()
    return tuple(sorted(int(user_id) for user_id in rows))


def readable_rooms_statement(user: User) -> sa.Select[*tuple[Any, ...]]:
    """(id, name, is_direct) of every room the user may read now: `Action.read`'s rule
    (_readable) as one query, for reading across rooms (search). A member reads their
    rooms; outside them, a site admin reads every room but DMs, anyone else the public
    rooms they are neither banned from nor kicked out of."""
    outsider_reads = sa.or_(
        sa.true() if user.is_admin else sa.false(),
        and_(sa.not_(col(Room.is_private)), sa.not_(_BANNED), sa.not_(_KICKED)),
    )
    return (
        sa.select(col(Room.id), col(Room.name), col(Room.is_direct))
        .outerjoin(Membership, _MEMBERSHIP)
        .where(
            sa.or_(
                col(Membership.id).is_not(None),
                and_(sa.not_(col(Room.is_direct)), outsider_reads),
            )
        )
        .params(user_id=user.id)
    )
