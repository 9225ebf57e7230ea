"""Sockets connecting and leaving together share their database work (a burst after a
restart), yet each gets its own user, its own refusal and its own presence change."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

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

    online = await _presence_until(watcher, "online", user_ids)
    await asyncio.gather(*(socket.close() for socket in sockets[:BURST]))
    offline = await _presence_until(watcher, "offline", user_ids)
    # Told together, not one frame per arrival: each frame lists several people.
    assert len(online) < BURST and len(offline) < BURST
    # Each user went online once and offline once: nothing more is pending.
    members = await client.get(
        f"/api/rooms/{room['id']}/members", headers={"Authorization": f"Bearer {watcher_token}"}
    )
    assert sum(m["online"] for m in members.json()) == 1  # the watcher alone


async def _presence_until(
    watcher: WsClient, field: str, user_ids: list[int]
) -> list[dict[str, Any]]:
    """`presence` frames until each of `user_ids` was listed under `field` once."""
    frames: list[dict[str, Any]] = []
    listed: list[int] = []
    while sorted(listed) != user_ids:
        frame = await watcher.recv_type("presence")
        frames.append(frame)
        listed.extend(frame[field])
        assert len(listed) <= len(user_ids), frames  # nobody twice
    return frames
