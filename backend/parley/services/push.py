"""Web Push subscriptions: one per browser (its endpoint), owned by the signed-in user.

The server POSTs to whatever endpoint a browser registered, so the endpoint is checked
first: HTTPS to a push service on the allow-list (PARLEY_PUSH_ENDPOINT_HOSTS), never an
arbitrary address inside the deployment's network. Plain HTTP only to a loopback host that
is on the list itself (a test's local push service).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Collection, Sequence
from urllib.parse import urlsplit

from sqlmodel import col, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.errors import Invalid
from parley.models import PushSubscription, PushSubscriptionCreate, User
from parley.models.base import utcnow

_LOOPBACK_NAMES = frozenset({"localhost"})
# A user signs in on a handful of devices; more is a script filling the table.
SUBSCRIPTIONS_PER_USER_MAX = 20


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _allowed_host(host: str, allowed: Collection[str]) -> bool:
    return any(host == entry or host.endswith("." + entry) for entry in allowed)


def check_endpoint(endpoint: str, allowed_hosts: Collection[str]) -> str:
    """The endpoint if the server may POST to it; Invalid (422) otherwise."""
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as exc:
        raise Invalid("Not a push endpoint URL", field="endpoint") from exc
    if parts.username is not None or parts.password is not None or not host:
        raise Invalid("Not a push endpoint URL", field="endpoint")
    if not _allowed_host(host, allowed_hosts):
        raise Invalid("This push service is not allowed here", field="endpoint")
    if parts.scheme != "https" and not (parts.scheme == "http" and _is_loopback(host)):
        raise Invalid("Push endpoints must use HTTPS", field="endpoint")
    return endpoint


async def subscribe(
    *,
    session: AsyncSession,
    user: User,
    subscription: PushSubscriptionCreate,
    allowed_hosts: Collection[str],
) -> None:
    """Keep this browser's subscription for `user`. An endpoint is one browser profile:
    if someone else signed in on it before, it is theirs no longer."""
    assert user.id is not None
    endpoint = check_endpoint(subscription.endpoint, allowed_hosts)
    existing = (
        await session.exec(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    ).first()
    if existing is None:
        count = (
            await session.exec(select(func.count()).where(col(PushSubscription.user_id) == user.id))
        ).one()
        if count >= SUBSCRIPTIONS_PER_USER_MAX:
            raise Invalid(
                f"At most {SUBSCRIPTIONS_PER_USER_MAX} devices get notifications: remove one first"
            )
        existing = PushSubscription(user_id=user.id, endpoint=endpoint, p256dh="", auth="")
    existing.user_id = user.id
    existing.p256dh = subscription.keys.p256dh
    existing.auth = subscription.keys.auth
    existing.created_at = utcnow()
    session.add(existing)
    await session.commit()


async def unsubscribe(*, session: AsyncSession, user: User, endpoint: str) -> None:
    """Stop pushing to this browser (idempotent: an unknown endpoint is already gone)."""
    await session.exec(
        delete(PushSubscription).where(
            col(PushSubscription.endpoint) == endpoint, col(PushSubscription.user_id) == user.id
        )
    )
    await session.commit()


async def subscriptions_of(
    *, session: AsyncSession, user_ids: Collection[int]
) -> Sequence[PushSubscription]:
    if not user_ids:
        return []
    statement = select(PushSubscription).where(col(PushSubscription.user_id).in_(list(user_ids)))
    return (await session.exec(statement)).all()


async def forget(*, session: AsyncSession, subscription_ids: Collection[int]) -> None:
    """The push service said these subscriptions are gone (404/410): drop them."""
    if not subscription_ids:
        return
    await session.exec(
        delete(PushSubscription).where(col(PushSubscription.id).in_(list(subscription_ids)))
    )
    await session.commit()


async def mark_sent(*, session: AsyncSession, subscription_ids: Collection[int]) -> None:
    if not subscription_ids:
        return
    now = utcnow()
    for row in (
        await session.exec(
            select(PushSubscription).where(col(PushSubscription.id).in_(list(subscription_ids)))
        )
    ).all():
        row.last_sent_at = now
        session.add(row)
    await session.commit()
