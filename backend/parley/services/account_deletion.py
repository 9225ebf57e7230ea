"""Deleting an account (issue step 11, point 4), by its owner or a site admin.

The person goes; the conversations they were part of stay whole. Their user row is kept
under a placeholder ("Deleted user", a username nobody can sign in with) so that
history, replies and the audit log keep pointing at someone, and the choice is what
happens to their messages: `keep` leaves them under "Deleted user"; `erase` makes each
one a tombstone (text, files, pins gone; every room hears it, like any deletion).
Everything else of theirs goes at once: sign-ins (sockets close), memberships, push
subscriptions, avatar, their uploads' files.
"""

from __future__ import annotations

import secrets

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Forbidden, NotFound
from parley.events import MemberChanged, MessageDeleted, Publisher, SessionsEnded
from parley.models import Membership, Message, PushSubscription, User
from parley.models.user import AccountDeletion, MessagesChoice, OwnAccountDeletion
from parley.services import access, audit, auth, passwords
from parley.services.message_form import to_public
from parley.services.messages import make_tombstone
from parley.storage import FileStore

DELETED_NAME = "Deleted user"


async def delete_own_account(
    *,
    session: AsyncSession,
    publisher: Publisher,
    store: FileStore,
    user: User,
    request: OwnAccountDeletion,
) -> None:
    if not await passwords.verify(request.password, user.password_hash):
        raise Forbidden("The password is not right")
    if user.is_admin:
        raise Forbidden("A site admin's account cannot be deleted: hand the role over first")
    await _delete(session, publisher, store, user, request.messages, actor_id=user.id)


async def delete_account(
    *,
    session: AsyncSession,
    publisher: Publisher,
    store: FileStore,
    actor: User,
    user_id: int,
    request: AccountDeletion,
) -> None:
    access.require_site_admin(actor)
    target = await session.get(User, user_id)
    if target is None or target.id is None:
        raise NotFound("User not found")
    if target.id == actor.id or target.is_admin:
        raise Forbidden("Site admins cannot be deleted: change their role first")
    await _delete(session, publisher, store, target, request.messages, actor_id=actor.id)


async def _delete(
    session: AsyncSession,
    publisher: Publisher,
    store: FileStore,
    user: User,
    choice: MessagesChoice,
    *,
    actor_id: int | None,
) -> None:
    assert user.id is not None
    user_id = user.id
    room_ids = list(
        (await session.exec(select(Membership.room_id).where(Membership.user_id == user_id))).all()
    )
    erased: list[Message] = []
    gone_files: list[str] = []
    if choice is MessagesChoice.erase:
        standing = (
            await session.exec(
                select(Message).where(
                    col(Message.author_id) == user_id, col(Message.deleted_at).is_(None)
                )
            )
        ).all()
        for message in standing:
            gone_files += await make_tombstone(session, message, deleted_by=user_id)
            erased.append(message)
    old_avatar = user.avatar_key
    username_before = user.username
    user.username = f"deleted-{user_id}"
    user.set_display_name(DELETED_NAME)
    # A hash of a secret nobody keeps: no password signs in as it, and login checks it
    # like any other (no special case to get wrong).
    user.password_hash = await passwords.hash_new(secrets.token_urlsafe(32))
    user.avatar_key = None
    user.is_disabled = True
    user.read_receipts = False
    session.add(user)
    await auth.end_every_sign_in(session=session, user=user)
    await session.exec(delete(Membership).where(col(Membership.user_id) == user_id))
    await session.exec(delete(PushSubscription).where(col(PushSubscription.user_id) == user_id))
    audit.record(
        session,
        actor_id=actor_id if actor_id != user_id else None,
        action="delete_account",
        target_user_id=user_id,
        details={"messages": choice.value, "username": username_before},
    )
    await session.commit()
    await publisher.publish(SessionsEnded(user_id=user_id, session_id=None))
    for room_id in room_ids:
        await publisher.publish(MemberChanged(room_id=room_id, user_id=user_id, action="left"))
    for message in erased:
        await publisher.publish(MessageDeleted(message=to_public(message, user)))
    for upload_id in gone_files:
        await store.delete(upload_id)
    if old_avatar is not None:
        await store.delete(old_avatar)
