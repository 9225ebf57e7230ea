"""A small test client for /ws on top of the `websockets` library."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin

from tests.factories import signup_and_login


class WsClient:
    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    @classmethod
    async def open(cls, base_url: str, *, origin: str | None = None, **kwargs: Any) -> WsClient:
        url = base_url.replace("http://", "ws://") + "/ws"
        connection = await connect(url, origin=Origin(origin or base_url), **kwargs)
        return cls(connection)

    async def send(self, **frame: Any) -> None:
        await self.connection.send(json.dumps(frame))

    async def recv(self, timeout: float = 5.0) -> dict[str, Any]:
        raw = await asyncio.wait_for(self.connection.recv(), timeout)
        frame: dict[str, Any] = json.loads(raw)
        return frame

    async def recv_type(self, frame_type: str, timeout: float = 5.0) -> dict[str, Any]:
        """The next frame of `frame_type`, skipping presence/typing/other chatter."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            frame = await self.recv(timeout=max(remaining, 0.01))
            if frame["type"] == frame_type:
                return frame

    async def auth(self, token: str) -> dict[str, Any]:
        await self.send(type="auth", token=token)
        return await self.recv_type("ready")

    async def join(self, room: int, since: int | None = None) -> dict[str, Any]:
        await self.send(type="join", room=room, since=since)
        return await self.recv_type("joined")

    async def close(self) -> None:
        await self.connection.close()


async def user_socket(
    client: httpx.AsyncClient, base_url: str, *, username: str | None = None
) -> tuple[WsClient, str, dict[str, Any]]:
    user, token = await signup_and_login(client, username=username)
    socket = await WsClient.open(base_url)
    await socket.auth(token)
    return socket, token, user


async def create_room(
    client: httpx.AsyncClient, token: str, *, name: str, is_private: bool = False
) -> dict[str, Any]:
    response = await client.post(
        "/api/rooms",
        json={"name": name, "is_private": is_private},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.text
    room: dict[str, Any] = response.json()
    return room


async def join_room(client: httpx.AsyncClient, token: str, room_id: int) -> None:
    response = await client.post(
        f"/api/rooms/{room_id}/join", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
