"""Read receipts are opt-in on both sides: a member who turns them on shares how far they
read with the others who did, live; nobody else learns anything; big rooms have none."""

from __future__ import annotations

import httpx

from tests.conftest import RunningServer
from tests.moderation.helpers import Person, person
from tests.wsclient import WsClient, create_room, join_room, send_message


async def _share_receipts(client: httpx.AsyncClient, who: Person, on: bool = True) -> None:
    changed = await client.patch("/api/users/me", json={"read_receipts": on}, headers=who.headers)
    assert changed.status_code == 200, changed.text
    assert changed.json()["read_receipts"] is on


async def _receipts(client: httpx.AsyncClient, who: Person, room_id: int) -> dict[str, object]:
    response = await client.get(f"/api/rooms/{room_id}/receipts", headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


async def test_receipts_are_shared_only_between_members_who_turned_them_on(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob, carol = await person(client), await person(client), await person(client)
    room = await create_room(client, alice.token, name="Seen by")
    for member in (bob, carol):
        await join_room(client, member.token, room["id"])
    me = (await client.get("/api/users/me", headers=alice.headers)).json()
    assert me["read_receipts"] is False  # off unless the user turns it on

    alices = await WsClient.open(server.base_url)
    await alices.auth(alice.token)
    await alices.join(room["id"])
    sent = await send_message(alices, room["id"], "did you see this?")
    # Off: Alice sees nothing, even of people who share.
    await _share_receipts(client, bob)
    assert await _receipts(client, alice, room["id"]) == {"available": False, "readers": []}

    await _share_receipts(client, alice)
    for reader in (bob, carol):
        read = await client.post(
            f"/api/rooms/{room['id']}/read", json={"seq": sent["seq"]}, headers=reader.headers
        )
        assert read.status_code == 204, read.text
    frame = await alices.recv_type("receipt")
    assert frame == {
        "type": "receipt",
        "room": room["id"],
        "user_id": bob.id,
        "last_read_seq": sent["seq"],
    }
    # Carol never turned receipts on: her reading is nobody's business. Bob reads on after
    # her; his receipt is the very next one, so no receipt of Carol's came in between.
    later = await send_message(alices, room["id"], "and this?")
    read = await client.post(
        f"/api/rooms/{room['id']}/read", json={"seq": later["seq"]}, headers=bob.headers
    )
    assert read.status_code == 204, read.text
    frame = await alices.recv_type("receipt")
    assert (frame["user_id"], frame["last_read_seq"]) == (bob.id, later["seq"])
    listed = await _receipts(client, alice, room["id"])
    assert listed == {
        "available": True,
        "readers": [{"user_id": bob.id, "last_read_seq": later["seq"]}],
    }
    # Bob turns them off again: he stops sharing at once.
    await _share_receipts(client, bob, on=False)
    assert await _receipts(client, alice, room["id"]) == {"available": True, "readers": []}
    await alices.close()


async def test_no_receipts_outside_the_room_or_in_a_big_one(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, stranger = await person(client), await person(client)
    await _share_receipts(client, alice)
    await _share_receipts(client, stranger)
    room = await create_room(client, alice.token, name="Crowd")
    outside = await client.get(f"/api/rooms/{room['id']}/receipts", headers=stranger.headers)
    assert outside.status_code == 403, outside.text
    private = await create_room(client, alice.token, name="Quiet", is_private=True)
    hidden = await client.get(f"/api/rooms/{private['id']}/receipts", headers=stranger.headers)
    assert hidden.status_code == 404
    missing = await client.get("/api/rooms/99999999999/receipts", headers=alice.headers)
    assert missing.status_code == 422

    crowd = [await person(client) for _ in range(20)]  # 21 members with Alice
    for member in crowd:
        await join_room(client, member.token, room["id"])
    assert await _receipts(client, alice, room["id"]) == {"available": False, "readers": []}


async def test_joining_a_busy_room_starts_with_nothing_unread(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob, carol = await person(client), await person(client), await person(client)
    room = await create_room(client, alice.token, name="Busy")
    alices = await WsClient.open(server.base_url)
    await alices.auth(alice.token)
    await alices.join(room["id"])
    last = None
    for n in range(3):
        last = await send_message(alices, room["id"], f"before anyone came {n}")
    assert last is not None
    joined = await client.post(f"/api/rooms/{room['id']}/join", headers=bob.headers)
    assert (joined.json()["unread"], joined.json()["last_read_seq"]) == (0, last["seq"])
    invited = await client.post(
        f"/api/rooms/{room['id']}/members", json={"username": carol.username}, headers=alice.headers
    )
    assert invited.status_code == 201, invited.text
    carols = (await client.get(f"/api/rooms/{room['id']}", headers=carol.headers)).json()
    assert (carols["unread"], carols["last_read_seq"]) == (0, last["seq"])
    after = await send_message(alices, room["id"], "welcome")
    bobs = (await client.get(f"/api/rooms/{room['id']}", headers=bob.headers)).json()
    assert bobs["unread"] == 1 and after["seq"] == last["seq"] + 1
    await alices.close()
