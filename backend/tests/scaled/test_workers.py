"""PARLEY_WORKERS=2: one `serve`, two uvicorn worker processes on one port.

The kernel spreads connections over the workers; /proc tells which worker holds each
socket (tests/scaled/procfs.py), so the tests can insist on sockets on both.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from tests.conftest import free_port
from tests.databases import PostgresDatabases
from tests.factories import signup_and_login
from tests.scaled.conftest import Instance, cluster_env
from tests.scaled.procfs import connection_owner, worker_pids
from tests.wsclient import WsClient, create_room, join_room

WORKERS = 2


@dataclass
class Workers:
    server: Instance
    pids: list[int]


@dataclass
class Placed:
    """Sockets by the worker that holds their server side."""

    workers: Workers
    room_id: int
    by_worker: dict[int, list[tuple[str, WsClient]]] = field(default_factory=dict)

    def add(self, who: str, socket: WsClient) -> bool:
        """Keep the socket if its worker holds none of `who`'s yet."""
        client_port = socket.connection.local_address[1]
        owner = connection_owner(self.workers.server.port, client_port, self.workers.pids)
        held = self.by_worker.setdefault(owner, [])
        if any(person == who for person, _ in held):
            return False
        held.append((who, socket))
        return True

    def complete(self) -> bool:
        people = [{who for who, _ in self.by_worker.get(pid, [])} for pid in self.workers.pids]
        return all(held == {"alice", "bob"} for held in people)

    def all(self) -> list[WsClient]:
        return [socket for placed in self.by_worker.values() for _, socket in placed]


def _wait_for_workers(parent: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = worker_pids(parent)
        if len(pids) == WORKERS:
            return pids
        time.sleep(0.05)
    raise AssertionError(f"expected {WORKERS} workers, found {worker_pids(parent)}")


@pytest.fixture
def workers(
    tmp_path: Path, postgres_databases: PostgresDatabases, redis_url: str
) -> Iterator[Workers]:
    database_url = postgres_databases.fresh()
    port = free_port()
    env = cluster_env(tmp_path, database_url, redis_url, [port], uuid.uuid4().hex[:8])
    server = Instance("workers", port, {**env, "PARLEY_PORT": str(port), "PARLEY_WORKERS": "2"})
    pids: list[int] = []
    try:
        server.start()
        server.wait_healthy()  # one worker answered; the other may still be starting
        assert server.process is not None
        pids = _wait_for_workers(server.process.pid)
        yield Workers(server=server, pids=pids)
    finally:
        server.stop()  # SIGTERM: the parent stops its workers
        for pid in pids:  # only if the parent could not (it was SIGKILLed after 10 s)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        postgres_databases.drop(database_url)


async def _socket(base_url: str, token: str, room_id: int) -> WsClient:
    socket = await WsClient.open(base_url)
    await socket.auth(token)
    await socket.join(room_id)
    return socket


@pytest.fixture
async def placed(workers: Workers) -> AsyncIterator[Placed]:
    """One socket of Alice's and one of Bob's on each worker, all in one room.

    Sockets are opened until the kernel has placed them so; a worker that is still
    starting accepts nothing, so this also waits until both serve.
    """
    base_url = workers.server.base_url
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        _, alice = await signup_and_login(http)
        _, bob = await signup_and_login(http)
        room = await create_room(http, alice, name="Two workers")
        await join_room(http, bob, room["id"])
    placed = Placed(workers=workers, room_id=room["id"])
    tokens = {"alice": alice, "bob": bob}
    deadline = time.monotonic() + 30
    n = 0
    while not placed.complete() and time.monotonic() < deadline:
        who = ("alice", "bob")[n % 2]
        n += 1
        socket = await _socket(base_url, tokens[who], room["id"])
        if not placed.add(who, socket):
            await socket.close()  # a surplus one: only one of each per worker is kept
    try:
        yield placed
    finally:
        for socket in placed.all():
            with contextlib.suppress(Exception):
                await socket.close()


async def test_two_workers_share_the_port_and_chat_across(placed: Placed) -> None:
    first, second = placed.workers.pids
    assert first != second
    assert placed.complete(), f"sockets by worker: {placed.by_worker}"
    room_id = placed.room_id
    alice_on_first = next(s for who, s in placed.by_worker[first] if who == "alice")
    bob_on_second = next(s for who, s in placed.by_worker[second] if who == "bob")

    await alice_on_first.send(type="send", room=room_id, client_id="w1", body="from worker 1")
    assert (await bob_on_second.recv_type("message"))["message"]["body"] == "from worker 1"
    assert (await alice_on_first.recv_type("message"))["message"]["body"] == "from worker 1"
    await bob_on_second.send(type="send", room=room_id, client_id="w2", body="from worker 2")
    assert (await alice_on_first.recv_type("message"))["message"]["body"] == "from worker 2"


async def test_sigterm_to_the_parent_closes_every_socket_with_1012(placed: Placed) -> None:
    server = placed.workers.server
    assert server.process is not None and placed.complete()
    server.process.send_signal(signal.SIGTERM)

    async def close_code(socket: WsClient) -> int | None:
        try:
            while True:
                await asyncio.wait_for(socket.connection.recv(), 10)
        except ConnectionClosed as closed:
            return None if closed.rcvd is None else closed.rcvd.code

    codes = await asyncio.gather(*(close_code(socket) for socket in placed.all()))
    assert set(codes) == {1012}, codes
    assert await asyncio.to_thread(server.process.wait, 10) == 0
    for pid in placed.workers.pids:
        assert not Path(f"/proc/{pid}").exists(), f"worker {pid} outlived its parent"
