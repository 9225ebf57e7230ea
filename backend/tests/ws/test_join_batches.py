"""Joins that arrive together share their reads (realtime/joins.py): after a restart
thousands of sockets rejoin at once, and each must not cost its own counters and members
reads (issue step 12, point 2). Driven inside the running server, so that the joins
really do arrive in one loop iteration."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from parley.models import User
from parley.realtime.connection import Connection
from parley.realtime.hub import Hub
from parley.realtime.protocol import JoinRoomsFrame, JoinTarget
from parley.services.runtime import Runtime
from tests.conftest import RunningServer
from tests.factories import signup_and_login
from tests.wsclient import create_room, join_room


async def _no_send(_message: Any) -> None:
    return None


def _connection(hub: Hub, user: User) -> Connection:
    """A socket's connection without a socket: its frames stay queued for the test."""
    assert user.id is not None
    return Connection(
        user_id=user.id,
        send=_no_send,
        wire=None,
        flusher=hub.flusher,
        token_expires_at=datetime.now(UTC) + timedelta(minutes=5),
        max_queue_bytes=1 << 20,
        max_queue_frames=1000,
    )


def _queued(connection: Connection) -> list[dict[str, Any]]:
    return [json.loads(frame.text) for frame in connection._queue]


async def _users(runtime: Runtime, ids: list[int]) -> list[User]:
    async with runtime.sessions() as session:
        found = [await session.get(User, user_id) for user_id in ids]
    return [user for user in found if user is not None]


@contextlib.contextmanager
def _statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def test_joins_arriving_together_read_counters_and_members_once(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _owner, owner_token = await signup_and_login(client)
    rooms = [await create_room(client, owner_token, name=f"Shared {n}") for n in range(3)]
    people = [await signup_and_login(client) for _ in range(12)]
    for _person, token in people:
        for room in rooms:
            await join_room(client, token, room["id"])
    gateway = server.app.gateway  # type: ignore[attr-defined]
    runtime: Runtime = server.app.state.parley
    users = await _users(runtime, [int(str(person["id"])) for person, _ in people])
    connections = [_connection(gateway.hub, user) for user in users]
    frame = JoinRoomsFrame(type="join_rooms", rooms=[JoinTarget(room=room["id"]) for room in rooms])

    with _statements(runtime.engine) as statements:
        await asyncio.gather(
            *(
                gateway.handlers.handle(frame, connection, user)
                for connection, user in zip(connections, users, strict=True)
            )
        )

    # Everyone's standings in four reads (rooms, memberships, bans, kicks), then the
    # three rooms' counters and members once for all (one join at a time read its
    # standings, counters and members per socket: 12 x 3 statements).
    assert len(statements) == 4 + 2, statements
    ids = [room["id"] for room in rooms]
    for connection in connections:
        answers = _queued(connection)
        assert [(a["type"], a["room"]) for a in answers] == [("joined", i) for i in ids]
        assert all(connection.watches(room_id) for room_id in ids)
    # One `joined` per room for the whole batch: the same frame, not 12 copies.
    assert len({id(connection._queue[0]) for connection in connections}) == 1


async def test_a_refusal_in_a_batch_is_that_sockets_alone(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    owner, owner_token = await signup_and_login(client)
    secret = await create_room(client, owner_token, name="Secret", is_private=True)
    outsider, _ = await signup_and_login(client)
    runtime: Runtime = server.app.state.parley
    gateway = server.app.gateway  # type: ignore[attr-defined]
    member, stranger = await _users(runtime, [int(str(owner["id"])), int(str(outsider["id"]))])
    mine, theirs = _connection(gateway.hub, member), _connection(gateway.hub, stranger)
    frame = JoinRoomsFrame(type="join_rooms", rooms=[JoinTarget(room=secret["id"])])

    await asyncio.gather(
        gateway.handlers.handle(frame, mine, member),
        gateway.handlers.handle(frame, theirs, stranger),
    )

    assert [a["type"] for a in _queued(mine)] == ["joined"]
    refused = _queued(theirs)
    assert [(a["type"], a["ref"]) for a in refused] == [("error", "join")]
    assert not theirs.watches(secret["id"])


async def test_a_socket_gone_mid_join_keeps_no_subscription(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    owner, owner_token = await signup_and_login(client)
    room = await create_room(client, owner_token, name="Coming and going")
    runtime: Runtime = server.app.state.parley
    gateway = server.app.gateway  # type: ignore[attr-defined]
    hub: Hub = gateway.hub
    (user,) = await _users(runtime, [int(str(owner["id"]))])
    frame = JoinRoomsFrame(type="join_rooms", rooms=[JoinTarget(room=room["id"])])
    cancelled_mid_join = 0
    for step in range(60):  # cancelled at every await a join passes through, in turn
        connection = _connection(hub, user)
        task = asyncio.create_task(gateway.handlers.handle(frame, connection, user))
        for _ in range(step):
            await asyncio.sleep(0)
        if task.done():
            await hub.unsubscribe(connection, room["id"])
            continue
        cancelled_mid_join += 1
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        # Batches run in order: once a later join is answered, this one's batch is over.
        witness = _connection(hub, user)
        await gateway.handlers.handle(frame, witness, user)
        await hub.unsubscribe(witness, room["id"])
        assert not connection.watches(room["id"]), f"cancelled after {step} iterations"
        assert connection not in hub._rooms.get(room["id"], set())
    assert cancelled_mid_join > 0
