"""Property-based fuzzing of /ws frames (issue step 7, point 8): whatever a client sends,
every answer is a catalogued frame, never `internal`, and the socket stays open.

One real server process (the `serve` a user runs) on SQLite, one socket for all the
examples: a frame that broke the socket would fail every example after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin

from tests.conftest import TEST_SECRET, free_port
from tests.wsclient import check_server_frame

CLIENT_TYPES = ["auth", "join", "leave", "send", "typing", "ping"]
FIELDS = ["room", "since", "client_id", "body", "attachments", "token"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
# Frames that look like the real ones (a known type, known field names, any values),
# and anything else JSON can say.
frame_like = st.fixed_dictionaries(
    {"type": st.sampled_from(CLIENT_TYPES) | json_values},
    optional={name: json_values for name in FIELDS},
)
texts = (
    frame_like.map(json.dumps)
    | json_values.map(json.dumps)
    | st.text(max_size=200)
    | st.integers(min_value=1, max_value=3000).map(lambda depth: "[" * depth + "]" * depth)
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    data = tmp_path_factory.mktemp("fuzz")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")},
        "PARLEY_DATA_DIR": str(data),
        "PARLEY_PORT": str(port),
        "PARLEY_SECRET_KEY": TEST_SECRET,
        "PARLEY_LOG_LEVEL": "warning",
        "PARLEY_PASSWORD_HASH_MEMORY_KIB": "1024",
        "PARLEY_PASSWORD_HASH_TIME_COST": "1",
        # The fuzzer sends far faster than a person: flood control is not under test.
        "PARLEY_SEND_RATE_LIMIT": "100000 per 1 second",
    }
    process = subprocess.Popen([sys.executable, "-m", "parley", "serve"], env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(url + "/api/health").status_code == 200:
                    break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def socket(base_url: str) -> Iterator[ClientConnection]:
    with httpx.Client(base_url=base_url) as http:
        http.post("/api/auth/signup", json={"username": "fuzzer", "password": "password1"})
        token = http.post(
            "/api/auth/login", data={"username": "fuzzer", "password": "password1"}
        ).json()["access_token"]
        room = http.post(
            "/api/rooms", json={"name": "fuzz"}, headers={"Authorization": f"Bearer {token}"}
        ).json()
    with connect(base_url.replace("http", "ws") + "/ws", origin=Origin(base_url)) as connection:
        connection.send(json.dumps({"type": "auth", "token": token}))
        assert check_server_frame(str(connection.recv(timeout=10)))["type"] == "ready"
        connection.send(json.dumps({"type": "join", "room": room["id"]}))
        _until_pong(connection)
        yield connection


def _until_pong(connection: ClientConnection) -> list[dict[str, Any]]:
    """Every frame up to the answer to a ping: the answers to what was sent before it."""
    connection.send(json.dumps({"type": "ping"}))
    frames: list[dict[str, Any]] = []
    while True:
        frame = check_server_frame(str(connection.recv(timeout=10)))
        if frame["type"] == "pong":
            return frames
        frames.append(frame)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts)
def test_any_frame_gets_a_catalogued_answer_and_keeps_the_socket(
    socket: ClientConnection, text: str
) -> None:
    if len(text.encode()) > 60_000:
        return  # past the frame limit the close (1009) is the documented answer
    socket.send(text)
    answers = _until_pong(socket)
    assert not [a for a in answers if a["type"] == "error" and a["code"] == "internal"], answers
