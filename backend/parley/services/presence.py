"""Typing notices and presence changes: checked like any other action, never stored."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from parley.events import PresenceChanged, Publisher, Typing
from parley.models import User
from parley.services import access
from parley.services.access import Action
from parley.services.rooms import room_ids_by_member


async def announce_typing(
    *, session: AsyncSession, publisher: Publisher, user: User, room_id: int
) -> None:
    # Typing is about to post: a muted member's or a locked room's notices go nowhere.
    await access.require(session=session, user=user, room_id=room_id, action=Action.typing)
    assert user.id is not None
    await publisher.publish(
        Typing(room_id=room_id, user_id=user.id, display_name=user.display_name)
    )


async def announce_presence(
    *, session: AsyncSession, publisher: Publisher, changes: Sequence[tuple[int, bool]]
) -> None:
    """Publish (user_id, online) changes to the rooms the users are in: one event per
    room, listing who came and who went (a user's last change in `changes` counts)."""
    latest = dict(changes)
    rooms = await room_ids_by_member(session=session, user_ids=set(latest))
    by_room: dict[int, tuple[list[int], list[int]]] = {}
    for user_id, online in latest.items():
        for room_id in rooms.get(user_id, ()):
            came, went = by_room.setdefault(room_id, ([], []))
            (came if online else went).append(user_id)
    for room_id, (came, went) in sorted(by_room.items()):
        await publisher.publish(
            PresenceChanged(room_id=room_id, online=tuple(came), offline=tuple(went))
        )
