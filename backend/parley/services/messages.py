"""Messages: send with a gapless per-room seq, history pages, edit and delete."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, func, insert, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import DomainError, Forbidden, Invalid, RateLimited, SlowMode
from parley.events import MessageCreated, MessageDeleted, MessageEdited, Publisher
from parley.models import Message, MessagePublic, QuotedMessage, Upload, User
from parley.models.base import refuse_nul, utcnow
from parley.models.message import BODY_MAX, CLIENT_ID_MAX
from parley.services import access, audit, changelog, mentions
from parley.services.access import Action, Standing, get_membership
from parley.services.message_form import message_public, to_public
from parley.services.message_lookup import message_for_change
from parley.services.moderation import note_flood_breach
from parley.services.quotes import check_answerable, quotes_of
from parley.services.ratelimit import RateLimiter
from parley.services.reactions import reactions_of
from parley.services.search_text import search_text
from parley.services.uploads import attachments_of, claim_attachments
from parley.storage import FileStore

# Built once: building a statement and its cache key costs more CPU than executing it,
# and this runs for every message.
_INSERT_MESSAGE = insert(Message).returning(col(Message.id))


@dataclass(frozen=True)
class SendResult:
    message: MessagePublic
    duplicate: bool


def validate_body(body: str, *, has_attachments: bool = False) -> str:
    try:  # the frame's body is not a TextInput schema: the same rule, asked here
        refuse_nul(body)
    except ValueError as exc:
        raise Invalid(str(exc), field="body") from exc
    if not body.strip() and not has_attachments:
        raise Invalid("Message is empty", field="body")
    if len(body) > BODY_MAX:
        raise Invalid(f"Message is too long (at most {BODY_MAX} characters)", field="body")
    return body


def validate_client_id(client_id: str) -> str:
    if not 1 <= len(client_id) <= CLIENT_ID_MAX:
        raise Invalid(f"client_id must be 1-{CLIENT_ID_MAX} characters", field="client_id")
    return client_id


async def send_message(
    *,
    session: AsyncSession,
    publisher: Publisher,
    limiter: RateLimiter,
    send_rate: str,
    user: User,
    room_id: int,
    client_id: str,
    body: str,
    attachments: Sequence[str] = (),
    reply_to: int | None = None,
) -> SendResult:
    validate_client_id(client_id)
    validate_body(body, has_attachments=bool(attachments))
    assert user.id is not None
    # A retry of a send that landed before a refusal (muted, locked or rate limited
    # since) still gets its original ack. Looking it up only on refusal (and on the
    # unique-constraint race below) keeps the happy path one query shorter.
    try:
        standing = await access.require(
            session=session, user=user, room_id=room_id, action=Action.post
        )
        await _check_slow_mode(session, standing)
    except DomainError:
        if landed := await _by_client_id(session, room_id, user, client_id):
            return SendResult(message=landed, duplicate=True)
        raise
    try:
        await limiter.hit(send_rate, "send", str(user.id), detail="You are sending too fast")
    except RateLimited:
        if landed := await _by_client_id(session, room_id, user, client_id):
            return SendResult(message=landed, duplicate=True)
        membership = await get_membership(session=session, room_id=room_id, user_id=user.id)
        if membership is not None:  # it can only have gone since the check above
            await note_flood_breach(
                session=session, publisher=publisher, limiter=limiter, membership=membership
            )
        raise
    if reply_to is not None:
        await check_answerable(session=session, room_id=room_id, message_id=reply_to)
    mentioned, calls_room = await mentions.resolve(session, standing, body)
    files = await claim_attachments(
        session=session, user=user, room_id=room_id, upload_ids=attachments
    )
    created_at = utcnow()
    try:
        # Core statements on the session's connection: the ORM's unit of work and
        # bulk-DML layer would double their cost, and no ORM object needs syncing.
        seq, change_seq = await changelog.next_message(session, room_id)
        connection = await session.connection()
        fields = {
            "room_id": room_id,
            "seq": seq,
            "change_seq": change_seq,
            "author_id": user.id,
            "body": body,
            "search_text": search_text(body),
            "client_id": client_id,
            "created_at": created_at,
            "reply_to_id": reply_to,
            "mentions_room": calls_room,
        }
        message_id = (await connection.execute(_INSERT_MESSAGE, fields)).scalar_one()
        assert message_id is not None
        if files:
            await _attach(session, message_id, files)
        if mentioned:
            await mentions.store(session, message_id, mentioned)
        await session.commit()
    except IntegrityError:  # the same client_id landed meanwhile (a concurrent retry)
        await session.rollback()
        existing = await _by_client_id(session, room_id, user, client_id)
        if existing is None:
            raise
        return SendResult(message=existing, duplicate=True)
    # Read the attachments after commit: processing may have finished while we attached.
    attached = (
        (await attachments_of(session=session, message_ids=[message_id])).get(message_id, [])
        if files
        else []
    )
    public = message_public(
        {
            **fields,
            "id": message_id,
            "edited_at": None,
            "deleted_at": None,
            "deleted_by": None,
            "username": user.username,
            "display_name": user.display_name,
            "avatar_key": user.avatar_key,
        },
        attached,
        quote=await _quote(session, reply_to),
        mentions=mentioned,
    )
    await publisher.publish(MessageCreated(message=public))
    return SendResult(message=public, duplicate=False)


async def _check_slow_mode(session: AsyncSession, standing: Standing) -> None:
    """Slow mode is pacing, not permission: managers are exempt, others wait."""
    if not standing.slow_mode_seconds or access.allows(standing, Action.bypass_slow_mode):
        return
    last = (
        await session.exec(
            select(func.max(Message.created_at)).where(
                Message.room_id == standing.room_id, Message.author_id == standing.user_id
            )
        )
    ).one()
    if last is None:
        return
    last = last.replace(tzinfo=UTC) if last.tzinfo is None else last
    wait = standing.slow_mode_seconds - (utcnow() - last).total_seconds()
    if wait > 0:
        raise SlowMode(
            f"Slow mode: wait {math.ceil(wait)} s before posting again",
            retry_after=math.ceil(wait),
        )


async def _attach(session: AsyncSession, message_id: int, files: Sequence[Upload]) -> None:
    # Conditional on message_id IS NULL: two sends racing for one upload cannot both win.
    positions = {upload.id: index for index, upload in enumerate(files)}
    claimed = await session.exec(
        update(Upload)
        .where(col(Upload.id).in_(list(positions)), col(Upload.message_id).is_(None))
        .values(message_id=message_id, position=sa.case(positions, value=col(Upload.id)))
    )
    if claimed.rowcount != len(files):
        await session.rollback()
        raise Invalid("This upload is already attached", field="attachments")
    for upload in files:
        upload.message_id = message_id
        upload.position = positions[upload.id]


async def _by_client_id(
    session: AsyncSession, room_id: int, author: User, client_id: str
) -> MessagePublic | None:
    statement = select(Message).where(
        Message.room_id == room_id, Message.author_id == author.id, Message.client_id == client_id
    )
    message = (await session.exec(statement)).first()
    if message is None:
        return None
    return await _public_of(session, message, author)


async def _quote(session: AsyncSession, reply_to: int | None) -> QuotedMessage | None:
    if reply_to is None:
        return None
    return (await quotes_of(session=session, message_ids=[reply_to])).get(reply_to)


async def _public_of(session: AsyncSession, message: Message, author: User) -> MessagePublic:
    """One stored message as shown: with its files, reactions and the quote it answers."""
    message_id = message.id or 0
    files = await attachments_of(session=session, message_ids=[message_id])
    emoji = await reactions_of(session=session, message_ids=[message_id])
    named = await mentions.mentions_of(session=session, message_ids=[message_id])
    return to_public(
        message,
        author,
        files.get(message_id, ()),
        emoji.get(message_id, ()),
        await _quote(session, message.reply_to_id),
        named.get(message_id, ()),
    )


async def edit_message(
    *,
    session: AsyncSession,
    publisher: Publisher,
    limiter: RateLimiter,
    edit_rate: str,
    user: User,
    message_id: int,
    body: str,
) -> MessagePublic:
    validate_body(body)
    message, author, standing = await message_for_change(session, user, message_id)
    # Editing is posting again: refused where posting is (muted, locked, removed).
    access.check_on_message(
        standing, is_author=message.author_id == user.id, own=Action.edit_own, others=None
    )
    if message.deleted_at is not None:
        raise Forbidden("This message was deleted")
    await limiter.hit(edit_rate, "edit", str(user.id), detail="You are editing too fast")
    mentioned, calls_room = await mentions.resolve(session, standing, body)
    await mentions.store(session, message_id, mentioned)
    message.mentions_room = calls_room
    message.body = body
    message.search_text = search_text(body)
    message.edited_at = utcnow()
    message.change_seq = await changelog.next_change(session, message.room_id)
    session.add(message)
    await session.commit()
    public = await _public_of(session, message, author)
    await publisher.publish(MessageEdited(message=public))
    return public


async def delete_message(
    *,
    session: AsyncSession,
    publisher: Publisher,
    store: FileStore,
    user: User,
    message_id: int,
    reason: str = "",
) -> MessagePublic:
    message, author, standing = await message_for_change(session, user, message_id)
    access.check_on_message(
        standing,
        is_author=message.author_id == user.id,
        own=Action.delete_own,
        others=Action.delete_any,
    )
    if message.deleted_at is None:
        gone = await make_tombstone(session, message, deleted_by=user.id)
        if message.author_id != user.id:
            audit.record(
                session,
                actor_id=user.id,
                action="delete_message",
                room_id=message.room_id,
                target_user_id=message.author_id,
                target_message_id=message.id,
                reason=reason,
            )
        await session.commit()
        for upload_id in gone:
            await store.delete(upload_id)
    public = to_public(message, author)
    await publisher.publish(MessageDeleted(message=public))
    return public


async def make_tombstone(
    session: AsyncSession, message: Message, *, deleted_by: int | None
) -> list[str]:
    """In the caller's transaction: the message keeps its row (and its seq, so history
    has no holes) but nothing of what it said: text, words, pin, files. Returns the
    upload ids whose files go once the caller has committed."""
    message.body = ""
    message.search_text = ""
    message.pinned_at = None
    message.pinned_by = None
    message.deleted_at = utcnow()
    message.deleted_by = deleted_by
    message.change_seq = await changelog.next_change(session, message.room_id)
    session.add(message)
    message_id = message.id or 0
    files = await attachments_of(session=session, message_ids=[message_id])
    await session.exec(delete(Upload).where(col(Upload.message_id) == message_id))
    return [upload.id for upload in files.get(message_id, ())]
