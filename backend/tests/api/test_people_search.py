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
