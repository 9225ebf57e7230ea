"""Editing and deleting single messages (sending happens over /ws)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

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
from parley.models import EMOJI_MAX, MessageEdit, MessagePublic, ReactionPublic
from parley.models.base import CleanText
from parley.services import messages, pins, reactions

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


# The emoji is the last path segment, percent-encoded (PUT .../reactions/%F0%9F%91%8D).
Emoji = Annotated[str, Path(max_length=EMOJI_MAX, description="One emoji, percent-encoded")]


@router.put("/{message_id}/reactions/{emoji}", responses=error_responses(409))
async def add_reaction(
    session: SessionDep,
    publisher: PublisherDep,
    limiter: LimiterDep,
    settings: SettingsDep,
    user: CurrentUser,
    message_id: MessageId,
    emoji: Emoji,
) -> list[ReactionPublic]:
    """React with an emoji (again: no change). Returns the message's reactions."""
    return await reactions.set_reaction(
        session=session,
        publisher=publisher,
        limiter=limiter,
        rate=settings.reaction_rate_limit,
        user=user,
        message_id=message_id,
        emoji=emoji,
        present=True,
    )


@router.delete("/{message_id}/reactions/{emoji}")
async def remove_reaction(
    session: SessionDep,
    publisher: PublisherDep,
    limiter: LimiterDep,
    settings: SettingsDep,
    user: CurrentUser,
    message_id: MessageId,
    emoji: Emoji,
) -> list[ReactionPublic]:
    """Take my reaction back (when I had none: no change). Returns the message's reactions."""
    return await reactions.set_reaction(
        session=session,
        publisher=publisher,
        limiter=limiter,
        rate=settings.reaction_rate_limit,
        user=user,
        message_id=message_id,
        emoji=emoji,
        present=False,
    )


@router.put("/{message_id}/pin", responses=error_responses(409))
async def pin_message(
    session: SessionDep, publisher: PublisherDep, user: CurrentUser, message_id: MessageId
) -> MessagePublic:
    """Put the message on its room's pinned list (moderators; either person in a DM)."""
    return await pins.set_pin(
        session=session, publisher=publisher, user=user, message_id=message_id, pinned=True
    )


@router.delete("/{message_id}/pin")
async def unpin_message(
    session: SessionDep, publisher: PublisherDep, user: CurrentUser, message_id: MessageId
) -> MessagePublic:
    """Take the message off the pinned list (not pinned: no change)."""
    return await pins.set_pin(
        session=session, publisher=publisher, user=user, message_id=message_id, pinned=False
    )
