"""`access.require_each_of_many` (the standings of joins arriving together, read in four
queries) decides exactly as `access.require_each` does user by user: one rule, two ways
to read its inputs, compared on every rank and moderation state and every action."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import update
from sqlmodel import col

from parley.errors import DomainError
from parley.models import RoomBan, User
from parley.services import access
from parley.services.access import Action, Standing
from parley.services.runtime import Runtime
from tests.conftest import RunningServer
from tests.moderation.helpers import cast, moderate, person
from tests.moderation.test_timed_bans import PAST
from tests.wsclient import create_room, join_room


def _comparable(outcome: Standing | DomainError) -> Any:
    if isinstance(outcome, DomainError):
        return (type(outcome).__name__, outcome.detail, getattr(outcome, "reason", None))
    return outcome


async def test_many_users_at_once_decide_as_one_at_a_time(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    people = await cast(client)
    room_id = people.room["id"]
    secret = await create_room(client, people.owner.token, name="Secret", is_private=True)
    banned, lapsed, kicked, muted, outsider = [await person(client) for _ in range(5)]
    for someone in (banned, lapsed, kicked, muted):
        await join_room(client, someone.token, room_id)
    for action, target, extra in [
        ("ban", banned, {}),
        ("ban", lapsed, {"duration_seconds": 3600}),
        ("kick", kicked, {}),
        ("mute", muted, {}),
    ]:
        done = await moderate(client, people.owner, room_id, action, target.id, **extra)
        assert done.status_code == 204, done.text
    runtime: Runtime = server.app.state.parley
    async with runtime.sessions() as session:
        await session.exec(
            update(RoomBan).where(col(RoomBan.user_id) == lapsed.id).values(expires_at=PAST)
        )
        await session.commit()
    everyone = [
        people.admin, people.owner, people.moderator, people.member,
        banned, lapsed, kicked, muted, outsider,
    ]  # fmt: skip
    rooms = [room_id, secret["id"], 999_999]
    async with runtime.sessions() as session:
        users = [await session.get(User, someone.id) for someone in everyone]
        requests = [(user, rooms) for user in users if user is not None]
        assert len(requests) == len(everyone)
        for action in Action:
            together = await access.require_each_of_many(
                session=session, requests=requests, action=action
            )
            for (user, wanted), many in zip(requests, together, strict=True):
                one = await access.require_each(
                    session=session, user=user, room_ids=wanted, action=action
                )
                assert {r: _comparable(o) for r, o in many.items()} == {
                    r: _comparable(o) for r, o in one.items()
                }, (action, user.username)
        # The states under test really are there: a ban refused, the lapsed one not.
        read = await access.require_each_of_many(
            session=session, requests=requests, action=Action.read
        )
    outcomes = read
    assert isinstance(outcomes[4][room_id], DomainError)  # banned
    assert isinstance(outcomes[5][room_id], Standing)  # the lapsed ban
    assert isinstance(outcomes[8][secret["id"]], DomainError)  # an outsider, a private room
    assert all(isinstance(o[999_999], DomainError) for o in outcomes)
