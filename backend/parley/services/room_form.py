"""A room's public form for one caller, built in one place."""

from __future__ import annotations

from collections.abc import Sequence

from parley.models import AuthorPublic, Membership, Room, RoomPublic
from parley.services import access
from parley.services.access import Action, Standing
from parley.services.notifications import settings_of
from parley.services.unread import NONE, Unread


def room_public_form(
    room: Room,
    membership: Membership | None,
    standing: Standing,
    member_count: int,
    direct_with: Sequence[AuthorPublic] = (),
    unread: Unread = NONE,
    open_reports: int = 0,
) -> RoomPublic:
    """The room as the caller sees it: their role, read position and allowed actions."""
    return RoomPublic.model_validate(
        room,
        update={
            "member_count": member_count,
            "my_role": membership.role if membership else None,
            "last_read_seq": membership.last_read_seq if membership else 0,
            "my_muted_until": membership.muted_until if membership else None,
            "my_actions": access.allowed(standing),
            "direct_with": list(direct_with),
            "kind": "dm" if room.is_direct else "room",
            "unread": unread.messages if membership else 0,
            "mentions": unread.mentions if membership else 0,
            "open_reports": open_reports if access.allows(standing, Action.read_reports) else 0,
            "notifications": settings_of(membership, is_direct=room.is_direct)
            if membership
            else None,
        },
    )
