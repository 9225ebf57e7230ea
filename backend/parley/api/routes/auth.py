"""Sign-up, login, refresh and logout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Path, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from parley.api.deps import (
    ClientAddress,
    LimiterDep,
    MailerDep,
    PublisherDep,
    SessionDep,
    SettingsDep,
)
from parley.api.errors import error_responses
from parley.errors import Unauthorized
from parley.models import TokenPublic, UserCreate, UserPublic
from parley.models.auth import ForgottenPassword, PasswordResetRequest, ResetCheck
from parley.models.base import CleanText
from parley.services import auth, devices, password_resets, users
from parley.services.auth import BAD_REFRESH, IssuedTokens
from parley.settings import Settings

router = APIRouter(
    prefix="/api/auth", tags=["auth"], responses=error_responses(401, 403, 409, 422, 429)
)

REFRESH_COOKIE = "parley_refresh"
COOKIE_PATH = "/api/auth"
RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE)]


def respond_with_tokens(
    response: Response, tokens: IssuedTokens, settings: Settings
) -> TokenPublic:
    """The access token in the body, the refresh token in its httpOnly cookie."""
    response.set_cookie(
        REFRESH_COOKIE,
        tokens.refresh_token,
        max_age=settings.refresh_token_days * 86400,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=settings.cookie_secure,
    )
    response.headers["Cache-Control"] = "no-store"
    return TokenPublic(access_token=tokens.access_token, expires_in=tokens.expires_in)


@router.post("/signup", status_code=status.HTTP_201_CREATED)
async def signup(
    session: SessionDep,
    publisher: PublisherDep,
    settings: SettingsDep,
    limiter: LimiterDep,
    address: ClientAddress,
    user_create: UserCreate,
) -> UserPublic:
    user = await users.sign_up(
        session=session,
        publisher=publisher,
        limiter=limiter,
        settings=settings,
        client_address=address,
        user_create=user_create,
    )
    return UserPublic.model_validate(user)


@router.post("/login")
async def login(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    limiter: LimiterDep,
    address: ClientAddress,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> TokenPublic:
    user = await auth.authenticate(
        session=session,
        limiter=limiter,
        settings=settings,
        username=form.username,
        password=form.password,
        client_address=address,
    )
    tokens = await auth.issue_tokens(
        session=session,
        settings=settings,
        user=user,
        device=devices.describe(request.headers.get("user-agent", "")),
    )
    return respond_with_tokens(response, tokens, settings)


@router.post("/refresh")
async def refresh(
    response: Response, session: SessionDep, settings: SettingsDep, cookie: RefreshCookie = None
) -> TokenPublic:
    if not cookie:
        raise Unauthorized(BAD_REFRESH)
    tokens = await auth.rotate_refresh_token(
        session=session, settings=settings, refresh_token=cookie
    )
    return respond_with_tokens(response, tokens, settings)


def forget_refresh_cookie(response: Response) -> None:
    response.delete_cookie(REFRESH_COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    response: Response,
    session: SessionDep,
    publisher: PublisherDep,
    cookie: RefreshCookie = None,
) -> None:
    if cookie:
        await auth.log_out(session=session, publisher=publisher, refresh_token=cookie)
    forget_refresh_cookie(response)


@router.post("/forgot", status_code=status.HTTP_202_ACCEPTED)
async def forgot_password(
    session: SessionDep,
    settings: SettingsDep,
    limiter: LimiterDep,
    mailer: MailerDep,
    address: ClientAddress,
    request: ForgottenPassword,
) -> None:
    """Mail a reset link (valid for an hour) to the address of the account with this
    username or email address. Accepted whether or not there is one, so the answer never
    tells who has an account; 403 where this server sends no email."""
    await password_resets.mail_reset_link(
        session=session,
        settings=settings,
        limiter=limiter,
        mailer=mailer,
        login=request.login,
        client_address=address,
    )


@router.get("/reset/{token}", responses=error_responses(422))
async def check_reset_link(
    session: SessionDep, token: Annotated[CleanText, Path(min_length=8, max_length=128)]
) -> ResetCheck:
    """For the reset page: whether the link still works, and for which username."""
    return await password_resets.check_reset(session=session, token=token)


@router.post("/reset", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(
    session: SessionDep, publisher: PublisherDep, request: PasswordResetRequest
) -> None:
    """Set a new password with a reset link an admin issued: the link is spent, and
    every sign-in the account had ends. Then sign in with the new password."""
    await password_resets.use_reset(session=session, publisher=publisher, request=request)
