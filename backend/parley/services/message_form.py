"""A message's public form, built in one place from columns read by name.

Every path that shows a message (a send's ack, an edit, history pages, a join's
replay) selects MESSAGE_COLUMNS (or maps an ORM row to the same names) and builds the
public form here, so a new field is added once and a column can never shift.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlmodel import col

from parley.models import (
    AuthorPublic,
    Message,
    MessagePublic,
    QuotedMessage,
    ReactionPublic,
    UploadPublic,
    User,
)
from parley.models.user import avatar_url

_T = TypeVar("_T")

MESSAGE_COLUMNS: tuple[Any, ...] = (
    col(Message.id),
    col(Message.room_id),
    col(Message.seq),
    col(Message.change_seq),
    col(Message.body),
    col(Message.client_id),
    col(Message.created_at),
    col(Message.edited_at),
    col(Message.deleted_at),
    col(Message.deleted_by),
    col(Message.reply_to_id),
    col(Message.mentions_room),
    col(Message.pinned_at),
    col(Message.pinned_by),
    col(User.id).label("author_id"),
    col(User.username),
    col(User.display_name),
    col(User.avatar_key),
)


def shown_attachments(
    deleted_at: datetime | None, attachments: Sequence[UploadPublic]
) -> list[UploadPublic]:
    """A removed message takes its files out of sight with its text."""
    return [] if deleted_at else list(attachments)


def shown_reactions(
    deleted_at: datetime | None, reactions: Sequence[ReactionPublic]
) -> list[ReactionPublic]:
    """...and its reactions: nobody reacts to a tombstone."""
    return [] if deleted_at else list(reactions)


def fields_of(message: Message, author: User) -> dict[str, Any]:
    """An ORM message and its author under MESSAGE_COLUMNS' names."""
    return {
        "id": message.id,
        "room_id": message.room_id,
        "seq": message.seq,
        "change_seq": message.change_seq,
        "body": message.body,
        "client_id": message.client_id,
        "created_at": message.created_at,
        "edited_at": message.edited_at,
        "deleted_at": message.deleted_at,
        "deleted_by": message.deleted_by,
        "reply_to_id": message.reply_to_id,
        "mentions_room": message.mentions_room,
        "pinned_at": message.pinned_at,
        "pinned_by": message.pinned_by,
        "author_id": author.id,
        "username": author.username,
        "display_name": author.display_name,
        "avatar_key": author.avatar_key,
    }


def public_form(
    fields: Mapping[str, Any],
    attachments: Sequence[UploadPublic],
    reactions: Sequence[ReactionPublic] = (),
    quote: QuotedMessage | None = None,
    mentions: Sequence[int] = (),
    *,
    message: Callable[..., _T],
    author: Callable[..., Any],
) -> _T:
    """The public form from named fields. `message` and `author` are the models'
    model_construct (the values come from the database or were validated on the way
    in), or dict, for JSON straight away: pydantic-core serialises both the same."""
    deleted_at = fields["deleted_at"]
    return message(
        id=fields["id"],
        room_id=fields["room_id"],
        seq=fields["seq"],
        change_seq=fields["change_seq"],
        author=author(
            id=fields["author_id"],
            username=fields["username"],
            display_name=fields["display_name"],
            avatar_url=avatar_url(fields["author_id"], fields["avatar_key"]),
        ),
        body=fields["body"],
        client_id=fields["client_id"],
        created_at=fields["created_at"],
        edited_at=fields["edited_at"],
        deleted_at=deleted_at,
        deleted_by=fields["deleted_by"],
        attachments=shown_attachments(deleted_at, attachments),
        reactions=shown_reactions(deleted_at, reactions),
        # A tombstone quotes nothing either: it shows no text of its own.
        reply_to=None if deleted_at else quote,
        mentions=[] if deleted_at else list(mentions),
        mentions_room=bool(fields["mentions_room"]) and not deleted_at,
        # A new message (its fields straight from the send) is not pinned yet.
        pinned_at=fields.get("pinned_at"),
        pinned_by=fields.get("pinned_by"),
    )


def message_public(
    fields: Mapping[str, Any],
    attachments: Sequence[UploadPublic] = (),
    reactions: Sequence[ReactionPublic] = (),
    quote: QuotedMessage | None = None,
    mentions: Sequence[int] = (),
) -> MessagePublic:
    return public_form(
        fields,
        attachments,
        reactions,
        quote,
        mentions,
        message=MessagePublic.model_construct,
        author=AuthorPublic.model_construct,
    )


def to_public(
    message: Message,
    author: User,
    attachments: Sequence[UploadPublic] = (),
    reactions: Sequence[ReactionPublic] = (),
    quote: QuotedMessage | None = None,
    mentions: Sequence[int] = (),
) -> MessagePublic:
    return message_public(fields_of(message, author), attachments, reactions, quote, mentions)
