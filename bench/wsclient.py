"""Lean WebSocket clients for the load generator.

`FastClient` is an asyncio.Protocol with a hand-written frame parser: the server's
frames are unmasked and uncompressed (no extension is offered), so receiving is a
header decode and a slice, and `message` frames are recognised by prefix and picked
apart with bytes.find instead of json.loads. One core must carry the receiving side
of 100,000 deliveries/s, which the general-purpose websockets client cannot.

`StalledClient` authenticates and joins with websockets' sans-io ClientProtocol over a
raw socket whose receive buffer is shrunk before connect, then never reads, so the
server's send path genuinely backs up (an asyncio client would keep draining the kernel
buffer into its own memory).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import struct
import time
from collections.abc import Callable
from typing import Any, cast

from websockets.client import ClientProtocol
from websockets.frames import Close, Opcode
from websockets.protocol import State
from websockets.speedups import apply_mask
from websockets.typing import Origin
from websockets.uri import parse_uri

OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0, 1, 2, 8, 9, 10
MESSAGE_PREFIX = b'{"type":"message"'
ACK_PREFIX = b'{"type":"ack"'
ERROR_PREFIX = b'{"type":"error"'
# Bodies the load generator sends start with this, then the send time in ns.
BODY_MARK = b'"body":"bench:'
SEQ_MARK = b'"seq":'

# (seq, send_ns, recv_ns) for each `message` frame; set per client.
MessageSink = Callable[[int, int, int], None]


class HandshakeError(Exception):
    pass


def encode_frame(opcode: int, payload: bytes) -> bytes:
    """A masked, final client frame (RFC 6455 requires clients to mask)."""
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    mask = os.urandom(4)
    return header + mask + apply_mask(payload, mask)


def parse_message(payload: bytes) -> tuple[int, int]:
    """seq and embedded send time of a `message` frame (send time -1 if not ours)."""
    start = payload.index(SEQ_MARK) + len(SEQ_MARK)
    seq = int(payload[start : payload.index(b",", start)])
    mark = payload.find(BODY_MARK)
    if mark < 0:
        return seq, -1
    start = mark + len(BODY_MARK)
    return seq, int(payload[start : payload.index(b":", start)])


class FastClient(asyncio.Protocol):
    def __init__(self, host: str, port: int, origin: str) -> None:
        self.host = host
        self.port = port
        self.origin = origin
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.fragments: list[bytes] = []
        self.fragment_opcode = OP_TEXT
        self.handshaken = False
        self.handshake_done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closed: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self.close_code: int | None = None
        # Control frames (ready, joined, ack, error, ...) wait here during setup; once
        # setup is over they are only counted, so an idle queue cannot grow.
        self.control: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.keep_control = True
        self.other_frames = 0
        self.errors = 0
        self.on_message: MessageSink | None = None
        self.on_ack: Callable[[int], None] | None = None

    # -- connection -------------------------------------------------------------
    async def connect(self, limit_s: float) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.wait_for(loop.create_connection(lambda: self, self.host, self.port), limit_s)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /ws HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            f"Sec-WebSocket-Version: 13\r\nOrigin: {self.origin}\r\n\r\n"
        )
        assert self.transport is not None
        self.transport.write(request.encode())
        await asyncio.wait_for(asyncio.shield(self.handshake_done), limit_s)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, only look-alikes.
        self.transport = cast(asyncio.Transport, transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.handshake_done.done():
            self.handshake_done.set_exception(HandshakeError(f"connection lost: {exc}"))
        if not self.closed.done():
            self.closed.set_result(self.close_code)

    def send_json(self, frame: dict[str, Any]) -> None:
        self.send_text(json.dumps(frame, separators=(",", ":"), ensure_ascii=False))

    def send_text(self, text: str) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(encode_frame(OP_TEXT, text.encode()))

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(encode_frame(OP_CLOSE, struct.pack("!H", 1000)))
            self.transport.close()

    async def expect(self, frame_type: str, limit_s: float) -> dict[str, Any]:
        """The next control frame of `frame_type`; others (presence, …) are skipped."""
        deadline = time.monotonic() + limit_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {frame_type!r} frame")
            frame = await asyncio.wait_for(self.control.get(), remaining)
            if frame.get("type") == frame_type:
                return frame
            if frame.get("type") == "error":
                raise HandshakeError(f"server error: {frame}")

    # -- receiving --------------------------------------------------------------
    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.handshaken and not self._finish_handshake():
            return
        self._parse_frames(time.monotonic_ns())

    def _finish_handshake(self) -> bool:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        status = bytes(self.buffer[: self.buffer.find(b"\r\n")])
        del self.buffer[: end + 4]
        if b" 101 " not in status:
            self.handshake_done.set_exception(HandshakeError(status.decode(errors="replace")))
            assert self.transport is not None
            self.transport.close()
            return False
        self.handshaken = True
        self.handshake_done.set_result(None)
        return True

    def _parse_frames(self, now_ns: int) -> None:
        buffer = self.buffer
        size = len(buffer)
        pos = 0
        while size - pos >= 2:
            first, second = buffer[pos], buffer[pos + 1]
            length = second & 0x7F
            header = 2
            if length == 126:
                if size - pos < 4:
                    break
                length = int.from_bytes(buffer[pos + 2 : pos + 4], "big")
                header = 4
            elif length == 127:
                if size - pos < 10:
                    break
                length = int.from_bytes(buffer[pos + 2 : pos + 10], "big")
                header = 10
            if size - pos < header + length:
                break
            payload = bytes(buffer[pos + header : pos + header + length])
            pos += header + length
            self._on_frame(first & 0x80, first & 0x0F, payload, now_ns)
        if pos:
            del buffer[:pos]

    def _on_frame(self, fin: int, opcode: int, payload: bytes, now_ns: int) -> None:
        if opcode == OP_CONT or not fin:
            if opcode != OP_CONT:
                self.fragment_opcode = opcode
            self.fragments.append(payload)
            if not fin:
                return
            payload, opcode = b"".join(self.fragments), self.fragment_opcode
            self.fragments = []
        if opcode == OP_TEXT:
            self._on_text(payload, now_ns)
        elif opcode == OP_PING:
            assert self.transport is not None
            self.transport.write(encode_frame(OP_PONG, payload))
        elif opcode == OP_CLOSE:
            self.close_code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
            self.close()

    def _on_text(self, payload: bytes, now_ns: int) -> None:
        if payload.startswith(MESSAGE_PREFIX) and self.on_message is not None:
            seq, sent_ns = parse_message(payload)
            self.on_message(seq, sent_ns, now_ns)
        elif payload.startswith(ACK_PREFIX) and self.on_ack is not None:
            self.on_ack(now_ns)
        elif payload.startswith(ERROR_PREFIX) and not self.keep_control:
            self.errors += 1
        elif self.keep_control:
            self.control.put_nowait(json.loads(payload))
        else:
            self.other_frames += 1


async def open_client(
    host: str, port: int, origin: str, token: str, *, limit_s: float = 30.0
) -> FastClient:
    """Connect, authenticate and wait for `ready`."""
    client = FastClient(host, port, origin)
    await client.connect(limit_s)
    client.send_json({"type": "auth", "token": token})
    await client.expect("ready", limit_s)
    return client


class StalledClient:
    """Authenticates and joins, then never reads (see the module docstring)."""

    def __init__(self, host: str, port: int, origin: str, rcvbuf: int) -> None:
        self.host = host
        self.port = port
        self.rcvbuf = rcvbuf
        self.protocol = ClientProtocol(
            parse_uri(f"ws://{host}:{port}/ws"), origin=Origin(origin), max_size=None
        )
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Must be set before connect: the window scale is negotiated in the SYN.
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.setblocking(False)
        self.pending: list[dict[str, Any]] = []

    async def setup(self, token: str, room_id: int, limit_s: float = 30.0) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.wait_for(loop.sock_connect(self.sock, (self.host, self.port)), limit_s)
        self.protocol.send_request(self.protocol.connect())
        await self._flush()
        await self._read_until(lambda: self.protocol.state is State.OPEN, limit_s)
        self.protocol.send_text(json.dumps({"type": "auth", "token": token}).encode())
        await self._flush()
        await self._read_until(lambda: self._seen("ready"), limit_s)
        self.protocol.send_text(json.dumps({"type": "join", "room": room_id}).encode())
        await self._flush()
        await self._read_until(lambda: self._seen("joined"), limit_s)

    def _seen(self, frame_type: str) -> bool:
        return any(frame.get("type") == frame_type for frame in self.pending)

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        for chunk in self.protocol.data_to_send():
            if chunk:
                await loop.sock_sendall(self.sock, chunk)

    async def _read_until(self, done: Callable[[], bool], limit_s: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + limit_s
        while not done():
            if self.protocol.handshake_exc is not None:
                raise HandshakeError(str(self.protocol.handshake_exc))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("stalled client setup timed out")
            data = await asyncio.wait_for(loop.sock_recv(self.sock, 65536), remaining)
            if not data:
                raise HandshakeError("connection closed during setup")
            self.protocol.receive_data(data)
            self._collect()

    def _collect(self) -> None:
        for event in self.protocol.events_received():
            if getattr(event, "opcode", None) is Opcode.TEXT:
                self.pending.append(json.loads(event.data))

    async def drain_for_close(self, limit_s: float) -> tuple[int | None, int, str]:
        """Read everything now; returns (close code or None, bytes read, how it ended)."""
        loop = asyncio.get_running_loop()
        self.pending.clear()
        total = 0
        deadline = time.monotonic() + limit_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return self._close_code(), total, "timeout"
            try:
                data = await asyncio.wait_for(loop.sock_recv(self.sock, 262144), remaining)
            except TimeoutError:
                return self._close_code(), total, "timeout"
            except OSError as exc:
                return self._close_code(), total, f"error: {exc.__class__.__name__}"
            if not data:
                return self._close_code(), total, "eof"
            total += len(data)
            self.protocol.receive_data(data)
            self.protocol.events_received()  # frames are not needed, only the close
            if self.protocol.close_rcvd is not None:
                return self._close_code(), total, "close frame"

    def _close_code(self) -> int | None:
        close: Close | None = self.protocol.close_rcvd
        return close.code if close is not None else None

    def close(self) -> None:
        self.sock.close()
