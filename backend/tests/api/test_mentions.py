"""Mentions are ids (`<@id>`): only members count, the unread count is the server's and
clears when read, and calling the whole room (`<!room>`) is for the room's managers."""

from __future__ import annotations

import httpx

from tests.conftest import RunningServer
from tests.moderation.helpers import Person, person
from tests.wsclient import create_room, join_room, send_and_answer, signed_in_socket


async def _mention_count(client: httpx.AsyncClient, who: Person, room_id: int) -> int:
    room = await client.get(f"/api/rooms/{room_id}", headers=who.headers)
    listed = await client.get("/api/rooms", params={"joined": "true"}, headers=who.headers)
    [entry] = [r for r in listed.json()["items"] if r["id"] == room_id]
    assert entry["mentions"] == room.json()["mentions"]
    count: int = room.json()["mentions"]
    return count


async def test_mentions_name_members_and_count_until_read(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    await person(client)
    alice, bob, carol = await person(client), await person(client), await person(client)
    room = await create_room(client, alice.token, name="Mentions")
    await join_room(client, bob.token, room["id"])
    socket = await signed_in_socket(server.base_url, alice.token, room["id"])

    sent = await send_and_answer(
        socket, room["id"], f"<@{bob.id}> and <@{carol.id}>, also <@{bob.id}> <@0> <@{10**19}>"
    )
    message = sent["message"]
    # Carol is not in the room: naming her notifies nobody.
    assert message["mentions"] == [bob.id] and message["mentions_room"] is False
    assert await _mention_count(client, bob, room["id"]) == 1
    assert await _mention_count(client, alice, room["id"]) == 0
    await send_and_answer(socket, room["id"], f"again <@{bob.id}>")
    assert await _mention_count(client, bob, room["id"]) == 2

    read = await client.post(
        f"/api/rooms/{room['id']}/read", json={"seq": message["seq"]}, headers=bob.headers
    )
    assert read.status_code == 204, read.text
    assert await _mention_count(client, bob, room["id"]) == 1

    # An edit that drops the name drops the mention; a deletion drops it too.
    latest = (await client.get(f"/api/rooms/{room['id']}/messages", headers=bob.headers)).json()
    last_id = latest["messages"][-1]["id"]
    edited = await client.patch(
        f"/api/messages/{last_id}", json={"body": "nobody"}, headers=alice.headers
    )
    assert edited.json()["mentions"] == []
    assert await _mention_count(client, bob, room["id"]) == 0
    renamed = await client.patch(
        "/api/users/me", json={"display_name": "Robert"}, headers=bob.headers
    )
    assert renamed.status_code == 200
    page = (await client.get(f"/api/rooms/{room['id']}/messages", headers=bob.headers)).json()
    assert page["messages"][0]["mentions"] == [bob.id]


async def test_calling_the_room_is_for_its_managers(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    await person(client)
    owner, member = await person(client), await person(client)
    room = await create_room(client, owner.token, name="Everyone")
    await join_room(client, member.token, room["id"])
    member_socket = await signed_in_socket(server.base_url, member.token, room["id"])
    refused = await send_and_answer(member_socket, room["id"], "<!room> lunch?")
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused

    owner_socket = await signed_in_socket(server.base_url, owner.token, room["id"])
    called = await send_and_answer(owner_socket, room["id"], "<!room> standup in 5")
    assert called["message"]["mentions_room"] is True
    assert await _mention_count(client, member, room["id"]) == 1
    assert await _mention_count(client, owner, room["id"]) == 0
    listed = await client.get(f"/api/rooms/{room['id']}", headers=owner.headers)
    assert "mention_room" in listed.json()["my_actions"]
    mine = await client.get(f"/api/rooms/{room['id']}", headers=member.headers)
    assert "mention_room" not in mine.json()["my_actions"]

    deleted = await client.delete(f"/api/messages/{called['message']['id']}", headers=owner.headers)
    assert deleted.json()["mentions_room"] is False
    assert await _mention_count(client, member, room["id"]) == 0
