"""Sign-up control (issue step 11, point 3): open / invite / closed as an admin switch,
invite links to the site or a room with expiry and a use limit, revocable, audited."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import RunningServer
from tests.factories import DEFAULT_PASSWORD, unique_username
from tests.moderation.helpers import Person, person
from tests.wsclient import create_room


async def _signup(client: httpx.AsyncClient, invite: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"username": unique_username(), "password": DEFAULT_PASSWORD}
    if invite is not None:
        body["invite"] = invite
    return await client.post("/api/auth/signup", json=body)


async def _mode(client: httpx.AsyncClient, admin: Person, mode: str) -> None:
    changed = await client.patch(
        "/api/admin/settings", json={"signup": mode}, headers=admin.headers
    )
    assert changed.status_code == 200, changed.text
    assert changed.json() == {"signup": mode}


async def _invite(client: httpx.AsyncClient, who: Person, **body: Any) -> httpx.Response:
    return await client.post("/api/invites", json=body, headers=who.headers)


async def test_closed_sign_up_lets_in_only_whoever_has_an_admins_invite(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    admin, member = await person(client), await person(client)
    assert (await client.get("/api/admin/settings", headers=admin.headers)).json() == {
        "signup": "open"
    }
    assert (await client.get("/api/admin/settings", headers=member.headers)).status_code == 403
    await _mode(client, admin, "closed")
    refused = await _signup(client)
    assert refused.status_code == 403 and "closed" in refused.text

    assert (await _invite(client, member, max_uses=1)).status_code == 403
    made = await _invite(client, admin, max_uses=2, expires_in_hours=24)
    assert made.status_code == 201, made.text
    invite = made.json()
    assert invite["link"] == f"/invite/{invite['token']}" and invite["uses"] == 0
    check = await client.get(f"/api/invites/check/{invite['token']}")
    assert check.json() == {"valid": True, "room_name": None, "signup": "closed"}
    assert (await _signup(client, invite["token"])).status_code == 201
    assert (await _signup(client, invite["token"])).status_code == 201
    used_up = await _signup(client, invite["token"])
    assert used_up.status_code == 422, used_up.text
    assert (await client.get(f"/api/invites/check/{invite['token']}")).json()["valid"] is False

    other = (await _invite(client, admin)).json()
    revoked = await client.delete(f"/api/invites/{other['id']}", headers=admin.headers)
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    assert (await _signup(client, other["token"])).status_code == 422
    assert (await _signup(client, "x" * 30)).status_code == 422

    listed = await client.get("/api/invites", headers=admin.headers)
    assert [i["id"] for i in listed.json()] == [other["id"], invite["id"]]
    assert listed.json()[1]["uses"] == 2 and "token" not in listed.json()[1]
    audit = (await client.get("/api/admin/audit", headers=admin.headers)).json()
    actions = [entry["action"] for entry in audit]
    assert {"set_signup", "create_invite", "revoke_invite"} <= set(actions)
    assert (await client.patch(
        "/api/admin/settings", json={"signup": "sometimes"}, headers=admin.headers
    )).status_code == 422  # fmt: skip


async def test_a_room_invite_lets_people_in_and_into_the_room(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    admin, owner, outsider = await person(client), await person(client), await person(client)
    room = await create_room(client, owner.token, name="Hideout", is_private=True)
    await _mode(client, admin, "invite")
    assert (await _signup(client)).status_code == 403
    assert (await _invite(client, outsider, room_id=room["id"])).status_code == 404
    made = (await _invite(client, owner, room_id=room["id"], max_uses=5)).json()
    check = await client.get(f"/api/invites/check/{made['token']}")
    assert check.json() == {"valid": True, "room_name": "Hideout", "signup": "invite"}

    created = await _signup(client, made["token"])
    assert created.status_code == 201, created.text
    login = await client.post(
        "/api/auth/login",
        data={"username": created.json()["username"], "password": DEFAULT_PASSWORD},
    )
    newcomer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    inside = await client.get(f"/api/rooms/{room['id']}", headers=newcomer)
    assert inside.status_code == 200 and inside.json()["my_role"] == "member"

    # Someone with an account follows the link: they join the private room.
    joined = await client.post(f"/api/invites/accept/{made['token']}", headers=outsider.headers)
    assert joined.status_code == 200, joined.text
    assert joined.json()["id"] == room["id"]
    listed = await client.get("/api/invites", params={"room_id": room["id"]}, headers=owner.headers)
    assert listed.json()[0]["uses"] == 2

    # Closed: a room invite no longer makes accounts (an admin's site invite does).
    await _mode(client, admin, "closed")
    assert (await _signup(client, made["token"])).status_code == 403
    assert (
        await client.post("/api/invites/accept/short", headers=owner.headers)
    ).status_code == 422
