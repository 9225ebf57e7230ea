"""Users and tokens made over the real API, with keyword arguments."""

from __future__ import annotations

import itertools

import httpx

_counter = itertools.count(1)
DEFAULT_PASSWORD = "correct-horse-battery"


def unique_username(prefix: str = "user") -> str:
    return f"{prefix}{next(_counter)}"


async def signup(
    client: httpx.AsyncClient, *, username: str | None = None, password: str = DEFAULT_PASSWORD
) -> dict[str, object]:
    response = await client.post(
        "/api/auth/signup", json={"username": username or unique_username(), "password": password}
    )
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


async def login(
    client: httpx.AsyncClient, *, username: str, password: str = DEFAULT_PASSWORD
) -> httpx.Response:
    return await client.post("/api/auth/login", data={"username": username, "password": password})


async def signup_and_login(
    client: httpx.AsyncClient, *, username: str | None = None
) -> tuple[dict[str, object], str]:
    user = await signup(client, username=username)
    response = await login(client, username=str(user["username"]))
    assert response.status_code == 200, response.text
    return user, str(response.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def sign_in_device(base_url: str, username: str) -> tuple[httpx.AsyncClient, str]:
    """A device signing in: its own cookie jar (the refresh cookie) and access token."""
    device = httpx.AsyncClient(base_url=base_url)
    response = await login(device, username=username)
    assert response.status_code == 200, response.text
    return device, str(response.json()["access_token"])
