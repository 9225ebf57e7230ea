"""The embedded broker: one process, delivery is a direct call."""

from __future__ import annotations

from parley.realtime.broker import Deliver, Envelope


class MemoryBroker:
    def __init__(self) -> None:
        self._deliver: Deliver | None = None
        self._channels: set[str] = set()

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver

    async def stop(self) -> None:
        self._deliver = None

    async def publish(self, envelope: Envelope) -> None:
        if self._deliver is not None and envelope.channel in self._channels:
            self._deliver(envelope)

    async def subscribe(self, channel: str) -> None:
        self._channels.add(channel)

    async def unsubscribe(self, channel: str) -> None:
        self._channels.discard(channel)

    async def ping(self) -> bool:
        return True
