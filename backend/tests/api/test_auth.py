"""Sign-up, login, refresh rotation, logout and every bad input around them."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import httpx
import pytest

from parley import security
from tests.conftest import TEST_SECRET, RunningServer
from tests.factories import DEFAULT_PASSWORD, bearer, login, signup, signup_and_login


async def test_signup_returns_user_without_hash(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/auth/signup", json={"username": "Alice", "password": "password123"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "alice"
    assert body["display_name"] == "alice"
    assert "password_hash" not in body and "password" not in body


async def test_first_account_is_admin_and_later_ones_are_not(client: httpx.AsyncClient) -> None:
    first = await signup(client)
    second = await signup(client)
    assert first["role"] == "admin"
    assert second["role"] == "user"


async def test_taken_username_is_409_case_insensitively(client: httpx.AsyncClient) -> None:
    await signup(client, username="bob")
    response = await client.post(
        "/api/auth/signup", json={"username": "BOB", "password": "password123"}
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Username already taken"


@pytest.mark.parametrize("username", ["ab", "a" * 33, "bad name", "émile", "semi;colon", ""])
async def test_invalid_username_is_422_naming_the_field(
    client: httpx.AsyncClient, username: str
) -> None:
    response = await client.post(
        "/api/auth/signup", json={"username": username, "password": "password123"}
    )
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "username"]]


async def test_short_password_is_422_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/auth/signup", json={"username": "carol", "password": "1234567"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "password"]


async def test_malformed_json_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/auth/signup", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


async def test_non_object_json_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/auth/signup", json=["alice", "password"])
    assert response.status_code == 422


async def test_malformed_login_form_is_422(client: httpx.AsyncClient) -> None:
    missing_password = await client.post("/api/auth/login", data={"username": "x"})
    assert missing_password.status_code == 422
    garbage = await client.post(
        "/api/auth/login",
        content=b"\xff\xfe%%%",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert garbage.status_code == 422


async def test_login_returns_access_token_and_refresh_cookie(client: httpx.AsyncClient) -> None:
    user = await signup(client)
    response = await login(client, username=str(user["username"]))
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60
    cookie = response.headers["set-cookie"].lower()
    assert "parley_refresh=" in cookie
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/api/auth" in cookie
    me = await client.get("/api/users/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200 and me.json()["id"] == user["id"]


async def test_wrong_password_and_unknown_user_get_the_same_401(
    client: httpx.AsyncClient,
) -> None:
    user = await signup(client)
    wrong = await login(client, username=str(user["username"]), password="wrong-password")
    unknown = await login(client, username="nobody-here", password="wrong-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["detail"] == "Incorrect username or password"


async def test_login_brute_force_is_429_with_retry_after(client: httpx.AsyncClient) -> None:
    user = await signup(client)
    for _ in range(10):
        response = await login(client, username=str(user["username"]), password="wrong-pass")
        assert response.status_code == 401
    blocked = await login(client, username=str(user["username"]), password=DEFAULT_PASSWORD)
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    # The limit is per address *and* username: another account is unaffected.
    other = await signup(client)
    assert (await login(client, username=str(other["username"]))).status_code == 200


async def test_the_owner_signs_in_from_elsewhere_while_a_guesser_is_slowed(
    client: httpx.AsyncClient,
) -> None:
    """Addresses come from X-Forwarded-For of a trusted proxy (PARLEY_FORWARDED_ALLOW_IPS,
    127.0.0.1 by default: the test client is that proxy here)."""
    user = await signup(client)
    name = str(user["username"])
    attacker, owner = {"X-Forwarded-For": "198.51.100.7"}, {"X-Forwarded-For": "203.0.113.5"}
    for _ in range(10):
        response = await client.post(
            "/api/auth/login", data={"username": name, "password": "wrong-pass"}, headers=attacker
        )
        assert response.status_code == 401
    guessing = await client.post(
        "/api/auth/login", data={"username": name, "password": "wrong-pass"}, headers=attacker
    )
    assert guessing.status_code == 429
    owner_login = await client.post(
        "/api/auth/login", data={"username": name, "password": DEFAULT_PASSWORD}, headers=owner
    )
    assert owner_login.status_code == 200
    # Right passwords never count: the owner signs in again and again.
    for _ in range(12):
        again = await client.post(
            "/api/auth/login", data={"username": name, "password": DEFAULT_PASSWORD}, headers=owner
        )
        assert again.status_code == 200


def _forge(claims: dict[str, object], *, header: dict[str, str]) -> str:
    def part(value: dict[str, object] | dict[str, str]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part(claims)}."


async def _bad_token_cases(client: httpx.AsyncClient) -> dict[str, str]:
    user, token = await signup_and_login(client)
    user_id = int(str(user["id"]))
    expired, _ = security.create_access_token(
        user_id=user_id, token_version=0, secret=TEST_SECRET, lifetime=timedelta(seconds=-5)
    )
    wrong_key, _ = security.create_access_token(
        user_id=user_id, token_version=0, secret="another-key", lifetime=timedelta(minutes=5)
    )
    old_version, _ = security.create_access_token(
        user_id=user_id, token_version=7, secret=TEST_SECRET, lifetime=timedelta(minutes=5)
    )
    head, payload, signature = token.split(".")
    tampered_claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    tampered_claims["sub"] = "999"
    tampered_payload = base64.urlsafe_b64encode(json.dumps(tampered_claims).encode()).rstrip(b"=")
    alg_none = _forge(
        {"sub": str(user_id), "ver": 0, "iat": 1, "exp": 4102444800, "typ": "access"},
        header={"alg": "none", "typ": "JWT"},
    )
    return {
        "expired": expired,
        "tampered": f"{head}.{tampered_payload.decode()}.{signature}",
        "alg_none": alg_none,
        "wrong_key": wrong_key,
        "old_token_version": old_version,
        "garbage": "not-a-jwt",
    }


async def test_bad_access_tokens_are_401(client: httpx.AsyncClient) -> None:
    cases = await _bad_token_cases(client)
    for name, token in cases.items():
        response = await client.get("/api/users/me", headers=bearer(token))
        assert response.status_code == 401, name
        assert response.json()["detail"] == "Could not validate credentials", name


async def test_missing_token_is_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/users/me")
    assert response.status_code == 401


async def test_refresh_rotates_the_cookie(client: httpx.AsyncClient) -> None:
    user = await signup(client)
    await login(client, username=str(user["username"]))
    first_cookie = client.cookies["parley_refresh"]
    refreshed = await client.post("/api/auth/refresh")
    assert refreshed.status_code == 200
    assert client.cookies["parley_refresh"] != first_cookie
    me = await client.get("/api/users/me", headers=bearer(refreshed.json()["access_token"]))
    assert me.status_code == 200


async def test_refresh_without_cookie_is_401(client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/auth/refresh")).status_code == 401
    client.cookies.set("parley_refresh", "made-up", path="/api/auth")
    assert (await client.post("/api/auth/refresh")).status_code == 401


async def test_reusing_a_rotated_token_after_grace_revokes_the_family(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parley.services import auth

    monkeypatch.setattr(auth, "ROTATION_GRACE", timedelta(seconds=-1))
    user = await signup(client)
    await login(client, username=str(user["username"]))
    stolen = client.cookies["parley_refresh"]
    assert (await client.post("/api/auth/refresh")).status_code == 200
    current = client.cookies["parley_refresh"]

    client.cookies.set("parley_refresh", stolen, path="/api/auth")
    assert (await client.post("/api/auth/refresh")).status_code == 401
    # The thief's replay revoked the family, so the legitimate holder is out too.
    client.cookies.set("parley_refresh", current, path="/api/auth")
    assert (await client.post("/api/auth/refresh")).status_code == 401


async def test_concurrent_refresh_within_grace_keeps_the_family(
    client: httpx.AsyncClient,
) -> None:
    user = await signup(client)
    await login(client, username=str(user["username"]))
    shared = client.cookies["parley_refresh"]
    assert (await client.post("/api/auth/refresh")).status_code == 200
    winner = client.cookies["parley_refresh"]
    # A second tab presenting the same cookie moments later is refused but not punished.
    client.cookies.set("parley_refresh", shared, path="/api/auth")
    assert (await client.post("/api/auth/refresh")).status_code == 401
    client.cookies.set("parley_refresh", winner, path="/api/auth")
    assert (await client.post("/api/auth/refresh")).status_code == 200


async def test_logout_revokes_the_refresh_token(client: httpx.AsyncClient) -> None:
    user = await signup(client)
    await login(client, username=str(user["username"]))
    cookie = client.cookies["parley_refresh"]
    response = await client.post("/api/auth/logout")
    assert response.status_code == 204
    assert "parley_refresh" not in client.cookies
    client.cookies.set("parley_refresh", cookie, path="/api/auth")
    assert (await client.post("/api/auth/refresh")).status_code == 401


async def test_logout_without_cookie_is_harmless(client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/auth/logout")).status_code == 204


async def test_update_me_changes_display_name(client: httpx.AsyncClient) -> None:
    _, token = await signup_and_login(client)
    response = await client.patch(
        "/api/users/me", json={"display_name": "  Dana Kim  "}, headers=bearer(token)
    )
    assert response.status_code == 200
    assert response.json()["display_name"] == "Dana Kim"
    empty = await client.patch("/api/users/me", json={"display_name": ""}, headers=bearer(token))
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["loc"] == ["body", "display_name"]


async def test_banned_user_cannot_log_in_or_use_tokens(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    from sqlalchemy import update
    from sqlmodel import col

    from parley.db import create_engine
    from parley.models import User

    user, token = await signup_and_login(client)
    engine = create_engine(server.settings)
    async with engine.begin() as connection:
        await connection.execute(
            update(User).where(col(User.id) == user["id"]).values(is_banned=True)
        )
    await engine.dispose()
    assert (await client.get("/api/users/me", headers=bearer(token))).status_code == 403
    response = await login(client, username=str(user["username"]))
    assert response.status_code == 403
    assert response.json()["detail"] == "This account is banned"
