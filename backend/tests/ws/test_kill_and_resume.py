"""Fault injection (issue step 7, point 8): the server SIGKILLed mid-chat and restarted.
Every message the sender had acked is there once; every message it retried with its
client_id after the restart is there once; the receiver, resuming with `since`, gets
each exactly once. 0 lost, 0 duplicated."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin

from tests.conftest import TEST_SECRET, free_port
from tests.wsclient import check_server_frame

MESSAGES = 60


class Server:
    def __init__(self, data: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")},
            "PARLEY_DATA_DIR": str(data),
            "PARLEY_PORT": str(self.port),
            "PARLEY_SECRET_KEY": TEST_SECRET,
            "PARLEY_LOG_LEVEL": "warning",
            "PARLEY_PASSWORD_HASH_MEMORY_KIB": "1024",
            "PARLEY_PASSWORD_HASH_TIME_COST": "1",
            "PARLEY_SEND_RATE_LIMIT": "100000 per 1 second",
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "parley", "serve"], env=self.env)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.url + "/api/health").status_code == 200:
                    return
            except httpx.TransportError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def socket(self, sockets: ExitStack, token: str) -> ClientConnection:
        url = self.url.replace("http", "ws") + "/ws"
        connection = sockets.enter_context(connect(url, origin=Origin(self.url)))
        connection.send(json.dumps({"type": "auth", "token": token}))
        assert _frame(connection)["type"] == "ready"
        return connection


def _frame(connection: ClientConnection, timeout: float = 10) -> dict[str, Any]:
    return check_server_frame(str(connection.recv(timeout=timeout)))


def _send(connection: ClientConnection, room: int, client_id: str) -> None:
    frame = {"type": "send", "room": room, "client_id": client_id, "body": client_id}
    connection.send(json.dumps(frame))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path)
    running.start()
    yield running
    if running.process is not None and running.process.poll() is None:
        running.process.terminate()
        running.process.wait(timeout=30)


def _token(server: Server, username: str) -> str:
    with httpx.Client(base_url=server.url) as http:
        http.post("/api/auth/signup", json={"username": username, "password": "password1"})
        response = http.post(
            "/api/auth/login", data={"username": username, "password": "password1"}
        )
        return str(response.json()["access_token"])


def test_a_killed_server_loses_and_duplicates_nothing(server: Server) -> None:
    with ExitStack() as sockets:
        _chat_through_a_kill(server, sockets)


def _chat_through_a_kill(server: Server, sockets: ExitStack) -> None:
    alice, bob = _token(server, "alice"), _token(server, "bob")
    with httpx.Client(base_url=server.url) as http:
        room = http.post(
            "/api/rooms", json={"name": "kill"}, headers={"Authorization": f"Bearer {alice}"}
        ).json()["id"]
        http.post(f"/api/rooms/{room}/join", headers={"Authorization": f"Bearer {bob}"})
    receiver = server.socket(sockets, bob)
    receiver.send(json.dumps({"type": "join", "room": room}))
    sender = server.socket(sockets, alice)
    sender.send(json.dumps({"type": "join", "room": room}))
    sent = [f"m{n:03d}" for n in range(MESSAGES)]
    acked: set[str] = set()
    # Send everything at once, read acks until a third have come, then kill -9.
    for client_id in sent:
        sender.send(
            json.dumps({"type": "send", "room": room, "client_id": client_id, "body": client_id})
        )
    try:
        while len(acked) < MESSAGES // 3:
            frame = _frame(sender)
            if frame["type"] == "ack":
                acked.add(frame["client_id"])
    finally:
        server.kill()
    received: dict[str, int] = {}
    last_change = 0

    def drain(connection: ClientConnection) -> None:
        nonlocal last_change
        try:
            while True:
                frame = _frame(connection, timeout=2)
                if frame["type"] == "message":
                    client_id = frame["message"]["client_id"]
                    received[client_id] = received.get(client_id, 0) + 1
                    last_change = max(last_change, frame["message"]["change_seq"])
        except (ConnectionClosed, TimeoutError):
            return

    drain(receiver)
    server.start()
    # The receiver resumes where it was; the sender retries everything unacked.
    receiver = server.socket(sockets, bob)
    receiver.send(json.dumps({"type": "join", "room": room, "since": last_change}))
    sender = server.socket(sockets, alice)
    sender.send(json.dumps({"type": "join", "room": room}))
    retried = [client_id for client_id in sent if client_id not in acked]
    for client_id in retried:
        sender.send(
            json.dumps({"type": "send", "room": room, "client_id": client_id, "body": client_id})
        )
    while len(acked) < MESSAGES:
        frame = _frame(sender)
        if frame["type"] == "ack":
            acked.add(frame["client_id"])
    drain(receiver)
    assert acked == set(sent)
    assert received == dict.fromkeys(sent, 1), {k: v for k, v in received.items() if v != 1}
    with httpx.Client(base_url=server.url) as http:
        stored = http.get(
            f"/api/rooms/{room}/messages?limit=100", headers={"Authorization": f"Bearer {bob}"}
        ).json()["messages"]
    assert sorted(m["client_id"] for m in stored) == sent
    assert [m["seq"] for m in stored] == list(range(1, MESSAGES + 1))
