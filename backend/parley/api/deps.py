"""Every Depends() provider, exported as Annotated aliases that routes import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Unauthorized
from parley.events import PresenceReader, Publisher, UploadJobs
from parley.mail import Mailer
from parley.models import User
from parley.models.base import MAX_ID
from parley.security import AccessClaims
from parley.services import auth
from parley.services.ratelimit import RateLimiter
from parley.services.runtime import Runtime
from parley.settings import Settings
from parley.storage import FileStore

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/login", auto_error=False)


# Providers are `async def` even when they never await: FastAPI runs a plain `def`
# dependency in its thread pool, a thread hop (two context switches) per call.
async def get_state(request: Request) -> Runtime:
    state: Runtime = request.app.state.parley
    return state


StateDep = Annotated[Runtime, Depends(get_state)]


async def get_settings(state: StateDep) -> Settings:
    return state.settings


async def get_limiter(state: StateDep) -> RateLimiter:
    return state.limiter


async def get_session(state: StateDep) -> AsyncIterator[AsyncSession]:
    async with state.sessions() as session:
        yield session


async def get_publisher(state: StateDep) -> Publisher:
    return state.publisher


async def get_presence(state: StateDep) -> PresenceReader:
    return state.presence


async def get_store(state: StateDep) -> FileStore:
    return state.store


async def get_jobs(state: StateDep) -> UploadJobs:
    return state.jobs


async def get_mailer(state: StateDep) -> Mailer | None:
    return state.mailer


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[FileStore, Depends(get_store)]
JobsDep = Annotated[UploadJobs, Depends(get_jobs)]
MailerDep = Annotated[Mailer | None, Depends(get_mailer)]
PublisherDep = Annotated[Publisher, Depends(get_publisher)]
PresenceDep = Annotated[PresenceReader, Depends(get_presence)]
LimiterDep = Annotated[RateLimiter, Depends(get_limiter)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
TokenDep = Annotated[str | None, Depends(oauth2_scheme)]


async def get_current_user(session: SessionDep, settings: SettingsDep, token: TokenDep) -> User:
    if not token:
        raise Unauthorized("Not authenticated")
    return await auth.user_from_access_token(session=session, settings=settings, token=token)


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_current_claims(
    session: SessionDep, settings: SettingsDep, token: TokenDep
) -> tuple[User, AccessClaims]:
    """The caller and their token's claims, for what acts on this sign-in itself."""
    if not token:
        raise Unauthorized("Not authenticated")
    return await auth.authenticate_token(session=session, settings=settings, token=token)


CurrentSignIn = Annotated[tuple[User, AccessClaims], Depends(get_current_claims)]


async def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]


RoomId = Annotated[int, Path(ge=1, le=MAX_ID)]
MessageId = Annotated[int, Path(ge=1, le=MAX_ID)]
