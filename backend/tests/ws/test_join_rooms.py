"""`join_rooms`: a reconnect resumes every room in one frame, answered exactly as that
many `join` frames in the same order (issue step 12: a storm must not cost one round
trip per room)."""

from __future__ import annotations

from typing import Any

import httpx

from parley.realtime.protocol import MAX_JOIN_ROOMS
from tests.conftest import RunningServer
from tests.factories import bearer, signup_and_login
from tests.wsclient import (
    WsClient,
    create_room,
    join_room,
    send_message,
    signed_in_socket,
    user_socket,
)


async def test_one_frame_resumes_many_rooms_in_order_with_refusals_in_place(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token, alice_user = await user_socket(client, server.base_url)
    bob, bob_token, _ = await user_socket(client, server.base_url)
    missed_room = await create_room(client, alice_token, name="Missed")
    quiet_room = await create_room(client, alice_token, name="Quiet")
    secret = await create_room(client, alice_token, name="Secret", is_private=True)
    for room in (missed_room, quiet_room):
        await join_room(client, bob_token, room["id"])
        await alice.join(room["id"])
    seen = await send_message(alice, missed_room["id"], "seen before leaving")
    await bob.close()
    missed = [await send_message(alice, missed_room["id"], f"missed {n}") for n in range(3)]

    back = await WsClient.open(server.base_url)
    await back.auth(bob_token)
    await back.send(
        type="join_rooms",
        rooms=[
            {"room": missed_room["id"], "since": seen["change_seq"]},
            {"room": secret["id"], "since": 0},
            {"room": quiet_room["id"]},
            {"room": 999_999},
        ],
    )
    joined = await back.recv_type("joined")
    assert joined["room"] == missed_room["id"]
    assert joined["last_change_seq"] == missed[-1]["change_seq"]
    replay = [(await back.recv_type("message"))["message"]["body"] for _ in missed]
    assert replay == ["missed 0", "missed 1", "missed 2"]
    refused = await _answer(back)
    assert (refused["type"], refused["code"], refused["ref"]) == ("error", "not_found", "join")
    quiet = await _answer(back)
    assert quiet["type"] == "joined" and quiet["room"] == quiet_room["id"]
    assert alice_user["id"] in quiet["online"]
    gone = await _answer(back)
    assert (gone["type"], gone["code"], gone["ref"]) == ("error", "not_found", "join")

    # Both joined rooms are live now, the refused ones are not.
    live = await send_message(alice, quiet_room["id"], "live after the storm")
    frame = await back.recv_type("message")
    assert frame["message"]["id"] == live["id"]
    await send_message(alice, secret["id"], "still secret")
    await back.send(type="ping")
    assert (await _answer(back))["type"] == "pong"  # nothing from the secret room came first


async def _answer(socket: WsClient) -> dict[str, Any]:
    """The next frame that answers something (presence comes and goes on its own)."""
    while True:
        frame = await socket.recv()
        if frame["type"] != "presence":
            return frame


async def test_bad_join_rooms_frames_are_refused_and_the_socket_stays(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Many")
    too_many = [{"room": room["id"]}] * (MAX_JOIN_ROOMS + 1)
    for rooms in ([], too_many, [{"room": "seven"}], [{"room": room["id"], "since": -1}], None):
        await alice.send(type="join_rooms", rooms=rooms)
        refused = await alice.recv()
        assert (refused["type"], refused["code"], refused["ref"]) == (
            "error",
            "invalid",
            "join_rooms",
        )
    await alice.send(type="join_rooms", rooms=[{"room": room["id"]}])
    assert (await alice.recv_type("joined"))["room"] == room["id"]


async def test_a_join_hears_who_is_online_even_right_after_another_join(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    """Joins share a room's online list for a moment; someone who comes online in that
    moment reaches a later joiner all the same (in `joined.online` or a `presence`)."""
    alice, alice_token, alice_user = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Busy")
    (carol_user, carol_token), (_dave_user, dave_token) = [
        await signup_and_login(client) for _ in range(2)
    ]
    for token in (carol_token, dave_token):
        await join_room(client, token, room["id"])
    await alice.join(room["id"])  # the room's online list is now known: alice alone
    await signed_in_socket(server.base_url, carol_token)
    dave = await signed_in_socket(server.base_url, dave_token)
    await dave.send(type="join_rooms", rooms=[{"room": room["id"]}])
    online = set((await dave.recv_type("joined"))["online"])
    while carol_user["id"] not in online:
        online.update((await dave.recv_type("presence"))["online"])
    assert alice_user["id"] in online


async def test_resumes_from_one_point_share_a_backlog_until_the_room_changes(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    """Everyone coming back after a restart resumes from the same change: they get the
    same backlog (read once), and a change in between is never hidden by that sharing."""
    alice, alice_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Restarted")
    await alice.join(room["id"])
    seen = await send_message(alice, room["id"], "before the restart")
    missed = await send_message(alice, room["id"], "while away")
    tokens = []
    for _ in range(3):
        _user, token = await signup_and_login(client)
        await join_room(client, token, room["id"])
        tokens.append(token)

    async def resume(token: str) -> list[str]:
        socket = await signed_in_socket(server.base_url, token)
        since = seen["change_seq"]
        await socket.send(type="join_rooms", rooms=[{"room": room["id"], "since": since}])
        joined = await socket.recv_type("joined")
        bodies: list[tuple[str, int]] = []
        while not bodies or bodies[-1][1] < joined["last_change_seq"]:
            message = (await socket.recv_type("message"))["message"]
            bodies.append((message["body"], message["change_seq"]))
        await socket.close()
        return [body for body, _ in bodies]

    assert await resume(tokens[0]) == await resume(tokens[1]) == ["while away"]
    edited = await client.patch(
        f"/api/messages/{missed['id']}", json={"body": "edited"}, headers=bearer(alice_token)
    )
    assert edited.status_code == 200
    assert await resume(tokens[2]) == ["edited"]


async def test_a_shared_backlog_follows_its_authors_new_name(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    """A backlog read once for everyone resuming a room from one point names its authors:
    after a rename (told to joined sockets as a `profile` frame, which a resuming socket
    never hears) the next resume reads the new name, not the shared copy's."""
    alice, alice_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Renamed")
    await alice.join(room["id"])
    seen = await send_message(alice, room["id"], "before")
    await send_message(alice, room["id"], "while away")
    tokens = []
    for _ in range(2):
        _user, token = await signup_and_login(client)
        await join_room(client, token, room["id"])
        tokens.append(token)

    async def author_of_the_missed(token: str) -> str:
        socket = await signed_in_socket(server.base_url, token)
        since = seen["change_seq"]
        await socket.send(type="join_rooms", rooms=[{"room": room["id"], "since": since}])
        await socket.recv_type("joined")
        message = (await socket.recv_type("message"))["message"]
        await socket.close()
        return str(message["author"]["display_name"])

    before = await author_of_the_missed(tokens[0])
    renamed = await client.patch(
        "/api/users/me", json={"display_name": "Alice Liddell"}, headers=bearer(alice_token)
    )
    assert renamed.status_code == 200
    await alice.recv_type("profile")  # the rename has reached the room on this server
    assert before != "Alice Liddell"
    assert await author_of_the_missed(tokens[1]) == "Alice Liddell"
