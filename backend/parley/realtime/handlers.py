"""One short handler per client frame; each calls the same services as REST does."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import DomainError, Forbidden, NotFound
from parley.models import User
from parley.realtime.connection import Connection
from parley.realtime.hub import Hub
from parley.realtime.protocol import (
    INTERNAL_DETAIL,
    AckFrame,
    AuthFrame,
    CloseCode,
    JoinedFrame,
    JoinFrame,
    JoinRoomsFrame,
    JoinTarget,
    LeaveFrame,
    LeftFrame,
    MessageFrame,
    OutFrame,
    PingFrame,
    PongFrame,
    ReauthenticatedFrame,
    ResetFrame,
    SendFrame,
    TypingFrame,
    encode,
    error_frame,
    refusal_frame,
)
from parley.services import access, auth, history, messages, presence
from parley.services import rooms as rooms_service
from parley.services.access import Action
from parley.services.runtime import Runtime

log = logging.getLogger("parley.ws")
TYPING_INTERVAL_SECONDS = 2.0
# A room's members as a join last read them, reused while unchanged (a safety bound:
# the hub's member frames are what invalidate them), for this many rooms at most.
MEMBERS_CACHE_SECONDS = 30.0
MEMBERS_CACHE_ROOMS = 10_000
# A backlog shared by the joins that resume a room from the same point, for so long.
REPLAY_CACHE_SECONDS = 2.0
REPLAY_CACHE_ENTRIES = 2_000

Frame = JoinFrame | JoinRoomsFrame | LeaveFrame | SendFrame | TypingFrame | PingFrame


class FrameHandlers:
    def __init__(self, runtime: Runtime, hub: Hub) -> None:
        self.runtime = runtime
        self.hub = hub
        self._typing_sent: dict[tuple[int, int], float] = {}
        # (room, since, last_change_seq) -> (monotonic time, the replay)
        self._replays: dict[tuple[int, int, int], tuple[float, Replay | None]] = {}
        # room -> (hub.member_generation, monotonic time, member ids)
        self._members: dict[int, tuple[int, float, frozenset[int]]] = {}

    async def handle(self, frame: Frame, connection: Connection, user: User) -> None:
        match frame:
            case SendFrame():
                await self.send(frame, connection, user)
            case JoinFrame():
                await self.join(frame, connection, user)
            case JoinRoomsFrame():
                await self.join_rooms(frame.rooms, connection, user)
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
        await self.join_rooms([JoinTarget(room=frame.room, since=frame.since)], connection, user)

    async def join_rooms(
        self, targets: Sequence[JoinTarget], connection: Connection, user: User
    ) -> None:
        """Every join, one or many, in a handful of queries whatever their number: the
        standings, then (subscribed) the counters and online members of all the rooms,
        and a replay read only for rooms that changed since the client's `since`. Each
        room is answered on its own, failures too: the client counts answers per room."""
        try:
            answers, online = await self._read_joins(targets, connection, user)
        except Exception:
            log.exception("join failed", extra={"fields": {"user": user.id}})
            failed = error_frame("internal", INTERNAL_DETAIL, "join")
            for _target in targets:
                connection.enqueue(failed)
            return
        for answer in answers:
            if isinstance(answer, DomainError):
                connection.enqueue(refusal_frame(answer, "join"))
            else:
                _send_joined(connection, answer, online.get(answer.room, []))

    async def _read_joins(
        self, targets: Sequence[JoinTarget], connection: Connection, user: User
    ) -> tuple[list[_Joined | DomainError], dict[int, list[int]]]:
        settings = self.runtime.settings
        rooms = [target.room for target in targets]
        async with self.runtime.sessions() as session:
            outcomes = await access.require_each(
                session=session, user=user, room_ids=rooms, action=Action.read
            )
            readable = [
                room for room in dict.fromkeys(rooms) if not isinstance(outcomes[room], DomainError)
            ]
            # Subscribe (holding live frames) before reading the change log, so nothing
            # committed in between can fall through the gap.
            for room in readable:
                connection.hold(room)
                await self.hub.subscribe(connection, room)
            try:
                counters = await history.rooms_counters(session=session, room_ids=readable)
                online = await self._online_members(session, readable)
                answers: list[_Joined | DomainError] = []
                for target in targets:
                    outcome = outcomes[target.room]
                    if isinstance(outcome, DomainError):
                        answers.append(outcome)
                        continue
                    if target.room not in counters:  # deleted since the standings were read
                        await self.hub.unsubscribe(connection, target.room)
                        answers.append(NotFound("Room not found"))
                        continue
                    last_seq, last_change = counters[target.room]
                    since = last_change if target.since is None else target.since
                    replay: Replay | None = Replay((), since)
                    if last_change > since:
                        replay = await self._replay(
                            session, target.room, since, last_change, settings.ws_backfill_limit
                        )
                    answers.append(_Joined(target.room, last_seq, last_change, since, replay))
            except BaseException:
                for room in readable:
                    await self.hub.unsubscribe(connection, room)
                raise
        return answers, online

    async def _replay(
        self, session: AsyncSession, room_id: int, since: int, last_change: int, bound: int
    ) -> Replay | None:
        """The room's changes after `since`, as frames (None: more than `bound`). Shared
        by every join that resumes the room from the same `since` while the log stands at
        `last_change`: the same messages in the same state, so after a restart a large
        room's missed messages are read and encoded once, not once per member. A change
        moves `last_change`, and with it the key; REPLAY_CACHE_SECONDS bounds the rest
        (an author's new display name reaches joined clients as a `profile` frame)."""
        key, now = (room_id, since, last_change), time.monotonic()
        hit = self._replays.get(key)
        if hit is not None and now - hit[0] < REPLAY_CACHE_SECONDS:
            return hit[1]
        messages = await history.changes_since(
            session=session, room_id=room_id, since=since, bound=bound
        )
        replay = None
        if messages is not None:
            frames = tuple(
                OutFrame(encode(MessageFrame(room=room_id, message=message)))
                for message in messages
            )
            replay = Replay(frames, messages[-1].change_seq if messages else since)
        if len(self._replays) >= REPLAY_CACHE_ENTRIES:
            fresh = {k: v for k, v in self._replays.items() if now - v[0] < REPLAY_CACHE_SECONDS}
            self._replays = fresh if len(fresh) < REPLAY_CACHE_ENTRIES else {}
        self._replays[key] = (now, replay)
        return replay

    async def _online_members(
        self, session: AsyncSession, room_ids: list[int]
    ) -> dict[int, list[int]]:
        """`joined.online` of each room: its members who are connected. The members are
        remembered while the hub hears of no change to them (and the room is received
        here; MEMBERS_CACHE_SECONDS at most): in a reconnect storm a large room's
        thousands of members are read once, not once per arrival (a 5,000-user storm
        read 4.8 million membership rows)."""
        now = time.monotonic()
        members: dict[int, frozenset[int]] = {}
        missing: dict[int, int] = {}
        for room_id in room_ids:
            generation = self.hub.member_generation(room_id)
            hit = self._members.get(room_id)
            if hit is not None and hit[0] == generation and now - hit[1] < MEMBERS_CACHE_SECONDS:
                members[room_id] = hit[2]
            else:
                missing[room_id] = generation
        if missing:
            if len(self._members) > MEMBERS_CACHE_ROOMS:
                self._members.clear()
            read = await rooms_service.members_of_rooms(session=session, room_ids=list(missing))
            for room_id, ids in read.items():
                members[room_id] = frozenset(ids)
                if self.hub.member_generation(room_id) == missing[room_id]:  # none meanwhile
                    self._members[room_id] = (missing[room_id], now, members[room_id])
        online = await self.runtime.presence.online_user_ids()
        return {room_id: sorted(ids & online) for room_id, ids in members.items()}

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


@dataclass(frozen=True)
class Replay:
    """A join's backlog: one `message` frame per changed message, and the change it
    reaches (the last frame's, or `since` when there is none)."""

    frames: tuple[OutFrame, ...]
    through: int


@dataclass(frozen=True)
class _Joined:
    room: int
    last_seq: int
    last_change: int
    since: int
    replay: Replay | None  # None: too far behind, the client reloads


def _send_joined(connection: Connection, answer: _Joined, online: list[int]) -> None:
    """`joined`, then the replay (or `reset`), then what was held live meanwhile."""
    counted = {"last_seq": answer.last_seq, "last_change_seq": answer.last_change}
    room = answer.room
    connection.enqueue(encode(JoinedFrame(room=room, online=online, **counted)))
    if answer.replay is None:
        # Too far behind to replay: the client reloads history over REST.
        connection.enqueue(encode(ResetFrame(room=room, **counted)))
        connection.release(room, replayed_through=answer.last_change)
        return
    for frame in answer.replay.frames:
        connection.enqueue(frame)
    connection.release(room, replayed_through=answer.replay.through)
