"""Uploads: accept a stream, record it, move it through its states, serve and expire it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Invalid, NotFound, TooLarge, UnsupportedType
from parley.events import Publisher, UploadChanged
from parley.models import Upload, UploadPublic, UploadStatus, User
from parley.models.base import utcnow
from parley.services import access, changelog
from parley.services.access import Action
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


async def _announce(publisher: Publisher, upload: Upload, change_seq: int | None) -> None:
    await publisher.publish(UploadChanged(upload=to_public(upload), change_seq=change_seq))


_ATTACHED_TO = select(Upload.message_id).where(col(Upload.id) == bindparam("upload_id"))


async def _commit_state(session: AsyncSession, publisher: Publisher, upload: Upload) -> None:
    """Commit a new state and announce it. Once attached, the state is part of the
    message's: the change goes in the room's change log, so a client that was away
    learns it on resume. The attachment is read after our UPDATE holds the row (a
    concurrent attach is then either visible or waits for us; if it waits, the send
    reads the state after our commit), so no state change slips past the log."""
    session.add(upload)
    await session.flush()
    message_id = (await session.exec(_ATTACHED_TO, params={"upload_id": upload.id})).first()
    change_seq = (
        await changelog.record_change(session, room_id=upload.room_id, message_id=message_id)
        if message_id is not None
        else None
    )
    await session.commit()
    await session.refresh(upload)
    await _announce(publisher, upload, change_seq)


async def store_checked(
    store: FileStore,
    chunks: AsyncIterator[bytes],
    *,
    max_bytes: int,
    allowed: frozenset[str],
    refusal: str = "This type of file is not allowed",
) -> tuple[str, int, str]:
    """Stream a file to disk under a new random id, within the size limit and of an
    allowed type judged by its bytes: (id, size, mime). Nothing is left on refusal."""
    upload_id = uuid.uuid4().hex
    written = await store.write(upload_id, chunks, max_bytes=max_bytes)
    if written is None:
        raise TooLarge(f"File is larger than {max_bytes // (1024 * 1024)} MB", field="file")
    size, head = written
    mime = detect_mime(head)
    if size == 0 or mime is None or mime not in allowed:
        await store.delete(upload_id)
        if size == 0:
            raise Invalid("The file is empty", field="file")
        raise UnsupportedType(refusal, field="file")
    return upload_id, size, mime


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
    await access.require(session=session, user=user, room_id=room_id, action=Action.post)
    assert user.id is not None
    upload_id, size, mime = await store_checked(
        store, chunks, max_bytes=max_bytes, allowed=ALLOWED_TYPES
    )
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
    """The upload, if `user` may read it: its uploader, or whoever may read the room
    once it is attached to a message there."""
    upload = await session.get(Upload, upload_id[:32])
    if upload is None:
        raise NotFound("Upload not found")
    if upload.uploader_id == user.id:
        return upload
    if upload.message_id is None:
        raise NotFound("Upload not found")  # not shared yet: nobody else's business
    try:
        await access.require(session=session, user=user, room_id=upload.room_id, action=Action.read)
    except NotFound as exc:
        raise NotFound("Upload not found") from exc
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
    await _commit_state(session, publisher, upload)
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
    await _commit_state(session, publisher, upload)


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
            await _commit_state(session, publisher, upload)
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
        .order_by(col(Upload.position), col(Upload.created_at))
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
