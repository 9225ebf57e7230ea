"""One socket's outbound side: a bounded buffer drained by its own writer task.

Fan-out only appends a pre-serialised frame and wakes the writer, so a slow peer can
never hold up the room; the writer drains everything pending at each wake, so under
load one wake serves many frames. A buffer past its bound closes the socket (4408) and
the client resumes with `join {since}`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime

from parley.realtime.broker import Envelope
from parley.realtime.protocol import CloseCode

SendText = Callable[[str], Awaitable[None]]


class Connection:
    def __init__(
        self,
        *,
        user_id: int,
        send: SendText,
        token_expires_at: datetime,
        max_queue_bytes: int,
        max_queue_frames: int,
    ) -> None:
        self.user_id = user_id
        self.token_expires_at = token_expires_at
        self.rooms: set[int] = set()
        self._send = send
        self._queue: deque[str] = deque()
        self._queued_bytes = 0
        self._max_bytes = max_queue_bytes
        self._max_frames = max_queue_frames
        self._wake = asyncio.Event()
        # Live frames for a room whose backlog is still being sent, so that backlog and
        # live traffic reach the client in seq order, each message exactly once.
        self._holding: dict[int, list[Envelope]] = {}
        self.close_code: int | None = None
        self.close_reason = ""
        self.close_requested = asyncio.Event()

    def enqueue(self, frame: str) -> None:
        if self.close_code is not None:
            return
        self._queue.append(frame)
        self._queued_bytes += len(frame)
        if len(self._queue) > self._max_frames or self._queued_bytes > self._max_bytes:
            self.request_close(CloseCode.TOO_SLOW, "Too slow: reconnect and resume")
            return
        self._wake.set()

    def deliver(self, room_id: int, envelope: Envelope) -> None:
        held = self._holding.get(room_id)
        if held is not None:
            held.append(envelope)
        else:
            self.enqueue(envelope.frame)

    def hold(self, room_id: int) -> None:
        self._holding[room_id] = []

    def release(self, room_id: int, *, sent_through_seq: int) -> None:
        """Flush live frames held during a join, skipping what the backlog covered."""
        for envelope in self._holding.pop(room_id, []):
            if envelope.seq is None or envelope.seq > sent_through_seq:
                self.enqueue(envelope.frame)

    def discard_hold(self, room_id: int) -> None:
        self._holding.pop(room_id, None)

    def request_close(self, code: int, reason: str) -> None:
        if self.close_code is None:
            self.close_code = code
            self.close_reason = reason
            self._queue.clear()
            self._queued_bytes = 0
            self.close_requested.set()
            self._wake.set()

    async def run_writer(self) -> None:
        while self.close_code is None:
            await self._wake.wait()
            self._wake.clear()
            while self._queue and self.close_code is None:
                frame = self._queue.popleft()
                self._queued_bytes -= len(frame)
                await self._send(frame)
