"""The outbound side of one socket, without a server: framing, batching, the bound."""

from __future__ import annotations

import asyncio
import time
from collections.abc import MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

from parley.realtime.connection import MAX_FLUSH_WAIT, Connection, Flusher
from parley.realtime.protocol import CloseCode, OutFrame

LATER = datetime.now(UTC) + timedelta(hours=1)


def parse_frames(data: bytes) -> list[tuple[int, bytes]]:
    """(first byte, payload) of each unmasked server frame, per RFC 6455 section 5.2."""
    frames = []
    while data:
        head, length, offset = data[0], data[1], 2
        assert not length & 0x80, "server frames are never masked"
        if length == 126:
            length, offset = int.from_bytes(data[2:4], "big"), 4
        elif length == 127:
            length, offset = int.from_bytes(data[2:10], "big"), 10
        frames.append((head, data[offset : offset + length]))
        data = data[offset + length :]
    return frames


FIN_TEXT = 0x81  # FIN bit + opcode 1 (text)


class FakeWire:
    """A socket that records each write, and can pretend its buffer is full."""

    def __init__(self) -> None:
        self.writes: list[list[bytes]] = []
        self.write_paused = False
        self.resumed: Any = None

    def write(self, frames: list[bytes]) -> None:
        self.writes.append(frames)

    def on_writable(self, callback: Any) -> None:
        self.resumed = callback


async def _never_send(_message: MutableMapping[str, Any]) -> None:
    raise AssertionError("the wire path must not use ASGI send")


def make_connection(
    wire: FakeWire | None,
    *,
    send: Any = _never_send,
    flusher: Flusher | None = None,
    max_queue_frames: int = 100,
) -> Connection:
    return Connection(
        user_id=1,
        send=send,
        wire=wire,
        flusher=flusher or Flusher(),
        token_expires_at=LATER,
        max_queue_bytes=1 << 20,
        max_queue_frames=max_queue_frames,
    )


def test_a_frame_is_framed_once_as_an_unmasked_text_frame() -> None:
    text = '{"type":"message","body":"héllo ' + "x" * 300 + '"}'
    out = OutFrame(text)
    assert out.wire is out.wire  # built once, shared by every recipient
    assert parse_frames(out.wire) == [(FIN_TEXT, text.encode())]


async def test_frames_queued_in_one_iteration_leave_in_one_write() -> None:
    wire = FakeWire()
    connection = make_connection(wire)
    assert connection.start_writer() is None  # the flusher writes; no task per socket
    for number in range(5):
        connection.enqueue(f'{{"n":{number}}}')
    assert wire.writes == []  # nothing written inside fan-out itself
    await asyncio.sleep(0)
    assert len(wire.writes) == 1
    assert parse_frames(b"".join(wire.writes[0])) == [
        (FIN_TEXT, f'{{"n":{n}}}'.encode()) for n in range(5)
    ]
    connection.request_close(CloseCode.SERVER_RESTARTING, "bye")
    connection.enqueue('{"late":1}')
    await asyncio.sleep(0)
    assert len(wire.writes) == 1 and connection.closed.done()


async def test_a_full_socket_buffer_holds_frames_until_the_bound_closes_4408() -> None:
    wire = FakeWire()
    connection = make_connection(wire, max_queue_frames=3)
    wire.write_paused = True
    for number in range(3):
        connection.enqueue(f'{{"n":{number}}}')
        await asyncio.sleep(0)
    assert wire.writes == [] and not connection.closed.done()
    wire.write_paused = False
    wire.resumed()  # the buffer drained: the writer sends what waited, in one write
    await asyncio.sleep(0)
    assert len(wire.writes) == 1 and len(wire.writes[0]) == 3
    wire.write_paused = True
    for number in range(4):
        connection.enqueue(f'{{"n":{number}}}')
    assert connection.closed.done() and connection.close_code == CloseCode.TOO_SLOW


async def test_without_the_wire_extension_each_frame_is_one_asgi_send() -> None:
    sent: list[MutableMapping[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    connection = make_connection(None, send=send)
    writer = connection.start_writer()
    assert writer is not None
    connection.enqueue('{"type":"pong"}')
    connection.enqueue(OutFrame('{"type":"ready"}'))
    await asyncio.sleep(0)
    assert sent == [
        {"type": "websocket.send", "text": '{"type":"pong"}'},
        {"type": "websocket.send", "text": '{"type":"ready"}'},
    ]
    connection.request_close(CloseCode.SERVER_RESTARTING, "bye")
    await asyncio.wait_for(writer, 1)
    connection.enqueue('{"type":"late"}')  # after a close nothing more is queued
    assert len(sent) == 2


async def test_a_socket_that_fails_to_write_is_closed_and_the_others_still_get_theirs() -> None:
    flusher = Flusher()
    broken, healthy = FakeWire(), FakeWire()

    def explode(_frames: list[bytes]) -> None:
        raise OSError("transport gone")

    broken.write = explode  # type: ignore[method-assign,assignment]
    first = make_connection(broken, flusher=flusher)
    second = make_connection(healthy, flusher=flusher)
    first.enqueue('{"n":1}')
    second.enqueue('{"n":1}')
    await asyncio.sleep(0)
    assert first.close_code == CloseCode.INTERNAL_ERROR
    assert len(healthy.writes) == 1
    second.enqueue('{"n":2}')  # the flusher keeps working afterwards (after as long as
    await asyncio.sleep(0.05)  # the failed flush took, logging included)
    assert len(healthy.writes) == 2


class SlowWire(FakeWire):
    """A socket whose every write takes `seconds` (a flood's worth of syscalls)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def write(self, frames: list[bytes]) -> None:
        super().write(frames)
        time.sleep(self.seconds)


async def test_within_the_flush_budget_every_flush_goes_out_at_once() -> None:
    wire = SlowWire(0.002)
    connection = make_connection(wire)
    for number in range(4):  # 8 ms of flushing: within the budget, so no waiting
        connection.enqueue(f'{{"n":{number}}}')
        await asyncio.sleep(0)
        assert len(wire.writes) == number + 1


async def test_once_the_budget_is_spent_the_next_flush_waits_and_carries_more() -> None:
    wire = SlowWire(0.05)
    connection = make_connection(wire)
    connection.enqueue('{"n":0}')
    await asyncio.sleep(0)
    assert len(wire.writes) == 1
    # That flush took 50 ms, more than the budget: the next one waits (at most
    # MAX_FLUSH_WAIT) and whatever arrives meanwhile leaves in the same write.
    connection.enqueue('{"n":1}')
    await asyncio.sleep(0.005)
    connection.enqueue('{"n":2}')
    await asyncio.sleep(0)
    assert len(wire.writes) == 1
    await asyncio.sleep(MAX_FLUSH_WAIT + 0.03)
    assert len(wire.writes) == 2
    assert [payload for _, payload in parse_frames(b"".join(wire.writes[1]))] == [
        b'{"n":1}',
        b'{"n":2}',
    ]
