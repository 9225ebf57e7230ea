"""Coming back to a busy room: it opens at a "New messages" line above the first unread
message (not at the bottom), offers the way down and back up, and counts as read only
what has been on screen: leaving early keeps the rest unread, on the server too."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Locator, Page, Playwright, expect

from conftest import Account, NewContext, device_context
from rooms import auth_headers, create_room, find_message, join_room, open_room
from wire import post_messages

BACKLOG = 150
# Some of the backlog, not none and not all of it: "12 unread" up to "149 unread".
SOME_UNREAD = re.compile(r", ([1-9]|[1-9][0-9]|1[0-4][0-9]) unread$")


def _room_name(api: httpx.Client, account: Account, room_id: int) -> str:
    response = api.get(f"/api/rooms/{room_id}", headers=auth_headers(api, account))
    assert response.status_code == 200, response.text
    return str(response.json()["name"])


def _room_link(page: Page, name: str) -> Locator:
    """The room in the sidebar (on a phone, opened from the drawer first)."""
    burger = page.get_by_role("button", name="Open navigation")
    if burger.is_visible():
        burger.click()
    return page.get_by_role("navigation").get_by_role("link", name=re.compile(f"^{name}"))


def _close_drawer(page: Page) -> None:
    closer = page.get_by_role("button", name="Close navigation")
    if closer.is_visible():
        closer.click()


def _away_while_bob_posts(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> tuple[Page, int, str]:
    """Alice read the room's first five messages, then went to another room; Bob posted
    BACKLOG more meanwhile. Returns Alice's page (in the other room), the room and its name."""
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, bob)
    join_room(api, alice, room_id)
    elsewhere = create_room(api, alice)
    post_messages(api, bob, room_id, [f"earlier {n}" for n in range(5)])

    page = open_room(device_context(kind, new_context, playwright), alice, room_id)
    expect(find_message(page, "earlier 4")).to_be_in_viewport()
    name = _room_name(api, alice, room_id)
    expect(_room_link(page, name)).not_to_have_accessible_name(re.compile("unread"))
    _close_drawer(page)
    page.goto(f"/rooms/{elsewhere}")
    expect(page.get_by_label("Message", exact=True)).to_be_visible()

    post_messages(api, bob, room_id, [f"backlog {n:03}" for n in range(BACKLOG)])
    return page, room_id, name


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_a_busy_room_opens_at_the_first_unread(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    page, room_id, name = _away_while_bob_posts(kind, new_context, playwright, api, make_account)
    expect(_room_link(page, name)).to_have_accessible_name(re.compile(f"{BACKLOG} unread"))
    _close_drawer(page)

    # Straight in by address: the latest page loads, then older ones up to the first unread.
    page.goto(f"/rooms/{room_id}")
    divider = page.get_by_role("separator", name="New messages")
    expect(divider).to_be_in_viewport()
    expect(find_message(page, "backlog 000")).to_be_in_viewport()
    expect(find_message(page, "earlier 4")).to_have_count(1)  # read, above the line
    expect(find_message(page, f"backlog {BACKLOG - 1:03}")).not_to_be_in_viewport()
    below = page.get_by_role("button", name=re.compile(r"^\d+ new messages$"))
    expect(below).to_be_visible()

    # Down to the latest: everything is read, here and on the server.
    below.click()
    expect(find_message(page, f"backlog {BACKLOG - 1:03}")).to_be_in_viewport()
    expect(below).to_have_count(0)
    # The line stays where it was, and the top pill leads back to it.
    back = page.get_by_role("button", name=f"Jump to first unread: {BACKLOG} new messages")
    expect(back).to_be_visible()
    back.click()
    expect(divider).to_be_in_viewport()
    expect(back).to_have_count(0)

    expect(_room_link(page, name)).not_to_have_accessible_name(re.compile("unread"))
    _close_drawer(page)
    page.reload()
    expect(page.get_by_role("separator", name="New messages")).to_have_count(0)
    expect(find_message(page, f"backlog {BACKLOG - 1:03}")).to_be_in_viewport()
    expect(_room_link(page, name)).not_to_have_accessible_name(re.compile("unread"))


def test_what_was_never_on_screen_stays_unread(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    page, _, name = _away_while_bob_posts("desktop", new_context, playwright, api, make_account)
    link = _room_link(page, name)
    expect(link).to_have_accessible_name(re.compile(f"{BACKLOG} unread"))

    # In from the sidebar, a look at the first unread region, and away again.
    link.click()
    expect(page.get_by_role("separator", name="New messages")).to_be_in_viewport()
    expect(find_message(page, "backlog 000")).to_be_in_viewport()
    # What was on screen is read; what lies below it is not.
    expect(link).to_have_accessible_name(SOME_UNREAD)
    page.go_back()
    expect(page.get_by_role("separator", name="New messages")).to_have_count(0)

    page.reload()
    expect(page.get_by_label("Message", exact=True)).to_be_visible()
    # The server kept the same: the sidebar's count after a reload is its count.
    expect(_room_link(page, name)).to_have_accessible_name(SOME_UNREAD)
