"""A receive queue and a flag for one socket, in a fraction of asyncio's memory.

uvicorn gives every WebSocket an `asyncio.Queue` for what the client sends (three
deques, ~2.3 KB before any message) and an `asyncio.Event` for its write flow control
(one deque, 760 bytes). An idle chat socket never uses either beyond one waiter, and
tens of thousands of them sit idle: these two hold an empty list and a future only
while someone waits (docs/benchmarks-log.md, "Idle sockets, leaner").

Each offers just the calls uvicorn's sans-io protocol makes on the originals, which
tests/unit/test_uvicorn_internals.py pins.
"""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

T = TypeVar("T")


class Inbox(Generic[T]):
    """An unbounded FIFO with one reader at a time (the ASGI app's `receive`). uvicorn
    pauses reading the socket after every message until the app takes it, so it holds a
    message or two: a list's pop(0) is cheaper than a deque's fixed 64-slot block."""

    __slots__ = ("_items", "_waiter")

    def __init__(self) -> None:
        self._items: list[T] = []
        self._waiter: asyncio.Future[None] | None = None

    def put_nowait(self, item: T) -> None:
        self._items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items)

    async def get(self) -> T:
        while not self._items:
            if self._waiter is not None:
                # Two readers would race for one message: a bug in the caller, said loudly.
                raise RuntimeError("Inbox.get() is already awaited by another task")
            waiter = asyncio.get_running_loop().create_future()
            self._waiter = waiter
            try:
                await waiter
            finally:
                self._waiter = None
        return self._items.pop(0)


class Flag:
    """`asyncio.Event`'s set / clear / is_set / wait, its waiters' list made on first wait."""

    __slots__ = ("_value", "_waiters")

    def __init__(self, value: bool = False) -> None:
        self._value = value
        self._waiters: list[asyncio.Future[None]] | None = None

    def is_set(self) -> bool:
        return self._value

    def set(self) -> None:
        self._value = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._value = False

    async def wait(self) -> bool:
        if self._value:
            return True
        waiter = asyncio.get_running_loop().create_future()
        if self._waiters is None:
            self._waiters = []
        self._waiters.append(waiter)
        try:
            await waiter
        finally:
            if self._waiters is not None and waiter in self._waiters:
                self._waiters.remove(waiter)
        return True
