"""Rate limits on a well-kept library (limits), behind one small class.

The storage is chosen by URI (memory:// embedded, redis:// scaled), so instances of a
scaled deployment share their counters.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string

from parley.errors import RateLimited

log = logging.getLogger("parley.ratelimit")


class RateLimiter:
    def __init__(self, storage_uri: str = "async+memory://", *, key_prefix: str = "") -> None:
        # redis-py (already our broker's client) rather than limits' default, coredis;
        # the prefix keeps deployments sharing one Redis from sharing counters.
        options: dict[str, float | str | bool] = (
            {
                "implementation": "redispy",
                "key_prefix": key_prefix + "limits",
                "health_check_interval": 1,
            }
            if "redis" in storage_uri
            else {}
        )
        storage = storage_from_string(storage_uri, **options)
        assert isinstance(storage, Storage)
        # The sliding-window counter (two counters per key, weighted) rather than the
        # moving window: the moving window's in-memory storage hands every hit's expiry
        # to a worker thread, and a thread hop costs up to the GIL switch interval on a
        # busy single-core server; it sits on every send. The price: the count is an
        # estimate (the previous window's, weighted, rounded down), so a burst across a
        # window boundary may pass one attempt more than the limit.
        self._limiter = SlidingWindowCounterRateLimiter(storage)

    async def hit(self, limit: str, *key: str, detail: str) -> None:
        """Count one attempt against `limit` for `key`; raise RateLimited past it."""
        item = parse(limit)
        if await self._hit_or_fail_open(item, key):
            return
        stats = await self._limiter.get_window_stats(item, *key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimited(detail, retry_after=retry_after)

    async def check(self, limit: str, *key: str, detail: str) -> None:
        """Raise RateLimited if `key` has no attempt left, without counting one (for
        limits that count failures only: check first, `hit` after a failure)."""
        item = parse(limit)
        try:
            allowed = await self._limiter.test(item, *key)
        except Exception as exc:  # the storage's own connection errors vary by backend
            log.warning("rate limit storage unavailable", extra={"fields": {"error": str(exc)}})
            return
        if not allowed:
            stats = await self._limiter.get_window_stats(item, *key)
            raise RateLimited(detail, retry_after=max(1, math.ceil(stats.reset_time - time.time())))

    async def _hit_or_fail_open(self, item: RateLimitItem, key: tuple[str, ...]) -> bool:
        # A storage outage (Redis restarting) must not stop the chat: retry once on a fresh
        # connection, then let the action through and say so in the log.
        for attempt in range(2):
            try:
                return await self._limiter.hit(item, *key)
            except Exception as exc:  # the storage's own connection errors vary by backend
                if attempt == 1:
                    log.warning(
                        "rate limit storage unavailable", extra={"fields": {"error": str(exc)}}
                    )
        return True
