"""Abuse limits that slow an attacker, not the innocent (issue step 7, point 3): many
usernames from one address, scripted sign-ups, one user creating rooms without end."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from parley.settings import Settings
from tests.conftest import make_settings
from tests.factories import bearer, signup_and_login


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(
        database_url,
        tmp_path,
        login_address_rate_limit="5/minute",
        signup_rate_limit="3/hour",
        room_create_rate_limit="3/hour",
    )


async def test_many_usernames_from_one_address_are_slowed(client: httpx.AsyncClient) -> None:
    here = {"X-Forwarded-For": "198.51.100.20"}
    statuses = [
        (
            await client.post(
                "/api/auth/login",
                data={"username": f"guess{n}", "password": "wrong-pass"},
                headers=here,
            )
        ).status_code
        for n in range(8)
    ]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429] * 3
    # Another address is not slowed by it.
    elsewhere = await client.post(
        "/api/auth/login",
        data={"username": "guess0", "password": "wrong-pass"},
        headers={"X-Forwarded-For": "203.0.113.77"},
    )
    assert elsewhere.status_code == 401


async def test_sign_ups_are_limited_per_address(client: httpx.AsyncClient) -> None:
    here = {"X-Forwarded-For": "198.51.100.21"}
    codes = [
        (
            await client.post(
                "/api/auth/signup",
                json={"username": f"farm{n}", "password": "password1"},
                headers=here,
            )
        ).status_code
        for n in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    other = await client.post(
        "/api/auth/signup",
        json={"username": "farm-other", "password": "password1"},
        headers={"X-Forwarded-For": "203.0.113.78"},
    )
    assert other.status_code == 201


async def test_room_creation_is_limited_per_user(client: httpx.AsyncClient) -> None:
    _, token = await signup_and_login(client)
    codes = [
        (
            await client.post("/api/rooms", json={"name": f"spam {n}"}, headers=bearer(token))
        ).status_code
        for n in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    _, someone_else = await signup_and_login(client)
    mine = await client.post("/api/rooms", json={"name": "mine"}, headers=bearer(someone_else))
    assert mine.status_code == 201
