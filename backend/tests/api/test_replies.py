"""Replies quote their original (who, where, the start of it), as it is now: an edit or a
deletion of the original shows in every reply. Pages around a message serve jumps to it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer
from tests.factories import bearer
from tests.wsclient import create_room, join_room, send_and_answer, user_socket


async def test_a_reply_quotes_its_original_as_it_is_now(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token, alice_user = await user_socket(client, server.base_url)
    bob, bob_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Replies")
    await join_room(client, bob_token, room["id"])
    await alice.join(room["id"])
    await bob.join(room["id"])
    long_body = "Are we shipping on Friday? " + "x" * 300
    original = (await send_and_answer(alice, room["id"], long_body))["message"]
    assert original["reply_to"] is None

    reply = await send_and_answer(bob, room["id"], "Yes!", reply_to=original["id"])
    assert reply["type"] == "ack", reply
    quote = reply["message"]["reply_to"]
    assert quote["id"] == original["id"] and quote["seq"] == original["seq"]
    assert quote["author"]["username"] == alice_user["username"]
    assert quote["snippet"] == long_body[:200] and quote["deleted"] is False
    live = await alice.recv_type("message")
    assert live["message"]["reply_to"] == quote

    edited = await client.patch(
        f"/api/messages/{original['id']}",
        json={"body": "Friday it is"},
        headers=bearer(alice_token),
    )
    assert edited.status_code == 200
    page = await client.get(f"/api/rooms/{room['id']}/messages", headers=bearer(bob_token))
    shown = {m["id"]: m for m in page.json()["messages"]}
    assert shown[reply["message"]["id"]]["reply_to"]["snippet"] == "Friday it is"

    await client.delete(f"/api/messages/{original['id']}", headers=bearer(alice_token))
    page = await client.get(f"/api/rooms/{room['id']}/messages", headers=bearer(bob_token))
    shown = {m["id"]: m for m in page.json()["messages"]}
    assert shown[reply["message"]["id"]]["reply_to"] == {**quote, "snippet": "", "deleted": True}
    assert shown[original["id"]]["reply_to"] is None

    # A tombstone of a reply quotes nothing.
    deleted = await client.delete(
        f"/api/messages/{reply['message']['id']}", headers=bearer(bob_token)
    )
    assert deleted.json()["reply_to"] is None


async def test_a_reply_answers_a_standing_message_of_its_own_room(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    here = await create_room(client, token, name="Here")
    there = await create_room(client, token, name="There")
    await socket.join(here["id"])
    await socket.join(there["id"])
    elsewhere = (await send_and_answer(socket, there["id"], "elsewhere"))["message"]
    gone = (await send_and_answer(socket, here["id"], "gone"))["message"]
    await client.delete(f"/api/messages/{gone['id']}", headers=bearer(token))

    for target in (elsewhere["id"], gone["id"], 999_999):
        refused = await send_and_answer(socket, here["id"], f"re {target}", reply_to=target)
        assert refused["type"] == "error" and refused["code"] == "invalid", refused
    # Nothing was stored: the next message takes the next seq.
    fine = await send_and_answer(socket, here["id"], "fine")
    assert fine["message"]["seq"] == gone["seq"] + 1


async def test_a_page_around_a_message(client: httpx.AsyncClient, server: RunningServer) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Jump")
    await socket.join(room["id"])
    for n in range(1, 11):  # within the send rate limit (10 per 5 s)
        assert (await send_and_answer(socket, room["id"], f"m{n}"))["type"] == "ack"
    path = f"/api/rooms/{room['id']}/messages"

    async def around(seq: int, limit: int) -> dict[str, Any]:
        response = await client.get(
            path, params={"around_seq": seq, "limit": limit}, headers=bearer(token)
        )
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        return page

    middle = await around(6, 6)
    assert [m["seq"] for m in middle["messages"]] == list(range(3, 9))
    assert middle["has_more"] and middle["has_more_after"]
    start = await around(2, 6)
    assert [m["seq"] for m in start["messages"]] == list(range(1, 5))
    assert not start["has_more"] and start["has_more_after"]
    end = await around(9, 6)
    assert [m["seq"] for m in end["messages"]] == list(range(6, 11))
    assert end["has_more"] and not end["has_more_after"]
    latest = (await client.get(path, headers=bearer(token))).json()
    assert latest["has_more_after"] is None  # a backward page answers for older only


@pytest.mark.parametrize(
    "params",
    [{"around_seq": 0}, {"around_seq": 2**63}, {"around_seq": 5, "before_seq": 9}],
)
async def test_bad_jumps_are_422(
    client: httpx.AsyncClient, server: RunningServer, params: dict[str, int]
) -> None:
    _, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Bad jump")
    response = await client.get(
        f"/api/rooms/{room['id']}/messages", params=params, headers=bearer(token)
    )
    assert response.status_code == 422, response.text
