"""Presence for the embedded mode: this process's hub is the whole truth."""

from __future__ import annotations

from parley.realtime.hub import Hub


class LocalPresence:
    def __init__(self, hub: Hub) -> None:
        self._hub = hub

    async def start(self, announce_offline: object) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish_local(self) -> None:
        return None

    async def online_user_ids(self) -> set[int]:
        return self._hub.online_user_ids()

    def connection_count(self) -> int:
        return self._hub.connection_count()
