"""Moderation takes effect on open sockets at once; reports and the audit log."""

from __future__ import annotations

import asyncio
import time

import httpx
from websockets.exceptions import ConnectionClosed

from tests.conftest import RunningServer
from tests.factories import login
from tests.moderation.helpers import cast, moderate
from tests.wsclient import signed_in_socket


async def test_a_site_ban_closes_the_socket_within_a_second(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    bob = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    started = time.monotonic()
    banned = await client.post(
        f"/api/admin/users/{people.member.id}/ban",
        json={"reason": "spam"},
        headers=people.admin.headers,
    )
    assert banned.status_code == 200 and banned.json()["is_banned"]
    try:
        while True:
            await asyncio.wait_for(bob.connection.recv(), 1.0)
    except ConnectionClosed as closed:
        assert closed.rcvd is not None and closed.rcvd.code == 4403
    assert time.monotonic() - started < 1.0
    # ...and the account is shut out everywhere else too.
    me = await client.get("/api/users/me", headers=people.member.headers)
    assert me.status_code == 401
    relogin = await login(client, username=people.member.username)
    assert relogin.status_code == 403
    unbanned = await client.post(
        f"/api/admin/users/{people.member.id}/unban", json={}, headers=people.admin.headers
    )
    assert unbanned.status_code == 200
    assert (await login(client, username=people.member.username)).status_code == 200


async def test_a_kicked_user_receives_nothing_more(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    owner = await signed_in_socket(server.base_url, people.owner.token, people.room["id"])
    bob = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    assert (
        await moderate(client, people.moderator, people.room["id"], "kick", people.member.id)
    ).status_code == 204
    notice = await bob.recv_type("member")
    assert (notice["action"], notice["user_id"]) == ("kicked", people.member.id)
    await owner.send(type="send", room=people.room["id"], client_id="after-kick", body="bye")
    await owner.recv_type("ack")
    try:
        await bob.recv_type("message", timeout=0.7)
        raise AssertionError("a kicked user still received the room")
    except TimeoutError:
        pass
    # Kicked from a public room: may rejoin.
    rejoin = await client.post(
        f"/api/rooms/{people.room['id']}/join", headers=people.member.headers
    )
    assert rejoin.status_code == 200


async def test_a_room_ban_blocks_rejoining_until_unbanned(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    bob = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    await moderate(client, people.owner, people.room["id"], "ban", people.member.id)
    assert (await bob.recv_type("member"))["action"] == "banned"
    rejoin = await client.post(
        f"/api/rooms/{people.room['id']}/join", headers=people.member.headers
    )
    assert rejoin.status_code == 403 and rejoin.json()["code"] == "banned"
    # Every refusal tells the banned user why (a reloaded page has no other way to know).
    assert rejoin.json()["reason"] == "test"
    await bob.send(type="join", room=people.room["id"])
    refusal = await bob.recv_type("error")
    assert (refusal["code"], refusal["ref"], refusal["reason"]) == ("banned", "join", "test")
    again = await moderate(client, people.owner, people.room["id"], "ban", people.member.id)
    assert again.status_code == 409
    await moderate(client, people.owner, people.room["id"], "unban", people.member.id)
    rejoin = await client.post(
        f"/api/rooms/{people.room['id']}/join", headers=people.member.headers
    )
    assert rejoin.status_code == 200


async def test_a_muted_user_gets_an_error_until_unmuted(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    bob = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    muted = await moderate(
        client, people.moderator, people.room["id"], "mute", people.member.id, duration_seconds=600
    )
    assert muted.status_code == 204
    notice = await bob.recv_type("member")
    assert notice["action"] == "muted" and notice["until"]
    await bob.send(type="send", room=people.room["id"], client_id="m1", body="hello?")
    error = await bob.recv_type("error")
    assert (error["code"], error["ref"]) == ("muted", "m1")
    room = await client.get(f"/api/rooms/{people.room['id']}", headers=people.member.headers)
    assert room.json()["my_muted_until"] is not None
    await moderate(client, people.moderator, people.room["id"], "unmute", people.member.id)
    await bob.send(type="send", room=people.room["id"], client_id="m2", body="back")
    assert (await bob.recv_type("ack"))["client_id"] == "m2"


async def test_a_send_that_landed_before_a_mute_is_still_acked_on_retry(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    # The client's outbox retries unacknowledged sends after a reconnect; one that had
    # landed must get its original ack, not the refusal that now applies to new sends.
    people = await cast(client)
    bob = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    await bob.send(type="send", room=people.room["id"], client_id="early", body="made it")
    original = (await bob.recv_type("ack"))["message"]
    await moderate(
        client, people.moderator, people.room["id"], "mute", people.member.id, duration_seconds=600
    )
    await bob.recv_type("member")
    await bob.send(type="send", room=people.room["id"], client_id="early", body="made it")
    retried = await bob.recv_type("ack")
    assert retried["duplicate"] and retried["message"] == original
    await bob.send(type="send", room=people.room["id"], client_id="late", body="too late")
    assert (await bob.recv_type("error"))["code"] == "muted"


async def test_locked_rooms_are_read_only_for_members_only(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    await client.patch(
        f"/api/rooms/{people.room['id']}", json={"locked": True}, headers=people.moderator.headers
    )
    bob = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    mod = await signed_in_socket(server.base_url, people.moderator.token, people.room["id"])
    await bob.send(type="send", room=people.room["id"], client_id="l1", body="hi")
    assert (await bob.recv_type("error"))["code"] == "locked"
    await mod.send(type="send", room=people.room["id"], client_id="l2", body="announcement")
    assert (await mod.recv_type("ack"))["client_id"] == "l2"


async def test_slow_mode_spaces_out_members_but_not_moderators(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    await client.patch(
        f"/api/rooms/{people.room['id']}",
        json={"slow_mode_seconds": 30},
        headers=people.owner.headers,
    )
    bob = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    await bob.send(type="send", room=people.room["id"], client_id="s1", body="one")
    await bob.recv_type("ack")
    await bob.send(type="send", room=people.room["id"], client_id="s2", body="two")
    error = await bob.recv_type("error")
    assert error["code"] == "slow_mode" and "wait" in error["detail"]
    mod = await signed_in_socket(server.base_url, people.moderator.token, people.room["id"])
    for n in range(2):
        await mod.send(type="send", room=people.room["id"], client_id=f"ms{n}", body="x")
        await mod.recv_type("ack")


async def test_reports_queue_and_resolution(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    author = await signed_in_socket(server.base_url, people.other_member.token, people.room["id"])
    await author.send(type="send", room=people.room["id"], client_id="r", body="offensive")
    message = (await author.recv_type("ack"))["message"]

    path = f"/api/messages/{message['id']}/report"
    own = await client.post(path, json={"reason": "x"}, headers=people.other_member.headers)
    assert own.status_code == 422
    empty = await client.post(path, json={"reason": ""}, headers=people.member.headers)
    assert empty.status_code == 422
    report = await client.post(path, json={"reason": "insulting"}, headers=people.member.headers)
    assert report.status_code == 201
    duplicate = await client.post(path, json={"reason": "again"}, headers=people.member.headers)
    assert duplicate.status_code == 409

    queue_path = f"/api/rooms/{people.room['id']}/reports?status=open"
    assert (await client.get(queue_path, headers=people.member.headers)).status_code == 403
    queue = (await client.get(queue_path, headers=people.moderator.headers)).json()
    assert [(r["message_body"], r["reason"]) for r in queue] == [("offensive", "insulting")]
    assert (await client.get("/api/admin/reports", headers=people.admin.headers)).json()

    resolve_path = f"/api/reports/{queue[0]['id']}/resolve"
    by_member = await client.post(
        resolve_path, json={"status": "resolved"}, headers=people.member.headers
    )
    assert by_member.status_code == 403
    resolved = await client.post(
        resolve_path,
        json={"status": "resolved", "note": "removed it"},
        headers=people.moderator.headers,
    )
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
    assert (await client.get(queue_path, headers=people.moderator.headers)).json() == []
    missing = await client.post(
        "/api/reports/999999/resolve", json={"status": "dismissed"}, headers=people.admin.headers
    )
    assert missing.status_code == 404


async def test_audit_log_records_and_filters(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    await moderate(client, people.moderator, people.room["id"], "mute", people.member.id)
    await client.patch(
        f"/api/rooms/{people.room['id']}", json={"locked": True}, headers=people.owner.headers
    )
    entries = (await client.get("/api/admin/audit", headers=people.admin.headers)).json()
    actions = [e["action"] for e in entries]
    assert actions[:3] == ["lock_room", "mute", "promote"]
    mute = entries[1]
    assert (mute["actor"], mute["target_user_id"], mute["reason"]) == (
        people.moderator.username,
        people.member.id,
        "test",
    )
    only_mutes = await client.get("/api/admin/audit?action=mute", headers=people.admin.headers)
    assert [e["action"] for e in only_mutes.json()] == ["mute"]
    by_actor = await client.get(
        f"/api/admin/audit?actor_id={people.owner.id}", headers=people.admin.headers
    )
    assert {e["action"] for e in by_actor.json()} == {"promote", "lock_room"}
    room_view = await client.get(
        f"/api/rooms/{people.room['id']}/audit", headers=people.moderator.headers
    )
    assert len(room_view.json()) == 3
    # The room's trail pages on with before_id and searches by name, like the site's.
    room_audit = f"/api/rooms/{people.room['id']}/audit"
    first = await client.get(room_audit, params={"limit": 2}, headers=people.moderator.headers)
    rest = await client.get(
        room_audit,
        params={"limit": 2, "before_id": first.json()[-1]["id"]},
        headers=people.moderator.headers,
    )
    assert [e["action"] for e in first.json() + rest.json()] == ["lock_room", "mute", "promote"]
    by_name = await client.get(
        room_audit,
        params={"person": people.member.username.upper()},
        headers=people.moderator.headers,
    )
    assert [e["action"] for e in by_name.json()] == ["mute"]
    assert (
        await client.get(f"/api/rooms/{people.room['id']}/audit", headers=people.member.headers)
    ).status_code == 403
    # Append-only: there is no route that edits or deletes an entry.
    for method in ("PATCH", "DELETE", "PUT"):
        response = await client.request(
            method, f"/api/admin/audit/{mute['id']}", headers=people.admin.headers
        )
        assert response.status_code in (404, 405)


async def test_admin_stats_and_user_search(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    sender = await signed_in_socket(server.base_url, people.member.token, people.room["id"])
    for n in range(3):
        await sender.send(type="send", room=people.room["id"], client_id=f"st{n}", body="x")
        await sender.recv_type("ack")
    stats = (await client.get("/api/admin/stats", headers=people.admin.headers)).json()
    assert stats["users_online"] >= 1 and stats["open_sockets"] >= 1 and stats["total_users"] == 5
    assert sum(p["messages"] for p in stats["messages_per_minute"]) == 3
    assert stats["busiest_rooms"][0]["name"] == "Town square"
    found = await client.get(
        f"/api/admin/users?q={people.member.username}", headers=people.admin.headers
    )
    assert [u["id"] for u in found.json()] == [people.member.id]
    assert found.json()[0]["online"] is True


async def test_moderators_list_a_rooms_bans_and_unban_from_it(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    banned = await moderate(
        client, people.moderator, people.room["id"], "ban", people.member.id, reason="spam links"
    )
    assert banned.status_code == 204, banned.text
    listed = await client.get(
        f"/api/rooms/{people.room['id']}/bans", headers=people.moderator.headers
    )
    assert listed.status_code == 200, listed.text
    [ban] = listed.json()
    assert (ban["user_id"], ban["username"], ban["reason"]) == (
        people.member.id,
        people.member.username,
        "spam links",
    )
    assert ban["banned_by_name"]
    refused = await client.get(
        f"/api/rooms/{people.room['id']}/bans", headers=people.other_member.headers
    )
    assert refused.status_code == 403
    await moderate(client, people.moderator, people.room["id"], "unban", people.member.id)
    after = await client.get(
        f"/api/rooms/{people.room['id']}/bans", headers=people.moderator.headers
    )
    assert after.json() == []
