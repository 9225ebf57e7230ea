"""Messages posted over /ws the way the SPA posts them, for tests that need history to exist
before a page opens (more than a page of it, or replies by id)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from websockets.sync.client import connect

from conftest import Account
from rooms import auth_headers


def post_messages(
    api: httpx.Client,
    account: Account,
    room_id: int,
    bodies: list[str],
    *,
    reply_to: int | None = None,
) -> list[dict[str, Any]]:
    """Sends `bodies` in order as `account`, each acknowledged before the next; returns the
    stored messages (the e2e server's send limit is raised for such bursts: conftest.py)."""
    token = auth_headers(api, account)["Authorization"].removeprefix("Bearer ")
    base = str(api.base_url).rstrip("/")
    with connect(f"{base.replace('http', 'ws', 1)}/ws", origin=base, open_timeout=30) as socket:
        socket.send(json.dumps({"type": "auth", "token": token}))
        _wait_for(socket, "ready")
        socket.send(json.dumps({"type": "join", "room": room_id}))
        _wait_for(socket, "joined")
        stored = []
        for body in bodies:
            frame: dict[str, Any] = {
                "type": "send",
                "room": room_id,
                "client_id": uuid.uuid4().hex,
                "body": body,
            }
            if reply_to is not None:
                frame["reply_to"] = reply_to
            socket.send(json.dumps(frame))
            stored.append(_wait_for(socket, "ack")["message"])
        return stored


def _wait_for(socket: Any, kind: str) -> dict[str, Any]:
    while True:
        frame = json.loads(socket.recv(timeout=30))
        if frame["type"] == "error":
            raise AssertionError(frame)
        if frame["type"] == kind:
            return dict(frame)
