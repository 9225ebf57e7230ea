"""The room on screen is always the server's: presence after a late join, a ban across a
reload, an unban, a deleted room, a refused send, and a long offline backlog.

Set-up (rooms, bans, slow mode) goes over the REST API; what is checked is the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import BrowserContext, Locator, Page, expect

from conftest import Account, NewContext
from journeys import log_in
from rooms import auth_headers, create_room, find_message, join_room, open_room, send


def _desktop(new_context: NewContext) -> BrowserContext:
    return new_context(viewport={"width": 1280, "height": 800})


def _user_id(api: httpx.Client, account: Account) -> int:
    response = api.get("/api/users/me", headers=auth_headers(api, account))
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def _moderate(
    api: httpx.Client, actor: Account, room_id: int, action: str, **fields: object
) -> None:
    response = api.post(
        f"/api/rooms/{room_id}/moderation",
        json={"action": action, **fields},
        headers=auth_headers(api, actor),
    )
    assert response.status_code == 204, response.text


def _signed_in_home(context: BrowserContext, account: Account) -> Page:
    page = context.new_page()
    page.goto("/")
    log_in(page, username=account.username, password=account.password)
    expect(page.get_by_role("heading", name=re.compile("^Welcome"))).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Connecting")).to_have_count(0)
    return page


def _member_row(page: Page, account: Account) -> Locator:
    drawer = page.get_by_role("dialog", name="Members")
    return drawer.get_by_role("listitem").filter(has_text=f"@{account.username}")


def test_a_member_who_joins_later_shows_online(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    alice_page = open_room(_desktop(new_context), alice, room_id)

    # Bob is online (his socket is up) before he becomes a member of Alice's room.
    bob_page = _signed_in_home(_desktop(new_context), bob)
    join_room(api, bob, room_id)
    # In-app navigation: a page load would reconnect and announce him afresh.
    bob_page.locator(f'nav a[href="/rooms/{room_id}"]').click()
    send(bob_page, "hello from the newcomer")
    expect(find_message(alice_page, "hello from the newcomer")).to_have_count(1)

    alice_page.get_by_role("button", name=re.compile(r"^Show members")).click()
    expect(_member_row(alice_page, bob)).to_contain_text("Online")

    # And he goes offline (and out of the list) when he leaves.
    response = api.post(f"/api/rooms/{room_id}/leave", headers=auth_headers(api, bob))
    assert response.status_code == 204, response.text
    expect(_member_row(alice_page, bob)).to_have_count(0)


def test_banned_member_reloads_and_still_sees_the_ban(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    bob_page = open_room(_desktop(new_context), bob, room_id)

    _moderate(api, alice, room_id, "ban", user_id=_user_id(api, bob), reason="kept going")
    expect(bob_page.get_by_test_id("room-standing")).to_contain_text("kept going")

    bob_page.reload()
    standing = bob_page.get_by_test_id("room-standing")
    expect(standing).to_contain_text("You were banned from this room")
    expect(standing).to_contain_text("kept going")
    expect(bob_page.get_by_role("button", name="Join room")).to_have_count(0)
    expect(bob_page.get_by_label("Message", exact=True)).to_have_count(0)
    expect(bob_page.get_by_label("Loading")).to_have_count(0)


def test_unbanned_after_a_reload_rejoins_and_posts(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    alice_page = open_room(_desktop(new_context), alice, room_id)
    bob_page = open_room(_desktop(new_context), bob, room_id)
    send(alice_page, "before the ban")
    expect(find_message(bob_page, "before the ban")).to_have_count(1)

    bob_id = _user_id(api, bob)
    _moderate(api, alice, room_id, "ban", user_id=bob_id, reason="cool off")
    expect(bob_page.get_by_test_id("room-standing")).to_be_visible()
    bob_page.reload()
    expect(bob_page.get_by_role("heading", level=1)).to_be_visible()

    _moderate(api, alice, room_id, "unban", user_id=bob_id)
    bob_page.get_by_role("button", name="Join room").click()
    expect(bob_page.get_by_test_id("room-standing")).to_have_count(0)
    expect(find_message(bob_page, "before the ban")).to_have_count(1)
    expect(bob_page.get_by_label("Loading")).to_have_count(0)

    send(bob_page, "back after the unban")
    expect(find_message(bob_page, "back after the unban")).to_have_count(1)
    expect(find_message(alice_page, "back after the unban")).to_have_count(1)
    send(alice_page, "welcome back")
    expect(find_message(bob_page, "welcome back")).to_have_count(1)


def test_a_deleted_room_closes_for_a_member_looking_at_it(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    bob_page = open_room(_desktop(new_context), bob, room_id)

    response = api.delete(f"/api/rooms/{room_id}", headers=auth_headers(api, alice))
    assert response.status_code == 204, response.text

    expect(bob_page.get_by_role("alert").filter(has_text="This room was deleted")).to_be_visible()
    expect(bob_page.get_by_label("Message", exact=True)).to_have_count(0)
    expect(bob_page.locator(f'nav a[href="/rooms/{room_id}"]')).to_have_count(0)


def test_a_send_refused_by_slow_mode_stays_visible_as_failed(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    bob_page = open_room(_desktop(new_context), bob, room_id)
    # Bob's other tab posts, so this one cannot know slow mode will refuse the next send.
    other_tab = open_room(_desktop(new_context), bob, room_id)
    send(other_tab, "from the other tab")
    expect(find_message(bob_page, "from the other tab")).to_have_count(1)

    response = api.patch(
        f"/api/rooms/{room_id}", json={"slow_mode_seconds": 60}, headers=auth_headers(api, alice)
    )
    assert response.status_code == 200, response.text
    expect(bob_page.get_by_test_id("send-limit")).to_contain_text("Slow mode")

    send(bob_page, "too soon after")
    failed = bob_page.get_by_test_id("pending-message").filter(has_text="too soon after")
    expect(failed).to_have_attribute("data-status", "failed")
    expect(failed).to_contain_text("slow mode", ignore_case=True)
    expect(failed.get_by_role("button", name="Retry")).to_be_visible()

    # Still there after a reload: a refused send never leaves the screen unseen.
    bob_page.reload()
    expect(failed).to_have_attribute("data-status", "failed")
    expect(failed).to_contain_text("slow mode", ignore_case=True)
    expect(failed.get_by_role("button", name="Retry")).to_be_visible()


def test_a_thirty_message_offline_backlog_is_accepted_without_a_mute(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    alice_page = open_room(_desktop(new_context), alice, room_id)
    bob_context = _desktop(new_context)
    bob_page = bob_context.new_page()
    refusals: list[str] = []
    bob_page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived",
            lambda frame: refusals.append(frame) if '"type":"error"' in str(frame) else None,
        ),
    )
    bob_page.goto(f"/rooms/{room_id}")
    log_in(bob_page, username=bob.username, password=bob.password)
    expect(bob_page.get_by_label("Message", exact=True)).to_be_visible()
    expect(bob_page.get_by_role("status").filter(has_text="Connecting")).to_have_count(0)

    bob_context.set_offline(True)
    expect(bob_page.get_by_role("status").filter(has_text="offline")).to_be_visible()
    for index in range(30):
        send(bob_page, f"backlog {index:02d}")
    expect(bob_page.get_by_test_id("pending-message")).to_have_count(30)
    bob_context.set_offline(False)

    # Paced under the server's limit: ~19 s for 30 at 10 per 5 s with a margin.
    expect(bob_page.get_by_test_id("pending-message")).to_have_count(0, timeout=45_000)
    expect(alice_page.get_by_test_id("message").filter(has_text="backlog ")).to_have_count(30)
    expect(bob_page.get_by_test_id("send-limit")).to_have_count(0)
    assert refusals == [], refusals  # accepted entirely: not one send was refused on the way
    members = api.get(f"/api/rooms/{room_id}/members", headers=auth_headers(api, alice)).json()
    assert [m["muted_until"] for m in members if m["username"] == bob.username] == [None]
