"""`unread` in the caller's rooms is the server's count: others' standing messages past
my read position (my own and deleted ones do not count), the same in the list and the
room, cleared by reading."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.conftest import RunningServer
from tests.moderation.helpers import Person, person
from tests.wsclient import WsClient, create_room, join_room, send_message


async def _unread(client: httpx.AsyncClient, who: Person, room_id: int) -> int:
    room = (await client.get(f"/api/rooms/{room_id}", headers=who.headers)).json()
    listed = await client.get("/api/rooms", params={"joined": "true"}, headers=who.headers)
    [entry] = [r for r in listed.json()["items"] if r["id"] == room_id]
    assert entry["unread"] == room["unread"] and entry["kind"] == room["kind"] == "room"
    count: int = room["unread"]
    return count


async def test_unread_counts_others_standing_messages_until_read(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob = await person(client), await person(client)
    room = await create_room(client, alice.token, name="Unread")
    await join_room(client, bob.token, room["id"])
    alices = await WsClient.open(server.base_url)
    await alices.auth(alice.token)
    await alices.join(room["id"])
    bobs = await WsClient.open(server.base_url)
    await bobs.auth(bob.token)
    await bobs.join(room["id"])

    first = await send_message(alices, room["id"], "one")
    await send_message(alices, room["id"], "two")
    doomed = await send_message(alices, room["id"], "three")
    await send_message(bobs, room["id"], "mine")
    assert await _unread(client, bob, room["id"]) == 3
    # Alice's own messages are never unread to her, whatever her read position.
    assert await _unread(client, alice, room["id"]) == 1

    deleted = await client.delete(f"/api/messages/{doomed['id']}", headers=alice.headers)
    assert deleted.status_code == 200, deleted.text
    assert await _unread(client, bob, room["id"]) == 2

    read = await client.post(
        f"/api/rooms/{room['id']}/read", json={"seq": first["seq"]}, headers=bob.headers
    )
    assert read.status_code == 204, read.text
    assert await _unread(client, bob, room["id"]) == 1
    await alices.close()
    await bobs.close()


async def test_reading_on_one_tab_clears_the_counts_on_every_other(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob = await person(client), await person(client)
    room = await create_room(client, alice.token, name="Two tabs")
    await join_room(client, bob.token, room["id"])
    alices = await WsClient.open(server.base_url)
    await alices.auth(alice.token)
    await alices.join(room["id"])
    # Bob's second tab has joined no room: his read position reaches it all the same.
    bob_tab, bob_phone = await WsClient.open(server.base_url), await WsClient.open(server.base_url)
    await bob_tab.auth(bob.token)
    await bob_phone.auth(bob.token)

    first = await send_message(alices, room["id"], "one")
    await send_message(alices, room["id"], f"<@{bob.id}> two")
    last = await send_message(alices, room["id"], "three")

    read = await client.post(
        f"/api/rooms/{room['id']}/read", json={"seq": first["seq"]}, headers=bob.headers
    )
    assert read.status_code == 204, read.text
    for socket in (bob_tab, bob_phone):
        frame = await socket.recv_type("read")
        assert frame == {
            "type": "read",
            "room": room["id"],
            "last_read_seq": first["seq"],
            "unread": 2,
            "mentions": 1,
        }

    await client.post(
        f"/api/rooms/{room['id']}/read", json={"seq": last["seq"]}, headers=bob.headers
    )
    for socket in (bob_tab, bob_phone):
        frame = await socket.recv_type("read")
        assert (frame["last_read_seq"], frame["unread"], frame["mentions"]) == (last["seq"], 0, 0)

    # A marker that does not move (behind, or the same again) tells nobody anything, and
    # Alice never hears of Bob's reading.
    await client.post(
        f"/api/rooms/{room['id']}/read", json={"seq": first["seq"]}, headers=bob.headers
    )
    with pytest.raises(asyncio.TimeoutError):
        await bob_tab.recv_type("read", timeout=0.5)
    with pytest.raises(asyncio.TimeoutError):
        await alices.recv_type("read", timeout=0.5)
    for socket in (alices, bob_tab, bob_phone):
        await socket.close()
