"""Sessions end when they should (issue step 7, point 4): logging out ends that sign-in's
access token and sockets at once, not 15 minutes later; "sign out everywhere" ends all."""

from __future__ import annotations

import httpx

from tests.conftest import RunningServer
from tests.factories import bearer, login, sign_in_device, signup
from tests.wsclient import WsClient, closed_with, signed_in_socket


async def test_logout_ends_that_sign_in_at_once_and_only_it(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    user = await signup(client)
    laptop, laptop_token = await sign_in_device(server.base_url, str(user["username"]))
    phone, phone_token = await sign_in_device(server.base_url, str(user["username"]))
    try:
        laptop_socket = await signed_in_socket(server.base_url, laptop_token)
        phone_socket = await signed_in_socket(server.base_url, phone_token)
        assert (await laptop.post("/api/auth/logout")).status_code == 204
        assert await closed_with(laptop_socket) == 4401
        me = await client.get("/api/users/me", headers=bearer(laptop_token))
        assert me.status_code == 401
        # Its token cannot open a new socket either.
        again = await WsClient.open(server.base_url)
        await again.send(type="auth", token=laptop_token)
        assert await closed_with(again) == 4401
        # The phone's sign-in goes on.
        assert (await client.get("/api/users/me", headers=bearer(phone_token))).status_code == 200
        await phone_socket.send(type="ping")
        assert (await phone_socket.recv_type("pong"))["type"] == "pong"
        assert (await phone.post("/api/auth/refresh")).status_code == 200
    finally:
        await laptop.aclose()
        await phone.aclose()


async def test_sign_out_everywhere_ends_every_sign_in(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    user = await signup(client)
    laptop, laptop_token = await sign_in_device(server.base_url, str(user["username"]))
    phone, phone_token = await sign_in_device(server.base_url, str(user["username"]))
    try:
        sockets = [
            await signed_in_socket(server.base_url, token) for token in (laptop_token, phone_token)
        ]
        ended = await laptop.delete("/api/users/me/sessions", headers=bearer(laptop_token))
        assert ended.status_code == 204
        for socket in sockets:
            assert await closed_with(socket) == 4401
        for token in (laptop_token, phone_token):
            assert (await client.get("/api/users/me", headers=bearer(token))).status_code == 401
        assert (await phone.post("/api/auth/refresh")).status_code == 401
        # Signing in again works.
        assert (await login(client, username=str(user["username"]))).status_code == 200
    finally:
        await laptop.aclose()
        await phone.aclose()
