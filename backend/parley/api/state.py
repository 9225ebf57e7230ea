"""What the running app holds once: built in main's lifespan, read by dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from parley.db import SessionFactory
from parley.services.ratelimit import RateLimiter
from parley.settings import Settings


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    limiter: RateLimiter
