"""A user's own data, as a zip they download (issue step 11, point 4): their profile,
every message they wrote (with its room's name), and the files they uploaded.

Built in a temporary file on a worker thread (a zip of someone's uploads can be large,
and compressing is CPU work), then streamed; the file goes when the response is done.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import anyio
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.models import Message, Room, Upload, User, UserPublic
from parley.storage import FileStore, Variant


async def build_export(*, session: AsyncSession, store: FileStore, user: User) -> Path:
    """The zip's path (a temporary file: the caller removes it)."""
    profile = UserPublic.model_validate(user).model_dump(mode="json")
    rows = (
        await session.exec(
            select(Message, Room.name)
            .join(Room, col(Room.id) == col(Message.room_id))
            .where(col(Message.author_id) == user.id, col(Message.deleted_at).is_(None))
            .order_by(col(Message.id))
        )
    ).all()
    messages = [
        {
            "room_id": message.room_id,
            "room": room_name if not room_name.startswith("direct ") else "direct message",
            "seq": message.seq,
            "body": message.body,
            "created_at": message.created_at.isoformat(),
            "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        }
        for message, room_name in rows
    ]
    uploads = (
        await session.exec(
            select(Upload).where(col(Upload.uploader_id) == user.id).order_by(col(Upload.id))
        )
    ).all()
    files = [
        (
            f"files/{upload.id}-{Path(upload.name).name or 'file'}",
            # The original, as it was sent; an image's may be kept only as served.
            [store.path(upload.id, Variant.original), store.path(upload.id, Variant.served)],
        )
        for upload in uploads
    ]
    avatar = store.path(user.avatar_key, Variant.avatar) if user.avatar_key else None
    return await anyio.to_thread.run_sync(_write_zip, profile, messages, files, avatar)


def _write_zip(
    profile: dict[str, Any],
    messages: list[dict[str, Any]],
    files: list[tuple[str, list[Path]]],
    avatar: Path | None,
) -> Path:
    descriptor, name = tempfile.mkstemp(prefix="parley-export-", suffix=".zip")
    os.close(descriptor)
    path = Path(name)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.json", json.dumps(profile, ensure_ascii=False, indent=2))
        archive.writestr(
            "messages.jsonl",
            "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages),
        )
        for name, candidates in files:
            source = next((path for path in candidates if path.is_file()), None)
            if source is not None:
                archive.write(source, name)
        if avatar is not None and avatar.is_file():
            archive.write(avatar, "avatar.webp")
    return path
