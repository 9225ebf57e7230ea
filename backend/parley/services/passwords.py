"""Password hashing for the services: off the event loop, refused as busy when flooded."""

from __future__ import annotations

from parley import security
from parley.errors import RateLimited


async def verify(password: str, password_hash: str | None) -> bool:
    try:
        return await security.verify_password_off_loop(password, password_hash)
    except security.HashingBusy as exc:
        raise RateLimited("The server is busy signing people in: try again", retry_after=1) from exc


async def hash_new(password: str) -> str:
    try:
        return await security.hash_password_off_loop(password)
    except security.HashingBusy as exc:
        raise RateLimited("The server is busy signing people up: try again", retry_after=1) from exc
