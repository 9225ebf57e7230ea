"""Coalesce concurrent calls into one batch: many sockets connecting at once share one
database round trip instead of paying one each.

A call queues its key and waits. One drain task runs the batch function over every key
queued so far; calls made while a batch runs form the next batch. So a lone call costs
one loop iteration of delay, and a burst (clients reconnecting after a restart) costs a
few queries instead of thousands.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

# Bounds one batch's statement (an IN list) and the latency a batch adds to its callers.
MAX_BATCH = 500

RunBatch = Callable[[Sequence[K]], Awaitable[Sequence[V]]]


class Batcher(Generic[K, V]):
    """`await batcher(key)` returns `run(keys)[i]` for the batch its key landed in.

    `run` receives the keys in call order, duplicates included, and returns one result
    per key in the same order. Batches run one at a time, in order, so two calls from
    one caller are handled in the order they were made. If `run` raises, every caller in
    that batch gets the exception; later batches are unaffected.
    """

    def __init__(self, run: RunBatch[K, V], *, max_batch: int = MAX_BATCH) -> None:
        self._run = run
        self._max_batch = max_batch
        self._pending: list[tuple[K, asyncio.Future[V]]] = []
        self._drainer: asyncio.Task[None] | None = None

    async def __call__(self, key: K) -> V:
        future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
        self._pending.append((key, future))
        if self._drainer is None:
            self._drainer = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        batch: list[tuple[K, asyncio.Future[V]]] = []
        try:
            # One loop iteration: every caller woken by the same readiness event joins.
            await asyncio.sleep(0)
            while self._pending:
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                await self._settle(batch)
        finally:
            self._drainer = None
            # Cancelled (shutdown): nobody will run what is running or still queued.
            for _key, future in (*batch, *self._pending):
                if not future.done():
                    future.cancel()
            self._pending.clear()

    async def _settle(self, batch: list[tuple[K, asyncio.Future[V]]]) -> None:
        try:
            results = await self._run([key for key, _ in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"batch of {len(batch)} got {len(results)} results")
        except Exception as exc:  # every caller of this batch hears it; the drain goes on
            for _key, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for (_key, future), result in zip(batch, results, strict=True):
            if not future.done():  # its caller may have been cancelled meanwhile
                future.set_result(result)
