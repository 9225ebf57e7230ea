"""One short handler per client frame; each calls the same services as REST does."""

from __future__ import annotations

import logging
import time

from parley.errors import DomainError, Forbidden
from parley.models import User
from parley.realtime.connection import Connection
from parley.realtime.hub import Hub
from parley.realtime.joins import Joins
from parley.realtime.protocol import (
    AckFrame,
    AuthFrame,
    CloseCode,
    JoinFrame,
    JoinRoomsFrame,
    JoinTarget,
    LeaveFrame,
    LeftFrame,
    PingFrame,
    PongFrame,
    ReauthenticatedFrame,
    SendFrame,
    TypingFrame,
    encode,
)
from parley.services import auth, messages, presence
from parley.services.runtime import Runtime

log = logging.getLogger("parley.ws")
TYPING_INTERVAL_SECONDS = 2.0

Frame = JoinFrame | JoinRoomsFrame | LeaveFrame | SendFrame | TypingFrame | PingFrame


class FrameHandlers:
    def __init__(self, runtime: Runtime, hub: Hub) -> None:
        self.runtime = runtime
        self.hub = hub
        self.joins = Joins(runtime, hub)
        self._typing_sent: dict[tuple[int, int], float] = {}

    async def handle(self, frame: Frame, connection: Connection, user: User) -> None:
        match frame:
            case SendFrame():
                await self.send(frame, connection, user)
            case JoinFrame():
                await self.join(frame, connection, user)
            case JoinRoomsFrame():
                await self.joins.join_rooms(frame.rooms, connection, user)
            case LeaveFrame():
                await self.hub.unsubscribe(connection, frame.room)
                connection.enqueue(encode(LeftFrame(room=frame.room)))
            case TypingFrame():
                await self.typing(frame, user)
            case PingFrame():
                connection.enqueue(encode(PongFrame()))

    async def send(self, frame: SendFrame, connection: Connection, user: User) -> None:
        async with self.runtime.sessions() as session:
            result = await messages.send_message(
                session=session,
                publisher=self.runtime.publisher,
                limiter=self.runtime.limiter,
                send_rate=self.runtime.settings.send_rate_limit,
                user=user,
                room_id=frame.room,
                client_id=frame.client_id,
                body=frame.body,
                attachments=frame.attachments,
                reply_to=frame.reply_to,
            )
        connection.enqueue(
            encode(
                AckFrame(
                    client_id=frame.client_id, duplicate=result.duplicate, message=result.message
                )
            )
        )

    async def join(self, frame: JoinFrame, connection: Connection, user: User) -> None:
        target = JoinTarget(room=frame.room, since=frame.since)
        await self.joins.join_rooms([target], connection, user)

    async def typing(self, frame: TypingFrame, user: User) -> None:
        assert user.id is not None
        key = (user.id, frame.room)
        now = time.monotonic()
        if now - self._typing_sent.get(key, 0.0) < TYPING_INTERVAL_SECONDS:
            return  # throttled: one notice per user and room every couple of seconds
        self._typing_sent[key] = now
        if len(self._typing_sent) > 10_000:
            self._typing_sent.clear()
        async with self.runtime.sessions() as session:
            try:
                await presence.announce_typing(
                    session=session,
                    publisher=self.runtime.publisher,
                    user=user,
                    room_id=frame.room,
                )
            except Forbidden as exc:
                # Answered, but not as a send refusal: a muted member typing is not
                # flooding (the gateway counts muted and rate-limited sends as strikes).
                raise Forbidden(exc.detail) from exc

    async def reauthenticate(self, frame: AuthFrame, connection: Connection, user: User) -> None:
        """A fresh token on an open socket extends it instead of forcing a reconnect."""
        async with self.runtime.sessions() as session:
            try:
                fresh, claims = await auth.authenticate_token(
                    session=session, settings=self.runtime.settings, token=frame.token
                )
            except DomainError:
                connection.request_close(CloseCode.UNAUTHENTICATED, "Invalid token")
                return
        if fresh.id != user.id:
            raise Forbidden("A socket belongs to one user")
        connection.token_expires_at = claims.expires_at
        connection.session_id = claims.session_id
        connection.enqueue(encode(ReauthenticatedFrame(expires_at=claims.expires_at)))
