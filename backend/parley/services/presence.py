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
    """Publish each (user_id, online) change, in order, to the rooms the user is in."""
    rooms = await room_ids_by_member(session=session, user_ids={user for user, _ in changes})
    for user_id, online in changes:
        await publisher.publish(
            PresenceChanged(user_id=user_id, online=online, room_ids=tuple(rooms.get(user_id, ())))
        )
