"""The live report count: who works a room's queue hears it change; nobody else does."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import RunningServer
from tests.moderation.helpers import Cast, Person, cast
from tests.wsclient import WsClient, send_message, signed_in_socket


async def _open_reports(client: httpx.AsyncClient, someone: Person, room_id: int) -> int:
    page = (await client.get("/api/rooms?joined=true", headers=someone.headers)).json()
    listed = {room["id"]: room["open_reports"] for room in page["items"]}
    one = (await client.get(f"/api/rooms/{room_id}", headers=someone.headers)).json()
    assert listed.get(room_id, one["open_reports"]) == one["open_reports"]
    count: int = one["open_reports"]
    return count


async def _report(client: httpx.AsyncClient, people: Cast, message_id: int) -> dict[str, Any]:
    filed = await client.post(
        f"/api/messages/{message_id}/report",
        json={"reason": "rude"},
        headers=people.member.headers,
    )
    assert filed.status_code == 201, filed.text
    report: dict[str, Any] = filed.json()
    return report


async def test_moderators_hear_each_report_and_members_do_not(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    owner = await signed_in_socket(server.base_url, people.owner.token, room_id)
    first = await send_message(owner, room_id, "first")
    second = await send_message(owner, room_id, "second")
    # Sockets that joined no room: the count comes on each person's own channel.
    moderator = await signed_in_socket(server.base_url, people.moderator.token)
    admin = await signed_in_socket(server.base_url, people.admin.token)
    bystander = await signed_in_socket(server.base_url, people.other_member.token)

    report = await _report(client, people, first["id"])
    for socket in (moderator, admin):
        assert await socket.recv_type("reports") == {
            "type": "reports",
            "room": room_id,
            "open_reports": 1,
        }
    # A plain member hears nothing of it: a change of their own notification choice,
    # sent after the report down the same per-user channel, is the next thing they get.
    changed = await client.put(
        f"/api/rooms/{room_id}/notifications",
        json={"level": "mentions"},
        headers=people.other_member.headers,
    )
    assert changed.status_code == 200, changed.text
    assert (await _next_of(bystander, {"reports", "notifications"}))["type"] == "notifications"

    assert await _open_reports(client, people.moderator, room_id) == 1
    assert await _open_reports(client, people.owner, room_id) == 1
    assert await _open_reports(client, people.member, room_id) == 0
    assert await _open_reports(client, people.other_member, room_id) == 0
    # A site admin outside the room works its queue too.
    admin_view = await client.get(f"/api/rooms/{room_id}", headers=people.admin.headers)
    assert admin_view.json()["open_reports"] == 1

    await _report(client, people, second["id"])
    assert (await moderator.recv_type("reports"))["open_reports"] == 2
    resolved = await client.post(
        f"/api/reports/{report['id']}/resolve",
        json={"status": "dismissed"},
        headers=people.moderator.headers,
    )
    assert resolved.status_code == 200, resolved.text
    assert (await moderator.recv_type("reports"))["open_reports"] == 1
    assert (await admin.recv_type("reports"))["open_reports"] == 2
    assert (await admin.recv_type("reports"))["open_reports"] == 1
    assert await _open_reports(client, people.moderator, room_id) == 1


async def _next_of(socket: WsClient, types: set[str]) -> dict[str, Any]:
    while True:
        frame = await socket.recv()
        if frame["type"] in types:
            return frame
