"""Redis pub/sub broker: every instance hears every channel it has local subscribers for.

Redis pub/sub is at-most-once: a frame published while an instance was disconnected from
Redis is simply gone. That is why the broker is only a doorbell: after reconnecting, the
instance asks its sockets to reconnect (1012), and clients resume with `join {since}`
from the database, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections.abc import Callable
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from parley.realtime.broker import Deliver, Envelope

log = logging.getLogger("parley.broker")
RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0, 5.0)


def encode_envelope(envelope: Envelope) -> str:
    # The frame is already JSON with its newlines escaped, so one raw "\n" can separate
    # a small header from it: the frame is never re-encoded on the way through Redis.
    keep = sorted(envelope.keep_users) if envelope.keep_users is not None else None
    header = json.dumps(
        [
            envelope.change_seq,
            envelope.drop_user,
            envelope.drop_all,
            envelope.disconnect_code,
            keep,
            envelope.drop_room,
            envelope.session_id,
            envelope.spare_session_id,
        ]
    )
    return f"{header}\n{envelope.frame}"


def decode_envelope(channel: str, payload: str) -> Envelope:
    header, frame = payload.split("\n", 1)
    fields = json.loads(header)
    change_seq, drop_user, drop_all, disconnect_code, keep, drop_room, session_id = fields[:7]
    # An instance of the release before spare_session_id sends seven fields.
    spare_session_id = fields[7] if len(fields) > 7 else None
    return Envelope(
        channel,
        frame,
        change_seq,
        drop_user,
        bool(drop_all),
        disconnect_code,
        frozenset(keep) if keep is not None else None,
        drop_room,
        session_id,
        spare_session_id,
    )


class RedisBroker:
    def __init__(
        self, url: str, *, prefix: str, on_reconnect: Callable[[], None] | None = None
    ) -> None:
        self._prefix = prefix
        # health_check_interval: a pooled connection idle for a second is PINGed before use,
        # so connections left stale by a Redis restart are replaced instead of failing.
        self._redis = Redis.from_url(url, decode_responses=True, health_check_interval=1)
        self._pubsub: PubSub | None = None
        self._channels: set[str] = set()
        self._deliver: Deliver | None = None
        self._listener: asyncio.Task[None] | None = None
        self._on_reconnect = on_reconnect
        self._ready = asyncio.Event()

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver
        await self._connect()
        self._listener = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        await self._redis.aclose()

    async def publish(self, envelope: Envelope) -> None:
        payload = encode_envelope(envelope)
        try:
            await self._redis.publish(self._prefix + envelope.channel, payload)
        except (RedisError, OSError):
            # A pooled connection gone stale across a Redis restart fails once; the retry
            # takes a fresh one. If Redis is really down the message is still committed,
            # and every instance's sockets resume from the database when it is back.
            try:
                await self._redis.publish(self._prefix + envelope.channel, payload)
            except (RedisError, OSError) as exc:
                log.warning("publish failed", extra={"fields": {"error": str(exc)}})

    async def subscribe(self, channel: str) -> None:
        self._channels.add(channel)
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):  # resubscribed on reconnect
                await self._pubsub.subscribe(self._prefix + channel)

    async def unsubscribe(self, channel: str) -> None:
        self._channels.discard(channel)
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.unsubscribe(self._prefix + channel)

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except (RedisError, OSError):
            return False

    async def _connect(self) -> None:
        pubsub = _ResumingPubSub(
            self._redis.connection_pool,
            ignore_subscribe_messages=True,
            on_reconnect=self._on_reconnect,
        )
        # A placeholder keeps the connection in subscribe mode even with no rooms yet.
        await pubsub.subscribe(
            self._prefix + "instance:keepalive", *(self._prefix + c for c in self._channels)
        )
        self._pubsub = pubsub

    async def _listen(self) -> None:
        while True:
            try:
                assert self._pubsub is not None
                async for message in self._pubsub.listen():
                    if message.get("type") != "message" or self._deliver is None:
                        continue
                    channel = str(message["channel"]).removeprefix(self._prefix)
                    self._deliver(decode_envelope(channel, str(message["data"])))
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError, ValueError) as exc:
                log.warning("redis pub/sub lost", extra={"fields": {"error": str(exc)}})
            await self._reconnect()

    async def _reconnect(self) -> None:
        """A fresh PubSub with every channel, retried with backoff until Redis answers."""
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        for attempt in itertools.count():
            await asyncio.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            try:
                await self._connect()
            except (RedisError, OSError):
                continue
            log.info(
                "redis pub/sub resubscribed", extra={"fields": {"channels": len(self._channels)}}
            )
            if self._on_reconnect is not None:
                self._on_reconnect()
            return


class _ResumingPubSub(PubSub):
    """redis-py reconnects and resubscribes inside listen() on its own; whatever was
    published meanwhile is lost to this instance, so its sockets must resume from the DB."""

    def __init__(self, *args: Any, on_reconnect: Callable[[], None] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._notify = on_reconnect
        self._connected_before = False

    async def on_connect(self, connection: Any) -> None:
        await super().on_connect(connection)
        if self._connected_before and self._notify is not None:
            log.info("redis pub/sub reconnected")
            self._notify()
        self._connected_before = True
