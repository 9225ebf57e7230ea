"""Room lists come a page at a time: one account's thousand rooms can't bloat everyone's list."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.factories import bearer, signup_and_login
from tests.moderation.helpers import person
from tests.wsclient import create_room, join_room


async def _page(client: httpx.AsyncClient, token: str, **params: Any) -> dict[str, Any]:
    response = await client.get("/api/rooms", params=params, headers=bearer(token))
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def _walk(client: httpx.AsyncClient, token: str, **params: Any) -> list[dict[str, Any]]:
    rooms: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = await _page(client, token, **params, **({"cursor": cursor} if cursor else {}))
        rooms += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return rooms


async def test_a_flood_of_rooms_reaches_others_one_page_at_a_time(
    client: httpx.AsyncClient,
) -> None:
    _, flooder = await signup_and_login(client)
    _, bystander = await signup_and_login(client)
    for number in range(60):
        await create_room(client, flooder, name=f"spam {number:03}")
    first = await _page(client, bystander)
    assert len(first["items"]) == 50 and first["next_cursor"]
    # The sidebar asks only for the rooms I am in: none of the flood.
    assert await _page(client, bystander, joined="true") == {"items": [], "next_cursor": None}


async def test_pages_list_every_visible_room_once_in_name_order(
    client: httpx.AsyncClient,
) -> None:
    _, owner = await signup_and_login(client)
    _, outsider = await signup_and_login(client)
    for name in ("delta", "Alpha", "charlie", "bravo", "echo"):
        await create_room(client, owner, name=name)
    # Private rooms may share a name: the page key must still tell them apart.
    for _ in range(3):
        await create_room(client, owner, name="twin", is_private=True)
    names = [room["name"] for room in await _walk(client, owner, limit=2)]
    assert names == ["Alpha", "bravo", "charlie", "delta", "echo", "twin", "twin", "twin"]
    ids = [room["id"] for room in await _walk(client, owner, limit=1)]
    assert len(ids) == len(set(ids)) == 8
    outside = [room["name"] for room in await _walk(client, outsider, limit=3)]
    assert outside == ["Alpha", "bravo", "charlie", "delta", "echo"]


async def test_filters_joined_name_and_ids(client: httpx.AsyncClient) -> None:
    _, owner = await signup_and_login(client)
    _, member = await signup_and_login(client)
    general = await create_room(client, owner, name="General chat")
    await create_room(client, owner, name="Random")
    odd = await create_room(client, owner, name="100%_real")
    await create_room(client, owner, name="100 x real")
    await join_room(client, member, general["id"])

    joined = await _walk(client, member, joined="true")
    assert [room["name"] for room in joined] == ["General chat"]
    assert joined[0]["my_role"] == "member" and joined[0]["member_count"] == 2
    assert [r["name"] for r in await _walk(client, member, q="CHAT")] == ["General chat"]
    # LIKE's wildcards are literal text in a search.
    assert [r["id"] for r in await _walk(client, member, q="%_")] == [odd["id"]]
    wanted = await _walk(client, member, ids=[odd["id"], general["id"]])
    assert {r["id"] for r in wanted} == {odd["id"], general["id"]}


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not base64 json"},
        {"cursor": "WzEsMl0"},  # [1,2]: a number where the name goes
        {"cursor": "WyJhIiw5OTk5OTk5OTk5OTk5OTk5OTk5OTk5XQ"},  # an id past BIGINT
        {"cursor": "WyJhIix0cnVlXQ"},  # ["a",true]
        {"cursor": "x" * 600},
        {"limit": 0},
        {"limit": 201},
        {"ids": 0},
        {"q": "a\x00b"},
    ],
)
async def test_bad_page_requests_are_422(client: httpx.AsyncClient, params: dict[str, Any]) -> None:
    _, token = await signup_and_login(client)
    response = await client.get("/api/rooms", params=params, headers=bearer(token))
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


async def test_a_site_admin_lists_private_rooms_too_but_never_others_dms(
    client: httpx.AsyncClient,
) -> None:
    admin, alice, bob = await person(client), await person(client), await person(client)
    hidden = await create_room(client, alice.token, name="Hidden plans", is_private=True)
    dm = (await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=alice.headers)).json()
    listed = await client.get("/api/rooms", params={"limit": 100}, headers=admin.headers)
    ids = [room["id"] for room in listed.json()["items"]]
    assert hidden["id"] in ids and dm["id"] not in ids
    # Anyone else still sees only the rooms they may read.
    other = await client.get("/api/rooms", params={"limit": 100}, headers=bob.headers)
    assert hidden["id"] not in [room["id"] for room in other.json()["items"]]
