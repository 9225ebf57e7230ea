"""Direct messages: one conversation per set of people, theirs alone (site admins
included), with everything a room has except what needs someone in charge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from parley.settings import Settings
from tests.conftest import RunningServer, make_settings
from tests.moderation.helpers import Person, moderate, person
from tests.wsclient import signed_in_socket


async def _open(client: httpx.AsyncClient, who: Person, *others: Person) -> httpx.Response:
    return await client.post(
        "/api/dms", json={"user_ids": [o.id for o in others]}, headers=who.headers
    )


async def test_the_same_people_always_reach_the_same_conversation(
    client: httpx.AsyncClient,
) -> None:
    await person(client)  # the site admin
    alice, bob, carol = await person(client), await person(client), await person(client)
    started = await _open(client, alice, bob)
    assert started.status_code == 201, started.text
    dm = started.json()
    assert dm["kind"] == "dm" and dm["is_private"] and dm["member_count"] == 2
    assert [p["id"] for p in dm["direct_with"]] == [bob.id]
    again = await _open(client, bob, alice)
    assert again.status_code == 200 and again.json()["id"] == dm["id"]
    assert [p["id"] for p in again.json()["direct_with"]] == [alice.id]
    twice = await client.post(
        "/api/dms", json={"user_ids": [bob.id, bob.id, alice.id]}, headers=alice.headers
    )
    assert twice.json()["id"] == dm["id"]
    group = await _open(client, alice, bob, carol)
    assert group.status_code == 201 and group.json()["id"] != dm["id"]
    assert {p["id"] for p in group.json()["direct_with"]} == {bob.id, carol.id}

    listed = await client.get("/api/rooms", params={"joined": "true"}, headers=carol.headers)
    [mine] = listed.json()["items"]
    assert mine["id"] == group.json()["id"] and mine["kind"] == "dm"
    assert {p["id"] for p in mine["direct_with"]} == {alice.id, bob.id}


async def test_nobody_else_sees_or_enters_a_direct_message(client: httpx.AsyncClient) -> None:
    admin = await person(client)
    alice, bob, mallory = await person(client), await person(client), await person(client)
    dm = (await _open(client, alice, bob)).json()
    for outsider in (mallory, admin):
        for path in ("", "/members", "/messages"):
            seen = await client.get(f"/api/rooms/{dm['id']}{path}", headers=outsider.headers)
            assert seen.status_code == 404, (outsider, path, seen.text)
        joined = await client.post(f"/api/rooms/{dm['id']}/join", headers=outsider.headers)
        assert joined.status_code == 404
        listed = await client.get("/api/rooms", params={"ids": dm["id"]}, headers=outsider.headers)
        assert listed.json()["items"] == []


async def test_no_one_is_in_charge_of_a_direct_message(client: httpx.AsyncClient) -> None:
    admin = await person(client)
    alice, bob = await person(client), await person(client)
    dm = (await _open(client, admin, alice, bob)).json()
    assert {"read", "post", "react", "typing", "report", "edit_own", "delete_own"} <= set(
        dm["my_actions"]
    )
    assert not {"join", "leave", "invite", "moderate", "lock", "edit_room", "delete_room"} & set(
        dm["my_actions"]
    )
    room_path = f"/api/rooms/{dm['id']}"
    refusals = [
        await client.post(f"{room_path}/leave", headers=alice.headers),
        await client.post(f"{room_path}/members", json={"username": "x"}, headers=admin.headers),
        await client.patch(room_path, json={"name": "mine now"}, headers=admin.headers),
        await client.patch(room_path, json={"locked": True}, headers=admin.headers),
        await client.delete(room_path, headers=admin.headers),
        await moderate(client, admin, dm["id"], "mute", bob.id),
        await client.get(f"{room_path}/reports", headers=admin.headers),
    ]
    assert [r.status_code for r in refusals] == [403] * len(refusals), [r.text for r in refusals]


async def test_chat_in_a_direct_message_and_reports_reach_the_site_admins(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    admin = await person(client)
    alice, bob = await person(client), await person(client)
    bob_socket = await signed_in_socket(server.base_url, bob.token)
    dm = (await _open(client, alice, bob)).json()
    # Bob's clients hear of the new conversation on his own channel.
    invited = await bob_socket.recv_type("member")
    assert invited["room"] == dm["id"] and invited["action"] == "invited"
    await bob_socket.join(dm["id"])
    alice_socket = await signed_in_socket(server.base_url, alice.token)
    await alice_socket.join(dm["id"])
    await alice_socket.send(type="send", room=dm["id"], client_id="dm-1", body="psst")
    sent = (await alice_socket.recv_type("ack"))["message"]
    assert (await bob_socket.recv_type("message"))["message"]["id"] == sent["id"]

    report = await client.post(
        f"/api/messages/{sent['id']}/report", json={"reason": "spam"}, headers=bob.headers
    )
    assert report.status_code == 201, report.text
    queue = await client.get("/api/admin/reports", headers=admin.headers)
    assert queue.status_code == 200, queue.text
    [entry] = [r for r in queue.json() if r["message_id"] == sent["id"]]
    assert entry["message_body"] == "psst" and entry["room_kind"] == "dm"
    resolved = await client.post(
        f"/api/reports/{entry['id']}/resolve",
        json={"status": "resolved", "note": "warned"},
        headers=admin.headers,
    )
    assert resolved.status_code == 200, resolved.text


@pytest.mark.parametrize(
    "user_ids",
    [[], ["x"], [0], [2**40], [999_999], "self", "eight"],
)
async def test_bad_direct_requests_are_422(client: httpx.AsyncClient, user_ids: Any) -> None:
    await person(client)
    alice = await person(client)
    others = [await person(client) for _ in range(8)] if user_ids == "eight" else []
    if user_ids == "self":
        user_ids = [alice.id]
    elif user_ids == "eight":
        user_ids = [o.id for o in others]
    response = await client.post("/api/dms", json={"user_ids": user_ids}, headers=alice.headers)
    assert response.status_code == 422, response.text


class TestRateLimit:
    @pytest.fixture
    def settings(self, database_url: str, tmp_path: Path) -> Settings:
        return make_settings(database_url, tmp_path, direct_create_rate_limit="2/hour")

    async def test_starting_many_is_limited_opening_one_is_not(
        self, client: httpx.AsyncClient
    ) -> None:
        await person(client)
        alice = await person(client)
        people = [await person(client) for _ in range(3)]
        assert (await _open(client, alice, people[0])).status_code == 201
        assert (await _open(client, alice, people[1])).status_code == 201
        assert (await _open(client, alice, people[2])).status_code == 429
        assert (await _open(client, alice, people[0])).status_code == 200


async def test_the_people_directory_finds_active_accounts_by_name(
    client: httpx.AsyncClient,
) -> None:
    admin = await person(client)
    alice = await person(client)
    renamed = await client.patch(
        "/api/users/me", json={"display_name": "Zoë 100%"}, headers=alice.headers
    )
    assert renamed.status_code == 200, renamed.text
    found = await client.get("/api/users", params={"q": "ZOË"}, headers=admin.headers)
    assert [p["id"] for p in found.json()] == [alice.id]
    by_username = await client.get(
        "/api/users", params={"q": alice.username.upper()}, headers=admin.headers
    )
    assert [p["id"] for p in by_username.json()] == [alice.id]
    # LIKE's wildcards are plain text in a search.
    percent = await client.get("/api/users", params={"q": "%"}, headers=admin.headers)
    assert [p["id"] for p in percent.json()] == [alice.id]
    assert set(found.json()[0]) == {"id", "username", "display_name", "avatar_url"}
    for bad in ({"q": "a\x00"}, {"limit": 0}, {"limit": 51}, {"q": "x" * 65}):
        refused = await client.get("/api/users", params=bad, headers=admin.headers)
        assert refused.status_code == 422, bad
    assert (await client.get("/api/users")).status_code == 401


async def test_the_people_directory_pages_on_without_repeating_or_skipping_anyone(
    client: httpx.AsyncClient,
) -> None:
    first = await person(client)
    others = [await person(client) for _ in range(4)]
    # Two people with one name: the id decides between them, so no page boundary splits
    # them unpredictably.
    for who in (others[0], others[1]):
        renamed = await client.patch(
            "/api/users/me", json={"display_name": "Same Name"}, headers=who.headers
        )
        assert renamed.status_code == 200, renamed.text
    everyone = (await client.get("/api/users", params={"limit": 50}, headers=first.headers)).json()
    assert len(everyone) == 5
    paged: list[int] = []
    for offset in range(0, 6, 2):
        page = await client.get(
            "/api/users", params={"limit": 2, "offset": offset}, headers=first.headers
        )
        assert page.status_code == 200, page.text
        paged += [p["id"] for p in page.json()]
    assert paged == [p["id"] for p in everyone]
    searched = await client.get(
        "/api/users", params={"q": "same name", "limit": 1, "offset": 1}, headers=first.headers
    )
    assert [p["id"] for p in searched.json()] == [max(others[0].id, others[1].id)]
    past_the_end = await client.get("/api/users", params={"offset": 5}, headers=first.headers)
    assert past_the_end.status_code == 200 and past_the_end.json() == []
    for bad in ({"offset": -1}, {"offset": 100_001}, {"offset": "two"}):
        refused = await client.get("/api/users", params=bad, headers=first.headers)
        assert refused.status_code == 422, bad
