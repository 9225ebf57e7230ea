"""History written straight over /ws, for tests that need many messages on screen
without typing each one (the e2e server's send limit allows a burst of this size)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

import httpx
from websockets.sync.client import connect

from conftest import Account
from rooms import auth_headers


def post_messages(
    api: httpx.Client, base_url: str, author: Account, room_id: int, bodies: Sequence[str]
) -> list[dict[str, object]]:
    """Sends `bodies` in order as `author` and returns the acked messages."""
    token = auth_headers(api, author)["Authorization"].removeprefix("Bearer ")
    url = base_url.replace("http", "ws", 1) + "/ws"
    acked: list[dict[str, object]] = []
    with connect(url, origin=base_url, open_timeout=30) as socket:  # type: ignore[arg-type]
        socket.send(json.dumps({"type": "auth", "token": token}))
        socket.send(json.dumps({"type": "join", "room": room_id}))
        for body in bodies:
            client_id = f"seed-{uuid.uuid4().hex}"
            frame = {"type": "send", "room": room_id, "client_id": client_id, "body": body}
            socket.send(json.dumps(frame))
            while True:
                answer = json.loads(socket.recv(timeout=30))
                if answer.get("type") == "error":
                    raise AssertionError(f"seeding refused: {answer}")
                if answer.get("type") == "ack" and answer.get("client_id") == client_id:
                    assert not answer["duplicate"], answer
                    acked.append(answer["message"])
                    break
    return acked
