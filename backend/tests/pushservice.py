"""A push service on this machine, for the Web Push tests: it stands in for FCM or
Mozilla's autopush and for the browser behind them.

Each `Device` holds a browser's keys (a P-256 key pair and an auth secret, as
PushManager.subscribe() makes them) and decrypts what arrives for it (RFC 8291,
aes128gcm), after checking the VAPID signature (RFC 8292) against the server's key.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
from dataclasses import dataclass, field
from typing import Any

import http_ece
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jose import jwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.conftest import free_port


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    name: str
    endpoint: str
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))
    # What the push service answers: 201 (accepted), 410 (the browser unsubscribed).
    status: int = 201
    received: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    hits: int = 0

    def subscription(self) -> dict[str, Any]:
        public = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": b64url(public), "auth": b64url(self.auth)},
        }

    async def next_push(self, timeout: float = 15.0) -> dict[str, Any]:
        return await asyncio.wait_for(self.received.get(), timeout)

    async def called(self, times: int, timeout: float = 15.0) -> None:
        """Until the server has called this endpoint `times` times: the server sends to
        a user's devices side by side, so another device's push may arrive first."""
        async with asyncio.timeout(timeout):
            while self.hits < times:
                await asyncio.sleep(0.01)


class PushService:
    def __init__(self, server_public_key: str) -> None:
        self.server_public_key = server_public_key
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.devices: dict[str, Device] = {}
        self.refused: list[str] = []
        app = Starlette(routes=[Route("/push/{name}", self._receive, methods=["POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None

    def device(self, name: str) -> Device:
        device = Device(name=name, endpoint=f"{self.origin}/push/{name}")
        self.devices[name] = device
        return device

    async def __aenter__(self) -> PushService:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await asyncio.wait_for(self._task, timeout=10)

    def _check_vapid(self, request: Request) -> None:
        scheme, _, params = request.headers.get("authorization", "").partition(" ")
        assert scheme.lower() == "vapid", request.headers
        values = dict(part.strip().split("=", 1) for part in params.split(","))
        assert values["k"].rstrip("=") == self.server_public_key
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(values["k"]))
        pem = public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
        claims = jwt.decode(values["t"], pem, algorithms=["ES256"], audience=self.origin)
        assert claims["sub"].startswith(("mailto:", "https:"))

    async def _receive(self, request: Request) -> Response:
        name = request.path_params["name"]
        device = self.devices.get(name)
        if device is None:
            return Response(status_code=404)
        device.hits += 1
        if device.status != 201:
            return Response(status_code=device.status)
        try:
            self._check_vapid(request)
            assert request.headers["content-encoding"] == "aes128gcm"
            assert int(request.headers["ttl"]) > 0
            plain = http_ece.decrypt(
                await request.body(),
                private_key=device.key,
                auth_secret=device.auth,
                version="aes128gcm",
            )
        except Exception as exc:  # the test sees it as a refusal, not a hang
            self.refused.append(f"{name}: {exc!r}")
            return Response(status_code=400)
        await device.received.put(json.loads(plain))
        return Response(status_code=201)
