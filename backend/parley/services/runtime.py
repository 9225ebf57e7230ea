"""What a running Parley holds once, shared by the REST and WebSocket edges."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine

from parley.db import SessionFactory
from parley.events import PresenceReader, Publisher, UploadJobs
from parley.mail import Mailer
from parley.services.ratelimit import RateLimiter
from parley.settings import Settings
from parley.storage import FileStore


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    limiter: RateLimiter
    publisher: Publisher
    presence: PresenceReader
    store: FileStore
    jobs: UploadJobs
    # The VAPID public key browsers subscribe to pushes with; None: web push is off.
    push_public_key: str | None = None
    # Sends reset links by email; None: no SMTP server is set up.
    mailer: Mailer | None = None
    # Dependencies /api/ready checks besides the database, by name (e.g. the broker).
    checks: dict[str, Callable[[], Awaitable[bool]]] = field(default_factory=dict)
