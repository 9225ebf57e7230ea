"""Joining rooms: a socket's `join` / `join_rooms`, and a reconnect storm of them.

Each join reads the caller's standing in its rooms, subscribes, then reads where each
room's history and change log end, its online members, and the changes the client
missed. After a restart thousands of sockets do this at once, so the reads are shared:

- the joins that arrive together (one loop iteration, `Batcher`) read their standings
  together, and their rooms' counters and online members in one more, with one
  `joined` frame encoded per room for all of them;
- a room's members are remembered while the hub hears of no change to them;
- a room's backlog is read and encoded once for every join resuming it from the same
  point while its change log stands.

Each socket still subscribes for itself, before the second read, so nothing committed in
between falls through the gap, and a socket that goes away mid-join unsubscribes itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from parley.batching import Batcher
from parley.errors import DomainError, NotFound
from parley.models import User
from parley.realtime.connection import Connection
from parley.realtime.hub import Hub
from parley.realtime.protocol import (
    INTERNAL_DETAIL,
    JoinedFrame,
    JoinTarget,
    MessageFrame,
    OutFrame,
    ResetFrame,
    encode,
    error_frame,
    refusal_frame,
)
from parley.services import access, history
from parley.services import rooms as rooms_service
from parley.services.access import Action, Standing
from parley.services.runtime import Runtime

log = logging.getLogger("parley.ws")
# A room's members as a join last read them, reused while unchanged (a safety bound:
# the hub's member frames are what invalidate them), for this many rooms at most.
MEMBERS_CACHE_SECONDS = 30.0
MEMBERS_CACHE_ROOMS = 10_000
# A backlog shared by the joins that resume a room from the same point, while the hub
# hears of nothing that changes it (and for so long at most), within a memory budget.
REPLAY_CACHE_SECONDS = 30.0
REPLAY_CACHE_FRAMES = 20_000

Outcomes = dict[int, Standing | DomainError]


@dataclass(frozen=True)
class Replay:
    """A join's backlog: one `message` frame per changed message, and the change it
    reaches (the last frame's, or `since` when there is none)."""

    frames: tuple[OutFrame, ...]
    through: int


@dataclass(frozen=True)
class RoomState:
    """Where a room stands for the joins of one batch, and their `joined` frame."""

    last_seq: int
    last_change: int
    joined: OutFrame


class Joins:
    def __init__(self, runtime: Runtime, hub: Hub) -> None:
        self.runtime = runtime
        self.hub = hub
        self._standings: Batcher[tuple[User, tuple[int, ...]], Outcomes] = Batcher(
            self._read_standings
        )
        self._states: Batcher[tuple[int, ...], dict[int, RoomState]] = Batcher(self._read_states)
        # (room, since, last_change_seq, hub.room_generation) -> (monotonic time, replay)
        self._replays: dict[tuple[int, int, int, int], tuple[float, Replay | None]] = {}
        self._replay_frames = 0  # frames held in _replays, within REPLAY_CACHE_FRAMES
        # room -> (hub.room_generation, monotonic time, member ids)
        self._members: dict[int, tuple[int, float, frozenset[int]]] = {}

    async def join_rooms(
        self, targets: Sequence[JoinTarget], connection: Connection, user: User
    ) -> None:
        """Every join, one or many, answered room by room, failures too: the client
        counts answers per room."""
        try:
            answers = await self._join(targets, connection, user)
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
                _send_joined(connection, *answer)

    async def _join(
        self, targets: Sequence[JoinTarget], connection: Connection, user: User
    ) -> list[tuple[int, RoomState, Replay | None] | DomainError]:
        rooms = tuple(dict.fromkeys(target.room for target in targets))
        outcomes = await self._standings((user, rooms))
        readable = tuple(room for room in rooms if not isinstance(outcomes[room], DomainError))
        try:
            # Subscribe (holding live frames) before reading the change log, so nothing
            # committed in between can fall through the gap.
            for room in readable:
                connection.hold(room)
                await self.hub.subscribe(connection, room)
            states = await self._states(readable) if readable else {}
            answers: list[tuple[int, RoomState, Replay | None] | DomainError] = []
            for target in targets:
                outcome = outcomes[target.room]
                if isinstance(outcome, DomainError):
                    answers.append(outcome)
                    continue
                state = states.get(target.room)
                if state is None:  # deleted since the standings were read
                    await self.hub.unsubscribe(connection, target.room)
                    answers.append(NotFound("Room not found"))
                    continue
                since = state.last_change if target.since is None else target.since
                replay: Replay | None = Replay((), since)
                if state.last_change > since:
                    replay = await self._replay(target.room, since, state.last_change)
                answers.append((target.room, state, replay))
        except BaseException:  # a failure, or the socket gone mid-join: no stray subscription
            for room in readable:
                await self.hub.unsubscribe(connection, room)
            raise
        return answers

    async def _read_standings(self, keys: Sequence[tuple[User, tuple[int, ...]]]) -> list[Outcomes]:
        """Every caller's standings, in one go."""
        async with self.runtime.sessions() as session:
            return await access.require_each_of_many(
                session=session, requests=keys, action=Action.read
            )

    async def _read_states(self, keys: Sequence[tuple[int, ...]]) -> list[dict[int, RoomState]]:
        """The counters and online members of every room the batch joins, in one session,
        and one `joined` frame per room: the same bytes for every joiner of the batch."""
        rooms = list(dict.fromkeys(room for key in keys for room in key))
        async with self.runtime.sessions() as session:
            counters = await history.rooms_counters(session=session, room_ids=rooms)
            online = await self._online_members(session, list(counters))
        states: dict[int, RoomState] = {}
        for room, (last_seq, last_change) in counters.items():
            joined = JoinedFrame(
                room=room,
                online=online.get(room, []),
                last_seq=last_seq,
                last_change_seq=last_change,
            )
            states[room] = RoomState(last_seq, last_change, OutFrame(encode(joined)))
        return [{room: states[room] for room in key if room in states} for key in keys]

    async def _replay(self, room_id: int, since: int, last_change: int) -> Replay | None:
        """The room's changes after `since`, as frames (None: more than the backfill
        limit). Shared by every join that resumes the room from the same `since` while
        the log stands at `last_change` and the hub hears of no profile change in the
        room (the author names): the same messages in the same state, so after a restart
        a large room's missed messages are read and encoded once, not once per member
        (nor, as the storm goes on, once every couple of seconds)."""
        key = (room_id, since, last_change, self.hub.room_generation(room_id))
        now = time.monotonic()
        hit = self._replays.get(key)
        if hit is not None and now - hit[0] < REPLAY_CACHE_SECONDS:
            return hit[1]
        async with self.runtime.sessions() as session:
            messages = await history.changes_since(
                session=session,
                room_id=room_id,
                since=since,
                bound=self.runtime.settings.ws_backfill_limit,
            )
        replay = None
        if messages is not None:
            frames = tuple(
                OutFrame(encode(MessageFrame(room=room_id, message=message)))
                for message in messages
            )
            replay = Replay(frames, messages[-1].change_seq if messages else since)
        if key[3] == self.hub.room_generation(room_id):  # nothing changed while reading
            self._remember_replay(key, now, replay)
        return replay

    def _remember_replay(
        self, key: tuple[int, int, int, int], now: float, replay: Replay | None
    ) -> None:
        # A running count, not a sum over the cache on every miss of a storm.
        self._forget_replay(key)
        size = _frames_of(replay)
        if self._replay_frames + size > REPLAY_CACHE_FRAMES:
            for old in [
                k for k, (at, _) in self._replays.items() if now - at >= REPLAY_CACHE_SECONDS
            ]:
                self._forget_replay(old)
            if self._replay_frames + size > REPLAY_CACHE_FRAMES:
                self._replays, self._replay_frames = {}, 0
        self._replays[key] = (now, replay)
        self._replay_frames += size

    def _forget_replay(self, key: tuple[int, int, int, int]) -> None:
        gone = self._replays.pop(key, None)
        if gone is not None:
            self._replay_frames -= _frames_of(gone[1])

    async def _online_members(
        self, session: AsyncSession, room_ids: list[int]
    ) -> dict[int, list[int]]:
        """`joined.online` of each room: its members who are connected. The members are
        remembered while the hub hears of no change to them (and the room is received
        here; MEMBERS_CACHE_SECONDS at most): in a reconnect storm a large room's
        thousands of members are read once, not once per arrival (a 5,000-user storm
        read 4.8 million membership rows). Read after the batch's sockets subscribed: a
        change after this is told to them as a `presence` frame."""
        now = time.monotonic()
        members: dict[int, frozenset[int]] = {}
        missing: dict[int, int] = {}
        for room_id in room_ids:
            generation = self.hub.room_generation(room_id)
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
                if self.hub.room_generation(room_id) == missing[room_id]:  # none meanwhile
                    self._members[room_id] = (missing[room_id], now, members[room_id])
        online = await self.runtime.presence.online_user_ids()
        return {room_id: sorted(ids & online) for room_id, ids in members.items()}


def _frames_of(replay: Replay | None) -> int:
    return len(replay.frames) if replay is not None else 0


def _send_joined(
    connection: Connection, room: int, state: RoomState, replay: Replay | None
) -> None:
    """`joined`, then the replay (or `reset`), then what was held live meanwhile."""
    connection.enqueue(state.joined)
    if replay is None:
        # Too far behind to replay: the client reloads history over REST.
        counted = {"last_seq": state.last_seq, "last_change_seq": state.last_change}
        connection.enqueue(encode(ResetFrame(room=room, **counted)))
        connection.release(room, replayed_through=state.last_change)
        return
    for frame in replay.frames:
        connection.enqueue(frame)
    connection.release(room, replayed_through=replay.through)
