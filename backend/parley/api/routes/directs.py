"""Direct messages: start one, or find the one these people already have."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from parley.api.deps import CurrentUser, LimiterDep, PublisherDep, SessionDep, SettingsDep
from parley.api.errors import error_responses
from parley.models import DirectCreate, RoomPublic
from parley.services import direct

router = APIRouter(prefix="/api/dms", tags=["directs"], responses=error_responses(401, 422, 429))


@router.post("", responses={status.HTTP_201_CREATED: {"model": RoomPublic}})
async def open_direct(
    session: SessionDep,
    publisher: PublisherDep,
    limiter: LimiterDep,
    settings: SettingsDep,
    user: CurrentUser,
    direct_create: DirectCreate,
    response: Response,
) -> RoomPublic:
    """The direct message of me and `user_ids` (1 to 7 others): 201 when started now,
    200 when these people already had one. Its `id` is a room id for everything else."""
    room, started = await direct.open_direct(
        session=session,
        publisher=publisher,
        limiter=limiter,
        create_rate=settings.direct_create_rate_limit,
        user=user,
        user_ids=direct_create.user_ids,
    )
    if started:
        response.status_code = status.HTTP_201_CREATED
    return room
