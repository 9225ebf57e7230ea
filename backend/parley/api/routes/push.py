"""This browser's Web Push subscription: register it once notifications are allowed,
remove it on sign-out or when the user turns pushes off."""

from __future__ import annotations

from fastapi import APIRouter, status

from parley.api.deps import CurrentUser, SessionDep, SettingsDep
from parley.api.errors import error_responses
from parley.models import PushSubscriptionCreate, PushSubscriptionRemove
from parley.services import push

router = APIRouter(prefix="/api/push", tags=["push"], responses=error_responses(401, 422))


@router.post("/subscriptions", status_code=status.HTTP_204_NO_CONTENT)
async def subscribe(
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
    subscription: PushSubscriptionCreate,
) -> None:
    """PushSubscription.toJSON() of this browser: its mentions and DMs arrive as pushes
    while none of the user's tabs is open. Registering the same endpoint again updates it."""
    await push.subscribe(
        session=session,
        user=user,
        subscription=subscription,
        allowed_hosts=settings.push_endpoint_hosts,
    )


@router.post("/subscriptions/remove", status_code=status.HTTP_204_NO_CONTENT)
async def unsubscribe(
    session: SessionDep, user: CurrentUser, subscription: PushSubscriptionRemove
) -> None:
    """Stop pushing to this endpoint (a body, not a path: endpoints are long URLs)."""
    await push.unsubscribe(session=session, user=user, endpoint=subscription.endpoint)
