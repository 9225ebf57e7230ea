"""What of a room notifies each member: their level (all / mentions / nothing), mute,
and who a new message should reach as a notification.

A member who never chose gets the default for the kind of room: every message of a
direct message is for its people, elsewhere only what names them or calls the room.
Muted means nothing notifies, whatever the level. The unread counts are separate
(services.unread): a muted room still counts, it just does not call out.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.events import NotificationsChanged, Publisher
from parley.models import (
    Membership,
    MessagePublic,
    NotificationSettings,
    NotificationUpdate,
    NotifyLevel,
    User,
)
from parley.services import access
from parley.services.access import Action


def default_level(*, is_direct: bool) -> NotifyLevel:
    return NotifyLevel.all if is_direct else NotifyLevel.mentions


def settings_of(membership: Membership, *, is_direct: bool) -> NotificationSettings:
    chosen = membership.notify_level
    return NotificationSettings(
        level=NotifyLevel(chosen) if chosen else default_level(is_direct=is_direct),
        muted=membership.notify_muted,
        is_default=chosen is None,
    )


async def set_room_notifications(
    *,
    session: AsyncSession,
    publisher: Publisher,
    user: User,
    room_id: int,
    update: NotificationUpdate,
) -> NotificationSettings:
    room, membership, _standing = await access.require_room(
        session=session, user=user, room_id=room_id, action=Action.set_notifications
    )
    assert membership is not None and user.id is not None
    membership.notify_level = update.level.value if update.level is not None else None
    membership.notify_muted = update.muted
    session.add(membership)
    await session.commit()
    chosen = settings_of(membership, is_direct=room.is_direct)
    await publisher.publish(NotificationsChanged(user_id=user.id, room_id=room_id, settings=chosen))
    return chosen


def wants(settings: NotificationSettings, message: MessagePublic, user_id: int) -> bool:
    """Would this member be notified of `message` (not their own, not a tombstone)?"""
    if settings.muted or message.author.id == user_id or message.deleted_at is not None:
        return False
    if settings.level is NotifyLevel.all:
        return True
    if settings.level is NotifyLevel.mentions:
        return message.mentions_room or user_id in message.mentions
    return False


async def recipients(
    *, session: AsyncSession, message: MessagePublic, is_direct: bool, online: Collection[int]
) -> list[int]:
    """The members with no socket open (not in `online`) whom `message` should notify,
    by their settings: one query of the room's memberships."""
    statement = select(Membership).where(col(Membership.room_id) == message.room_id)
    members = (await session.exec(statement)).all()
    return sorted(
        member.user_id
        for member in members
        if member.user_id not in online
        and wants(settings_of(member, is_direct=is_direct), message, member.user_id)
    )
