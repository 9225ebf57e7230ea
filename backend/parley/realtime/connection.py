"""One socket's outbound side: a bounded buffer drained by its own writer task.

Fan-out only appends a pre-serialised frame and wakes the writer, so a slow peer can
never hold up the room; the writer drains everything pending at each wake (in one
socket write when the server offers `parley.wire`), so under load one wake serves many
frames. A buffer past its bound closes the socket (4408) and the client resumes with
`join {since}`.

Kept small on purpose: an idle socket costs these objects for hours, so there is one
future for every wake-up instead of events, and lists instead of deques.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any

from parley.realtime.broker import Envelope
from parley.realtime.protocol import CloseCode, OutFrame
from parley.realtime.wire import Wire

AsgiSend = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class Connection:
    def __init__(
        self,
        *,
        user_id: int,
        send: AsgiSend,
        wire: Wire | None,
        token_expires_at: datetime,
        max_queue_bytes: int,
        max_queue_frames: int,
    ) -> None:
        self.user_id = user_id
        self.token_expires_at = token_expires_at
        self.rooms: set[int] = set()
        self._send = send
        self._wire = wire
        self._queue: list[OutFrame] = []
        self._queued_bytes = 0
        self._max_bytes = max_queue_bytes
        self._max_frames = max_queue_frames
        self._waiter: asyncio.Future[None] | None = None
        # Live frames for a room whose backlog is still being sent, so that backlog and
        # live traffic reach the client in seq order, each message exactly once.
        self._holding: dict[int, list[Envelope]] = {}
        self.close_code: int | None = None
        self.close_reason = ""
        # Done once a close is requested: the gateway stops the socket's tasks on it.
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if wire is not None:
            wire.on_writable(self._wake)

    def enqueue(self, frame: str | OutFrame) -> None:
        if self.close_code is not None:
            return
        out = frame if isinstance(frame, OutFrame) else OutFrame(frame)
        self._queue.append(out)
        self._queued_bytes += len(out.text)
        if len(self._queue) > self._max_frames or self._queued_bytes > self._max_bytes:
            self.request_close(CloseCode.TOO_SLOW, "Too slow: reconnect and resume")
            return
        self._wake()

    def deliver(self, room_id: int, envelope: Envelope) -> None:
        held = self._holding.get(room_id)
        if held is not None:
            held.append(envelope)
        else:
            self.enqueue(envelope.out)

    def hold(self, room_id: int) -> None:
        self._holding[room_id] = []

    def release(self, room_id: int, *, sent_through_seq: int) -> None:
        """Flush live frames held during a join, skipping what the backlog covered."""
        for envelope in self._holding.pop(room_id, []):
            if envelope.seq is None or envelope.seq > sent_through_seq:
                self.enqueue(envelope.out)

    def discard_hold(self, room_id: int) -> None:
        self._holding.pop(room_id, None)

    def request_close(self, code: int, reason: str) -> None:
        if self.close_code is None:
            self.close_code = code
            self.close_reason = reason
            self._queue = []
            self._queued_bytes = 0
            if not self.closed.done():
                self.closed.set_result(None)
            self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def run_writer(self) -> None:
        loop = asyncio.get_running_loop()
        while self.close_code is None:
            if not self._queue or (self._wire is not None and not self._wire.writable()):
                # Nothing to send, or the socket's buffer is full (the peer is slow):
                # wait for a frame, a drained buffer or a close, whichever comes first.
                self._waiter = loop.create_future()
                await self._waiter
                self._waiter = None
                continue
            batch, self._queue = self._queue, []
            self._queued_bytes = 0
            if self._wire is not None:
                self._wire.write([frame.wire for frame in batch])
                continue
            for frame in batch:  # a server without `parley.wire`: one ASGI send each
                await self._send({"type": "websocket.send", "text": frame.text})
