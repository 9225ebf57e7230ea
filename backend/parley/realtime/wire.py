"""Frames on the wire: framed once per message, written once per flush.

Through plain ASGI every recipient of a room message costs its own `send` call, UTF-8
encode, frame header and syscall. Server-to-client frames are unmasked and, without
compression, byte-identical for every recipient, so Parley frames each message once
(`OutFrame.wire`), and the `Flusher` (connection.py), one callback per loop iteration
and no task per socket, hands each marked connection's pending frames to its socket in
one write. uvicorn's sans-io WebSocket protocol is extended just enough to offer the app
that write, whether the socket's buffer is full, and a call for when it drains, as the
ASGI extension `parley.wire` in the connection's scope. Under any other server a
connection falls back to a writer task that drains its buffer through ASGI `send`, one
call per frame.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.http11 import Request

from parley.realtime.slim_sync import Flag, Inbox

if TYPE_CHECKING:
    from uvicorn._types import ASGISendEvent

WIRE_EXTENSION = "parley.wire"
# The kernel autotunes a socket's send buffer up to 4 MiB (tcp_wmem): a stalled reader
# would park that much in kernel memory, invisible to the bounded queue, and delay its
# 4408 by seconds. Linux doubles the value set, so this allows 256 KiB in flight: ample
# for chat frames on a slow phone link.
SEND_BUFFER_BYTES = 128 * 1024
log = logging.getLogger("parley.ws")


class Wire(Protocol):
    """What a connection needs from its socket: a write, whether to wait, and a doorbell
    for when the socket has drained. Attributes and one call deep: this runs per delivery."""

    write_paused: bool

    def write(self, frames: list[bytes]) -> None: ...

    def on_writable(self, callback: Callable[[], None]) -> None: ...


class FramedWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's sans-io protocol plus the `parley.wire` extension, a capped SO_SNDBUF,
    and less memory held per idle socket.

    A module-level class, so that uvicorn can hand it to worker processes.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The same calls in ~3 KB less per socket (slim_sync.py).
        self.queue = Inbox()  # type: ignore[assignment]
        self.writable = Flag(True)  # type: ignore[assignment]
        self.write_paused = False
        self._resumed: Callable[[], None] | None = None

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER_BYTES)
            except OSError as exc:  # advisory: the kernel's default still works
                log.warning("could not cap SO_SNDBUF", extra={"fields": {"error": str(exc)}})

    def handle_connect(self, event: Request) -> None:
        super().handle_connect(event)
        # Offered only when no extension (compression) was negotiated: then every
        # recipient's frame really is the same bytes. The ASGI task has not run yet.
        if self.response.status_code == 101 and not self.conn.extensions:
            self.scope["extensions"][WIRE_EXTENSION] = {"wire": self}

    async def send(self, message: ASGISendEvent) -> None:
        await super().send(message)
        if self.handshake_complete and self.response is not None:
            # uvicorn keeps the upgrade request and its response, headers and all (~3 KB),
            # for as long as the socket lives, and so does websockets' suspended parser
            # (a local of ServerProtocol.parse): once the response went out nothing reads
            # them again (tests/unit/test_uvicorn_internals.py), so their headers go.
            self.request.headers.clear()
            self.request = self.response = None  # type: ignore[assignment]

    def write(self, frames: list[bytes]) -> None:
        # After the close frame nothing more may follow; a vanished peer needs nothing.
        if self.close_sent or self.disconnected or self.transport.is_closing():
            return
        self.transport.write(b"".join(frames) if len(frames) > 1 else frames[0])

    def on_writable(self, callback: Callable[[], None]) -> None:
        self._resumed = callback

    def pause_writing(self) -> None:
        super().pause_writing()
        self.write_paused = True

    def resume_writing(self) -> None:
        super().resume_writing()
        self._notify_resumed()

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        # Wake a connection waiting on a full buffer: its write() is now a no-op, and
        # the gateway learns of the loss from the receive queue.
        self._notify_resumed()

    def _notify_resumed(self) -> None:
        self.write_paused = False
        if self._resumed is not None:
            self._resumed()
