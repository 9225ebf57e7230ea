"""The permission matrix (docs/moderation.md), decided here and nowhere else.

Ranks: member 0 < moderator 1 < owner 2 < site admin 3. An action needs a minimum rank,
and moderation can only reach people ranked strictly below the actor.
"""

from __future__ import annotations

from parley.errors import Forbidden
from parley.models import Membership, ModerationAction, RoomRole, User

RANK = {RoomRole.member.value: 0, RoomRole.moderator.value: 1, RoomRole.owner.value: 2}
ADMIN_RANK = 3
NOT_A_MEMBER = -1

REQUIRED_RANK = {
    ModerationAction.mute: 1,
    ModerationAction.unmute: 1,
    ModerationAction.kick: 1,
    ModerationAction.ban: 1,
    ModerationAction.unban: 1,
    ModerationAction.promote: 2,
    ModerationAction.demote: 2,
}
# Room-level actions outside the member menu, with the rank they need.
ROOM_ACTION_RANK = {
    "delete_any_message": 1,
    "lock": 1,
    "slow_mode": 1,
    "invite": 1,
    "edit_room": 1,
    "read_reports": 1,
    "read_audit": 1,
    "delete_room": 2,
}


def rank_of(user: User, membership: Membership | None) -> int:
    if user.is_admin:
        return ADMIN_RANK
    return RANK[membership.role] if membership is not None else NOT_A_MEMBER


def require_room_rank(user: User, membership: Membership | None, action: str) -> None:
    if rank_of(user, membership) < ROOM_ACTION_RANK[action]:
        raise Forbidden("You are not allowed to do this in this room")


def check_moderation(
    *,
    action: ModerationAction,
    actor: User,
    actor_membership: Membership | None,
    target: User,
    target_membership: Membership | None,
) -> None:
    if target.id == actor.id:
        raise Forbidden("You cannot moderate yourself")
    if target.is_admin:
        raise Forbidden("Site admins cannot be moderated in rooms")
    actor_rank = rank_of(actor, actor_membership)
    if actor_rank < REQUIRED_RANK[action]:
        raise Forbidden("You are not allowed to do this in this room")
    target_rank = RANK[target_membership.role] if target_membership is not None else 0
    if target_rank >= actor_rank:
        raise Forbidden("You can only act on members ranked below you")
