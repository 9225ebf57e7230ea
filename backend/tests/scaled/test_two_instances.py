"""Chat, presence, typing, bans and failover across two instances."""

from __future__ import annotations

import asyncio
import time

import httpx
from websockets.exceptions import ConnectionClosed

from tests.factories import bearer, signup_and_login
from tests.scaled.conftest import Cluster
from tests.wsclient import WsClient, create_room, join_room


async def _socket(base_url: str, token: str, room_id: int | None = None) -> WsClient:
    socket = await WsClient.open(base_url)
    await socket.auth(token)
    if room_id is not None:
        await socket.join(room_id)
    return socket


async def test_clients_on_two_instances_chat(cluster: Cluster) -> None:
    async with httpx.AsyncClient(base_url=cluster.a.base_url, timeout=10) as http:
        _, alice = await signup_and_login(http)
        bob_user, bob = await signup_and_login(http)
        room = await create_room(http, alice, name="Across")
        await join_room(http, bob, room["id"])
    on_a = await _socket(cluster.a.base_url, alice, room["id"])
    on_b = await _socket(cluster.b.base_url, bob, room["id"])

    await on_a.send(type="send", room=room["id"], client_id="a1", body="from A")
    assert (await on_b.recv_type("message"))["message"]["body"] == "from A"
    assert (await on_a.recv_type("message"))["message"]["body"] == "from A"  # own echo
    await on_b.send(type="send", room=room["id"], client_id="b1", body="from B")
    assert (await on_a.recv_type("message"))["message"]["body"] == "from B"

    # presence and typing cross too
    await on_b.send(type="typing", room=room["id"])
    typing = await on_a.recv_type("typing")
    assert typing["user_id"] == bob_user["id"]
    async with httpx.AsyncClient(base_url=cluster.a.base_url, timeout=10) as http:
        members = (await http.get(f"/api/rooms/{room['id']}/members", headers=bearer(alice))).json()
    assert {m["user_id"]: m["online"] for m in members}[bob_user["id"]] is True
    await on_b.close()
    offline = await on_a.recv_type("presence")
    assert offline == {"type": "presence", "online": [], "offline": [bob_user["id"]]}


async def test_a_ban_on_a_closes_the_socket_on_b_within_a_second(cluster: Cluster) -> None:
    async with httpx.AsyncClient(base_url=cluster.a.base_url, timeout=10) as http:
        _, admin = await signup_and_login(http)
        bob_user, bob = await signup_and_login(http)
        on_b = await _socket(cluster.b.base_url, bob)
        started = time.monotonic()
        response = await http.post(
            f"/api/admin/users/{bob_user['id']}/ban", json={"reason": "x"}, headers=bearer(admin)
        )
        assert response.status_code == 200
    try:
        while True:
            await asyncio.wait_for(on_b.connection.recv(), 1.0)
    except ConnectionClosed as closed:
        assert closed.rcvd is not None and closed.rcvd.code == 4403
    assert time.monotonic() - started < 1.0


async def test_a_preference_changed_through_a_reaches_my_socket_on_b(cluster: Cluster) -> None:
    async with httpx.AsyncClient(base_url=cluster.a.base_url, timeout=10) as http:
        _, alice = await signup_and_login(http)
        on_b = await _socket(cluster.b.base_url, alice)
        changed = await http.patch(
            "/api/users/me", json={"theme": "dark", "locale": "ko"}, headers=bearer(alice)
        )
        assert changed.status_code == 200, changed.text
    frame = await on_b.recv_type("preferences")
    assert frame == {"type": "preferences", "locale": "ko", "theme": "dark", "read_receipts": False}
    await on_b.close()


async def test_killing_an_instance_loses_and_repeats_nothing(cluster: Cluster) -> None:
    async with httpx.AsyncClient(base_url=cluster.b.base_url, timeout=10) as http:
        _, sender_token = await signup_and_login(http)
        _, reader_token = await signup_and_login(http)
        room = await create_room(http, sender_token, name="Failover")
        await join_room(http, reader_token, room["id"])
    reader = await _socket(cluster.a.base_url, reader_token, room["id"])
    sender = await _socket(cluster.b.base_url, sender_token, room["id"])

    async def send(n: int) -> None:
        await sender.send(type="send", room=room["id"], client_id=f"m{n}", body=f"n{n}")
        await sender.recv_type("ack")

    for n in range(10):
        await send(n)
    seen = [(await reader.recv_type("message"))["message"]["seq"] for _ in range(10)]
    cluster.a.kill()  # no goodbye: SIGKILL
    for n in range(10, 40):
        await send(n)

    resumed = await _socket(cluster.b.base_url, reader_token)
    await resumed.join(room["id"], since=seen[-1])
    for n in range(40, 50):
        await send(n)
    rest = [(await resumed.recv_type("message"))["message"]["seq"] for _ in range(40)]
    assert seen + rest == list(range(1, 51))
    try:
        extra = await resumed.recv_type("message", timeout=0.5)
        raise AssertionError(f"a message was repeated: {extra}")
    except TimeoutError:
        pass


async def test_an_upload_through_a_is_processed_by_a_worker_and_announced_on_b(
    cluster: Cluster,
) -> None:
    from tests.images import png

    async with httpx.AsyncClient(base_url=cluster.a.base_url, timeout=10) as http:
        _, alice = await signup_and_login(http)
        _, bob = await signup_and_login(http)
        room = await create_room(http, alice, name="Pictures")
        await join_room(http, bob, room["id"])
        alice_on_a = await _socket(cluster.a.base_url, alice, room["id"])
        bob_on_b = await _socket(cluster.b.base_url, bob, room["id"])
        accepted = await http.post(
            f"/api/rooms/{room['id']}/uploads",
            files={"file": ("cat.png", png(640, 480))},
            headers=bearer(alice),
        )
        assert accepted.status_code == 202
        upload = accepted.json()
    # Attach at once, while the worker may still be busy: B hears the outcome either way.
    await alice_on_a.send(
        type="send", room=room["id"], client_id="pic", body="", attachments=[upload["id"]]
    )
    await alice_on_a.recv_type("ack")
    message = (await bob_on_b.recv_type("message"))["message"]
    assert message["attachments"][0]["id"] == upload["id"]
    status = message["attachments"][0]["status"]
    while status not in ("ready", "failed"):
        status = (await bob_on_b.recv_type("upload", timeout=15))["upload"]["status"]
    assert status == "ready"
    async with httpx.AsyncClient(base_url=cluster.b.base_url, timeout=10) as http:
        thumb = await http.get(f"/api/uploads/{upload['id']}/thumbnail", headers=bearer(bob))
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/webp"
