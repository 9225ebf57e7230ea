"""The holes found by trying Parley as an attacker (issue step 6), each closed by the one
access table in services/access.py, and the allowed actions the server hands out."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import RunningServer
from tests.moderation.helpers import Cast, cast, moderate
from tests.wsclient import WsClient, create_room


async def _watching(server: RunningServer, token: str, room_id: int) -> WsClient:
    socket = await WsClient.open(server.base_url)
    await socket.auth(token)
    await socket.join(room_id)
    return socket


async def _sent(socket: WsClient, room_id: int, client_id: str, body: str = "hello") -> None:
    await socket.send(type="send", room=room_id, client_id=client_id, body=body)
    await socket.recv_type("ack")


async def _frames_until_pong(socket: WsClient) -> list[dict[str, Any]]:
    """Everything queued for `socket` before the answer to a ping sent now. Called once
    the sender's ack (or another socket's copy) has arrived: fan-out had queued the
    frame for every subscriber by then, so an absence is proven, not waited out."""
    await socket.send(type="ping")
    frames = []
    while (frame := await socket.recv())["type"] != "pong":
        frames.append(frame)
    return frames


async def _receives_no_message(socket: WsClient) -> bool:
    return not [frame for frame in await _frames_until_pong(socket) if frame["type"] == "message"]


async def test_a_room_going_private_ends_every_outsiders_stream_with_a_reason(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    # An outsider previewing the public room, and a member: only the outsider loses it.
    outsider = await _person_watching(client, server, room_id)
    member = await _watching(server, people.member.token, room_id)
    owner = await _watching(server, people.owner.token, room_id)
    changed = await client.patch(
        f"/api/rooms/{room_id}", json={"is_private": True}, headers=people.owner.headers
    )
    assert changed.status_code == 200
    revoked = await outsider.recv_type("revoked")
    assert revoked["room"] == room_id and "private" in revoked["reason"]
    await _sent(owner, room_id, "after-private")
    assert (await member.recv_type("message"))["message"]["client_id"] == "after-private"
    assert await _receives_no_message(outsider)
    # And it cannot simply subscribe again.
    await outsider.send(type="join", room=room_id)
    error = await outsider.recv_type("error")
    assert error["code"] == "not_found"


async def _person_watching(
    client: httpx.AsyncClient, server: RunningServer, room_id: int
) -> WsClient:
    from tests.moderation.helpers import person

    someone = await person(client)
    return await _watching(server, someone.token, room_id)


async def test_a_demoted_site_admin_stops_reading_private_rooms_live(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    # A second admin, promoted by the first, watches a private room they are not in.
    second = people.other_member
    promoted = await client.patch(
        f"/api/admin/users/{second.id}", json={"role": "admin"}, headers=people.admin.headers
    )
    assert promoted.status_code == 200
    secret = await create_room(client, people.owner.token, name="Back office", is_private=True)
    watcher = await _watching(server, second.token, secret["id"])
    owner = await _watching(server, people.owner.token, secret["id"])
    await _sent(owner, secret["id"], "while-admin")
    assert (await watcher.recv_type("message"))["message"]["client_id"] == "while-admin"
    demoted = await client.patch(
        f"/api/admin/users/{second.id}", json={"role": "user"}, headers=people.admin.headers
    )
    assert demoted.status_code == 200
    revoked = await watcher.recv_type("revoked")
    assert revoked["room"] == secret["id"]
    await _sent(owner, secret["id"], "after-demotion")
    assert await _receives_no_message(watcher)


async def test_a_kicked_user_cannot_keep_reading_through_preview(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    kicked = await _watching(server, people.member.token, room_id)
    owner = await _watching(server, people.owner.token, room_id)
    assert (
        await moderate(client, people.owner, room_id, "kick", people.member.id)
    ).status_code == 204
    await kicked.recv_type("member")
    await kicked.send(type="join", room=room_id)
    assert (await kicked.recv_type("error"))["code"] == "kicked"
    history = await client.get(f"/api/rooms/{room_id}/messages", headers=people.member.headers)
    assert history.status_code == 403 and history.json()["code"] == "kicked"
    await _sent(owner, room_id, "after-kick")
    assert await _receives_no_message(kicked)
    # Joining again (allowed after a kick) ends it.
    rejoined = await client.post(f"/api/rooms/{room_id}/join", headers=people.member.headers)
    assert rejoined.status_code == 200
    await kicked.join(room_id)
    await _sent(owner, room_id, "welcome-back")
    assert (await kicked.recv_type("message"))["message"]["client_id"] == "welcome-back"


async def _message_of(socket: WsClient, room_id: int, client_id: str) -> int:
    await socket.send(type="send", room=room_id, client_id=client_id, body="original")
    ack = await socket.recv_type("ack")
    message_id: int = ack["message"]["id"]
    return message_id


async def test_muted_members_and_locked_rooms_refuse_edits(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    member = await _watching(server, people.member.token, room_id)
    message_id = await _message_of(member, room_id, "to-edit")
    path = f"/api/messages/{message_id}"
    assert (
        await moderate(client, people.owner, room_id, "mute", people.member.id)
    ).status_code == 204
    muted = await client.patch(path, json={"body": "sneaky"}, headers=people.member.headers)
    assert muted.status_code == 403 and muted.json()["code"] == "muted"
    assert (
        await moderate(client, people.owner, room_id, "unmute", people.member.id)
    ).status_code == 204
    locked = await client.patch(
        f"/api/rooms/{room_id}", json={"locked": True}, headers=people.owner.headers
    )
    assert locked.status_code == 200
    refused = await client.patch(path, json={"body": "sneaky"}, headers=people.member.headers)
    assert refused.status_code == 403 and refused.json()["code"] == "locked"
    stored = await client.get(f"/api/rooms/{room_id}/messages", headers=people.member.headers)
    assert [m["body"] for m in stored.json()["messages"]] == ["original"]


async def test_edits_are_rate_limited(client: httpx.AsyncClient, server: RunningServer) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    member = await _watching(server, people.member.token, room_id)
    message_id = await _message_of(member, room_id, "to-flood")
    statuses = [
        (
            await client.patch(
                f"/api/messages/{message_id}",
                json={"body": "y" * 3990 + str(n)},
                headers=people.member.headers,
            )
        ).status_code
        for n in range(30)
    ]
    assert statuses[:10] == [200] * 10
    assert 429 in statuses, statuses


async def test_a_muted_members_typing_is_not_broadcast(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    member = await _watching(server, people.member.token, room_id)
    other = await _watching(server, people.other_member.token, room_id)
    assert (
        await moderate(client, people.owner, room_id, "mute", people.member.id)
    ).status_code == 204
    await member.send(type="typing", room=room_id)
    refusal = await member.recv_type("error")
    assert refusal["code"] == "forbidden" and "muted" in refusal["detail"]
    # The others hear whoever may type (the other member), never the muted one.
    await other.send(type="typing", room=room_id)
    heard = await member.recv_type("typing")
    assert heard["user_id"] == people.other_member.id
    heard_by_other = [f for f in await _frames_until_pong(other) if f["type"] == "typing"]
    assert people.member.id not in [f["user_id"] for f in heard_by_other], heard_by_other


async def test_promote_never_demotes_an_owner(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    promote = await moderate(client, people.admin, room_id, "promote", people.owner.id)
    assert promote.status_code == 403
    promote_mod = await moderate(client, people.admin, room_id, "promote", people.moderator.id)
    assert promote_mod.status_code == 403
    members = await client.get(f"/api/rooms/{room_id}/members", headers=people.admin.headers)
    roles = {m["user_id"]: m["role"] for m in members.json()}
    assert roles[people.owner.id] == "owner" and roles[people.moderator.id] == "moderator"


async def test_room_names_reveal_no_private_room(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    await create_room(client, people.owner.token, name="Skunkworks", is_private=True)
    # An outsider may create a room of that name, public or private: nothing is revealed.
    for is_private in (False, True):
        created = await client.post(
            "/api/rooms",
            json={"name": "skunkworks", "is_private": is_private},
            headers=people.member.headers,
        )
        assert created.status_code == 201, created.text
    # Public names stay unique.
    again = await client.post(
        "/api/rooms", json={"name": "SKUNKWORKS"}, headers=people.other_member.headers
    )
    assert again.status_code == 409
    # Making a private room public under a taken public name is refused (to its manager).
    private = await create_room(client, people.owner.token, name="Skunkworks two", is_private=True)
    renamed = await client.patch(
        f"/api/rooms/{private['id']}",
        json={"name": "skunkworks", "is_private": False},
        headers=people.owner.headers,
    )
    assert renamed.status_code == 409


async def _room_actions(
    client: httpx.AsyncClient, people: Cast, role: str, room_id: int
) -> set[str]:
    response = await client.get(f"/api/rooms/{room_id}", headers=people.by_role(role).headers)
    assert response.status_code == 200
    return set(response.json()["my_actions"])


async def test_rooms_carry_the_callers_allowed_actions(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    member = await _room_actions(client, people, "member", room_id)
    assert {"read", "post", "leave", "edit_own", "report"} <= member
    assert not member & {"invite", "moderate", "lock", "delete_room", "join"}
    moderator = await _room_actions(client, people, "moderator", room_id)
    assert {"invite", "moderate", "lock", "delete_any"} <= moderator
    assert "promote" not in moderator and "delete_room" not in moderator
    owner = await _room_actions(client, people, "owner", room_id)
    assert {"promote", "delete_room"} <= owner and "leave" not in owner
    # A site admin who is not a member: every management action, so the UI shows Invite.
    admin = await _room_actions(client, people, "admin", room_id)
    assert {"invite", "moderate", "promote", "delete_room", "join"} <= admin
    assert "post" not in admin
    # After a mute the member's list drops posting, and the list agrees with the server.
    assert (
        await moderate(client, people.owner, room_id, "mute", people.member.id)
    ).status_code == 204
    muted = await _room_actions(client, people, "member", room_id)
    assert "post" not in muted and "typing" not in muted and "read" in muted
    listed = await client.get("/api/rooms", headers=people.member.headers)
    assert set(next(r for r in listed.json()["items"] if r["id"] == room_id)["my_actions"]) == muted


async def test_members_carry_the_moderation_actions_the_caller_may_take(
    client: httpx.AsyncClient,
) -> None:
    people = await cast(client)
    room_id = people.room["id"]

    async def actions_of(viewer: str) -> dict[int, list[str]]:
        response = await client.get(
            f"/api/rooms/{room_id}/members", headers=people.by_role(viewer).headers
        )
        return {m["user_id"]: m["my_actions"] for m in response.json()}

    by_moderator = await actions_of("moderator")
    assert by_moderator[people.member.id] == ["mute", "kick", "ban"]
    assert by_moderator[people.owner.id] == [] and by_moderator[people.moderator.id] == []
    by_owner = await actions_of("owner")
    assert by_owner[people.member.id] == ["mute", "kick", "ban", "promote"]
    assert by_owner[people.moderator.id] == ["mute", "kick", "ban", "demote"]
    by_admin = await actions_of("admin")
    assert by_admin[people.owner.id] == ["mute", "kick", "ban"]
    assert (await actions_of("member"))[people.other_member.id] == []


def test_every_action_of_the_table_is_asked_for() -> None:
    """One table, every entry used: each action appears in its rule and in a check."""
    from pathlib import Path

    import parley
    from parley.services.access import RULES, Action

    assert set(RULES) == set(Action)
    root = Path(parley.__file__).parent
    sources = "".join(path.read_text() for path in root.rglob("*.py"))
    unused = [action.name for action in Action if sources.count(f"Action.{action.name}") < 2]
    assert unused == [], f"actions no service asks for: {unused}"
