"""Sockets connecting and leaving together share their database work (a burst after a
restart), yet each gets its own user, its own refusal and its own presence change."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx

from parley import security
from tests.conftest import TEST_SECRET, RunningServer
from tests.factories import signup_and_login
from tests.wsclient import WsClient, closed_with, create_room, join_room, user_socket

BURST = 12


async def test_a_burst_of_connects_gets_each_its_own_user_and_presence(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    watcher, watcher_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, watcher_token, name="Burst")
    await watcher.join(room["id"])
    users = [await signup_and_login(client) for _ in range(BURST)]
    for _, token in users:
        await join_room(client, token, room["id"])
    # Signs and decodes, but names nobody: refused within the same batch as the rest.
    stranger, _ = security.create_access_token(
        user_id=10_000_000, token_version=0, secret=TEST_SECRET, lifetime=timedelta(minutes=5)
    )
    sockets = await asyncio.gather(*(WsClient.open(server.base_url) for _ in range(BURST + 1)))
    # Every auth frame is on the wire before any answer is read: one batch on the server.
    for socket, token in zip(sockets, [token for _, token in users] + [stranger], strict=True):
        await socket.send(type="auth", token=token)
    readies = await asyncio.gather(*(socket.recv_type("ready") for socket in sockets[:BURST]))
    assert [ready["user"]["id"] for ready in readies] == [user["id"] for user, _ in users]
    assert await closed_with(sockets[BURST]) == 4401
    user_ids = sorted(int(str(user["id"])) for user, _ in users)

    online = [await watcher.recv_type("presence") for _ in range(BURST)]
    assert sorted(p["user_id"] for p in online if p["online"]) == user_ids
    await asyncio.gather(*(socket.close() for socket in sockets[:BURST]))
    offline = [await watcher.recv_type("presence") for _ in range(BURST)]
    assert sorted(p["user_id"] for p in offline if not p["online"]) == user_ids
    # Each user went online once and offline once: nothing more is pending.
    members = await client.get(
        f"/api/rooms/{room['id']}/members", headers={"Authorization": f"Bearer {watcher_token}"}
    )
    assert sum(m["online"] for m in members.json()) == 1  # the watcher alone
