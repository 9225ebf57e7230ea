"""Presence changes, announced together: at once when all is quiet, and then at most
every interval, each user's latest state once.

A server restart brings everyone back in seconds; announced one by one, each arrival
would cost every socket in their rooms a frame (a 1,000-user storm sent 221,216). Held
for a moment, they leave as one `presence` frame per room listing everyone who came.
Even so, each announcement in a storm is a frame to every online member of every room
someone came back to: presence is advisory, so the interval stretches to keep its share
of the loop to about a tenth (`next_interval`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence

Announce = Callable[[Sequence[tuple[int, bool]]], Awaitable[None]]

# How stale someone's presence dot may be while people come and go in numbers...
PRESENCE_INTERVAL_SECONDS = 0.5
# ...and while that many come at once that telling them takes a while: the interval is
# then ten times what the last announcement took (fan-out included: the in-process
# broker delivers as it publishes), up to this.
PRESENCE_MAX_INTERVAL_SECONDS = 2.0
PRESENCE_LOOP_SHARE = 0.1


def next_interval(took: float, *, interval: float, ceiling: float) -> float:
    """The wait after an announcement that took `took` seconds."""
    return min(ceiling, max(interval, took / PRESENCE_LOOP_SHARE))


class PresenceChanges:
    def __init__(
        self,
        announce: Announce,
        *,
        interval: float = PRESENCE_INTERVAL_SECONDS,
        ceiling: float = PRESENCE_MAX_INTERVAL_SECONDS,
    ) -> None:
        self._announce = announce
        self._interval = interval
        self._ceiling = ceiling
        self._gap = interval
        self._pending: dict[int, bool] = {}
        self._task: asyncio.Task[None] | None = None
        self._last_at = float("-inf")

    def note(self, user_id: int, online: bool) -> None:
        """Queue a change; the caller does not wait for it to be told."""
        self._pending.pop(user_id, None)  # re-inserted: the order of the latest changes
        self._pending[user_id] = online
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                wait = self._last_at + self._gap - loop.time()
                # One loop iteration even when quiet: every socket woken together joins.
                await asyncio.sleep(max(wait, 0.0))
                changes, self._pending = list(self._pending.items()), {}
                self._last_at = loop.time()
                await self._announce(changes)
                took = loop.time() - self._last_at
                self._gap = next_interval(took, interval=self._interval, ceiling=self._ceiling)
        finally:
            self._task = None

    async def aclose(self) -> None:
        """Stop (shutdown): what is still pending is not announced."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
