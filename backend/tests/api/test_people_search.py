"""People search folds case the Unicode way on both databases (SQLite's lower() alone
folds only ASCII): accents, Greek, German ß, full-width letters; Korean as typed."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import RunningServer
from tests.moderation.helpers import person


@pytest.mark.parametrize(
    ("display_name", "query"),
    [
        ("ÉMILE Zola", "émile"),
        ("Ödön", "ÖDÖN"),
        ("ΣΩΚΡΆΤΗΣ", "σωκράτης"),
        ("Straße", "STRASSE"),
        ("\uff21\uff22\uff23 Wide", "abc"),  # full-width letters
        ("김민수", "민수"),
    ],
)
async def test_people_search_matches_whatever_the_case(
    client: httpx.AsyncClient, server: RunningServer, display_name: str, query: str
) -> None:
    # Each test has its own database: the first account is the site admin.
    admin, found = await person(client), await person(client)
    named = await client.patch(
        "/api/users/me", json={"display_name": display_name}, headers=found.headers
    )
    assert named.status_code == 200, named.text
    people = await client.get("/api/users", params={"q": query}, headers=admin.headers)
    assert people.status_code == 200, people.text
    assert [p["id"] for p in people.json()] == [found.id]
    listed = await client.get("/api/admin/users", params={"q": query}, headers=admin.headers)
    assert listed.status_code == 200, listed.text
    assert [u["id"] for u in listed.json()] == [found.id]


async def test_the_admin_user_list_pages_on_by_username_with_and_without_a_search(
    client: httpx.AsyncClient,
) -> None:
    admin = await person(client)
    others = [await person(client) for _ in range(5)]
    # Three of them share a display name the search finds; the other two do not match.
    for who in others[:3]:
        renamed = await client.patch(
            "/api/users/me", json={"display_name": "Paged Person"}, headers=who.headers
        )
        assert renamed.status_code == 200, renamed.text

    async def pages(params: dict[str, str | int]) -> list[list[int]]:
        found: list[list[int]] = []
        for offset in range(0, 10, 2):
            page = await client.get(
                "/api/admin/users",
                params={**params, "limit": 2, "offset": offset},
                headers=admin.headers,
            )
            assert page.status_code == 200, page.text
            found.append([u["id"] for u in page.json()])
            if len(found[-1]) < 2:  # a short page is the last
                break
        return found

    everyone = await client.get("/api/admin/users", params={"limit": 50}, headers=admin.headers)
    by_username = [u["id"] for u in everyone.json()]
    assert len(by_username) == 6
    all_pages = await pages({})
    assert [len(page) for page in all_pages] == [2, 2, 2, 0]
    assert [i for page in all_pages for i in page] == by_username  # no overlap, no gap

    matching = await pages({"q": "PAGED person"})
    assert [len(page) for page in matching] == [2, 1]
    found = [i for page in matching for i in page]
    assert sorted(found) == sorted(who.id for who in others[:3])
    assert found == [i for i in by_username if i in found]  # still by username
    for bad in ({"offset": -1}, {"offset": 100_001}, {"offset": "two"}):
        refused = await client.get("/api/admin/users", params=bad, headers=admin.headers)
        assert refused.status_code == 422, bad
