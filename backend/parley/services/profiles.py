"""Profiles: a user's avatar (made from an upload like any image) and telling the
people who share a room with them when their name or picture changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from sqlalchemy import bindparam
from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Invalid, NotFound
from parley.events import ProfileChanged, Publisher, UploadJobs
from parley.models import AuthorPublic, Membership, User
from parley.services.filetypes import IMAGE_TYPES
from parley.services.uploads import store_checked
from parley.storage import FileStore, Variant

# A no-op write that returns the key as it stands now, holding the lock until commit.
_LOCK_KEY = (
    update(User)
    .where(col(User.id) == bindparam("user_id"))
    .values(avatar_key=col(User.avatar_key))
    .returning(col(User.avatar_key))
)


async def announce_profile(*, session: AsyncSession, publisher: Publisher, user: User) -> None:
    """After a committed change: to every room the user is in, and to their own sockets."""
    statement = select(Membership.room_id).where(col(Membership.user_id) == user.id)
    room_ids = tuple((await session.exec(statement)).all())
    await publisher.publish(
        ProfileChanged(user=AuthorPublic.model_validate(user), room_ids=room_ids)
    )


async def set_avatar(
    *,
    session: AsyncSession,
    store: FileStore,
    jobs: UploadJobs,
    publisher: Publisher,
    user: User,
    chunks: AsyncIterator[bytes],
    max_bytes: int,
    max_pixels: int,
) -> User:
    """Stream an image in (the upload limits), make its square copy off the event loop,
    keep only that, and make it the user's avatar; the old one is removed."""
    key, _size, _mime = await store_checked(
        store,
        chunks,
        max_bytes=max_bytes,
        allowed=IMAGE_TYPES,
        refusal="An avatar must be a PNG, JPEG, GIF or WebP image",
    )
    try:
        failure = await jobs.make_avatar(
            store.path(key, Variant.original),
            store.path(key, Variant.avatar),
            max_pixels=max_pixels,
        )
        if failure is not None:
            raise Invalid(failure, field="file")
        await store.discard(key, Variant.original)
        previous = await _replace_key(session, user, key)
    except BaseException:
        with anyio.CancelScope(shield=True):  # a request cancelled mid-way leaves nothing
            await store.delete(key)
        raise
    if previous is not None:
        await store.delete(previous)
    await announce_profile(session=session, publisher=publisher, user=user)
    return user


async def remove_avatar(
    *, session: AsyncSession, store: FileStore, publisher: Publisher, user: User
) -> User:
    previous = await _replace_key(session, user, None)
    if previous is not None:
        await store.delete(previous)
        await announce_profile(session=session, publisher=publisher, user=user)
    return user


async def _replace_key(session: AsyncSession, user: User, key: str | None) -> str | None:
    """Commit the new key; the one it replaced, for its files to go. The current key is
    read by a write (the row's lock on PostgreSQL, the write lock on SQLite), so two
    uploads at once each remove what they really replaced."""
    connection = await session.connection()
    previous = (await connection.execute(_LOCK_KEY, {"user_id": user.id})).scalar_one()
    user.avatar_key = key
    session.add(user)
    await session.commit()
    await session.refresh(user)
    return previous


async def avatar_file(*, session: AsyncSession, store: FileStore, user_id: int, key: str) -> Path:
    """The avatar file while `key` is the user's current one (an old URL is gone)."""
    owner = await session.get(User, user_id)
    if owner is None or owner.avatar_key is None or owner.avatar_key != key:
        raise NotFound("No such avatar")
    return store.path(key, Variant.avatar)
