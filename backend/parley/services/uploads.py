"""Uploads: accept a stream, record it, move it through its states, serve and expire it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Forbidden, Invalid, NotFound, TooLarge, UnsupportedType
from parley.events import Publisher, UploadChanged
from parley.models import Upload, UploadPublic, UploadStatus, User
from parley.models.base import utcnow
from parley.services.access import get_membership, member_room
from parley.services.filetypes import ALLOWED_TYPES, detect_mime, sanitise_name
from parley.storage import FileStore


@dataclass(frozen=True)
class ProcessingResult:
    width: int | None = None
    height: int | None = None
    has_thumbnail: bool = False
    failure_reason: str | None = None


def to_public(upload: Upload) -> UploadPublic:
    return UploadPublic.model_validate(upload)


async def _announce(publisher: Publisher, upload: Upload) -> None:
    await publisher.publish(UploadChanged(upload=to_public(upload)))


async def accept_upload(
    *,
    session: AsyncSession,
    store: FileStore,
    user: User,
    room_id: int,
    filename: str | None,
    chunks: AsyncIterator[bytes],
    max_bytes: int,
) -> Upload:
    """Stream a file to disk and record it as pending; nothing is left behind on refusal."""
    await member_room(session=session, user=user, room_id=room_id)
    assert user.id is not None
    upload_id = uuid.uuid4().hex
    written = await store.write(upload_id, chunks, max_bytes=max_bytes)
    if written is None:
        raise TooLarge(f"File is larger than {max_bytes // (1024 * 1024)} MB", field="file")
    size, head = written
    mime = detect_mime(head)
    if size == 0 or mime not in ALLOWED_TYPES:
        await store.delete(upload_id)
        if size == 0:
            raise Invalid("The file is empty", field="file")
        raise UnsupportedType("This type of file is not allowed", field="file")
    upload = Upload(
        id=upload_id,
        room_id=room_id,
        uploader_id=user.id,
        name=sanitise_name(filename),
        size=size,
        mime=mime,
    )
    session.add(upload)
    await session.commit()
    return upload


async def readable_upload(*, session: AsyncSession, user: User, upload_id: str) -> Upload:
    """The upload, if `user` may see it: members of its room (and site admins)."""
    upload = await session.get(Upload, upload_id[:32])
    if upload is None:
        raise NotFound("Upload not found")
    assert user.id is not None
    membership = await get_membership(session=session, room_id=upload.room_id, user_id=user.id)
    if membership is None and not user.is_admin:
        raise Forbidden("Only members of the room can open its files")
    return upload


async def begin_processing(
    *, session: AsyncSession, publisher: Publisher, upload_id: str
) -> Upload | None:
    upload = await session.get(Upload, upload_id)
    if upload is None or upload.status in (UploadStatus.ready, UploadStatus.failed):
        return None
    upload.status = UploadStatus.processing.value
    upload.attempts += 1
    upload.updated_at = utcnow()
    session.add(upload)
    await session.commit()
    await _announce(publisher, upload)
    return upload


async def finish_processing(
    *, session: AsyncSession, publisher: Publisher, upload_id: str, result: ProcessingResult
) -> None:
    upload = await session.get(Upload, upload_id)
    if upload is None:
        return
    if result.failure_reason:
        upload.status = UploadStatus.failed.value
        upload.failure_reason = result.failure_reason[:255]
    else:
        upload.status = UploadStatus.ready.value
        upload.width, upload.height = result.width, result.height
        upload.has_thumbnail = result.has_thumbnail
    upload.updated_at = utcnow()
    session.add(upload)
    await session.commit()
    # Re-read after commit: a send may have attached it meanwhile, and then the room must
    # hear the outcome (the send re-reads too, so whichever commits second sees the other).
    await session.refresh(upload)
    await _announce(publisher, upload)


async def unfinished_jobs(
    *, session: AsyncSession, publisher: Publisher, max_attempts: int
) -> list[str]:
    """Jobs a stopped process left behind; those interrupted too often are failed."""
    statement = select(Upload).where(
        col(Upload.status).in_([UploadStatus.pending.value, UploadStatus.processing.value])
    )
    resumable: list[str] = []
    for upload in (await session.exec(statement)).all():
        if upload.attempts >= max_attempts:
            upload.status = UploadStatus.failed.value
            upload.failure_reason = "Processing was interrupted too many times"
            session.add(upload)
            await session.commit()
            await _announce(publisher, upload)
        else:
            resumable.append(upload.id)
    return resumable


async def claim_attachments(
    *, session: AsyncSession, user: User, room_id: int, upload_ids: Sequence[str]
) -> list[Upload]:
    """The sender's own, unused uploads in this room, in the order given."""
    if not upload_ids:
        return []
    if len(set(upload_ids)) != len(upload_ids):
        raise Invalid("An upload can be attached once", field="attachments")
    rows = (await session.exec(select(Upload).where(col(Upload.id).in_(upload_ids)))).all()
    by_id = {upload.id: upload for upload in rows}
    claimed: list[Upload] = []
    for upload_id in upload_ids:
        upload = by_id.get(upload_id)
        if upload is None or upload.uploader_id != user.id or upload.room_id != room_id:
            raise Invalid("Attach only your own uploads to this room", field="attachments")
        if upload.message_id is not None:
            raise Invalid("This upload is already attached", field="attachments")
        if upload.status == UploadStatus.failed.value:
            raise Invalid("This upload failed and cannot be attached", field="attachments")
        claimed.append(upload)
    return claimed


async def attachments_of(
    *, session: AsyncSession, message_ids: Sequence[int]
) -> dict[int, list[UploadPublic]]:
    if not message_ids:
        return {}
    statement = (
        select(Upload)
        .where(col(Upload.message_id).in_(message_ids))
        .order_by(col(Upload.created_at))
        # Fresh rows even for uploads this session already holds (status moves on).
        .execution_options(populate_existing=True)
    )
    grouped: dict[int, list[UploadPublic]] = {}
    for upload in (await session.exec(statement)).all():
        assert upload.message_id is not None
        grouped.setdefault(upload.message_id, []).append(to_public(upload))
    return grouped


async def expire_unattached(
    *, session: AsyncSession, store: FileStore, older_than: timedelta
) -> int:
    cutoff = utcnow() - older_than
    statement = select(Upload).where(
        col(Upload.message_id).is_(None), col(Upload.created_at) < cutoff
    )
    expired = list((await session.exec(statement)).all())
    for upload in expired:
        await store.delete(upload.id)
        await session.delete(upload)
    await session.commit()
    return len(expired)
