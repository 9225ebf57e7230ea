"""A small test client for /ws on top of the `websockets` library.

Every text frame it receives, by whatever path (`recv`, `recv_type`, `closed_with` or
`connection.recv()` straight), is checked against the committed frame catalogue
(frontend/protocol.json): every ws test also proves the server sends only catalogued
frames, with every field the catalogue names and no other.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
from functools import cache
from pathlib import Path
from typing import Any, Literal, overload

import httpx
from jsonschema import Draft202012Validator
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Data, Origin

from tests.factories import signup_and_login

CATALOGUE = Path(__file__).resolve().parents[2] / "frontend" / "protocol.json"


@cache
def _validators() -> dict[str, Draft202012Validator]:
    """One validator per server frame type, so a failure names the field that is wrong."""
    document: dict[str, Any] = json.loads(CATALOGUE.read_text())
    defs: dict[str, Any] = document["$defs"]
    for schema in defs.values():
        # Stricter than the published document: the nested payloads (MessagePublic …)
        # may not carry fields the catalogue does not name either.
        if "properties" in schema:
            schema.setdefault("additionalProperties", False)
    mapping: dict[str, str] = defs["ServerFrame"]["discriminator"]["mapping"]
    return {
        frame_type: Draft202012Validator({"$defs": defs, "$ref": ref})
        for frame_type, ref in mapping.items()
    }


def check_server_frame(text: str) -> dict[str, Any]:
    frame = json.loads(text)
    assert isinstance(frame, dict), f"server frame is not an object: {text[:200]}"
    validator = _validators().get(str(frame.get("type")))
    assert validator is not None, f"server frame type not in the catalogue: {text[:200]}"
    problems = [
        f"{'/'.join(map(str, error.absolute_path)) or '(frame)'}: {error.message}"
        for error in validator.iter_errors(frame)
    ]
    assert not problems, f"server frame does not match the catalogue: {problems} in {text[:300]}"
    return frame


class CheckedConnection(ClientConnection):
    """websockets' client connection, checking each received text frame (see above)."""

    @overload
    async def recv(self, decode: Literal[True]) -> str: ...

    @overload
    async def recv(self, decode: Literal[False]) -> bytes: ...

    @overload
    async def recv(self, decode: bool | None = None) -> Data: ...

    async def recv(self, decode: bool | None = None) -> Data:
        data = await super().recv(decode)
        if isinstance(data, str):
            check_server_frame(data)
        return data


class WsClient:
    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    @classmethod
    async def open(cls, base_url: str, *, origin: str | None = None, **kwargs: Any) -> WsClient:
        url = base_url.replace("http://", "ws://") + "/ws"
        connection = await connect(
            url,
            origin=Origin(origin or base_url),
            create_connection=CheckedConnection,
            **kwargs,
        )
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


async def closed_with(socket: WsClient, timeout: float = 7.0) -> int | None:
    """The close code the server ends `socket` with (reading and dropping frames)."""
    try:
        while True:
            await asyncio.wait_for(socket.connection.recv(), timeout)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


async def signed_in_socket(base_url: str, token: str, *rooms: int) -> WsClient:
    """A socket authenticated with `token` that has joined each of `rooms`."""
    socket = await WsClient.open(base_url)
    await socket.auth(token)
    for room in rooms:
        await socket.join(room)
    return socket


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


class StalledSocket:
    """A peer that authenticates, joins, then never reads: the worst phone on the train.

    Built on websockets' sans-io protocol over a plain socket with a small fixed receive
    buffer, so nothing (library or kernel autotuning) drains it behind the test's back.
    """

    def __init__(self, base_url: str) -> None:
        from websockets.client import ClientProtocol
        from websockets.uri import parse_uri

        host, port = base_url.removeprefix("http://").split(":")
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 * 1024)
        self.sock.connect((host, int(port)))
        self.protocol = ClientProtocol(
            parse_uri(base_url.replace("http://", "ws://") + "/ws"), origin=Origin(base_url)
        )
        self.protocol.send_request(self.protocol.connect())
        self._flush()
        while self.protocol.handshake_exc is None and not self._handshake_done():
            self.protocol.receive_data(self.sock.recv(65536))

    def _handshake_done(self) -> bool:
        from websockets.protocol import State

        return self.protocol.state is State.OPEN

    def _flush(self) -> None:
        for chunk in self.protocol.data_to_send():
            if chunk:
                self.sock.sendall(chunk)

    def send(self, **frame: Any) -> None:
        self.protocol.send_text(json.dumps(frame).encode())
        self._flush()

    def read_until_closed(self, timeout: float) -> int | None:
        """Start reading again; the close code the server finally sent, if any."""
        self.sock.settimeout(timeout)
        while self.protocol.close_rcvd is None:
            data = self.sock.recv(1 << 20)
            if not data:
                break
            self.protocol.receive_data(data)
            self.protocol.events_received()
        self.sock.close()
        return self.protocol.close_rcvd.code if self.protocol.close_rcvd else None


_send_ids = itertools.count()


async def send_and_answer(
    socket: WsClient, room_id: int, body: str, **extra: Any
) -> dict[str, Any]:
    """Sends a message and returns the server's answer to it: its `ack` or its `error`."""
    client_id = f"t-{next(_send_ids)}"
    await socket.send(type="send", room=room_id, client_id=client_id, body=body, **extra)
    frame = await socket.recv()
    while frame["type"] not in {"ack", "error"}:
        frame = await socket.recv()
    return frame


async def send_message(socket: WsClient, room_id: int, body: str, **extra: Any) -> dict[str, Any]:
    """Sends a message that must be accepted; returns the acknowledged message."""
    frame = await send_and_answer(socket, room_id, body, **extra)
    assert frame["type"] == "ack", frame
    message: dict[str, Any] = frame["message"]
    return message
