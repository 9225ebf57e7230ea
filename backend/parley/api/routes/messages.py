"""Editing and deleting single messages (sending happens over /ws)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from parley.api.deps import (
    CurrentUser,
    LimiterDep,
    MessageId,
    PublisherDep,
    SessionDep,
    SettingsDep,
    StoreDep,
)
from parley.api.errors import error_responses
from parley.models import MessageEdit, MessagePublic
from parley.models.base import CleanText
from parley.services import messages

router = APIRouter(
    prefix="/api/messages", tags=["messages"], responses=error_responses(401, 403, 404, 422, 429)
)


@router.patch("/{message_id}")
async def edit_message(
    session: SessionDep,
    publisher: PublisherDep,
    limiter: LimiterDep,
    settings: SettingsDep,
    user: CurrentUser,
    message_id: MessageId,
    message_edit: MessageEdit,
) -> MessagePublic:
    return await messages.edit_message(
        session=session,
        publisher=publisher,
        limiter=limiter,
        edit_rate=settings.edit_rate_limit,
        user=user,
        message_id=message_id,
        body=message_edit.body,
    )


@router.delete("/{message_id}")
async def delete_message(
    session: SessionDep,
    publisher: PublisherDep,
    store: StoreDep,
    user: CurrentUser,
    message_id: MessageId,
    reason: Annotated[CleanText, Query(max_length=500)] = "",
) -> MessagePublic:
    return await messages.delete_message(
        session=session,
        publisher=publisher,
        store=store,
        user=user,
        message_id=message_id,
        reason=reason,
    )
