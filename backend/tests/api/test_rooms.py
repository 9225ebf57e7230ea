"""Rooms over REST: visibility, membership, invites, read markers, edits."""

from __future__ import annotations

import httpx

from tests.conftest import RunningServer
from tests.factories import bearer, signup_and_login
from tests.wsclient import create_room, join_room, user_socket


async def test_create_and_list_rooms(client: httpx.AsyncClient) -> None:
    _, token = await signup_and_login(client)
    room = await create_room(client, token, name="  Team   Chat ")
    assert room["name"] == "Team Chat" and room["my_role"] == "owner" and room["member_count"] == 1
    listed = (await client.get("/api/rooms", headers=bearer(token))).json()["items"]
    assert [r["name"] for r in listed] == ["Team Chat"]


async def test_room_names_are_unique_case_insensitively(client: httpx.AsyncClient) -> None:
    _, token = await signup_and_login(client)
    await create_room(client, token, name="General")
    clash = await client.post("/api/rooms", json={"name": "GENERAL"}, headers=bearer(token))
    assert clash.status_code == 409


async def test_invalid_room_input_is_422(client: httpx.AsyncClient) -> None:
    _, token = await signup_and_login(client)
    for body in ({"name": ""}, {"name": "x" * 65}, {"topic": "no name"}, {"name": 5}):
        response = await client.post("/api/rooms", json=body, headers=bearer(token))
        assert response.status_code == 422, body


async def test_private_rooms_are_invisible_to_outsiders(client: httpx.AsyncClient) -> None:
    _, owner = await signup_and_login(client)
    outsider_user, outsider = await signup_and_login(client)
    secret = await create_room(client, owner, name="Secret", is_private=True)
    await create_room(client, owner, name="Open")
    listed = (await client.get("/api/rooms", headers=bearer(outsider))).json()["items"]
    assert [r["name"] for r in listed] == ["Open"]
    for path in ("", "/members", "/messages"):
        response = await client.get(f"/api/rooms/{secret['id']}{path}", headers=bearer(outsider))
        assert response.status_code == 404, path
    joined = await client.post(f"/api/rooms/{secret['id']}/join", headers=bearer(outsider))
    assert joined.status_code == 404

    invite = await client.post(
        f"/api/rooms/{secret['id']}/members",
        json={"username": outsider_user["username"]},
        headers=bearer(owner),
    )
    assert invite.status_code == 201 and invite.json()["role"] == "member"
    listed = (await client.get("/api/rooms", headers=bearer(outsider))).json()["items"]
    assert {r["name"] for r in listed} == {"Open", "Secret"}


async def test_invites_need_a_manager_and_a_real_user(client: httpx.AsyncClient) -> None:
    _, owner = await signup_and_login(client)
    member_user, member = await signup_and_login(client)
    room = await create_room(client, owner, name="Invites", is_private=True)
    path = f"/api/rooms/{room['id']}/members"
    missing = await client.post(path, json={"username": "ghost"}, headers=bearer(owner))
    assert missing.status_code == 404
    await client.post(path, json={"username": member_user["username"]}, headers=bearer(owner))
    again = await client.post(
        path, json={"username": member_user["username"]}, headers=bearer(owner)
    )
    assert again.status_code == 409
    by_member = await client.post(path, json={"username": "whoever"}, headers=bearer(member))
    assert by_member.status_code == 403


async def test_only_managers_update_and_only_owner_deletes(client: httpx.AsyncClient) -> None:
    _, owner = await signup_and_login(client)
    _, member = await signup_and_login(client)
    room = await create_room(client, owner, name="Managed")
    await join_room(client, member, room["id"])
    path = f"/api/rooms/{room['id']}"
    assert (
        await client.patch(path, json={"topic": "x"}, headers=bearer(member))
    ).status_code == 403
    assert (await client.delete(path, headers=bearer(member))).status_code == 403
    updated = await client.patch(path, json={"topic": "Plans"}, headers=bearer(owner))
    assert updated.status_code == 200 and updated.json()["topic"] == "Plans"
    assert (await client.delete(path, headers=bearer(owner))).status_code == 204
    assert (await client.get(path, headers=bearer(owner))).status_code == 404


async def test_join_leave_and_members(client: httpx.AsyncClient) -> None:
    _, owner = await signup_and_login(client)
    member_user, member = await signup_and_login(client)
    room = await create_room(client, owner, name="Club")
    joined = await client.post(f"/api/rooms/{room['id']}/join", headers=bearer(member))
    assert joined.json()["my_role"] == "member" and joined.json()["member_count"] == 2
    again = await client.post(f"/api/rooms/{room['id']}/join", headers=bearer(member))
    assert again.status_code == 200  # idempotent
    members = (await client.get(f"/api/rooms/{room['id']}/members", headers=bearer(owner))).json()
    assert {m["username"]: m["role"] for m in members}[member_user["username"]] == "member"
    owner_leaves = await client.post(f"/api/rooms/{room['id']}/leave", headers=bearer(owner))
    assert owner_leaves.status_code == 409
    assert (
        await client.post(f"/api/rooms/{room['id']}/leave", headers=bearer(member))
    ).status_code == 204


async def test_unknown_room_is_404(client: httpx.AsyncClient) -> None:
    _, token = await signup_and_login(client)
    assert (await client.get("/api/rooms/424242", headers=bearer(token))).status_code == 404
    assert (await client.get("/api/rooms/abc", headers=bearer(token))).status_code == 422
    # Past the 32-bit id range: refused as input, never a driver error (500).
    for path in ("/api/rooms/99999999999", "/api/rooms/0/members"):
        assert (await client.get(path, headers=bearer(token))).status_code == 422, path
    huge = await client.delete("/api/messages/99999999999", headers=bearer(token))
    assert huge.status_code == 422


async def test_read_marker_moves_forward_only(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Unread")
    await socket.join(room["id"])
    for n in range(3):
        await socket.send(type="send", room=room["id"], client_id=f"u{n}", body="x")
        await socket.recv_type("ack")
    path = f"/api/rooms/{room['id']}"
    assert (
        await client.post(f"{path}/read", json={"seq": 2}, headers=bearer(token))
    ).status_code == 204
    await client.post(f"{path}/read", json={"seq": 1}, headers=bearer(token))
    await client.post(f"{path}/read", json={"seq": 99}, headers=bearer(token))
    assert (await client.get(path, headers=bearer(token))).json()["last_read_seq"] == 3


async def test_only_authors_edit_and_delete_tombstones(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, owner, _ = await user_socket(client, server.base_url)
    _, other = await signup_and_login(client)
    room = await create_room(client, owner, name="Authors")
    await join_room(client, other, room["id"])
    await socket.join(room["id"])
    await socket.send(type="send", room=room["id"], client_id="a1", body="mine")
    message = (await socket.recv_type("ack"))["message"]
    path = f"/api/messages/{message['id']}"
    assert (
        await client.patch(path, json={"body": "theirs"}, headers=bearer(other))
    ).status_code == 403
    assert (await client.delete(path, headers=bearer(other))).status_code == 403
    assert (await client.patch(path, json={"body": ""}, headers=bearer(owner))).status_code == 422
    assert (
        await client.patch("/api/messages/999999", json={"body": "x"}, headers=bearer(owner))
    ).status_code == 404
    deleted = await client.delete(path, headers=bearer(owner))
    assert deleted.json()["body"] == "" and deleted.json()["deleted_by"] == message["author"]["id"]
    assert (
        await client.patch(path, json={"body": "back"}, headers=bearer(owner))
    ).status_code == 403
