"""Parley as an installed app (issue step 9, point 4): a reload without network still shows
the rooms and messages already seen, signed in, with the connection banner saying so; the
manifest is linked and lists its icons."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Page, expect

from conftest import Account, NewContext
from rooms import auth_headers, create_room, find_message, open_room, send
from wire import post_messages

SEEN = ["before the tunnel: one", "before the tunnel: two"]


def _wait_for_offline_copy(page: Page, room_id: int) -> None:
    """The worker controls the page and has kept this room's newest messages."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        """async (roomId) => {
            const cache = await caches.open('parley-api');
            const keys = (await cache.keys()).map((request) => new URL(request.url).pathname);
            return keys.includes(`/api/rooms/${roomId}/messages`) && keys.includes('/api/users/me');
        }""",
        arg=room_id,
    )


def test_offline_reload_shows_the_rooms_and_messages_already_seen(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    account = make_account(display_name="Olive")
    room_id = create_room(api, account)
    room_name = api.get(f"/api/rooms/{room_id}", headers=auth_headers(api, account)).json()["name"]
    post_messages(api, account, room_id, SEEN)

    context = new_context(viewport={"width": 1280, "height": 800})
    page = open_room(context, account, room_id)
    expect(find_message(page, "before the tunnel")).to_have_count(2)
    # The first visit installs the worker; what is read once it is in control is kept.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()
    expect(find_message(page, "before the tunnel")).to_have_count(2)
    _wait_for_offline_copy(page, room_id)

    context.set_offline(True)
    page.reload()
    # Signed in still (no bounce to /login), on the app shell, with what was seen.
    expect(page).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(re.escape(room_name))).first).to_be_visible()
    expect(find_message(page, "before the tunnel")).to_have_count(2)
    expect(find_message(page, SEEN[0])).to_have_count(1)
    # Nothing reached the server: a read the worker never kept fails like the network.
    unreachable = page.evaluate(
        "() => fetch('/api/health').then(() => 'reached', () => 'unreachable')"
    )
    assert unreachable == "unreachable"

    context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text="Offline")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Connecting")).to_have_count(0)
    send(page, "back above ground")
    expect(find_message(page, "back above ground")).to_have_count(1)
    expect(page.get_by_test_id("pending-message")).to_have_count(0)


def test_signing_out_empties_the_offline_copy(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    account = make_account(display_name="Olive")
    room_id = create_room(api, account)
    post_messages(api, account, room_id, SEEN[:1])
    context = new_context(viewport={"width": 1280, "height": 800})
    page = open_room(context, account, room_id)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()
    expect(find_message(page, "before the tunnel")).to_have_count(1)
    _wait_for_offline_copy(page, room_id)

    page.get_by_role("button", name=re.compile(r"^Account menu")).click()
    page.get_by_role("menuitem", name="Log out").click()
    expect(page.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    page.wait_for_function(
        "async () => (await (await caches.open('parley-api')).keys()).length === 0"
    )
    # Offline now, the device shows the login page, not the last account's rooms.
    context.set_offline(True)
    page.goto(f"/rooms/{room_id}")
    expect(page.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    context.set_offline(False)


def test_the_manifest_is_linked_with_its_icons(page: Page, api: httpx.Client) -> None:
    page.goto("/login")
    expect(page.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    href = page.locator("link[rel=manifest]").get_attribute("href")
    assert href == "/manifest.webmanifest"
    assert page.locator("meta[name=theme-color]").get_attribute("content") == "#4c6ef5"
    apple = page.locator("link[rel=apple-touch-icon]").get_attribute("href")

    response = api.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Parley" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["theme_color"] == "#4c6ef5"
    icons = {(icon["sizes"], icon.get("purpose", "any")): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for src in [*icons.values(), apple]:
        assert src is not None
        image = api.get(src)
        assert image.status_code == 200 and image.headers["content-type"] == "image/png", src
        assert image.content.startswith(b"\x89PNG"), src
