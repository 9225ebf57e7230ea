"""The append-only audit log: written in the same transaction as the action it records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import aliased
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.models import AuditEntry, AuditPublic, Room, User
from parley.models.user import name_key
from parley.services import access
from parley.services.access import Action

SYSTEM = None  # actor_id of actions the system takes itself


def record(
    session: AsyncSession,
    *,
    actor_id: int | None,
    action: str,
    room_id: int | None = None,
    target_user_id: int | None = None,
    target_message_id: int | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            room_id=room_id,
            target_user_id=target_user_id,
            target_message_id=target_message_id,
            reason=reason,
            details=details or {},
        )
    )


async def list_entries(
    *,
    session: AsyncSession,
    user: User,
    room_id: int | None,
    actor_id: int | None = None,
    target_user_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: int | None = None,
    person: str | None = None,
    limit: int = 100,
) -> list[AuditPublic]:
    """Newest first: one room's trail for its managers, or (room_id None) every
    room's for site admins."""
    if room_id is None:
        access.require_site_admin(user)
    else:
        await access.require(session=session, user=user, room_id=room_id, action=Action.read_audit)
    target = aliased(User)
    statement = (
        select(AuditEntry, User, target, col(Room.name))
        .outerjoin(User, col(User.id) == AuditEntry.actor_id)
        .outerjoin(target, col(target.id) == AuditEntry.target_user_id)
        .outerjoin(Room, col(Room.id) == AuditEntry.room_id)
        .order_by(col(AuditEntry.id).desc())
        .limit(min(limit, 200))
    )
    if person:
        # By name: whoever acted or was acted on, by username or display name.
        needle = name_key(person.strip())
        statement = statement.where(
            or_(
                col(User.username).contains(needle, autoescape=True),
                col(User.display_name_key).contains(needle, autoescape=True),
                col(target.username).contains(needle, autoescape=True),
                col(target.display_name_key).contains(needle, autoescape=True),
            )
        )
    if room_id is not None:
        statement = statement.where(col(AuditEntry.room_id) == room_id)
    filters = {
        AuditEntry.actor_id: actor_id,
        AuditEntry.target_user_id: target_user_id,
        AuditEntry.action: action,
    }
    for column, value in filters.items():
        if value is not None:
            statement = statement.where(col(column) == value)
    if since is not None:
        statement = statement.where(col(AuditEntry.created_at) >= since)
    if until is not None:
        statement = statement.where(col(AuditEntry.created_at) < until)
    if before_id is not None:
        statement = statement.where(col(AuditEntry.id) < before_id)
    rows = (await session.exec(statement)).all()
    return [
        AuditPublic.model_validate(
            entry,
            update={
                "actor": actor.username if actor else None,
                "actor_name": _shown(actor),
                "target_name": _shown(target_user),
                "room_name": room_name,
            },
        )
        for entry, actor, target_user, room_name in rows
    ]


def _shown(user: User | None) -> str | None:
    return (user.display_name or user.username) if user is not None else None
