"""Timed room and site bans: refused while in force, simply lapsed once past their time.

Time is never waited out: each test moves the ban's end into the past in the database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlmodel import col

from parley.db import create_engine
from parley.models import RoomBan, User
from tests.conftest import RunningServer
from tests.factories import bearer, login
from tests.moderation.helpers import cast, moderate
from tests.wsclient import WsClient, closed_with, signed_in_socket

HOUR = 3600
PAST = datetime(2000, 1, 1, tzinfo=UTC)


async def _set(server: RunningServer, statement: Any) -> None:
    engine = create_engine(server.settings)
    async with engine.begin() as connection:
        await connection.execute(statement)
    await engine.dispose()


def _until(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def test_a_timed_room_ban_refuses_joining_until_it_lapses(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    bob = await signed_in_socket(server.base_url, people.member.token, room_id)
    banned = await moderate(
        client, people.moderator, room_id, "ban", people.member.id, duration_seconds=HOUR
    )
    assert banned.status_code == 204, banned.text
    notice = await bob.recv_type("member")
    assert notice["action"] == "banned" and notice["until"]
    until = _until(notice["until"])
    assert timedelta(minutes=59) < until - datetime.now(UTC) <= timedelta(hours=1)

    rejoin = await client.post(f"/api/rooms/{room_id}/join", headers=people.member.headers)
    assert rejoin.status_code == 403 and rejoin.json()["code"] == "banned"
    assert "until" in rejoin.json()["detail"] and rejoin.json()["reason"] == "test"
    await bob.send(type="join", room=room_id)
    refusal = await bob.recv_type("error")
    assert (refusal["code"], refusal["ref"]) == ("banned", "join")
    assert "until" in refusal["detail"]
    invite = await client.post(
        f"/api/rooms/{room_id}/members",
        json={"username": people.member.username},
        headers=people.owner.headers,
    )
    assert invite.status_code == 409

    bans = (await client.get(f"/api/rooms/{room_id}/bans", headers=people.owner.headers)).json()
    assert [ban["user_id"] for ban in bans] == [people.member.id]
    assert _until(bans[0]["expires_at"]) == until
    audit = await client.get(f"/api/rooms/{room_id}/audit", headers=people.owner.headers)
    entry = next(e for e in audit.json() if e["action"] == "ban")
    assert _until(entry["details"]["until"]) == until

    await _set(
        server,
        update(RoomBan).where(col(RoomBan.user_id) == people.member.id).values(expires_at=PAST),
    )
    # Lapsed: off the list, and the room is theirs to read and join again.
    assert (
        await client.get(f"/api/rooms/{room_id}/bans", headers=people.owner.headers)
    ).json() == []
    assert (await bob.join(room_id))["room"] == room_id
    rejoin = await client.post(f"/api/rooms/{room_id}/join", headers=people.member.headers)
    assert rejoin.status_code == 200, rejoin.text
    # A lapsed ban is no ban: unbanning finds nothing, banning again works.
    unban = await moderate(client, people.owner, room_id, "unban", people.member.id)
    assert unban.status_code == 404
    again = await moderate(client, people.owner, room_id, "ban", people.member.id)
    assert again.status_code == 204, again.text
    bans = (await client.get(f"/api/rooms/{room_id}/bans", headers=people.owner.headers)).json()
    assert [(ban["user_id"], ban["expires_at"]) for ban in bans] == [(people.member.id, None)]


async def test_a_lapsed_room_ban_no_longer_stops_an_invite(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    await moderate(client, people.owner, room_id, "ban", people.member.id, duration_seconds=60)
    await _set(
        server,
        update(RoomBan).where(col(RoomBan.user_id) == people.member.id).values(expires_at=PAST),
    )
    invite = await client.post(
        f"/api/rooms/{room_id}/members",
        json={"username": people.member.username},
        headers=people.owner.headers,
    )
    assert invite.status_code == 201, invite.text


async def test_a_duration_is_refused_where_it_means_nothing(client: httpx.AsyncClient) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    for action in ("kick", "unban", "unmute", "promote", "demote"):
        response = await moderate(
            client, people.owner, room_id, action, people.member.id, duration_seconds=60
        )
        assert response.status_code == 422, action
        assert response.json()["detail"][0]["loc"] == ["body", "duration_seconds"]
    for body in ({"duration_seconds": 0}, {"duration_seconds": 367 * 86400}):
        response = await moderate(client, people.owner, room_id, "ban", people.member.id, **body)
        assert response.status_code == 422, body
        site = await client.post(
            f"/api/admin/users/{people.member.id}/ban", json=body, headers=people.admin.headers
        )
        assert site.status_code == 422, body


async def _admin_row(client: httpx.AsyncClient, admin: dict[str, str], username: str) -> Any:
    users = (await client.get(f"/api/admin/users?q={username}", headers=admin)).json()
    return next(user for user in users if user["username"] == username)


async def test_a_timed_site_ban_refuses_sign_in_until_it_lapses(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    bob = await signed_in_socket(server.base_url, people.member.token)
    banned = await client.post(
        f"/api/admin/users/{people.member.id}/ban",
        json={"reason": "cool off", "duration_seconds": HOUR},
        headers=people.admin.headers,
    )
    assert banned.status_code == 200, banned.text
    assert banned.json()["is_banned"] and banned.json()["banned_until"]
    until = _until(banned.json()["banned_until"])
    assert timedelta(minutes=59) < until - datetime.now(UTC) <= timedelta(hours=1)
    try:
        while True:
            await bob.connection.recv()
    except Exception as closed:
        rcvd = getattr(closed, "rcvd", None)
        assert rcvd is not None and rcvd.code == 4403
        assert rcvd.reason.startswith("banned until ") and rcvd.reason.endswith(": cool off")
    refused = await login(client, username=people.member.username)
    assert refused.status_code == 403
    assert refused.json()["detail"] == f"This account is banned until {until.isoformat()}"
    row = await _admin_row(client, people.admin.headers, people.member.username)
    assert row["is_banned"] and _until(row["banned_until"]) == until
    audit = await client.get("/api/admin/audit?action=site_ban", headers=people.admin.headers)
    assert _until(audit.json()[0]["details"]["until"]) == until

    await _set(
        server, update(User).where(col(User.id) == people.member.id).values(banned_until=PAST)
    )
    signed_in = await login(client, username=people.member.username)
    assert signed_in.status_code == 200, signed_in.text
    token = signed_in.json()["access_token"]
    assert (await client.get("/api/users/me", headers=bearer(token))).status_code == 200
    socket = await WsClient.open(server.base_url)
    assert (await socket.auth(token))["user"]["id"] == people.member.id
    row = await _admin_row(client, people.admin.headers, people.member.username)
    assert (row["is_banned"], row["banned_until"]) == (False, None)
    # Lapsed: there is nothing to lift, and a new ban (until lifted) takes.
    unban = await client.post(
        f"/api/admin/users/{people.member.id}/unban", json={}, headers=people.admin.headers
    )
    assert unban.status_code == 409
    again = await client.post(
        f"/api/admin/users/{people.member.id}/ban", json={}, headers=people.admin.headers
    )
    assert again.status_code == 200
    assert (again.json()["is_banned"], again.json()["banned_until"]) == (True, None)


async def test_socket_auth_follows_a_timed_site_ban(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    # Set in the database with the tokens left alive: the token checks themselves (REST
    # and socket) must refuse while the ban holds and accept once it is past.
    people = await cast(client)
    member = col(User.id) == people.member.id
    soon = datetime.now(UTC) + timedelta(hours=1)
    await _set(server, update(User).where(member).values(is_banned=True, banned_until=soon))
    me = await client.get("/api/users/me", headers=people.member.headers)
    assert me.status_code == 403 and "banned until" in me.json()["detail"]
    refused = await WsClient.open(server.base_url)
    await refused.send(type="auth", token=people.member.token)
    assert await closed_with(refused) == 4401
    await _set(server, update(User).where(member).values(banned_until=PAST))
    assert (await client.get("/api/users/me", headers=people.member.headers)).status_code == 200
    socket = await WsClient.open(server.base_url)
    assert (await socket.auth(people.member.token))["user"]["id"] == people.member.id
