"""Who is online across instances, kept in Redis with heartbeats and expiry.

Each instance owns one set, `<prefix>presence:<instance>`, holding the users with a socket
on it, refreshed every HEARTBEAT seconds with a TTL of EXPIRY: when an instance dies, its
set expires and its users are offline within EXPIRY. A user is online if any set has them.
One instance at a time (a short Redis lock) announces users whose instance vanished.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from parley.realtime.hub import Hub

log = logging.getLogger("parley.presence")
HEARTBEAT_SECONDS = 10.0
EXPIRY_SECONDS = 30

Announce = Callable[[int], Awaitable[None]]


class RedisPresence:
    def __init__(
        self, url: str, hub: Hub, *, prefix: str, heartbeat: float = HEARTBEAT_SECONDS
    ) -> None:
        # health_check_interval: a connection idle for a second is PINGed before use. Within
        # that second one left stale by a Redis restart still fails, once: retried on a
        # fresh connection, so the first join after a restart is not refused. (The broker
        # must not retry so: its pub/sub has to notice the loss, and say so with 1012.)
        self._redis = Redis.from_url(
            url,
            decode_responses=True,
            health_check_interval=1,
            retry=Retry(ExponentialBackoff(cap=0.2, base=0.01), 3),
            retry_on_error=[RedisConnectionError],
        )
        self._hub = hub
        self._key_prefix = prefix + "presence:"
        self._sweep_lock = prefix + "presence-sweeper"
        self._key = self._key_prefix + uuid.uuid4().hex
        self._heartbeat = heartbeat
        self._task: asyncio.Task[None] | None = None
        self._last_seen: set[int] = set()
        self._announce_offline: Announce | None = None

    async def start(self, announce_offline: Announce) -> None:
        self._announce_offline = announce_offline
        await self.publish_local()
        self._task = asyncio.create_task(self._beat())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        with contextlib.suppress(RedisError, OSError):
            await self._redis.delete(self._key)
        await self._redis.aclose()

    async def publish_local(self) -> None:
        """Write this instance's set (called on every change and on each heartbeat)."""
        users = self._hub.online_user_ids()
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._key)
            if users:
                pipe.sadd(self._key, *users)
                pipe.expire(self._key, EXPIRY_SECONDS)
            await pipe.execute()

    async def online_user_ids(self) -> set[int]:
        keys = [key async for key in self._redis.scan_iter(match=self._key_prefix + "*", count=100)]
        if not keys:
            return set()
        members = await self._redis.sunion(keys)
        return {int(member) for member in members}

    def connection_count(self) -> int:
        return self._hub.connection_count()

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self._heartbeat)
            try:
                await self.publish_local()
                await self._sweep()
            except (RedisError, OSError) as exc:
                log.warning("presence heartbeat failed", extra={"fields": {"error": str(exc)}})

    async def _sweep(self) -> None:
        online = await self.online_user_ids()
        gone = self._last_seen - online
        self._last_seen = online
        if not gone or self._announce_offline is None:
            return
        if not await self._redis.set(self._sweep_lock, self._key, nx=True, ex=int(self._heartbeat)):
            return  # another instance announces this round
        for user_id in gone:
            await self._announce_offline(user_id)
