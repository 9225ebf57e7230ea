"""Site administration (site admins only; every check is in services.admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from parley.api.deps import (
    CurrentUser,
    PresenceDep,
    PublisherDep,
    SessionDep,
    SettingsDep,
    StoreDep,
)
from parley.api.errors import error_responses
from parley.models import (
    AdminBan,
    AdminStats,
    AdminUnban,
    AdminUserUpdate,
    AuditPublic,
    ReportPublic,
    ReportStatus,
)
from parley.models.auth import ResetLink
from parley.models.base import MAX_ID, CleanText, UtcInstant
from parley.models.invite import SiteSettings, SiteSettingsUpdate
from parley.models.user import AccountDeletion
from parley.services import (
    account_deletion,
    admin,
    audit,
    invites,
    password_resets,
    reports,
    users,
)
from parley.services.admin import AdminUserPublic

router = APIRouter(
    prefix="/api/admin", tags=["admin"], responses=error_responses(401, 403, 404, 409, 422)
)
UserId = Annotated[int, Path(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


@router.get("/stats")
async def read_stats(session: SessionDep, presence: PresenceDep, user: CurrentUser) -> AdminStats:
    return await admin.stats(session=session, presence=presence, actor=user)


@router.get("/users")
async def list_users(
    session: SessionDep,
    presence: PresenceDep,
    user: CurrentUser,
    q: Annotated[CleanText, Query(max_length=64)] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[
        int, Query(ge=0, le=users.PEOPLE_OFFSET_MAX, description="How many matches to skip")
    ] = 0,
) -> list[AdminUserPublic]:
    """Accounts by username, `q` matching username or display name as the people directory
    does. Pages on with `offset`; a page shorter than `limit` is the last."""
    return await admin.search_users(
        session=session, presence=presence, actor=user, query=q, limit=limit, offset=offset
    )


@router.post("/users/{user_id}/ban")
async def ban_user(
    session: SessionDep, publisher: PublisherDep, user: CurrentUser, user_id: UserId, ban: AdminBan
) -> AdminUserPublic:
    """Ban site-wide, until lifted or for `duration_seconds`."""
    return await admin.ban_user(
        session=session,
        publisher=publisher,
        actor=user,
        user_id=user_id,
        reason=ban.reason,
        duration_seconds=ban.duration_seconds,
    )


@router.post("/users/{user_id}/unban")
async def unban_user(
    session: SessionDep, user: CurrentUser, user_id: UserId, ban: AdminUnban
) -> AdminUserPublic:
    return await admin.unban_user(session=session, actor=user, user_id=user_id, reason=ban.reason)


@router.patch("/users/{user_id}")
async def update_user(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    user_id: UserId,
    update: AdminUserUpdate,
) -> AdminUserPublic:
    """Change a user's role, or deactivate (`is_disabled: true`) or reactivate them."""
    return await admin.update_user(
        session=session, publisher=publisher, actor=user, user_id=user_id, update=update
    )


@router.get("/reports")
async def all_reports(
    session: SessionDep,
    user: CurrentUser,
    report_status: Annotated[ReportStatus | None, Query(alias="status")] = None,
) -> list[ReportPublic]:
    return await reports.list_reports(
        session=session, user=user, room_id=None, status=report_status
    )


@router.get("/audit")
async def read_audit(
    session: SessionDep,
    user: CurrentUser,
    room_id: OptionalId = None,
    actor_id: OptionalId = None,
    target_user_id: OptionalId = None,
    action: Annotated[CleanText | None, Query(max_length=32)] = None,
    since: UtcInstant | None = None,
    until: UtcInstant | None = None,
    before_id: OptionalId = None,
    person: Annotated[
        CleanText | None, Query(max_length=64, description="Part of the actor's or target's name")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> list[AuditPublic]:
    return await audit.list_entries(
        session=session,
        user=user,
        room_id=room_id,
        actor_id=actor_id,
        target_user_id=target_user_id,
        action=action,
        since=since,
        until=until,
        before_id=before_id,
        person=person,
        limit=limit,
    )


@router.get("/settings")
async def read_settings(
    session: SessionDep, settings: SettingsDep, user: CurrentUser
) -> SiteSettings:
    """Site settings an admin changes at run time: who may sign up."""
    return await invites.site_settings(session=session, actor=user, default=settings.signup)


@router.patch("/settings")
async def change_settings(
    session: SessionDep, settings: SettingsDep, user: CurrentUser, update: SiteSettingsUpdate
) -> SiteSettings:
    """`signup`: open, invite (an invite link is needed) or closed (an admin's site
    invite only). Audited."""
    return await invites.update_site_settings(
        session=session, actor=user, update=update, default=settings.signup
    )


@router.post("/users/{user_id}/delete", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(
    session: SessionDep,
    publisher: PublisherDep,
    store: StoreDep,
    user: CurrentUser,
    user_id: UserId,
    request: AccountDeletion,
) -> None:
    """Delete an account (not an admin's): its messages kept under "Deleted user" or
    erased. Audited."""
    await account_deletion.delete_account(
        session=session,
        publisher=publisher,
        store=store,
        actor=user,
        user_id=user_id,
        request=request,
    )


@router.post("/users/{user_id}/reset-link", status_code=status.HTTP_201_CREATED)
async def issue_reset_link(session: SessionDep, user: CurrentUser, user_id: UserId) -> ResetLink:
    """A one-time link (24 hours) for the user to set a new password: shown this once,
    for the admin to hand over. Audited."""
    return await password_resets.issue_reset_link(session=session, actor=user, user_id=user_id)
