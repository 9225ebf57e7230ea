"""Every bad frame gets an error frame or a documented close code, never a crash."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import httpx
import pytest
from websockets.exceptions import InvalidStatus

from parley import security
from tests.conftest import TEST_SECRET, RunningServer
from tests.wsclient import WsClient, closed_with, create_room, join_room, user_socket


async def test_foreign_origin_is_refused(server: RunningServer) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await WsClient.open(server.base_url, origin="https://evil.example")
    assert refused.value.response.status_code == 403


async def test_no_auth_frame_within_5s_closes_4401(server: RunningServer) -> None:
    socket = await WsClient.open(server.base_url)
    assert await closed_with(socket, timeout=8) == 4401


@pytest.mark.parametrize("first", ['{"type":"ping"}', "not json", '{"type":"auth","token":"x"}'])
async def test_a_bad_first_frame_closes_4401(server: RunningServer, first: str) -> None:
    socket = await WsClient.open(server.base_url)
    await socket.connection.send(first)
    assert await closed_with(socket) == 4401


async def test_malformed_frames_get_error_frames_and_the_socket_stays(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Errors")
    await socket.join(room["id"])
    rid = room["id"]
    cases = [
        ("{oops", "bad_json", None),
        ("[1,2]", "bad_json", None),
        ('{"type":"dance"}', "unknown_type", "dance"),
        ('{"body":"no type"}', "unknown_type", None),
        (f'{{"type":"send","room":{rid},"client_id":"c1"}}', "invalid", "c1"),
        ('{"type":"send","room":"x","client_id":"c2","body":"b"}', "invalid", "c2"),
        (f'{{"type":"send","room":{rid},"client_id":"c3","body":"   "}}', "invalid", "c3"),
        (
            f'{{"type":"send","room":{rid},"client_id":"c4","body":"{"x" * 4001}"}}',
            "invalid",
            "c4",
        ),
        ('{"type":"join"}', "invalid", "join"),
        ('{"type":"join","room":99999999999}', "invalid", "join"),
        (f'{{"type":"join","room":{rid},"since":-1}}', "invalid", "join"),
    ]
    for raw, code, ref in cases:
        await socket.connection.send(raw)
        error = await socket.recv_type("error")
        assert (error["code"], error["ref"]) == (code, ref), raw
    await socket.connection.send(b"binary")
    assert (await socket.recv_type("error"))["code"] == "invalid"
    await socket.send(type="ping")
    assert (await socket.recv_type("pong"))["type"] == "pong"
    page = await client.get(
        f"/api/rooms/{room['id']}/messages", headers={"Authorization": f"Bearer {token}"}
    )
    assert page.json()["messages"] == []  # nothing half-written


@pytest.mark.parametrize(
    ("raw", "code", "ref"),
    [
        # Deep nesting under 64 KiB once hit the recursion limit in the error path and
        # killed the socket without a close code.
        ("[" * 5000 + "]" * 5000, "bad_json", None),
        ('{"type":"send","body":' + "[" * 5000 + "]" * 5000 + "}", "bad_json", None),
        # An unhashable `type` once ended as `internal` with a logged traceback.
        ('{"type":["send"]}', "unknown_type", None),
        ('{"type":{"send":1}}', "unknown_type", None),
        ('{"type":7}', "unknown_type", None),
        # A `client_id` that is no string is no ref; the frame's type stands in.
        ('{"type":"send","room":1,"client_id":["c"],"body":"b"}', "invalid", "send"),
    ],
    ids=["deep-array", "deep-field", "list-type", "object-type", "number-type", "list-ref"],
)
async def test_hostile_frames_get_a_clean_error_and_the_socket_stays(
    client: httpx.AsyncClient,
    server: RunningServer,
    caplog: pytest.LogCaptureFixture,
    raw: str,
    code: str,
    ref: str | None,
) -> None:
    socket, _, _ = await user_socket(client, server.base_url)
    assert len(raw.encode()) < 64 * 1024
    with caplog.at_level(logging.WARNING, logger="parley.ws"):
        await socket.connection.send(raw)
        error = await socket.recv_type("error")
        assert (error["code"], error["ref"]) == (code, ref)
        await socket.send(type="ping")
        assert (await socket.recv_type("pong"))["type"] == "pong"
    assert [r.getMessage() for r in caplog.records if r.name == "parley.ws"] == []


async def test_frame_over_64_kib_closes_1009(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, _, _ = await user_socket(client, server.base_url)
    await socket.send(type="send", room=1, client_id="big", body="x" * (65 * 1024))
    assert await closed_with(socket) == 1009


async def test_rooms_one_may_not_see_or_post_in(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _owner_socket, owner_token, _ = await user_socket(client, server.base_url)
    outsider, _, _ = await user_socket(client, server.base_url)
    secret = await create_room(client, owner_token, name="Secret", is_private=True)
    public = await create_room(client, owner_token, name="Open")

    await outsider.send(type="join", room=secret["id"])
    assert (await outsider.recv_type("error"))["code"] == "not_found"
    await outsider.send(type="send", room=secret["id"], client_id="s1", body="hi")
    assert (await outsider.recv_type("error"))["code"] == "not_found"
    await outsider.send(type="send", room=public["id"], client_id="s2", body="hi")
    error = await outsider.recv_type("error")
    assert (error["code"], error["ref"]) == ("forbidden", "s2")
    await outsider.send(type="join", room=999_999)
    assert (await outsider.recv_type("error"))["code"] == "not_found"


async def test_send_in_a_locked_room_is_refused(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _owner, owner_token, _ = await user_socket(client, server.base_url)
    member, member_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, owner_token, name="Quiet")
    await join_room(client, member_token, room["id"])
    locked = await client.patch(
        f"/api/rooms/{room['id']}",
        json={"locked": True},
        headers={"Authorization": f"Bearer {owner_token}"},
    )
    assert locked.status_code == 200 and locked.json()["locked"] is True
    await member.send(type="send", room=room["id"], client_id="l1", body="hello?")
    assert (await member.recv_type("error"))["code"] == "locked"


async def test_flooding_is_rate_limited_then_closed_4429(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Flood")
    await socket.join(room["id"])
    for n in range(12):
        await socket.send(type="send", room=room["id"], client_id=f"f{n}", body="spam")
    acked = 0
    while (frame := await socket.recv())["type"] != "error":
        acked += frame["type"] == "ack"
    # The limit is a sliding-window estimate (the previous window's count, weighted,
    # rounded down): a burst that straddles a window boundary may pass one send more.
    assert frame["code"] == "rate_limited" and acked in (10, 11)
    assert frame["ref"] == f"f{acked}"
    for n in range(12, 30):
        await socket.send(type="send", room=room["id"], client_id=f"f{n}", body="spam")
    assert await closed_with(socket) == 4429
    # Flood control muted the sender as the system's own, audited action.
    room_now = await client.get(
        f"/api/rooms/{room['id']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert room_now.json()["my_muted_until"] is not None


async def test_expired_token_closes_4401_on_next_send(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _, token, user = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Expiry")
    short, _ = security.create_access_token(
        user_id=int(user["id"]),
        token_version=0,
        secret=TEST_SECRET,
        lifetime=timedelta(seconds=2),
    )
    socket = await WsClient.open(server.base_url)
    await socket.auth(short)
    await socket.join(room["id"])
    await asyncio.sleep(2.5)
    await socket.send(type="send", room=room["id"], client_id="late", body="hello")
    assert await closed_with(socket) == 4401


async def test_a_fresh_auth_frame_extends_the_socket(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    await socket.send(type="auth", token=token)
    assert (await socket.recv_type("reauthenticated"))["expires_at"]
    await socket.send(type="auth", token="garbage")
    assert await closed_with(socket) == 4401


async def test_send_to_a_deleted_room_is_not_found(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Gone")
    deleted = await client.delete(
        f"/api/rooms/{room['id']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert deleted.status_code == 204
    await socket.send(type="send", room=room["id"], client_id="g", body="anyone?")
    assert (await socket.recv_type("error"))["code"] == "not_found"
