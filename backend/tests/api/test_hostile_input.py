"""Hostile input answers a clear 4xx on both databases, never a 500 (issue step 7):
NUL in any text, oversized passwords, ambiguous or impossible dates, absurd token
claims. One bad connect never fails another."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from jose import jwt

from tests.conftest import TEST_SECRET, RunningServer
from tests.factories import bearer, signup_and_login
from tests.moderation.helpers import cast
from tests.wsclient import WsClient, closed_with

NUL = "a\x00b"


async def test_nul_in_any_text_is_refused_as_bad_input(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    socket = await WsClient.open(server.base_url)
    await socket.auth(people.member.token)
    await socket.join(room_id)
    await socket.send(type="send", room=room_id, client_id="ok", body="fine")
    message_id = (await socket.recv_type("ack"))["message"]["id"]
    owner, member, admin = people.owner.headers, people.member.headers, people.admin.headers
    requests: list[tuple[str, str, dict[str, Any], dict[str, str] | None]] = [
        ("POST", "/api/auth/signup", {"json": {"username": NUL, "password": "password1"}}, None),
        (
            "POST",
            "/api/auth/signup",
            {"json": {"username": "nully", "password": "password1", "display_name": NUL}},
            None,
        ),
        ("POST", "/api/auth/signup", {"json": {"username": "nully2", "password": NUL * 4}}, None),
        ("POST", "/api/auth/login", {"data": {"username": NUL, "password": "password1"}}, None),
        ("POST", "/api/auth/login", {"data": {"username": "x", "password": NUL * 4}}, None),
        ("PATCH", "/api/users/me", {"json": {"display_name": NUL}}, member),
        ("POST", "/api/rooms", {"json": {"name": NUL}}, member),
        ("POST", "/api/rooms", {"json": {"name": "topic", "topic": NUL}}, member),
        ("PATCH", f"/api/rooms/{room_id}", {"json": {"topic": NUL}}, owner),
        ("POST", f"/api/rooms/{room_id}/members", {"json": {"username": NUL}}, owner),
        (
            "POST",
            f"/api/rooms/{room_id}/moderation",
            {"json": {"action": "mute", "user_id": people.member.id, "reason": NUL}},
            owner,
        ),
        ("POST", f"/api/messages/{message_id}/report", {"json": {"reason": NUL}}, owner),
        ("PATCH", f"/api/messages/{message_id}", {"json": {"body": NUL}}, member),
        ("DELETE", f"/api/messages/{message_id}", {"params": {"reason": NUL}}, owner),
        ("GET", "/api/admin/users", {"params": {"q": NUL}}, admin),
        ("GET", "/api/admin/audit", {"params": {"action": NUL}}, admin),
        (
            "POST",
            f"/api/admin/users/{people.member.id}/ban",
            {"json": {"reason": NUL}},
            admin,
        ),
    ]
    for method, path, kwargs, headers in requests:
        response = await client.request(method, path, headers=headers, **kwargs)
        assert response.status_code == 422, (method, path, kwargs, response.text)
        assert "detail" in response.json()
    await socket.send(type="send", room=room_id, client_id="nul", body=NUL)
    refused = await socket.recv_type("error")
    assert (refused["code"], refused["ref"]) == ("invalid", "nul")
    # Nothing was stored or changed on the way.
    page = await client.get(f"/api/rooms/{room_id}/messages", headers=member)
    assert [m["body"] for m in page.json()["messages"]] == ["fine"]


async def test_a_body_that_is_not_even_text_is_a_422(client: httpx.AsyncClient) -> None:
    # Not UTF-8, so not JSON: FastAPI's own answer was a 400 that no route declares (found
    # by tests/api/test_schema_fuzz.py). It is the same mistake as malformed JSON, which
    # was already a 422. (A form is decoded leniently: its bad bytes are just a bad value.)
    _, token = await signup_and_login(client)
    for path, garbage in (
        ("/api/rooms", b'{"name": "caf\xe9"}'),
        ("/api/users/me", b"\x80"),
        ("/api/auth/signup", b'{"username": "\xff"}'),
    ):
        method = "PATCH" if path == "/api/users/me" else "POST"
        response = await client.request(
            method,
            path,
            content=garbage,
            headers={"Content-Type": "application/json", **bearer(token)},
        )
        assert response.status_code == 422, (path, response.text)
        assert response.json()["detail"][0]["loc"][0] == "body", response.text


async def test_passwords_have_a_documented_maximum(client: httpx.AsyncClient) -> None:
    user, _ = await signup_and_login(client)
    huge = "p" * 5000
    login = await client.post(
        "/api/auth/login", data={"username": user["username"], "password": huge}
    )
    assert login.status_code == 422 and "256" in login.text
    signup = await client.post("/api/auth/signup", json={"username": "longpass", "password": huge})
    assert signup.status_code == 422


@pytest.mark.parametrize(
    "since", ["2026-01-01T00:00:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"]
)
async def test_audit_dates_must_be_unambiguous_and_in_range(
    client: httpx.AsyncClient, since: str
) -> None:
    _, admin = await signup_and_login(client)  # the first account is the site admin
    response = await client.get("/api/admin/audit", params={"since": since}, headers=bearer(admin))
    assert response.status_code == 422, response.text
    fine = await client.get(
        "/api/admin/audit", params={"since": "2026-01-01T00:00:00Z"}, headers=bearer(admin)
    )
    assert fine.status_code == 200


def _signed(**claims: object) -> str:
    now = int(time.time())
    body = {"sub": "1", "ver": 0, "iat": now, "exp": now + 600, "typ": "access", **claims}
    return jwt.encode(body, TEST_SECRET, algorithm="HS256")


ABSURD: list[dict[str, object]] = [{"sub": str(10**30)}, {"sub": "-5"}, {"exp": 10**20}]


async def test_absurd_claims_in_a_signed_token_are_a_401(client: httpx.AsyncClient) -> None:
    await signup_and_login(client)
    for claims in ABSURD:
        response = await client.get("/api/users/me", headers=bearer(_signed(**claims)))
        assert response.status_code == 401, (claims, response.text)


async def test_one_bad_connect_never_fails_another(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    """Sockets authenticating together share one user look-up: an absurd token among
    them is refused alone."""
    tokens = [(await signup_and_login(client))[1] for _ in range(3)]
    bad = [_signed(**claims) for claims in ABSURD]
    sockets = [await WsClient.open(server.base_url) for _ in tokens + bad]
    for socket, token in zip(sockets, tokens + bad, strict=True):
        await socket.send(type="auth", token=token)
    good, refused = sockets[: len(tokens)], sockets[len(tokens) :]
    readies = await asyncio.gather(*(socket.recv_type("ready") for socket in good))
    assert len({ready["user"]["id"] for ready in readies}) == len(tokens)
    codes = await asyncio.gather(*(closed_with(socket) for socket in refused))
    assert codes == [4401] * len(bad)


FLIPPED = "evil\u202egnp.exe"  # RIGHT-TO-LEFT OVERRIDE: shows as "evilexe.png"
ZALGO = "z" + "\u0301\u0302\u0303\u0304\u0305\u0306" + "algo"


async def test_names_refuse_bidi_overrides_controls_and_zalgo(
    client: httpx.AsyncClient,
) -> None:
    _, token = await signup_and_login(client)
    # (Room names turn whitespace runs such as a tab into one space instead.)
    tab = await client.patch(
        "/api/users/me", json={"display_name": "tab\there"}, headers=bearer(token)
    )
    assert tab.status_code == 422
    for bad in (FLIPPED, ZALGO, "iso\u2066late\u2069", "zero\u200bwidth"):
        for method, path, body in (
            ("PATCH", "/api/users/me", {"display_name": bad}),
            ("POST", "/api/rooms", {"name": bad}),
        ):
            response = await client.request(method, path, json=body, headers=bearer(token))
            assert response.status_code == 422, (bad, path, response.text)
        signup = await client.post(
            "/api/auth/signup",
            json={"username": "named", "password": "password1", "display_name": bad},
        )
        assert signup.status_code == 422, bad
    # Real names in any script pass: Korean, accents (composed or not), emoji sequences.
    for fine in ("김민지", "Nguyễn Thị Ánh", "Zoe\u0301", "👩\u200d💻 dev", "سارا\u200c"):
        me = await client.patch("/api/users/me", json={"display_name": fine}, headers=bearer(token))
        assert me.status_code == 200 and me.json()["display_name"] == fine, fine
