"""Build the realtime layer for the chosen mode: memory (embedded) or Redis (scaled)."""

from __future__ import annotations

from dataclasses import dataclass

from parley.realtime.broker import Broker
from parley.realtime.broker.memory import MemoryBroker
from parley.realtime.fanout import RealtimePublisher
from parley.realtime.hub import Hub
from parley.realtime.local_presence import LocalPresence
from parley.realtime.presence import RedisPresence
from parley.realtime.protocol import CloseCode
from parley.settings import Settings


@dataclass
class Realtime:
    broker: Broker
    hub: Hub
    presence: LocalPresence | RedisPresence
    publisher: RealtimePublisher


def build_realtime(settings: Settings) -> Realtime:
    if settings.broker == "redis":
        from parley.realtime.broker.redis import RedisBroker  # only scaled mode needs redis

        hub_holder: list[Hub] = []

        def resume_everyone() -> None:
            # Frames published while Redis was away are lost to this instance: its clients
            # reconnect and resume by seq from the database.
            hub_holder[0].close_all(CloseCode.SERVER_RESTARTING, "Reconnect and resume")

        broker: Broker = RedisBroker(
            settings.redis_url, prefix=settings.redis_prefix, on_reconnect=resume_everyone
        )
        hub = Hub(broker)
        hub_holder.append(hub)
        presence: LocalPresence | RedisPresence = RedisPresence(
            settings.redis_url, hub, prefix=settings.redis_prefix
        )
    else:
        broker = MemoryBroker()
        hub = Hub(broker)
        presence = LocalPresence(hub)
    return Realtime(broker=broker, hub=hub, presence=presence, publisher=RealtimePublisher(broker))
