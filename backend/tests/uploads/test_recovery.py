"""No job lost: a server killed mid-processing finishes the job after a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from PIL import Image

from tests.conftest import TEST_SECRET, free_port
from tests.factories import DEFAULT_PASSWORD


def _start(data_dir: Path, port: int, **extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PARLEY_DATA_DIR": str(data_dir),
        "PARLEY_PORT": str(port),
        "PARLEY_SECRET_KEY": TEST_SECRET,
        "PARLEY_LOG_LEVEL": "warning",
        "PARLEY_UPLOAD_MAX_PIXELS": "200000000",
        **extra,
    }
    env.pop("PARLEY_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "parley", "serve"], env=env, stdout=subprocess.DEVNULL
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("server did not start")


def _slow_image(path: Path) -> bytes:
    # 100 megapixels of one colour: a small file whose decoding, clean re-encoding and
    # thumbnailing keep the job busy for seconds, so the kill lands mid-processing.
    Image.new("RGB", (10000, 10000), "green").save(path, format="PNG")
    return path.read_bytes()


def _kill_mid_processing(tmp_path: Path, port: int, **extra: str) -> tuple[dict[str, str], str]:
    """Start a server, upload a slow image, SIGKILL the server while it processes it.

    Returns the auth headers and the upload id, for the test to restart and look.
    """
    content = _slow_image(tmp_path / "big.png")
    server = _start(tmp_path, port, **extra)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            credentials = {"username": "kim", "password": DEFAULT_PASSWORD}
            http.post("/api/auth/signup", json=credentials)
            token = http.post("/api/auth/login", data=credentials).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            room = http.post("/api/rooms", json={"name": "Photos"}, headers=headers).json()
            accepted = http.post(
                f"/api/rooms/{room['id']}/uploads",
                files={"file": ("big.png", content)},
                headers=headers,
            ).json()
            status = accepted["status"]
            while status == "pending":
                status = http.get(f"/api/uploads/{accepted['id']}", headers=headers).json()[
                    "status"
                ]
            assert status == "processing", "the job must still be running when the kill lands"
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
    return headers, str(accepted["id"])


def _settled(port: int, headers: dict[str, str], upload_id: str) -> dict[str, object]:
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
        for _ in range(600):
            body: dict[str, object] = http.get(f"/api/uploads/{upload_id}", headers=headers).json()
            if body["status"] in ("ready", "failed"):
                return body
            time.sleep(0.1)
    raise AssertionError("upload never settled")


def test_a_job_interrupted_by_a_kill_finishes_after_restart(tmp_path: Path) -> None:
    port = free_port()
    headers, upload_id = _kill_mid_processing(tmp_path, port)
    server = _start(tmp_path, port)
    try:
        body = _settled(port, headers, upload_id)
        assert (body["status"], body["width"], body["height"]) == ("ready", 10000, 10000)
    finally:
        server.kill()
        server.wait(timeout=10)


def test_a_job_interrupted_too_often_fails_with_a_reason(tmp_path: Path) -> None:
    port = free_port()
    headers, upload_id = _kill_mid_processing(tmp_path, port, PARLEY_UPLOAD_MAX_ATTEMPTS="1")
    server = _start(tmp_path, port, PARLEY_UPLOAD_MAX_ATTEMPTS="1")
    try:
        body = _settled(port, headers, upload_id)
        assert body["status"] == "failed" and "interrupted" in str(body["failure_reason"])
    finally:
        server.kill()
        server.wait(timeout=10)
