"""The embedded job runner: processes uploads in this process, off the event loop.

The uploads table is the source of truth, so the in-memory queue is only a doorbell:
on start, every job left pending or processing by a stopped process is queued again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from pathlib import Path

import anyio

from parley.jobs.images import make_avatar, process_image
from parley.services import uploads
from parley.services.runtime import Runtime
from parley.storage import Variant

log = logging.getLogger("parley.jobs")


class InProcessJobs:
    def __init__(self, *, workers: int = 1) -> None:
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._workers = workers
        self._tasks: list[asyncio.Task[None]] = []
        self._runtime: Runtime | None = None

    async def enqueue(self, upload_id: str) -> None:
        self._queue.put_nowait(upload_id)

    async def make_avatar(self, original: Path, avatar: Path, *, max_pixels: int) -> str | None:
        return await make_avatar_off_loop(original, avatar, max_pixels=max_pixels)

    async def start(self, runtime: Runtime) -> None:
        self._runtime = runtime
        async with runtime.sessions() as session:
            for upload_id in await uploads.unfinished_jobs(
                session=session,
                publisher=runtime.publisher,
                max_attempts=runtime.settings.upload_max_attempts,
            ):
                self._queue.put_nowait(upload_id)
        self._tasks = [asyncio.create_task(self._work()) for _ in range(self._workers)]
        self._tasks.append(asyncio.create_task(self._clean_periodically()))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _work(self) -> None:
        while True:
            upload_id = await self._queue.get()
            try:
                await process_upload(self._require_runtime(), upload_id)
            except Exception:  # one bad job must not stop the worker
                log.exception("upload job failed", extra={"fields": {"upload": upload_id}})

    async def _clean_periodically(self) -> None:
        runtime = self._require_runtime()
        while True:
            await asyncio.sleep(runtime.settings.upload_cleanup_interval_seconds)
            try:
                await clean_expired(runtime)
            except Exception:
                log.exception("upload cleanup failed")

    def _require_runtime(self) -> Runtime:
        assert self._runtime is not None, "start() first"
        return self._runtime


async def process_upload(runtime: Runtime, upload_id: str) -> None:
    async with runtime.sessions() as session:
        upload = await uploads.begin_processing(
            session=session, publisher=runtime.publisher, upload_id=upload_id
        )
    if upload is None:
        return
    result = uploads.ProcessingResult()
    if upload.is_image:
        store = runtime.store
        result = await anyio.to_thread.run_sync(
            lambda: process_image(
                store.path(upload_id, Variant.original),
                store.path(upload_id, Variant.served),
                store.path(upload_id, Variant.thumbnail),
                max_pixels=runtime.settings.upload_max_pixels,
            )
        )
    async with runtime.sessions() as session:
        await uploads.finish_processing(
            session=session, publisher=runtime.publisher, upload_id=upload_id, result=result
        )


async def make_avatar_off_loop(original: Path, avatar: Path, *, max_pixels: int) -> str | None:
    """An avatar is made while its request waits (a bad image is then a 4xx, not a
    record to poll), in a worker thread of this process in both modes: it is one image
    and the answer is needed now, where a trip through the worker queue would only add
    a round trip and a result channel."""
    result = await anyio.to_thread.run_sync(
        lambda: make_avatar(original, avatar, max_pixels=max_pixels)
    )
    return result.failure_reason


async def clean_expired(runtime: Runtime) -> int:
    async with runtime.sessions() as session:
        removed = await uploads.expire_unattached(
            session=session,
            store=runtime.store,
            older_than=timedelta(hours=runtime.settings.upload_unattached_hours),
        )
    if removed:
        log.info("expired unattached uploads", extra={"fields": {"count": removed}})
    return removed
