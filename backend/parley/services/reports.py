"""Reports: members flag messages; the room's moderators and site admins work the queue."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import aliased
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Conflict, Invalid, NotFound
from parley.events import Publisher, ReportsChanged
from parley.models import (
    Message,
    Report,
    ReportPublic,
    ReportResolve,
    ReportStatus,
    Room,
    User,
)
from parley.models.base import utcnow
from parley.services import access, audit
from parley.services.access import Action


async def open_report_counts(*, session: AsyncSession, room_ids: Sequence[int]) -> dict[int, int]:
    """Each room's open reports (absent: none), for the room list of its moderators."""
    if not room_ids:
        return {}
    statement = (
        select(Report.room_id, func.count())
        .where(col(Report.room_id).in_(list(room_ids)), Report.status == ReportStatus.open.value)
        .group_by(col(Report.room_id))
    )
    return dict((await session.exec(statement)).all())


async def _announce(session: AsyncSession, publisher: Publisher, room_id: int) -> None:
    """The room's open reports now, to the sockets of whoever works its queue."""
    watchers = await access.report_watchers(session=session, room_id=room_id)
    if not watchers:
        return
    counts = await open_report_counts(session=session, room_ids=[room_id])
    await publisher.publish(
        ReportsChanged(room_id=room_id, open_reports=counts.get(room_id, 0), watcher_ids=watchers)
    )


async def report_message(
    *, session: AsyncSession, publisher: Publisher, user: User, message_id: int, reason: str
) -> ReportPublic:
    message = await session.get(Message, message_id)
    if message is None:
        raise NotFound("Message not found")
    try:
        await access.require(
            session=session, user=user, room_id=message.room_id, action=Action.report
        )
    except NotFound as exc:
        raise NotFound("Message not found") from exc
    if message.author_id == user.id:
        raise Invalid("You cannot report your own message", field="message_id")
    duplicate = (
        await session.exec(
            select(Report.id).where(
                Report.message_id == message_id,
                Report.reporter_id == user.id,
                Report.status == ReportStatus.open.value,
            )
        )
    ).first()
    if duplicate is not None:
        raise Conflict("You already reported this message")
    assert user.id is not None
    report = Report(
        room_id=message.room_id, message_id=message_id, reporter_id=user.id, reason=reason
    )
    session.add(report)
    await session.commit()
    assert report.id is not None
    public = (await _public_reports(session, select_ids=[report.id]))[0]
    await _announce(session, publisher, report.room_id)
    return public


async def list_reports(
    *, session: AsyncSession, user: User, room_id: int | None, status: ReportStatus | None
) -> list[ReportPublic]:
    """A room's queue for its moderators; every room's for site admins (room_id None)."""
    if room_id is not None:
        await access.require(
            session=session, user=user, room_id=room_id, action=Action.read_reports
        )
    else:
        access.require_site_admin(user)
    return await _public_reports(session, room_id=room_id, status=status)


async def resolve_report(
    *,
    session: AsyncSession,
    publisher: Publisher,
    user: User,
    report_id: int,
    resolution: ReportResolve,
) -> ReportPublic:
    if resolution.status is ReportStatus.open:
        raise Invalid("Resolve or dismiss a report", field="status")
    report = await session.get(Report, report_id)
    if report is None:
        raise NotFound("Report not found")
    # Site admins work every report of the site queue, direct messages' included (they
    # cannot read those conversations: the report carries the reported message).
    if not user.is_admin:
        try:
            await access.require(
                session=session, user=user, room_id=report.room_id, action=Action.read_reports
            )
        except NotFound as exc:
            raise NotFound("Report not found") from exc
    was_open = report.status == ReportStatus.open.value
    report.status = resolution.status.value
    report.resolved_by = user.id
    report.resolved_at = utcnow()
    report.resolution_note = resolution.note
    session.add(report)
    audit.record(
        session,
        actor_id=user.id,
        action=f"{'resolve' if resolution.status is ReportStatus.resolved else 'dismiss'}_report",
        room_id=report.room_id,
        target_message_id=report.message_id,
        reason=resolution.note,
        details={"report_id": report.id},
    )
    await session.commit()
    public = (await _public_reports(session, select_ids=[report_id]))[0]
    if was_open:
        await _announce(session, publisher, public.room_id)
    return public


async def _public_reports(
    session: AsyncSession,
    *,
    room_id: int | None = None,
    status: ReportStatus | None = None,
    select_ids: list[int] | None = None,
) -> list[ReportPublic]:
    author = aliased(User)
    reporter = aliased(User)
    statement = (
        select(
            Report, col(Room.name), col(Room.is_direct), Message, author.username, reporter.username
        )  # type: ignore[call-overload]
        .join(Room, col(Room.id) == Report.room_id)
        .join(Message, col(Message.id) == Report.message_id)
        .join(author, author.id == Message.author_id)
        .join(reporter, reporter.id == Report.reporter_id)
        .order_by(col(Report.id).desc())
        .limit(200)
    )
    if room_id is not None:
        statement = statement.where(Report.room_id == room_id)
    if status is not None:
        statement = statement.where(Report.status == status.value)
    if select_ids is not None:
        statement = statement.where(col(Report.id).in_(select_ids))
    rows = (await session.exec(statement)).all()
    return [
        ReportPublic(
            id=report.id or 0,
            room_id=report.room_id,
            room_name=room_name,
            room_kind="dm" if is_direct else "room",
            message_id=report.message_id,
            message_body=message.body,
            message_author=author_name,
            reporter=reporter_name,
            reason=report.reason,
            status=ReportStatus(report.status),
            created_at=report.created_at,
            resolved_at=report.resolved_at,
            resolution_note=report.resolution_note,
        )
        for report, room_name, is_direct, message, author_name, reporter_name in rows
    ]
