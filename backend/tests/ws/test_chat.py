"""Two clients chat, resume without loss, concurrent senders get gapless seqs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from parley.settings import Settings
from tests.conftest import RunningServer, make_settings
from tests.wsclient import WsClient, create_room, join_room, user_socket


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    # These tests are about ordering and delivery, not flood control.
    return make_settings(database_url, tmp_path, send_rate_limit="10000 per second")


async def test_two_clients_chat(client: httpx.AsyncClient, server: RunningServer) -> None:
    alice, alice_token, _ = await user_socket(client, server.base_url)
    bob, bob_token, bob_user = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="General")
    await join_room(client, bob_token, room["id"])
    await alice.join(room["id"])
    joined = await bob.join(room["id"])
    assert joined["last_seq"] == 0 and set(joined["online"]) >= {bob_user["id"]}

    await alice.send(type="send", room=room["id"], client_id="a-1", body="hi bob")
    ack = await alice.recv_type("ack")
    assert ack["client_id"] == "a-1" and ack["message"]["seq"] == 1 and not ack["duplicate"]
    message = await bob.recv_type("message")
    assert message["message"]["body"] == "hi bob" and message["message"]["author"]["username"]

    await bob.send(type="send", room=room["id"], client_id="b-1", body="hello alice")
    assert (await alice.recv_type("message"))["message"]["body"] == "hello alice"
    await alice.close()
    await bob.close()


async def test_compression_is_declined_and_frames_arrive_whole(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    # The websockets client offers permessage-deflate; Parley declines it (one framing
    # per message for every recipient), and long, non-ASCII bodies arrive intact.
    alice, alice_token, _ = await user_socket(client, server.base_url)
    assert alice.connection.response is not None
    assert alice.connection.response.headers.get("Sec-WebSocket-Extensions") is None
    room = await create_room(client, alice_token, name="Whole")
    await alice.join(room["id"])
    body = "한국어 " * 500 + "x" * 2000
    await alice.send(type="send", room=room["id"], client_id="long", body=body[:4000])
    assert (await alice.recv_type("ack"))["message"]["body"] == body[:4000]
    await alice.close()


async def test_retried_send_returns_the_original(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Retry")
    await alice.join(room["id"])
    for _ in range(2):
        await alice.send(type="send", room=room["id"], client_id="same", body="once")
    first = await alice.recv_type("ack")
    second = await alice.recv_type("ack")
    assert first["message"]["id"] == second["message"]["id"]
    assert [first["duplicate"], second["duplicate"]] == [False, True]
    page = await client.get(
        f"/api/rooms/{room['id']}/messages", headers={"Authorization": f"Bearer {token}"}
    )
    assert [m["body"] for m in page.json()["messages"]] == ["once"]


async def test_resume_gets_exactly_the_missed_messages(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token, _ = await user_socket(client, server.base_url)
    bob, bob_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Resume")
    await join_room(client, bob_token, room["id"])
    await alice.join(room["id"])
    await bob.join(room["id"])
    await alice.send(type="send", room=room["id"], client_id="before", body="seen")
    seen = await bob.recv_type("message")
    last_seq = seen["message"]["seq"]
    await bob.close()

    for index in range(50):
        await alice.send(type="send", room=room["id"], client_id=f"m{index}", body=f"n{index}")
        await alice.recv_type("ack")

    bob = await WsClient.open(server.base_url)
    await bob.auth(bob_token)
    await bob.join(room["id"], since=last_seq)
    received = [(await bob.recv_type("message"))["message"] for _ in range(50)]
    assert [m["body"] for m in received] == [f"n{i}" for i in range(50)]
    assert [m["seq"] for m in received] == list(range(last_seq + 1, last_seq + 51))
    # ...and nothing more: no duplicate arrives afterwards.
    await bob.send(type="ping")
    assert (await bob.recv())["type"] == "pong"


async def test_concurrent_senders_get_gapless_seqs(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    owner, owner_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, owner_token, name="Busy")
    senders = []
    for _ in range(20):
        socket, token, _user = await user_socket(client, server.base_url)
        await join_room(client, token, room["id"])
        senders.append(socket)

    async def send_fifty(index: int, socket: WsClient) -> list[int]:
        for n in range(50):
            await socket.send(type="send", room=room["id"], client_id=f"{index}-{n}", body="x")
        return [(await socket.recv_type("ack", timeout=60))["message"]["seq"] for _ in range(50)]

    results = await asyncio.gather(*(send_fifty(i, s) for i, s in enumerate(senders)))
    seqs = sorted(seq for per_sender in results for seq in per_sender)
    assert seqs == list(range(1, 1001))
    for per_sender in results:  # one sender's messages keep their order
        assert per_sender == sorted(per_sender)
    for socket in [owner, *senders]:
        await socket.close()
