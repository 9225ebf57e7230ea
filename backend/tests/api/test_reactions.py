"""Emoji reactions: live for everyone in the room, replayed on resume, refused where
posting is refused, and only ever one emoji."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from parley.settings import Settings
from tests.conftest import RunningServer, make_settings
from tests.moderation.helpers import Person, cast, moderate, person
from tests.wsclient import WsClient, create_room, join_room, signed_in_socket

THUMBS, PARTY, FAMILY = "👍", "🎉", "👨‍👩‍👧"


def _path(message_id: int, emoji: str) -> str:
    return f"/api/messages/{message_id}/reactions/{quote(emoji, safe='')}"


async def _react(
    client: httpx.AsyncClient, who: Person, message_id: int, emoji: str, *, on: bool = True
) -> httpx.Response:
    method = client.put if on else client.delete
    return await method(_path(message_id, emoji), headers=who.headers)


async def _post(socket: WsClient, room_id: int, body: str) -> dict[str, Any]:
    await socket.send(type="send", room=room_id, client_id=f"c-{body}", body=body)
    message: dict[str, Any] = (await socket.recv_type("ack"))["message"]
    return message


async def test_reactions_are_live_counted_and_idempotent(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    writer = await signed_in_socket(server.base_url, people.member.token, room_id)
    watcher = await signed_in_socket(server.base_url, people.other_member.token, room_id)
    message = await _post(writer, room_id, "ship it")

    added = await _react(client, people.other_member, message["id"], THUMBS)
    assert added.status_code == 200, added.text
    assert added.json() == [{"emoji": THUMBS, "count": 1, "user_ids": [people.other_member.id]}]
    frame = await watcher.recv_type("reactions")
    assert frame["message_id"] == message["id"] and frame["change_seq"] > message["change_seq"]
    assert frame["reactions"] == added.json()

    # Again: nothing changes, nothing is announced (the next frame is the next change).
    again = await _react(client, people.other_member, message["id"], THUMBS)
    assert again.json() == added.json()
    await _react(client, people.member, message["id"], PARTY)
    await _react(client, people.member, message["id"], THUMBS)
    await _react(client, people.owner, message["id"], FAMILY)
    frames = [await watcher.recv_type("reactions") for _ in range(3)]
    assert [f["change_seq"] for f in frames] == [frame["change_seq"] + n for n in (1, 2, 3)]
    assert frames[-1]["reactions"] == [
        {
            "emoji": THUMBS,
            "count": 2,
            "user_ids": [people.other_member.id, people.member.id],
        },
        {"emoji": PARTY, "count": 1, "user_ids": [people.member.id]},
        {"emoji": FAMILY, "count": 1, "user_ids": [people.owner.id]},
    ]

    removed = await _react(client, people.other_member, message["id"], THUMBS, on=False)
    # Order is by the earliest reaction still there: 👍 now dates from member's, after 🎉.
    assert [r["emoji"] for r in removed.json()] == [PARTY, THUMBS, FAMILY]
    assert removed.json()[1] == {"emoji": THUMBS, "count": 1, "user_ids": [people.member.id]}
    assert (await watcher.recv_type("reactions"))["reactions"] == removed.json()
    never = await _react(client, people.moderator, message["id"], PARTY, on=False)
    assert never.status_code == 200 and never.json() == removed.json()

    page = await client.get(f"/api/rooms/{room_id}/messages", headers=people.member.headers)
    [listed] = page.json()["messages"]
    assert listed["reactions"] == removed.json()


async def test_a_client_that_was_away_gets_the_reactions_on_resume(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    writer = await signed_in_socket(server.base_url, people.member.token, room_id)
    message = await _post(writer, room_id, "away")
    await _react(client, people.owner, message["id"], PARTY)
    await _react(client, people.owner, message["id"], THUMBS)
    await _react(client, people.owner, message["id"], PARTY, on=False)

    away = await WsClient.open(server.base_url)
    await away.auth(people.other_member.token)
    await away.join(room_id, since=message["change_seq"])
    replayed = (await away.recv_type("message"))["message"]
    assert replayed["id"] == message["id"]
    assert replayed["reactions"] == [{"emoji": THUMBS, "count": 1, "user_ids": [people.owner.id]}]
    assert replayed["change_seq"] == message["change_seq"] + 3


async def test_an_edit_keeps_the_reactions_and_a_deletion_drops_them(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    writer = await signed_in_socket(server.base_url, people.member.token, room_id)
    message = await _post(writer, room_id, "typo")
    await _react(client, people.owner, message["id"], THUMBS)
    edited = await client.patch(
        f"/api/messages/{message['id']}", json={"body": "fixed"}, headers=people.member.headers
    )
    assert edited.json()["reactions"][0]["emoji"] == THUMBS
    deleted = await client.delete(f"/api/messages/{message['id']}", headers=people.member.headers)
    assert deleted.json()["reactions"] == []
    late = await _react(client, people.owner, message["id"], PARTY)
    assert late.status_code == 403


async def test_reacting_is_refused_where_posting_is(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    writer = await signed_in_socket(server.base_url, people.member.token, room_id)
    message = await _post(writer, room_id, "react to me")
    outsider = await person(client)
    # A public room's visitor may read it, but must join to react.
    assert (await _react(client, outsider, message["id"], THUMBS)).status_code == 403
    secret = await create_room(client, people.owner.token, name="Secret", is_private=True)
    await join_room(client, people.owner.token, secret["id"])
    hidden = await signed_in_socket(server.base_url, people.owner.token, secret["id"])
    private_message = await _post(hidden, secret["id"], "hush")
    assert (await _react(client, outsider, private_message["id"], THUMBS)).status_code == 404

    muted = await moderate(client, people.owner, room_id, "mute", people.other_member.id)
    assert muted.status_code == 204
    refused = await _react(client, people.other_member, message["id"], THUMBS)
    assert refused.status_code == 403 and "muted" in refused.json()["detail"]
    # Taking a reaction back is reacting too: also refused while muted.
    assert (
        await _react(client, people.other_member, message["id"], THUMBS, on=False)
    ).status_code == 403

    locked = await client.patch(
        f"/api/rooms/{room_id}", json={"locked": True}, headers=people.owner.headers
    )
    assert locked.status_code == 200
    assert (await _react(client, people.member, message["id"], THUMBS)).status_code == 403
    assert (await _react(client, people.moderator, message["id"], THUMBS)).status_code == 200
    await client.patch(
        f"/api/rooms/{room_id}", json={"locked": False}, headers=people.owner.headers
    )

    banned = await moderate(client, people.owner, room_id, "ban", people.member.id)
    assert banned.status_code == 204
    assert (await _react(client, people.member, message["id"], PARTY)).status_code == 403

    listed = await client.get(f"/api/rooms/{room_id}", headers=people.moderator.headers)
    assert "react" in listed.json()["my_actions"]


@pytest.mark.parametrize(
    "emoji",
    ["a", THUMBS * 2, ":+1:", "a\x00", "<script>", " ", "👍" + "\u200d" * 40],
)
async def test_a_reaction_is_one_emoji(
    client: httpx.AsyncClient, server: RunningServer, emoji: str
) -> None:
    owner = await person(client)
    room = await create_room(client, owner.token, name="Emoji")
    socket = await signed_in_socket(server.base_url, owner.token, room["id"])
    message = await _post(socket, room["id"], "hi")
    response = await _react(client, owner, message["id"], emoji)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


async def test_a_message_holds_a_bounded_number_of_different_emoji(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    owner = await person(client)
    room = await create_room(client, owner.token, name="Many")
    socket = await signed_in_socket(server.base_url, owner.token, room["id"])
    message = await _post(socket, room["id"], "so many")
    faces = [chr(0x1F600 + n) for n in range(21)]
    for face in faces[:20]:
        assert (await _react(client, owner, message["id"], face)).status_code == 200
    refused = await _react(client, owner, message["id"], faces[20])
    assert refused.status_code == 409
    other = await person(client)
    await join_room(client, other.token, room["id"])
    # One already on the message can still be added by someone else.
    assert (await _react(client, other, message["id"], faces[0])).status_code == 200


class TestRateLimit:
    @pytest.fixture
    def settings(self, database_url: str, tmp_path: Path) -> Settings:
        return make_settings(database_url, tmp_path, reaction_rate_limit="3 per minute")

    async def test_reacting_too_fast_is_429(
        self, client: httpx.AsyncClient, server: RunningServer
    ) -> None:
        owner = await person(client)
        room = await create_room(client, owner.token, name="Fast")
        socket = await signed_in_socket(server.base_url, owner.token, room["id"])
        message = await _post(socket, room["id"], "fast")
        for on in (True, False, True):
            assert (await _react(client, owner, message["id"], THUMBS, on=on)).status_code == 200
        flooded = await _react(client, owner, message["id"], THUMBS, on=False)
        assert flooded.status_code == 429
