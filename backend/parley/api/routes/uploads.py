"""Uploading files into a room and serving them back to its members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, status
from fastapi.responses import FileResponse

from parley.api.deps import (
    CurrentUser,
    JobsDep,
    RoomId,
    SessionDep,
    SettingsDep,
    StoreDep,
)
from parley.api.errors import error_responses
from parley.api.multipart import FILE_BODY, open_file
from parley.errors import NotFound
from parley.models import UploadPublic
from parley.services import uploads
from parley.storage import Variant

router = APIRouter(
    prefix="/api", tags=["uploads"], responses=error_responses(401, 403, 404, 413, 415, 422)
)
UploadId = Annotated[str, Path(min_length=32, max_length=32, pattern="^[0-9a-f]{32}$")]
# Served files may be anything a member uploaded: never let a browser run or sniff them.
SANDBOX_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    ),
    "Cache-Control": "private, max-age=3600",
}


@router.post(
    "/rooms/{room_id}/uploads",
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra=FILE_BODY,
    responses={413: {"description": "Too large"}, 415: {"description": "Type not allowed"}},
)
async def create_upload(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    store: StoreDep,
    jobs: JobsDep,
    user: CurrentUser,
    room_id: RoomId,
) -> UploadPublic:
    streamed = await open_file(request, max_bytes=settings.max_upload_bytes)
    upload = await uploads.accept_upload(
        session=session,
        store=store,
        user=user,
        room_id=room_id,
        filename=streamed.filename,
        chunks=streamed.chunks(),
        max_bytes=settings.max_upload_bytes,
    )
    await jobs.enqueue(upload.id)
    return uploads.to_public(upload)


@router.get("/uploads/{upload_id}")
async def read_upload(session: SessionDep, user: CurrentUser, upload_id: UploadId) -> UploadPublic:
    upload = await uploads.readable_upload(session=session, user=user, upload_id=upload_id)
    return uploads.to_public(upload)


@router.get("/uploads/{upload_id}/content", response_class=FileResponse)
async def upload_content(
    session: SessionDep, store: StoreDep, user: CurrentUser, upload_id: UploadId
) -> FileResponse:
    upload = await uploads.readable_upload(session=session, user=user, upload_id=upload_id)
    served = store.path(upload.id, Variant.served)
    # Images are served from their metadata-free copy once processed; never the original.
    if upload.is_image:
        if upload.status != "ready":
            raise NotFound("The image is still being processed")
        path = served
    else:
        path = store.path(upload.id, Variant.original)
    disposition = "inline" if upload.is_image else "attachment"
    return FileResponse(
        path,
        media_type=upload.mime,
        filename=upload.name,
        content_disposition_type=disposition,
        headers=SANDBOX_HEADERS,
    )


@router.get("/uploads/{upload_id}/thumbnail", response_class=FileResponse)
async def upload_thumbnail(
    session: SessionDep, store: StoreDep, user: CurrentUser, upload_id: UploadId
) -> FileResponse:
    upload = await uploads.readable_upload(session=session, user=user, upload_id=upload_id)
    if not upload.has_thumbnail:
        raise NotFound("This upload has no thumbnail")
    return FileResponse(
        store.path(upload.id, Variant.thumbnail), media_type="image/webp", headers=SANDBOX_HEADERS
    )
