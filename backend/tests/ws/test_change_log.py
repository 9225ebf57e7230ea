"""The per-room change log: `join {since}` replays every change missed, not only new
messages (edits, tombstones), each changed message once in its latest state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from parley.settings import Settings
from tests.conftest import RunningServer, make_settings
from tests.factories import bearer
from tests.wsclient import WsClient, create_room, join_room, user_socket


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path, ws_backfill_limit=5)


async def _send(socket: WsClient, room_id: int, client_id: str) -> dict[str, Any]:
    await socket.send(type="send", room=room_id, client_id=client_id, body=client_id)
    message: dict[str, Any] = (await socket.recv_type("ack"))["message"]
    return message


async def _frames_until_quiet(socket: WsClient, marker: str) -> list[dict[str, Any]]:
    """Every message frame up to and including the one with client_id `marker`."""
    frames = []
    while True:
        frame = await socket.recv_type("message")
        frames.append(frame["message"])
        if frame["message"]["client_id"] == marker:
            return frames


async def test_an_offline_client_catches_up_on_edits_and_deletions(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Log")
    bob, bob_token, _ = await user_socket(client, server.base_url)
    await join_room(client, bob_token, room["id"])
    await alice.join(room["id"])
    kept = await _send(alice, room["id"], "kept")
    edited = await _send(alice, room["id"], "to-edit")
    doomed = await _send(alice, room["id"], "to-delete")
    # Bob saw all of it, then went offline at this change.
    joined = await bob.join(room["id"], since=0)
    seen = await _frames_until_quiet(bob, "to-delete")
    assert [m["client_id"] for m in seen] == ["kept", "to-edit", "to-delete"]
    position = max(m["change_seq"] for m in seen)
    assert position == joined["last_change_seq"] == doomed["change_seq"]
    await bob.close()

    headers = bearer(alice_token)
    patched = await client.patch(
        f"/api/messages/{edited['id']}", json={"body": "edited while away"}, headers=headers
    )
    assert patched.status_code == 200
    assert patched.json()["change_seq"] > position
    deleted = await client.delete(f"/api/messages/{doomed['id']}", headers=headers)
    assert deleted.status_code == 200
    later = await _send(alice, room["id"], "later")

    back = await WsClient.open(server.base_url)
    await back.auth(bob_token)
    rejoined = await back.join(room["id"], since=position)
    assert rejoined["last_change_seq"] == later["change_seq"]
    assert rejoined["last_seq"] == later["seq"] == 4
    replay = await _frames_until_quiet(back, "later")
    # Each changed message once, latest state, in change order; the untouched one not.
    assert [m["id"] for m in replay] == [edited["id"], doomed["id"], later["id"]]
    assert replay[0]["body"] == "edited while away" and replay[0]["edited_at"]
    assert replay[1]["deleted_at"] and replay[1]["body"] == ""
    assert [m["change_seq"] for m in replay] == sorted(m["change_seq"] for m in replay)
    assert kept["id"] not in [m["id"] for m in replay]


async def test_live_changes_carry_their_change_number(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Live log")
    await alice.join(room["id"])
    watcher = await WsClient.open(server.base_url)
    await watcher.auth(token)
    await watcher.join(room["id"])
    sent = await _send(alice, room["id"], "one")
    live = (await watcher.recv_type("message"))["message"]
    assert live["change_seq"] == sent["change_seq"] == 1
    await client.patch(f"/api/messages/{sent['id']}", json={"body": "two"}, headers=bearer(token))
    edit = await watcher.recv_type("message_edited")
    assert edit["message"]["change_seq"] == 2 and edit["message"]["seq"] == 1
    await client.delete(f"/api/messages/{sent['id']}", headers=bearer(token))
    tombstone = await watcher.recv_type("message_deleted")
    assert tombstone["message"]["change_seq"] == 3
    listed = await client.get(f"/api/rooms/{room['id']}", headers=bearer(token))
    assert (listed.json()["last_seq"], listed.json()["last_change_seq"]) == (1, 3)


async def test_too_many_changes_to_replay_say_reset(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    """Past the backfill bound (5 here) the client reloads; edits count as changes."""
    alice, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Busy log")
    await alice.join(room["id"])
    first = await _send(alice, room["id"], "first")
    for n in range(5):
        edited = await client.patch(
            f"/api/messages/{first['id']}", json={"body": f"edit {n}"}, headers=bearer(token)
        )
        assert edited.status_code == 200
    # Five edits of one message are one changed message: still replayable.
    other = await WsClient.open(server.base_url)
    await other.auth(token)
    await other.join(room["id"], since=0)
    replay = await other.recv_type("message")
    assert replay["message"]["body"] == "edit 4" and replay["message"]["change_seq"] == 6
    for n in range(5):
        await _send(alice, room["id"], f"more {n}")
    late = await WsClient.open(server.base_url)
    await late.auth(token)
    joined = await late.join(room["id"], since=0)
    reset = await late.recv_type("reset")
    assert reset["last_change_seq"] == joined["last_change_seq"] == 11
    assert reset["last_seq"] == 6
