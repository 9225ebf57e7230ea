"""Web Push end to end: a mention or a DM reaches the browsers of people with no socket
open, through a push service on this machine that checks the VAPID signature and
decrypts the payload; notification levels and mute decide who gets one; a subscription the
push service calls gone is deleted; endpoints outside the allow-list are refused."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from py_vapid import Vapid02

from parley.settings import Settings
from tests.conftest import RunningServer, make_settings
from tests.moderation.helpers import Person, person
from tests.pushservice import PushService
from tests.wsclient import WsClient, create_room, join_room, send_message


def _vapid_pem() -> str:
    key = Vapid02()
    key.generate_keys()
    return bytes(key.private_pem()).decode()


VAPID_PEM = _vapid_pem()
_KEYS = {"p256dh": "B" * 87, "auth": "A" * 22}


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(
        database_url,
        tmp_path,
        vapid_private_key=VAPID_PEM,
        push_endpoint_hosts=["127.0.0.1"],
    )


async def _public_key(client: httpx.AsyncClient) -> str:
    key: str = (await client.get("/api/config")).json()["push_public_key"]
    assert key
    return key


async def _subscribe(client: httpx.AsyncClient, who: Person, subscription: dict[str, Any]) -> None:
    response = await client.post("/api/push/subscriptions", json=subscription, headers=who.headers)
    assert response.status_code == 204, response.text


async def _author_socket(server: RunningServer, who: Person, room_id: int) -> WsClient:
    socket = await WsClient.open(server.base_url)
    await socket.auth(who.token)
    await socket.join(room_id)
    return socket


async def test_a_dm_and_a_mention_reach_an_offline_browser_decrypted(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob = await person(client), await person(client)
    async with PushService(await _public_key(client)) as service:
        phone = service.device("bob-phone")
        await _subscribe(client, bob, phone.subscription())

        direct = await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=alice.headers)
        dm = direct.json()
        alices = await _author_socket(server, alice, dm["id"])
        sent = await send_message(alices, dm["id"], "lunch at **noon**?")
        push = await phone.next_push()
        assert push == {
            "title": sent["author"]["display_name"],
            "body": "lunch at **noon**?",
            "room": dm["id"],
            "seq": sent["seq"],
            "url": f"/rooms/{dm['id']}?message={sent['seq']}",
            "tag": f"room-{dm['id']}",
        }

        room = await create_room(client, alice.token, name="Planning")
        await join_room(client, bob.token, room["id"])
        await alices.join(room["id"])
        # Rooms notify of mentions only by default: this one is not for Bob's phone.
        await send_message(alices, room["id"], "anyone around?")
        named = await send_message(alices, room["id"], f"<@{bob.id}> can you   look?")
        push = await phone.next_push()
        assert push["seq"] == named["seq"] and push["room"] == room["id"]
        assert push["body"] == f"@{bob.username} can you look?"
        assert push["title"].endswith("· #Planning")
        assert service.refused == []
        await alices.close()


async def test_no_push_while_a_socket_is_open_or_when_the_room_is_muted(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob, carol = await person(client), await person(client), await person(client)
    room = await create_room(client, alice.token, name="Quiet")
    for member in (bob, carol):
        await join_room(client, member.token, room["id"])
    async with PushService(await _public_key(client)) as service:
        laptop = service.device("bob-laptop")
        await _subscribe(client, bob, laptop.subscription())
        # Carol's pushes mark the queue's progress: pushes are decided in order, and each
        # decision reads the settings as they are then, so a step waits for her push
        # before Bob changes his settings again.
        sentinel = service.device("carol-phone")
        await _subscribe(client, carol, sentinel.subscription())
        alices = await _author_socket(server, alice, room["id"])

        async def decided() -> None:
            mark = await send_message(alices, room["id"], f"<@{carol.id}> step")
            assert (await sentinel.next_push())["seq"] == mark["seq"]

        bobs = await WsClient.open(server.base_url)
        await bobs.auth(bob.token)
        while bob.id not in (await _online(client, alice, room["id"])):
            await asyncio.sleep(0.05)
        await send_message(alices, room["id"], f"<@{bob.id}> seen it here")
        await decided()
        await bobs.close()
        while bob.id in (await _online(client, alice, room["id"])):
            await asyncio.sleep(0.05)

        muted = await client.put(
            f"/api/rooms/{room['id']}/notifications",
            json={"level": "all", "muted": True},
            headers=bob.headers,
        )
        assert muted.json() == {"level": "all", "muted": True, "is_default": False}
        await send_message(alices, room["id"], f"<@{bob.id}> muted")
        await decided()
        assert laptop.hits == 0

        everything = await client.put(
            f"/api/rooms/{room['id']}/notifications",
            json={"level": "all", "muted": False},
            headers=bob.headers,
        )
        assert everything.status_code == 200
        plain = await send_message(alices, room["id"], "no mention, level all")
        push = await laptop.next_push()
        assert push["seq"] == plain["seq"]
        assert laptop.hits == 1

        nothing = await client.put(
            f"/api/rooms/{room['id']}/notifications",
            json={"level": "nothing"},
            headers=bob.headers,
        )
        assert nothing.json()["level"] == "nothing"
        await send_message(alices, room["id"], f"<@{bob.id}> level nothing")
        await decided()
        back = await client.put(
            f"/api/rooms/{room['id']}/notifications", json={"level": None}, headers=bob.headers
        )
        assert back.json() == {"level": "mentions", "muted": False, "is_default": True}
        last = await send_message(alices, room["id"], f"<@{bob.id}> default again")
        assert (await laptop.next_push())["seq"] == last["seq"]
        assert laptop.hits == 2
        await alices.close()


async def _online(client: httpx.AsyncClient, who: Person, room_id: int) -> set[int]:
    members = await client.get(f"/api/rooms/{room_id}/members", headers=who.headers)
    return {member["user_id"] for member in members.json() if member["online"]}


async def test_a_subscription_the_push_service_calls_gone_is_deleted(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob = await person(client), await person(client)
    dm = (await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=alice.headers)).json()
    async with PushService(await _public_key(client)) as service:
        old = service.device("bob-old")
        old.status = 410
        new = service.device("bob-new")
        await _subscribe(client, bob, old.subscription())
        await _subscribe(client, bob, new.subscription())
        alices = await _author_socket(server, alice, dm["id"])
        await send_message(alices, dm["id"], "one")
        await new.next_push()
        await old.called(1)
        second = await send_message(alices, dm["id"], "two")
        assert (await new.next_push())["seq"] == second["seq"]
        assert old.hits == 1  # deleted after its 410: never asked again
        await alices.close()


async def test_notification_settings_follow_on_every_tab_and_stay_with_the_member(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob, stranger = await person(client), await person(client), await person(client)
    room = await create_room(client, alice.token, name="Settings")
    await join_room(client, bob.token, room["id"])
    listed = (await client.get(f"/api/rooms/{room['id']}", headers=bob.headers)).json()
    assert listed["notifications"] == {"level": "mentions", "muted": False, "is_default": True}
    dm = (await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=alice.headers)).json()
    assert dm["notifications"]["level"] == "all"

    other_tab = await WsClient.open(server.base_url)
    await other_tab.auth(bob.token)
    changed = await client.put(
        f"/api/rooms/{room['id']}/notifications",
        json={"level": "nothing", "muted": True},
        headers=bob.headers,
    )
    assert changed.status_code == 200
    frame = await other_tab.recv_type("notifications")
    assert frame["room"] == room["id"]
    assert frame["settings"] == {"level": "nothing", "muted": True, "is_default": False}
    again = (await client.get(f"/api/rooms/{room['id']}", headers=bob.headers)).json()
    assert again["notifications"] == frame["settings"]
    await other_tab.close()

    # Only a member has settings: someone outside the room is refused, not stored.
    refused = await client.put(
        f"/api/rooms/{room['id']}/notifications", json={"level": "all"}, headers=stranger.headers
    )
    assert refused.status_code == 403, refused.text
    private = await create_room(client, alice.token, name="Hidden", is_private=True)
    hidden = await client.put(
        f"/api/rooms/{private['id']}/notifications", json={"level": "all"}, headers=bob.headers
    )
    assert hidden.status_code == 404
    bad = await client.put(
        f"/api/rooms/{room['id']}/notifications", json={"level": "loud"}, headers=bob.headers
    )
    assert bad.status_code == 422


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://evil.example/push/1",
        "http://127.0.0.1.evil.example/push/1",
        "https://user:pw@127.0.0.1/push",
        "ftp://127.0.0.1/push",
        "http://127.0.0.1:99999/push",
        "not a url at all",
    ],
)
async def test_endpoints_outside_the_allow_list_are_refused(
    client: httpx.AsyncClient, server: RunningServer, endpoint: str
) -> None:
    bob = await person(client)
    subscription = {"endpoint": endpoint, "keys": _KEYS}
    response = await client.post("/api/push/subscriptions", json=subscription, headers=bob.headers)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "keys",
    [{"p256dh": "not base64!", "auth": "A" * 22}, {"p256dh": "B" * 87}, {}],
)
async def test_malformed_subscription_keys_are_422(
    client: httpx.AsyncClient, server: RunningServer, keys: dict[str, str]
) -> None:
    bob = await person(client)
    response = await client.post(
        "/api/push/subscriptions",
        json={"endpoint": "http://127.0.0.1:9/push/x", "keys": keys},
        headers=bob.headers,
    )
    assert response.status_code == 422


@pytest.mark.parametrize("path", ["/api/push/subscriptions", "/api/push/subscriptions/remove"])
async def test_a_nul_in_an_endpoint_is_422_on_both_databases(
    client: httpx.AsyncClient, server: RunningServer, path: str
) -> None:
    bob = await person(client)
    body = {"endpoint": "http://127.0.0.1:9/push/\u0000x", "keys": _KEYS}
    response = await client.post(path, json=body, headers=bob.headers)
    assert response.status_code == 422, response.text
    assert "NUL" in response.text


async def test_a_removed_subscription_gets_nothing_and_pushing_needs_an_account(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob = await person(client), await person(client)
    anonymous = await client.post(
        "/api/push/subscriptions",
        json={
            "endpoint": "http://127.0.0.1:9/push/x",
            "keys": {"p256dh": "B" * 87, "auth": "A" * 22},
        },
    )
    assert anonymous.status_code == 401
    dm = (await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=alice.headers)).json()
    async with PushService(await _public_key(client)) as service:
        gone, kept = service.device("bob-gone"), service.device("bob-kept")
        await _subscribe(client, bob, gone.subscription())
        await _subscribe(client, bob, kept.subscription())
        removed = await client.post(
            "/api/push/subscriptions/remove",
            json={"endpoint": gone.endpoint},
            headers=bob.headers,
        )
        assert removed.status_code == 204
        alices = await _author_socket(server, alice, dm["id"])
        sent = await send_message(alices, dm["id"], "still there?")
        assert (await kept.next_push())["seq"] == sent["seq"]
        assert gone.hits == 0
        await alices.close()
