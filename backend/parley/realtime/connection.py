"""One socket's outbound side: a bounded buffer, drained without ever waiting on a peer.

Fan-out only appends a pre-serialised frame and marks the connection, so a slow peer
can never hold up the room. With `parley.wire` (Parley's own server protocol) one
`Flusher` callback per loop iteration writes each marked connection's pending frames in
one socket write; a connection whose socket buffer is full keeps its frames until the
socket drains. Without it (another ASGI server) each connection has a writer task that
drains everything pending at each wake through ASGI `send`. Either way, a buffer past
its bound closes the socket (4408) and the client resumes with `join {since}`.

Kept small on purpose: an idle socket costs these objects for hours, so there is no
writer task on the wire path, one future for wake-ups otherwise, and lists, not deques.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any

from parley.realtime.broker import Envelope
from parley.realtime.protocol import CloseCode, OutFrame
from parley.realtime.wire import Wire

log = logging.getLogger("parley.ws")
AsgiSend = Callable[[MutableMapping[str, Any]], Awaitable[None]]
# Flushing may use FLUSH_SHARE of the loop's time, averaged over a few tens of ms: a
# budget refills at that rate up to FLUSH_BURST, each flush spends its duration, and
# while the budget is negative the next flush waits for it to refill. MAX_FLUSH_WAIT
# bounds both that wait and the debt, so one flush slowed by something else (a
# collection, a busy host) cannot hold back later messages for long.
FLUSH_SHARE = 0.25
FLUSH_BURST = 0.020
MAX_FLUSH_WAIT = 0.020


class Flusher:
    """Writes every marked connection's pending frames, at most once per loop iteration.

    A 500-recipient message then costs 500 appends and one callback, not 500 task
    switches, and frames queued in the same iteration leave in one write per socket.

    Under a flood the socket writes (one syscall per socket per flush) are what
    saturates first. So flushing gets a time budget, a quarter of the loop: while there
    is budget a flush goes out at once, as in any room below that load; once it is
    spent, the next flush waits (at most MAX_FLUSH_WAIT) and the messages of those few
    milliseconds leave together in one write per socket, while reading, sending and
    committing keep the rest of the core (docs/benchmarks-log.md, *Write coalescing*).
    """

    def __init__(self) -> None:
        self._marked: list[Connection] = []
        self._budget = FLUSH_BURST  # seconds of flushing allowed right now
        self._refilled_at = time.perf_counter()

    def mark(self, connection: Connection) -> None:
        if not self._marked:
            loop = asyncio.get_running_loop()
            self._refill()
            if self._budget >= 0:
                loop.call_soon(self._flush)
            else:
                loop.call_later(min(-self._budget / FLUSH_SHARE, MAX_FLUSH_WAIT), self._flush)
        self._marked.append(connection)

    def _flush(self) -> None:
        started = self._refill()
        marked, self._marked = self._marked, []
        for connection in marked:
            try:
                connection.flush()
            except Exception:  # one broken socket must not starve the others
                log.exception("flush failed", extra={"fields": {"user": connection.user_id}})
                connection.request_close(CloseCode.INTERNAL_ERROR, "Internal error")
        spent = self._refill() - started  # the flush's own time earns its share first
        self._budget = max(self._budget - spent, -FLUSH_SHARE * MAX_FLUSH_WAIT)

    def _refill(self) -> float:
        now = time.perf_counter()
        earned = (now - self._refilled_at) * FLUSH_SHARE
        self._budget = min(self._budget + earned, FLUSH_BURST)
        self._refilled_at = now
        return now


class Connection:
    def __init__(
        self,
        *,
        user_id: int,
        send: AsgiSend,
        wire: Wire | None,
        flusher: Flusher,
        token_expires_at: datetime,
        max_queue_bytes: int,
        max_queue_frames: int,
    ) -> None:
        self.user_id = user_id
        self.token_expires_at = token_expires_at
        # The sign-in this socket authenticated with: logging it out closes the socket.
        self.session_id: str | None = None
        self.rooms: set[int] = set()
        self._send = send
        self._wire = wire
        self._flusher = flusher
        self._marked = False
        self._queue: list[OutFrame] = []
        self._queued_bytes = 0
        self._max_bytes = max_queue_bytes
        self._max_frames = max_queue_frames
        self._waiter: asyncio.Future[None] | None = None
        # Live frames for a room whose replay is still being read, so that replay and
        # live traffic reach the client in change order, each change exactly once.
        self._holding: dict[int, list[Envelope]] = {}
        self.close_code: int | None = None
        self.close_reason = ""
        # Done once a close is requested: the gateway stops the socket's tasks on it.
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if wire is not None:
            wire.on_writable(self.flush)

    def enqueue(self, frame: str | OutFrame) -> None:
        if self.close_code is not None:
            return
        out = frame if isinstance(frame, OutFrame) else OutFrame(frame)
        self._queue.append(out)
        self._queued_bytes += len(out.text)
        if len(self._queue) > self._max_frames or self._queued_bytes > self._max_bytes:
            self.request_close(CloseCode.TOO_SLOW, "Too slow: reconnect and resume")
            return
        if self._wire is None:
            self._wake()
        elif not self._marked:
            self._marked = True
            self._flusher.mark(self)

    def deliver(self, room_id: int, envelope: Envelope) -> None:
        held = self._holding.get(room_id)
        if held is not None:
            held.append(envelope)
        else:
            self.enqueue(envelope.out)

    def hold(self, room_id: int) -> None:
        self._holding[room_id] = []

    def release(self, room_id: int, *, replayed_through: int) -> None:
        """Flush live frames held during a join, skipping changes the replay covered
        (it sent each changed message's latest state)."""
        for envelope in self._holding.pop(room_id, []):
            if envelope.change_seq is None or envelope.change_seq > replayed_through:
                self.enqueue(envelope.out)

    def watches(self, room_id: int) -> bool:
        return room_id in self.rooms or room_id in self._holding

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

    def flush(self) -> None:
        """Write everything pending in one go, unless the socket's buffer is full (then
        the wire calls this again once it drains)."""
        self._marked = False
        wire = self._wire
        if wire is None or not self._queue or self.close_code is not None:
            return
        if wire.write_paused:
            return
        batch, self._queue = self._queue, []
        self._queued_bytes = 0
        wire.write([frame.wire for frame in batch])

    def start_writer(self) -> asyncio.Task[None] | None:
        """The writer task a connection without the wire needs (None: the flusher writes)."""
        return asyncio.create_task(self._run_writer()) if self._wire is None else None

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _run_writer(self) -> None:
        loop = asyncio.get_running_loop()
        while self.close_code is None:
            if not self._queue:
                self._waiter = loop.create_future()
                await self._waiter  # a frame or a close
                self._waiter = None
                continue
            batch, self._queue = self._queue, []
            self._queued_bytes = 0
            for frame in batch:
                await self._send({"type": "websocket.send", "text": frame.text})
