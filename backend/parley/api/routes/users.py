"""The signed-in user's own account, and the people directory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from parley.api.deps import (
    CurrentSignIn,
    CurrentUser,
    JobsDep,
    PublisherDep,
    SessionDep,
    SettingsDep,
    StoreDep,
)
from parley.api.errors import error_responses
from parley.api.multipart import FILE_BODY, open_file
from parley.api.routes.auth import forget_refresh_cookie, respond_with_tokens
from parley.api.routes.uploads import SANDBOX_HEADERS
from parley.models import AuthorPublic, TokenPublic, UserPublic, UserUpdate
from parley.models.auth import SignInPublic
from parley.models.base import MAX_ID, CleanText
from parley.models.user import EmailChange, OwnAccountDeletion, PasswordChange
from parley.services import account_deletion, auth, data_export, profiles, users

router = APIRouter(prefix="/api/users", tags=["users"], responses=error_responses(401, 422))
UserId = Annotated[int, Path(ge=1, le=MAX_ID)]
AvatarKey = Annotated[str, Path(min_length=32, max_length=32, pattern="^[0-9a-f]{32}$")]
AVATAR_HEADERS = {**SANDBOX_HEADERS, "Cache-Control": "private, max-age=31536000, immutable"}


@router.get("")
async def find_people(
    session: SessionDep,
    _user: CurrentUser,
    q: Annotated[CleanText, Query(max_length=64, description="Part of a name")] = "",
    limit: Annotated[int, Query(ge=1, le=users.PEOPLE_PAGE_MAX)] = 20,
    offset: Annotated[
        int, Query(ge=0, le=users.PEOPLE_OFFSET_MAX, description="How many matches to skip")
    ] = 0,
) -> list[AuthorPublic]:
    """People to message or mention: active accounts by display name. The directory pages
    on with `offset`; a page shorter than `limit` is the last."""
    return await users.find_people(session=session, query=q, limit=limit, offset=offset)


@router.get("/me")
async def read_me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user)


@router.patch("/me")
async def update_me(
    session: SessionDep, publisher: PublisherDep, user: CurrentUser, user_update: UserUpdate
) -> UserPublic:
    """A new display name is told to the people who share a room with me (`profile`)."""
    updated = await users.update_user(
        session=session, publisher=publisher, user=user, user_update=user_update
    )
    return UserPublic.model_validate(updated)


@router.put(
    "/me/avatar",
    openapi_extra=FILE_BODY,
    responses=error_responses(413, 415),
)
async def set_my_avatar(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    store: StoreDep,
    jobs: JobsDep,
    publisher: PublisherDep,
    user: CurrentUser,
) -> UserPublic:
    """A PNG, JPEG, GIF or WebP image (the upload limits), kept as a square picture."""
    streamed = await open_file(request, max_bytes=settings.max_upload_bytes)
    updated = await profiles.set_avatar(
        session=session,
        store=store,
        jobs=jobs,
        publisher=publisher,
        user=user,
        chunks=streamed.chunks(),
        max_bytes=settings.max_upload_bytes,
        max_pixels=settings.upload_max_pixels,
    )
    return UserPublic.model_validate(updated)


@router.delete("/me/avatar")
async def remove_my_avatar(
    session: SessionDep, store: StoreDep, publisher: PublisherDep, user: CurrentUser
) -> UserPublic:
    """Back to initials."""
    updated = await profiles.remove_avatar(
        session=session, store=store, publisher=publisher, user=user
    )
    return UserPublic.model_validate(updated)


@router.get(
    "/{user_id}/avatar/{key}",
    response_class=FileResponse,
    responses={200: {"content": {"image/webp": {}}}, **error_responses(404)},
)
async def read_avatar(
    session: SessionDep, store: StoreDep, _user: CurrentUser, user_id: UserId, key: AvatarKey
) -> FileResponse:
    """The square WebP. A new avatar has a new URL, so this one never changes: cached
    for good (privately: only signed-in people may see it)."""
    path = await profiles.avatar_file(session=session, store=store, user_id=user_id, key=key)
    return FileResponse(path, media_type="image/webp", headers=AVATAR_HEADERS)


@router.get("/me/sessions")
async def my_sign_ins(session: SessionDep, sign_in: CurrentSignIn) -> list[SignInPublic]:
    """My sign-ins still going: device, since when, last seen; `current` is this one."""
    user, claims = sign_in
    return await auth.sign_ins(session=session, user=user, current=claims.session_id)


@router.delete(
    "/me/sessions/{sign_in_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
)
async def end_sign_in(
    session: SessionDep,
    publisher: PublisherDep,
    user: CurrentUser,
    sign_in_id: Annotated[str, Path(min_length=1, max_length=32, pattern="^[0-9a-f]+$")],
) -> None:
    """Sign that device out, at once and everywhere (its sockets close)."""
    await auth.end_sign_in(session=session, publisher=publisher, user=user, sign_in_id=sign_in_id)


@router.delete("/me/sessions", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out_everywhere(
    response: Response, session: SessionDep, publisher: PublisherDep, user: CurrentUser
) -> None:
    """Sign out on every device: every access and refresh token of the account ends, and
    every socket closes."""
    await auth.log_out_everywhere(session=session, publisher=publisher, user=user)
    forget_refresh_cookie(response)


@router.put("/me/email", responses=error_responses(403, 409))
async def change_my_email(
    session: SessionDep, user: CurrentUser, change: EmailChange
) -> UserPublic:
    """Set my email address (null removes it), with my password again: reset links can
    be mailed there. 409 when another account uses it."""
    return UserPublic.model_validate(
        await users.change_email(session=session, user=user, change=change)
    )


@router.post("/me/password", responses=error_responses(403, 429))
async def change_password(
    response: Response,
    session: SessionDep,
    publisher: PublisherDep,
    settings: SettingsDep,
    sign_in: CurrentSignIn,
    change: PasswordChange,
) -> TokenPublic:
    """A new password: every other sign-in ends at once (its tokens refused, its sockets
    closed); this one goes on with the tokens returned (and the refresh cookie)."""
    user, claims = sign_in
    tokens = await auth.change_password(
        session=session,
        publisher=publisher,
        settings=settings,
        user=user,
        session_id=claims.session_id,
        change=change,
    )
    return respond_with_tokens(response, tokens, settings)


@router.post("/me/delete", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(403))
async def delete_my_account(
    response: Response,
    session: SessionDep,
    publisher: PublisherDep,
    store: StoreDep,
    user: CurrentUser,
    request: OwnAccountDeletion,
) -> None:
    """Delete my account (my password again): signed out everywhere at once; my messages
    stay under "Deleted user" (`keep`) or become tombstones (`erase`)."""
    await account_deletion.delete_own_account(
        session=session, publisher=publisher, store=store, user=user, request=request
    )
    forget_refresh_cookie(response)


@router.get(
    "/me/export",
    response_class=FileResponse,
    responses={200: {"content": {"application/zip": {}}}},
)
async def export_my_data(session: SessionDep, store: StoreDep, user: CurrentUser) -> FileResponse:
    """Everything of mine as a zip: profile.json, messages.jsonl (every message I wrote,
    with its room), my uploaded files and my avatar."""
    path = await data_export.build_export(session=session, store=store, user=user)
    return FileResponse(
        path,
        media_type="application/zip",
        filename=f"parley-{user.username}.zip",
        headers={"Cache-Control": "no-store"},
        background=BackgroundTask(path.unlink, missing_ok=True),
    )
