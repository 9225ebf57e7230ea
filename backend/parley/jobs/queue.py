"""Scaled mode: upload jobs travel through a Redis stream (taskiq) to worker processes.

The uploads table stays the source of truth: a job id in the stream is only a doorbell.
A worker that starts takes up every job left pending or processing, so a crash of the
app or of a worker loses nothing even if the stream entry was lost with it.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from taskiq import Context, TaskiqDepends
from taskiq.api import run_receiver_task
from taskiq_redis import RedisStreamBroker

from parley.jobs.runner import clean_expired, make_avatar_off_loop, process_upload
from parley.services import uploads
from parley.services.runtime import Runtime
from parley.settings import Settings

log = logging.getLogger("parley.worker")
TASK_NAME = "parley.process_upload"


async def _process_upload_task(upload_id: str, context: Context = TaskiqDepends()) -> None:
    runtime: Runtime = context.state.runtime
    await process_upload(runtime, upload_id)


class TaskiqJobs:
    def __init__(self, settings: Settings) -> None:
        self.broker = RedisStreamBroker(
            settings.redis_url,
            queue_name=settings.redis_prefix + "uploads",
            consumer_group_name=settings.redis_prefix + "workers",
        )
        self._task = self.broker.register_task(_process_upload_task, task_name=TASK_NAME)

    async def enqueue(self, upload_id: str) -> None:
        await self._task.kiq(upload_id)

    async def make_avatar(self, original: Path, avatar: Path, *, max_pixels: int) -> str | None:
        # Here, not in a worker: see make_avatar_off_loop.
        return await make_avatar_off_loop(original, avatar, max_pixels=max_pixels)

    async def start(self, runtime: Runtime) -> None:
        await self.broker.startup()

    async def stop(self) -> None:
        await self.broker.shutdown()


async def run_worker(runtime: Runtime, jobs: TaskiqJobs, *, concurrency: int = 2) -> None:
    """The body of `python -m parley worker`: recover, then consume until cancelled."""
    jobs.broker.is_worker_process = True
    jobs.broker.state.runtime = runtime
    await jobs.broker.startup()
    async with runtime.sessions() as session:
        leftover = await uploads.unfinished_jobs(
            session=session,
            publisher=runtime.publisher,
            max_attempts=runtime.settings.upload_max_attempts,
        )
    for upload_id in leftover:
        await jobs.enqueue(upload_id)
    log.info("worker started", extra={"fields": {"recovered": len(leftover)}})
    cleaner = asyncio.create_task(_clean_periodically(runtime))
    try:
        await run_receiver_task(jobs.broker, max_async_tasks=concurrency, run_startup=False)
    finally:
        cleaner.cancel()
        await jobs.broker.shutdown()


async def _clean_periodically(runtime: Runtime) -> None:
    while True:
        await asyncio.sleep(runtime.settings.upload_cleanup_interval_seconds)
        try:
            await clean_expired(runtime)
        except Exception:  # the next round tries again
            log.exception("upload cleanup failed")
