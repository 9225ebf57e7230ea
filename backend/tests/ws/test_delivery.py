"""Slow consumers, presence, typing, membership changes and shutdown."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from parley.settings import Settings
from tests.conftest import TEST_SECRET, RunningServer, free_port, make_settings
from tests.factories import signup_and_login
from tests.wsclient import StalledSocket, WsClient, create_room, join_room, user_socket


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(
        database_url, tmp_path, send_rate_limit="10000 per second", ws_queue_bytes=64 * 1024
    )


async def test_a_stalled_client_is_closed_4408_and_never_slows_the_room(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    sender, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Firehose")
    healthy, healthy_token, _ = await user_socket(client, server.base_url)
    _, stalled_token = await signup_and_login(client)
    for member_token in (healthy_token, stalled_token):
        await join_room(client, member_token, room["id"])
    stalled = await asyncio.to_thread(StalledSocket, server.base_url)
    stalled.send(type="auth", token=stalled_token)
    stalled.send(type="join", room=room["id"])
    await asyncio.sleep(0.2)
    await healthy.join(room["id"])

    body = "가" * 4000  # about 24 KB on the wire (JSON escapes non-ASCII)
    total = 300

    async def send_all() -> None:
        for n in range(total):
            await sender.send(type="send", room=room["id"], client_id=f"h{n}", body=body)
            await sender.recv_type("ack", timeout=30)  # the sender reads too, or it is slow

    async def receive_all() -> list[int]:
        return [
            (await healthy.recv_type("message", timeout=30))["message"]["seq"] for _ in range(total)
        ]

    _, seqs = await asyncio.gather(send_all(), receive_all())
    assert seqs == list(range(1, total + 1))

    assert await asyncio.to_thread(stalled.read_until_closed, 30) == 4408


async def test_presence_is_per_user_not_per_tab(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    watcher, watcher_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, watcher_token, name="Lobby")
    await watcher.join(room["id"])
    bob, bob_token = await signup_and_login(client)
    await join_room(client, bob_token, room["id"])

    tab1 = await WsClient.open(server.base_url)
    await tab1.auth(bob_token)
    online = await watcher.recv_type("presence")
    assert online == {"type": "presence", "online": [bob["id"]], "offline": []}
    tab2 = await WsClient.open(server.base_url)
    await tab2.auth(bob_token)
    await tab1.close()
    members = await client.get(
        f"/api/rooms/{room['id']}/members", headers={"Authorization": f"Bearer {watcher_token}"}
    )
    assert {m["user_id"]: m["online"] for m in members.json()}[bob["id"]] is True
    await tab2.close()
    offline = await watcher.recv_type("presence")
    assert offline == {"type": "presence", "online": [], "offline": [bob["id"]]}


async def test_a_member_who_joins_while_online_is_announced_to_the_room(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    watcher, watcher_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, watcher_token, name="Latecomers")
    await watcher.join(room["id"])
    # Bob comes online a member of no room, so his `presence` reached no one.
    _bob_socket, bob_token, bob = await user_socket(client, server.base_url)
    await join_room(client, bob_token, room["id"])
    joined = await watcher.recv_type("member")
    assert (joined["user_id"], joined["action"]) == (bob["id"], "joined")
    online = await watcher.recv_type("presence")
    assert online == {"type": "presence", "online": [bob["id"]], "offline": []}


async def test_typing_reaches_others_and_is_throttled(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token, alice_user = await user_socket(client, server.base_url)
    bob, bob_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Typing")
    await join_room(client, bob_token, room["id"])
    await alice.join(room["id"])
    await bob.join(room["id"])
    for _ in range(3):
        await alice.send(type="typing", room=room["id"])
    typing = await bob.recv_type("typing")
    assert typing["user_id"] == alice_user["id"] and typing["room"] == room["id"]
    with pytest.raises(TimeoutError):
        await bob.recv_type("typing", timeout=0.5)


async def test_leaving_stops_delivery_at_once(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token, _ = await user_socket(client, server.base_url)
    bob, bob_token, bob_user = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Leaving")
    await join_room(client, bob_token, room["id"])
    await alice.join(room["id"])
    await bob.join(room["id"])
    left = await client.post(
        f"/api/rooms/{room['id']}/leave", headers={"Authorization": f"Bearer {bob_token}"}
    )
    assert left.status_code == 204
    member = await bob.recv_type("member")
    assert (member["user_id"], member["action"]) == (bob_user["id"], "left")
    await alice.send(type="send", room=room["id"], client_id="after", body="bob gone?")
    await alice.recv_type("ack")
    with pytest.raises(TimeoutError):
        await bob.recv_type("message", timeout=0.5)


async def test_edits_and_deletes_are_broadcast(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Edits")
    await alice.join(room["id"])
    await alice.send(type="send", room=room["id"], client_id="e1", body="typo")
    message = (await alice.recv_type("ack"))["message"]
    headers = {"Authorization": f"Bearer {token}"}
    edited = await client.patch(
        f"/api/messages/{message['id']}", json={"body": "fixed"}, headers=headers
    )
    assert edited.status_code == 200
    frame = await alice.recv_type("message_edited")
    assert frame["message"]["body"] == "fixed" and frame["message"]["edited_at"]
    deleted = await client.delete(f"/api/messages/{message['id']}", headers=headers)
    assert deleted.status_code == 200
    frame = await alice.recv_type("message_deleted")
    assert frame["message"]["body"] == "" and frame["message"]["deleted_at"]


def test_sigterm_closes_sockets_with_1012(tmp_path: Path) -> None:
    """A real server process: SIGTERM → every socket gets 1012 and can resume."""
    port = free_port()
    env = {
        **os.environ,
        "PARLEY_DATA_DIR": str(tmp_path),
        "PARLEY_PORT": str(port),
        "PARLEY_SECRET_KEY": TEST_SECRET,
        "PARLEY_LOG_LEVEL": "warning",
    }
    env.pop("PARLEY_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "parley", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    async def scenario() -> int | None:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            # Startup migrates a fresh database first: on a busy machine that takes a while,
            # so wait for the condition (up to a minute), not for a fixed few seconds.
            deadline = time.monotonic() + 60
            while True:
                try:
                    if (await http.get("/api/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.1)
            socket, _, _ = await user_socket(http, base)
            process.send_signal(signal.SIGTERM)
            try:
                while True:
                    await asyncio.wait_for(socket.connection.recv(), 10)
            except ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else None

    try:
        assert asyncio.run(scenario()) == 1012
        # uvicorn re-raises the signal after its graceful shutdown: -SIGTERM is a clean exit.
        assert process.wait(timeout=15) in (0, -signal.SIGTERM)
    finally:
        process.kill()
