"""Pins: moderators keep messages in view (in a DM, either person); live as `pin` frames,
on the room's pinned list, and replayed on resume with the message's latest state."""

from __future__ import annotations

import httpx

from tests.conftest import RunningServer
from tests.moderation.helpers import Person, person
from tests.wsclient import WsClient, create_room, join_room, send_message, signed_in_socket


async def _pins(client: httpx.AsyncClient, who: Person, room: int) -> list[int]:
    response = await client.get(f"/api/rooms/{room}/pins", headers=who.headers)
    assert response.status_code == 200, response.text
    return [message["id"] for message in response.json()]


async def test_a_moderator_pins_and_every_member_sees_it_live_and_on_resume(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    owner, member = await person(client), await person(client)
    room = await create_room(client, owner.token, name="Pins")
    await join_room(client, member.token, room["id"])
    owners = await signed_in_socket(server.base_url, owner.token, room["id"])
    first = await send_message(owners, room["id"], "the plan")
    second = await send_message(owners, room["id"], "the schedule")
    members = await signed_in_socket(server.base_url, member.token, room["id"])

    refused = await client.put(f"/api/messages/{first['id']}/pin", headers=member.headers)
    assert refused.status_code == 403, refused.text
    pinned = await client.put(f"/api/messages/{first['id']}/pin", headers=owner.headers)
    assert pinned.status_code == 200, pinned.text
    assert pinned.json()["pinned_by"] == owner.id and pinned.json()["pinned_at"]
    frame = await members.recv_type("pin")
    assert (frame["room"], frame["message_id"], frame["pinned_by"]) == (
        room["id"],
        first["id"],
        owner.id,
    )
    assert frame["change_seq"] > second["change_seq"]
    again = await client.put(f"/api/messages/{first['id']}/pin", headers=owner.headers)
    assert again.json()["pinned_at"] == pinned.json()["pinned_at"]  # idempotent
    await client.put(f"/api/messages/{second['id']}/pin", headers=owner.headers)
    assert await _pins(client, member, room["id"]) == [second["id"], first["id"]]
    # The member saw everything up to the second pin, then went away.
    position = (await members.recv_type("pin"))["change_seq"]
    await members.close()

    # Away: the first is unpinned. Back with `since`, the member gets it unpinned.
    unpinned = await client.delete(f"/api/messages/{first['id']}/pin", headers=owner.headers)
    assert unpinned.status_code == 200 and unpinned.json()["pinned_at"] is None
    back = await WsClient.open(server.base_url)
    await back.auth(member.token)
    await back.join(room["id"], since=position)
    replayed = {}
    while first["id"] not in replayed:
        message = (await back.recv_type("message"))["message"]
        replayed[message["id"]] = message
    assert replayed[first["id"]]["pinned_at"] is None
    assert await _pins(client, member, room["id"]) == [second["id"]]

    # A deleted message leaves the list with its text.
    await client.delete(f"/api/messages/{second['id']}", headers=owner.headers)
    assert await _pins(client, member, room["id"]) == []
    gone = await client.put(f"/api/messages/{second['id']}/pin", headers=owner.headers)
    assert gone.status_code == 403
    for socket in (owners, back):
        await socket.close()


async def test_either_person_pins_in_a_dm_and_outsiders_see_nothing(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob, stranger = await person(client), await person(client), await person(client)
    dm = (await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=alice.headers)).json()
    alices = await signed_in_socket(server.base_url, alice.token, dm["id"])
    said = await send_message(alices, dm["id"], "address: 12 Main St")
    await alices.close()
    pinned = await client.put(f"/api/messages/{said['id']}/pin", headers=bob.headers)
    assert pinned.status_code == 200, pinned.text
    assert await _pins(client, alice, dm["id"]) == [said["id"]]
    hidden = await client.get(f"/api/rooms/{dm['id']}/pins", headers=stranger.headers)
    assert hidden.status_code == 404
    outsider = await client.put(f"/api/messages/{said['id']}/pin", headers=stranger.headers)
    assert outsider.status_code == 404
    missing = await client.put("/api/messages/999999/pin", headers=alice.headers)
    assert missing.status_code == 404
    bad = await client.put("/api/messages/0/pin", headers=alice.headers)
    assert bad.status_code == 422


async def test_a_jump_to_a_date_lands_on_its_first_message(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice = await person(client)
    room = await create_room(client, alice.token, name="Dates")
    alices = await signed_in_socket(server.base_url, alice.token, room["id"])
    first = await send_message(alices, room["id"], "one")
    await send_message(alices, room["id"], "two")
    await alices.close()
    at = await client.get(
        f"/api/rooms/{room['id']}/messages/at",
        params={"time": "2000-01-01T00:00:00+09:00"},
        headers=alice.headers,
    )
    assert at.status_code == 200, at.text
    assert at.json() == {"seq": first["seq"]}
    later = await client.get(
        f"/api/rooms/{room['id']}/messages/at",
        params={"time": "2999-01-01T00:00:00Z"},
        headers=alice.headers,
    )
    assert later.json() == {"seq": None}
    naive = await client.get(
        f"/api/rooms/{room['id']}/messages/at",
        params={"time": "2026-01-01T00:00:00"},
        headers=alice.headers,
    )
    assert naive.status_code == 422
