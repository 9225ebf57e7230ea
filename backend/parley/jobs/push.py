"""Web Push: a message that should notify someone with no open socket goes to their
browsers' push services, signed with our VAPID key and encrypted for each browser
(RFC 8291, aes128gcm) by pywebpush.

Best effort by nature (a push service may drop or delay it): pushes queue in memory,
bounded, and are sent beside the event loop on a few threads, since pywebpush is
synchronous and encrypting is CPU work. A subscription the push service calls gone
(404 / 410) is deleted.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02
from pywebpush import WebPusher
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.db import SessionFactory
from parley.events import Event, MessageCreated, PresenceReader, Publisher
from parley.models import MessagePublic, PushSubscription, Room, User
from parley.services import notifications, push
from parley.settings import Settings, load_or_create_secret

log = logging.getLogger("parley.push")

VAPID_FILE_NAME = "vapid_private_key"
SNIPPET_CHARS = 140
QUEUE_MAX = 1000
SEND_THREADS = 4
SEND_TIMEOUT_S = 10.0
# How long a push service keeps a push for a browser that is offline.
PUSH_TTL_S = 24 * 3600
_GONE = frozenset({404, 410})
_MENTION = re.compile(r"<@([0-9]+)>")


def _new_vapid_pem() -> str:
    key = Vapid02()
    key.generate_keys()
    return bytes(key.private_pem()).decode()


def load_vapid(settings: Settings) -> Vapid02 | None:
    """The VAPID key from the settings, else (SQLite) the one kept in the data folder;
    None with another database and no key: push is off."""
    pem = settings.vapid_private_key.get_secret_value()
    if not pem:
        if not settings.is_sqlite:
            log.warning("web push is off: set PARLEY_VAPID_PRIVATE_KEY to turn it on")
            return None
        pem = load_or_create_secret(settings.data_dir, VAPID_FILE_NAME, _new_vapid_pem)
    return Vapid02.from_pem(pem.encode())


def public_key_of(vapid: Vapid02) -> str:
    """The applicationServerKey a browser subscribes with (base64url, uncompressed point)."""
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass(frozen=True)
class Push:
    """What the service worker shows (frontend/src/sw.ts reads exactly these keys)."""

    title: str
    body: str
    room: int
    seq: int
    url: str
    tag: str

    def encode(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False).encode()


def _snippet(message: MessagePublic, names: dict[int, str]) -> str:
    text = _MENTION.sub(lambda m: "@" + names.get(int(m.group(1)), "someone"), message.body)
    text = " ".join(text.replace("<!room>", "@room").split())
    if not text and message.attachments:
        text = "📎"
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def compose(message: MessagePublic, room: Room, names: dict[int, str]) -> Push:
    author = message.author.display_name
    title = author if room.is_direct else f"{author} · #{room.name}"
    return Push(
        title=title,
        body=_snippet(message, names),
        room=message.room_id,
        seq=message.seq,
        url=f"/rooms/{message.room_id}?message={message.seq}",
        tag=f"room-{message.room_id}",
    )


class PushSender:
    """Sends one push to many subscriptions, on threads beside the event loop."""

    def __init__(self, vapid: Vapid02, subject: str) -> None:
        self._vapid = vapid
        self._subject = subject
        self._threads = ThreadPoolExecutor(max_workers=SEND_THREADS, thread_name_prefix="push")

    def _send_one(self, subscription: PushSubscription, payload: bytes) -> int:
        parts = urlsplit(subscription.endpoint)
        claims: dict[str, str | int] = {
            "sub": self._subject,
            "aud": f"{parts.scheme}://{parts.netloc}",
            "exp": int(time.time()) + 12 * 3600,
        }
        headers = self._vapid.sign(claims)
        info = {
            "endpoint": subscription.endpoint,
            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
        }
        response = WebPusher(info).send(
            payload, headers, ttl=PUSH_TTL_S, content_encoding="aes128gcm", timeout=SEND_TIMEOUT_S
        )
        return int(getattr(response, "status_code", 0))

    async def send(
        self, subscriptions: Sequence[PushSubscription], payload: bytes
    ) -> tuple[list[int], list[int]]:
        """(delivered ids, gone ids); other failures are logged and left for next time."""
        loop = asyncio.get_running_loop()

        async def one(subscription: PushSubscription) -> int:
            try:
                return await loop.run_in_executor(
                    self._threads, self._send_one, subscription, payload
                )
            except Exception:  # a bad key or an unreachable service: this device only
                log.warning("push failed", extra={"fields": {"subscription": subscription.id}})
                return 0

        statuses = await asyncio.gather(*(one(s) for s in subscriptions))
        delivered = [
            s.id for s, code in zip(subscriptions, statuses, strict=True) if 200 <= code < 300
        ]
        gone = [s.id for s, code in zip(subscriptions, statuses, strict=True) if code in _GONE]
        return [i for i in delivered if i is not None], [i for i in gone if i is not None]

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


class PushingPublisher:
    """A Publisher that, besides publishing, pushes new messages to members who should
    hear of them and have no socket open anywhere."""

    def __init__(
        self,
        inner: Publisher,
        *,
        sessions: SessionFactory,
        presence: PresenceReader,
        sender: PushSender,
    ) -> None:
        self._inner = inner
        self._sessions = sessions
        self._presence = presence
        self._sender = sender
        self._queue: asyncio.Queue[MessagePublic] = asyncio.Queue(QUEUE_MAX)
        self._task: asyncio.Task[None] | None = None

    async def publish(self, event: Event) -> None:
        await self._inner.publish(event)
        if isinstance(event, MessageCreated):
            try:
                self._queue.put_nowait(event.message)
            except asyncio.QueueFull:  # push services are slow or down: skip, never block
                log.warning("push queue full, a notification was skipped")

    def start(self) -> None:
        self._task = asyncio.create_task(self._work())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._sender.close()

    async def _work(self) -> None:
        while True:
            message = await self._queue.get()
            try:
                await self._deliver(message)
            except Exception:
                log.exception("push delivery failed")

    async def _deliver(self, message: MessagePublic) -> None:
        online = await self._presence.online_user_ids()
        async with self._sessions() as session:
            room = await session.get(Room, message.room_id)
            if room is None:
                return
            targets = await notifications.recipients(
                session=session, message=message, is_direct=room.is_direct, online=online
            )
            subscriptions = await push.subscriptions_of(session=session, user_ids=targets)
            if not subscriptions:
                return
            names = await _display_names(session, message.mentions)
            payload = compose(message, room, names).encode()
            delivered, gone = await self._sender.send(subscriptions, payload)
            await push.forget(session=session, subscription_ids=gone)
            await push.mark_sent(session=session, subscription_ids=delivered)


async def _display_names(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = await session.exec(select(User.id, User.display_name).where(col(User.id).in_(user_ids)))
    return {int(user_id): name for user_id, name in rows if user_id is not None}
