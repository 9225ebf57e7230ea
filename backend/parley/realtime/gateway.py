"""/ws: handshake checks, the auth frame, then a reader per socket (and the outbound
buffer of realtime/connection.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from parley.batching import Batcher
from parley.db import is_outage
from parley.errors import DomainError, Muted, RateLimited
from parley.models import User, UserPublic
from parley.realtime.connection import Connection
from parley.realtime.handlers import FrameHandlers
from parley.realtime.hub import Hub
from parley.realtime.presence_changes import PresenceChanges
from parley.realtime.protocol import (
    INTERNAL_DETAIL,
    MAX_FRAME_BYTES,
    AuthFrame,
    BadFrame,
    ClientFrame,
    CloseCode,
    ReadyFrame,
    decode,
    encode,
    error_frame,
    frame_ref,
    refusal_frame,
)
from parley.realtime.wire import WIRE_EXTENSION
from parley.security import AccessClaims
from parley.services import auth
from parley.services.presence import announce_presence
from parley.services.runtime import Runtime

log = logging.getLogger("parley.ws")
AUTH_TIMEOUT_SECONDS = 5.0
# Rate-limit refusals tolerated in FLOOD_WINDOW before the socket is closed (4429).
FLOOD_STRIKES = 10
FLOOD_WINDOW_SECONDS = 10.0
CLOSE_TIMEOUT_SECONDS = 30.0


class Gateway:
    def __init__(
        self, runtime: Runtime, hub: Hub, sync_presence: Callable[[], Awaitable[None]]
    ) -> None:
        self.runtime = runtime
        self.hub = hub
        self.sync_presence = sync_presence
        self.handlers = FrameHandlers(runtime, hub)
        # Sockets connecting (or leaving) together share their database round trips.
        self._users: Batcher[tuple[int, str | None], User | None] = Batcher(self._load_users)
        self._presence = PresenceChanges(self._announce)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        websocket = WebSocket(scope, receive, send)
        origin = websocket.headers.get("origin")
        if origin not in self.runtime.settings.allowed_origins:
            # Closing before accept answers the handshake with HTTP 403 (CSWSH guard).
            await websocket.close(code=CloseCode.FORBIDDEN)
            return
        await websocket.accept()
        user, claims = await self._authenticate(websocket)
        if user is None or claims is None:
            return
        assert user.id is not None
        extension = (scope.get("extensions") or {}).get(WIRE_EXTENSION)
        connection = Connection(
            user_id=user.id,
            # The raw ASGI send: once `ready` is queued the writer is the only sender.
            send=send,
            wire=extension["wire"] if extension else None,
            flusher=self.hub.flusher,
            token_expires_at=claims.expires_at,
            max_queue_bytes=self.runtime.settings.ws_queue_bytes,
            max_queue_frames=self.runtime.settings.ws_queue_frames,
        )
        connection.session_id = claims.session_id
        connection.enqueue(encode(ReadyFrame(user=UserPublic.model_validate(user))))
        if await self.hub.add(connection):
            self._presence.note(user.id, True)
        try:
            await self._serve(websocket, connection, user)
        finally:
            if await self.hub.remove(connection):
                self._presence.note(user.id, False)

    async def stop(self) -> None:
        await self._presence.aclose()

    async def announce_offline(self, user_id: int) -> None:
        """For the Redis sweeper: a user whose instance vanished."""
        self._presence.note(user_id, False)

    async def _authenticate(self, websocket: WebSocket) -> tuple[User | None, AccessClaims | None]:
        try:
            async with asyncio.timeout(AUTH_TIMEOUT_SECONDS):  # no extra task, unlike wait_for
                message = await websocket.receive()
            frame = AuthFrame.model_validate_json(message.get("text") or "")
            claims = auth.decode_token(settings=self.runtime.settings, token=frame.token)
            user = auth.token_user(await self._users((claims.user_id, claims.session_id)), claims)
        except (DBAPIError, ConnectionError) as exc:
            if not is_outage(exc):
                raise
            # The database is down, not the client's fault: come back shortly (1013).
            await _close(websocket, CloseCode.TRY_AGAIN_LATER, "Service unavailable, retry")
            return None, None
        except (TimeoutError, ValidationError, DomainError):
            await _close(websocket, CloseCode.UNAUTHENTICATED, "Authenticate first: {type: auth}")
            return None, None
        except WebSocketDisconnect:
            return None, None
        return user, claims

    async def _load_users(self, keys: Sequence[tuple[int, str | None]]) -> list[User | None]:
        """The users of tokens presented together, in one query, and which of their
        sign-ins were logged out, in one more: a logged-out sign-in has no user."""
        async with self.runtime.sessions() as session:
            users = await auth.users_by_id(session=session, user_ids={user for user, _ in keys})
            ended = await auth.ended_sessions(
                session=session, session_ids={sid for _, sid in keys if sid is not None}
            )
        return [None if sid in ended else users.get(user_id) for user_id, sid in keys]

    async def _announce(self, changes: Sequence[tuple[int, bool]]) -> None:
        try:
            # This instance's online set first, so a client that hears the change and
            # asks who is online gets an answer that agrees.
            await self.sync_presence()
            async with self.runtime.sessions() as session:
                await announce_presence(
                    session=session, publisher=self.runtime.publisher, changes=changes
                )
        except Exception as exc:  # presence is advisory; a failure must not kill the socket
            log.warning("presence announcement failed", extra={"fields": {"error": str(exc)}})

    async def _serve(self, websocket: WebSocket, connection: Connection, user: User) -> None:
        tasks = {asyncio.create_task(self._read(websocket, connection, user))}
        if writer := connection.start_writer():
            tasks.add(writer)
        try:
            await asyncio.wait({*tasks, connection.closed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if connection.close_code is not None:
            log.info(
                "closing socket", extra={"fields": {"user": user.id, "code": connection.close_code}}
            )
            await _close(websocket, connection.close_code, connection.close_reason)

    async def _read(self, websocket: WebSocket, connection: Connection, user: User) -> None:
        strikes: list[float] = []  # rate-limit refusals in the last FLOOD_WINDOW
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is None:
                connection.enqueue(error_frame("invalid", "Binary frames are not supported"))
                continue
            if len(text.encode()) > MAX_FRAME_BYTES:
                connection.request_close(CloseCode.FRAME_TOO_BIG, "Frame too big")
                return
            try:
                frame = decode(text)  # parsed once; no error path parses it again
            except BadFrame as bad:
                connection.enqueue(error_frame(bad.code, bad.detail, bad.ref))
                continue
            ref = frame_ref(frame)
            try:
                await self._dispatch(frame, connection, user)
            except (RateLimited, Muted) as exc:  # flooding on, even once auto-muted
                connection.enqueue(error_frame(exc.code, exc.detail, ref))
                now = time.monotonic()
                strikes = [t for t in strikes if now - t <= FLOOD_WINDOW_SECONDS]
                strikes.append(now)
                if len(strikes) >= FLOOD_STRIKES:
                    connection.request_close(CloseCode.FLOODING, "Flooding")
                    return
            except DomainError as exc:
                connection.enqueue(refusal_frame(exc, ref))
            except Exception:  # a bug or an outage must cost one frame, never the socket
                log.exception("frame failed", extra={"fields": {"user": user.id}})
                connection.enqueue(error_frame("internal", INTERNAL_DETAIL, ref))

    async def _dispatch(self, frame: ClientFrame, connection: Connection, user: User) -> None:
        if isinstance(frame, AuthFrame):
            await self.handlers.reauthenticate(frame, connection, user)
            return
        if datetime.now(UTC) >= connection.token_expires_at:
            # The client refreshes its token and reconnects (or sends a new auth frame).
            connection.request_close(CloseCode.UNAUTHENTICATED, "Token expired")
            return
        await self.handlers.handle(frame, connection, user)


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    if websocket.application_state == WebSocketState.DISCONNECTED:
        return
    # A stalled peer cannot take the close frame until it reads again; wait for it in
    # this socket's own task (nobody else waits), then give up and let keepalive reap it.
    with contextlib.suppress(Exception):
        await asyncio.wait_for(websocket.close(code=code, reason=reason), CLOSE_TIMEOUT_SECONDS)
