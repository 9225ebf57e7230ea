"""A room with one person of each rank, for permission tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.factories import bearer, signup_and_login
from tests.wsclient import create_room, join_room


@dataclass
class Person:
    id: int
    username: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)


@dataclass
class Cast:
    admin: Person
    owner: Person
    moderator: Person
    member: Person
    other_member: Person
    room: dict[str, Any]

    def by_role(self, role: str) -> Person:
        person: Person = getattr(self, role)
        return person


async def person(client: httpx.AsyncClient) -> Person:
    user, token = await signup_and_login(client)
    return Person(id=int(str(user["id"])), username=str(user["username"]), token=token)


async def moderate(
    client: httpx.AsyncClient, actor: Person, room_id: int, action: str, target: int, **extra: Any
) -> httpx.Response:
    return await client.post(
        f"/api/rooms/{room_id}/moderation",
        json={"action": action, "user_id": target, "reason": "test", **extra},
        headers=actor.headers,
    )


async def cast(client: httpx.AsyncClient) -> Cast:
    admin = await person(client)  # the first account is the site admin
    owner = await person(client)
    moderator = await person(client)
    member = await person(client)
    other_member = await person(client)
    room = await create_room(client, owner.token, name="Town square")
    for someone in (moderator, member, other_member):
        await join_room(client, someone.token, room["id"])
    promoted = await moderate(client, owner, room["id"], "promote", moderator.id)
    assert promoted.status_code == 204, promoted.text
    return Cast(admin, owner, moderator, member, other_member, room)
