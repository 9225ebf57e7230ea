"""The permission matrix of docs/moderation.md, cell by cell: allowed and denied."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import RunningServer
from tests.moderation.helpers import cast, moderate, person
from tests.wsclient import create_room

# (actor role, action, target role) → expected status. Targets are the cast's people.
MATRIX = [
    # members can do nothing to anyone
    ("member", "mute", "other_member", 403),
    ("member", "kick", "other_member", 403),
    ("member", "ban", "other_member", 403),
    ("member", "promote", "other_member", 403),
    # moderators act on members, not on moderators, the owner or admins
    ("moderator", "mute", "member", 204),
    ("moderator", "kick", "member", 204),
    ("moderator", "ban", "member", 204),
    ("moderator", "promote", "member", 403),
    ("moderator", "demote", "owner", 403),
    ("moderator", "kick", "owner", 403),
    ("moderator", "mute", "admin", 403),
    # owners act on moderators and members, promote and demote
    ("owner", "promote", "member", 204),
    ("owner", "demote", "moderator", 204),
    ("owner", "ban", "moderator", 204),
    ("owner", "mute", "admin", 403),
    # site admins act on anyone but themselves
    ("admin", "kick", "owner", 204),
    ("admin", "demote", "moderator", 204),
    ("admin", "mute", "admin", 403),
]


@pytest.mark.parametrize(("actor", "action", "target", "expected"), MATRIX)
async def test_moderation_matrix(
    client: httpx.AsyncClient, actor: str, action: str, target: str, expected: int
) -> None:
    people = await cast(client)
    response = await moderate(
        client,
        people.by_role(actor),
        people.room["id"],
        action,
        people.by_role(target).id,
    )
    assert response.status_code == expected, response.text
    if expected == 403:
        assert response.json()["detail"]


@pytest.mark.parametrize("role", ["owner", "moderator", "member"])
async def test_nobody_moderates_themselves(client: httpx.AsyncClient, role: str) -> None:
    people = await cast(client)
    me = people.by_role(role)
    response = await moderate(client, me, people.room["id"], "mute", me.id)
    assert response.status_code == 403
    assert "yourself" in response.json()["detail"] or role == "member"


async def test_a_moderator_of_room_a_cannot_act_in_room_b(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    other_room = await create_room(client, people.member.token, name="Elsewhere")
    stranger = await person(client)
    await client.post(f"/api/rooms/{other_room['id']}/join", headers=stranger.headers)
    response = await moderate(client, people.moderator, other_room["id"], "kick", stranger.id)
    assert response.status_code == 403


async def test_unknown_ids_are_404(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    unknown_user = await moderate(client, people.owner, people.room["id"], "mute", 999_999)
    assert unknown_user.status_code == 404
    unknown_room = await moderate(client, people.owner, 999_999, "mute", people.member.id)
    assert unknown_room.status_code == 404
    not_member = await person(client)
    response = await moderate(client, people.owner, people.room["id"], "kick", not_member.id)
    assert response.status_code == 404


async def test_bad_moderation_requests_are_422(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    path = f"/api/rooms/{people.room['id']}/moderation"
    for body in (
        {"action": "explode", "user_id": people.member.id},
        {"action": "mute"},
        {"action": "mute", "user_id": people.member.id, "duration_seconds": 0},
        {"action": "mute", "user_id": people.member.id, "reason": "x" * 501},
    ):
        response = await client.post(path, json=body, headers=people.owner.headers)
        assert response.status_code == 422, body


@pytest.mark.parametrize(
    ("role", "expected"), [("member", 403), ("moderator", 200), ("owner", 200), ("admin", 200)]
)
async def test_lock_and_slow_mode_need_a_moderator(
    client: httpx.AsyncClient, role: str, expected: int
) -> None:
    people = await cast(client)
    actor = people.by_role(role)
    path = f"/api/rooms/{people.room['id']}"
    for change in ({"locked": True}, {"slow_mode_seconds": 30}):
        response = await client.patch(path, json=change, headers=actor.headers)
        assert response.status_code == expected, (role, change)


@pytest.mark.parametrize(
    ("role", "expected"), [("member", 403), ("moderator", 403), ("owner", 204), ("admin", 204)]
)
async def test_deleting_a_room_needs_the_owner_or_an_admin(
    client: httpx.AsyncClient, role: str, expected: int
) -> None:
    people = await cast(client)
    response = await client.delete(
        f"/api/rooms/{people.room['id']}", headers=people.by_role(role).headers
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("member", 403), ("moderator", 200), ("owner", 200), ("admin", 200)]
)
async def test_deleting_others_messages_needs_a_moderator(
    client: httpx.AsyncClient, server: RunningServer, role: str, expected: int
) -> None:
    from tests.wsclient import WsClient

    people = await cast(client)
    socket = await WsClient.open(server.base_url)
    await socket.auth(people.other_member.token)
    await socket.send(type="send", room=people.room["id"], client_id="x", body="rude")
    message = (await socket.recv_type("ack"))["message"]
    response = await client.delete(
        f"/api/messages/{message['id']}?reason=spam", headers=people.by_role(role).headers
    )
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["body"] == ""


async def test_admin_endpoints_refuse_non_admins(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    for method, path in (
        ("GET", "/api/admin/stats"),
        ("GET", "/api/admin/users"),
        ("GET", "/api/admin/audit"),
        ("GET", "/api/admin/reports"),
        ("POST", f"/api/admin/users/{people.member.id}/ban"),
        ("PATCH", f"/api/admin/users/{people.member.id}"),
    ):
        body = {"role": "admin"} if method == "PATCH" else {"reason": "x"}
        response = await client.request(
            method, path, headers=people.owner.headers, json=body if method != "GET" else None
        )
        assert response.status_code == 403, path


async def test_admins_cannot_ban_themselves_or_other_admins(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    own = await client.post(
        f"/api/admin/users/{people.admin.id}/ban", json={}, headers=people.admin.headers
    )
    assert own.status_code == 403 and "own account" in own.json()["detail"]
    await client.patch(
        f"/api/admin/users/{people.owner.id}", json={"role": "admin"}, headers=people.admin.headers
    )
    other_admin = await client.post(
        f"/api/admin/users/{people.owner.id}/ban", json={}, headers=people.admin.headers
    )
    assert other_admin.status_code == 403 and "role" in other_admin.json()["detail"]
    missing = await client.post(
        "/api/admin/users/999999/ban", json={}, headers=people.admin.headers
    )
    assert missing.status_code == 404
    bad_role = await client.patch(
        f"/api/admin/users/{people.member.id}", json={"role": "god"}, headers=people.admin.headers
    )
    assert bad_role.status_code == 422
