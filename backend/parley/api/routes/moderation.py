"""Room moderation, reports and the room's audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from parley.api.deps import CurrentUser, MessageId, PublisherDep, RoomId, SessionDep
from parley.api.errors import error_responses
from parley.models import (
    AuditPublic,
    ModerationRequest,
    ReportCreate,
    ReportPublic,
    ReportResolve,
    ReportStatus,
)
from parley.models.base import MAX_ID, CleanText
from parley.models.moderation import RoomBanPublic
from parley.services import audit, moderation, reports

router = APIRouter(
    prefix="/api", tags=["moderation"], responses=error_responses(401, 403, 404, 409, 422)
)
ReportId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.post("/rooms/{room_id}/moderation", status_code=status.HTTP_204_NO_CONTENT)
async def moderate_member(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    room_id: RoomId,
    request: ModerationRequest,
) -> None:
    await moderation.moderate(
        session=session, publisher=publisher, actor=user, room_id=room_id, request=request
    )


@router.post("/messages/{message_id}/report", status_code=status.HTTP_201_CREATED)
async def report_message(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    message_id: MessageId,
    report: ReportCreate,
) -> ReportPublic:
    """File a report; the room's moderators' sockets hear the new count (`reports`)."""
    return await reports.report_message(
        session=session,
        publisher=publisher,
        user=user,
        message_id=message_id,
        reason=report.reason,
    )


@router.get("/rooms/{room_id}/reports")
async def room_reports(
    session: SessionDep,
    user: CurrentUser,
    room_id: RoomId,
    report_status: Annotated[ReportStatus | None, Query(alias="status")] = None,
) -> list[ReportPublic]:
    return await reports.list_reports(
        session=session, user=user, room_id=room_id, status=report_status
    )


@router.post("/reports/{report_id}/resolve")
async def resolve_report(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    report_id: ReportId,
    resolution: ReportResolve,
) -> ReportPublic:
    return await reports.resolve_report(
        session=session,
        publisher=publisher,
        user=user,
        report_id=report_id,
        resolution=resolution,
    )


@router.get("/rooms/{room_id}/bans")
async def room_bans(session: SessionDep, user: CurrentUser, room_id: RoomId) -> list[RoomBanPublic]:
    """Who is banned from the room now (unban: POST …/moderation `unban`). Mutes show on
    the members list (`muted_until`)."""
    return await moderation.room_bans(session=session, user=user, room_id=room_id)


@router.get("/rooms/{room_id}/audit")
async def room_audit(
    session: SessionDep,
    user: CurrentUser,
    room_id: RoomId,
    before_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    person: Annotated[
        CleanText | None, Query(max_length=64, description="Part of the actor's or target's name")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> list[AuditPublic]:
    """Newest first; pages on with `before_id` (the last id received)."""
    return await audit.list_entries(
        session=session,
        user=user,
        room_id=room_id,
        before_id=before_id,
        person=person,
        limit=limit,
    )
