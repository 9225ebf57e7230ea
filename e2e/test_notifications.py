"""Notifications: a room's level and mute set from its header (and followed by the other
tab), page notifications for live messages elsewhere only, from one tab, a click or a
`?message=` link landing on the message, the favicon's unread badge, and the browser
asked for permission only when the person says so.

The browser's Notification is replaced by a recording fake (a headless browser shows
none); the context is granted the real permission too, as a person who allowed it has.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect

from conftest import Account, NewContext, phone_device
from rooms import auth_headers, create_room, find_message, join_room, open_room, send
from wire import post_messages

FAKE_NOTIFICATION = """
(() => {
  const record = { shown: [], requested: 0 };
  window.__notifications = record;
  class FakeNotification {
    static permission = %s;
    static requestPermission() {
      record.requested += 1;
      FakeNotification.permission = 'granted';
      return Promise.resolve('granted');
    }
    constructor(title, options = {}) {
      this.title = title;
      this.body = options.body;
      this.tag = options.tag;
      this.onclick = null;
      record.shown.push(this);
    }
    close() {}
  }
  window.Notification = FakeNotification;
})();
"""

Device = Callable[[NewContext, Playwright], BrowserContext]


def _desktop(new_context: NewContext, _playwright: Playwright) -> BrowserContext:
    return new_context(viewport={"width": 1280, "height": 800})


def _phone(new_context: NewContext, playwright: Playwright) -> BrowserContext:
    return new_context(**phone_device(playwright))


def _watched(
    context: BrowserContext, base_url: str, *, permission: str = "granted"
) -> BrowserContext:
    if permission == "granted":
        context.grant_permissions(["notifications"], origin=base_url)
    context.add_init_script(FAKE_NOTIFICATION % repr(permission))
    return context


def _shown(page: Page) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = page.evaluate(
        "() => window.__notifications.shown.map(({title, body, tag}) => ({title, body, tag}))"
    )
    return shown


def _expect_shown(page: Page, count: int) -> None:
    page.wait_for_function(f"() => window.__notifications.shown.length === {count}")


def _user_id(api: httpx.Client, account: Account) -> int:
    response = api.get("/api/users/me", headers=auth_headers(api, account))
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def _room_name(api: httpx.Client, account: Account, room_id: int) -> str:
    response = api.get(f"/api/rooms/{room_id}", headers=auth_headers(api, account))
    assert response.status_code == 200, response.text
    return str(response.json()["name"])


def _open_nav(page: Page) -> None:
    burger = page.get_by_role("button", name="Open navigation")
    if burger.is_visible():
        burger.click()


def _close_nav(page: Page) -> None:
    burger = page.get_by_role("button", name="Close navigation")
    if burger.is_visible():
        burger.click()


def _room_link(page: Page, name: str) -> Any:
    return page.get_by_role("navigation").get_by_role("link", name=re.compile(re.escape(name)))


def _choose(page: Page, item: str) -> None:
    """Picks a level (or Mute) from the chat header's bell."""
    page.get_by_role("button", name=re.compile(r"^Notifications")).click()
    page.get_by_role("menuitem", name=re.compile(rf"^{item}")).click()


@pytest.mark.parametrize("device", [_desktop, _phone], ids=["desktop", "phone"])
def test_mentions_notify_elsewhere_never_in_the_open_room_nor_when_set_to_nothing(
    device: Device,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    base_url: str,
    make_account: Callable[..., Account],
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    bob_id = _user_id(api, bob)
    busy = create_room(api, alice)
    quiet = create_room(api, alice)
    for room_id in (busy, quiet):
        join_room(api, bob, room_id)
    busy_name = _room_name(api, alice, busy)
    quiet_name = _room_name(api, alice, quiet)
    page = open_room(_watched(device(new_context, playwright), base_url), bob, quiet)
    icon = page.locator('link[rel="icon"]')
    expect(icon).to_have_attribute("href", re.compile(r"/favicon\.svg$"))

    # In another room: a message that does not name Bob counts (the favicon shows it)
    # but at the default level ("mentions") does not call out; one that names him does.
    post_messages(api, alice, busy, ["just chatting"])
    expect(icon).to_have_attribute("href", re.compile(r"^data:image/png"))
    post_messages(api, alice, busy, [f"hey <@{bob_id}> **ship** it"])
    _expect_shown(page, 1)
    assert _shown(page) == [
        {"title": busy_name, "body": "Alice: hey @Bob ship it", "tag": f"room-{busy}"}
    ]

    # The room Bob is looking at never notifies.
    post_messages(api, alice, quiet, [f"<@{bob_id}> you are here"])
    expect(find_message(page, "you are here")).to_be_visible()

    # Set to "nothing" from the room's own header: its mentions stop calling out.
    _open_nav(page)
    _room_link(page, busy_name).click()
    expect(page).to_have_url(re.compile(rf"/rooms/{busy}$"))
    _choose(page, "Nothing")
    page.get_by_role("button", name=re.compile(r"^Notifications")).click()
    expect(page.get_by_role("menuitem", name=re.compile("^Nothing.*Current"))).to_be_visible()
    expect(
        page.get_by_role("menuitem", name=re.compile("^Mentions only.*Default$"))
    ).to_be_visible()
    page.keyboard.press("Escape")
    _open_nav(page)
    _room_link(page, quiet_name).click()
    expect(page).to_have_url(re.compile(rf"/rooms/{quiet}$"))
    post_messages(api, alice, busy, [f"<@{bob_id}> still there?"])
    _open_nav(page)
    expect(_room_link(page, busy_name)).to_have_accessible_name(re.compile("1 mention"))
    _close_nav(page)
    assert len(_shown(page)) == 1, _shown(page)


def test_settings_follow_in_the_other_tab_and_only_one_tab_notifies(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    base_url: str,
    make_account: Callable[..., Account],
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    bob_id = _user_id(api, bob)
    here = create_room(api, alice)
    there = create_room(api, alice)
    for room_id in (here, there):
        join_room(api, bob, room_id)
    here_name = _room_name(api, alice, here)
    context = _watched(_desktop(new_context, playwright), base_url)
    first = open_room(context, bob, here)
    second = context.new_page()
    second.goto(f"/rooms/{here}")
    expect(second.get_by_label("Message", exact=True)).to_be_visible()
    expect(second.get_by_role("status").filter(has_text="Connecting")).to_have_count(0)
    tabs = (first, second)

    # Both tabs hear a mention elsewhere (each badge shows it); one of them calls it out.
    post_messages(api, alice, there, [f"<@{bob_id}> ping"])
    for tab in tabs:
        expect(tab.get_by_role("navigation").get_by_test_id("mention-badge")).to_have_text("@1")
        expect(tab.locator('link[rel="icon"]')).to_have_attribute(
            "href", re.compile(r"^data:image/png")
        )
    assert len(_shown(first)) + len(_shown(second)) == 1, (_shown(first), _shown(second))

    # Muted from the first tab's header: the second tab's bell and sidebar follow.
    _choose(first, "Mute")
    expect(second.get_by_role("button", name="Notifications (Muted)")).to_be_visible()
    expect(_room_link(second, here_name)).to_have_accessible_name(re.compile("Muted"))
    expect(_room_link(second, here_name).get_by_test_id("muted-icon")).to_be_visible()

    # Muted from elsewhere (another device, over REST): the mention there leaves the
    # favicon, and the next one calls out in neither tab.
    muted = api.put(
        f"/api/rooms/{there}/notifications",
        json={"level": None, "muted": True},
        headers=auth_headers(api, bob),
    )
    assert muted.status_code == 200, muted.text
    for tab in tabs:
        expect(tab.locator('link[rel="icon"]')).to_have_attribute(
            "href", re.compile(r"/favicon\.svg$")
        )
    post_messages(api, alice, there, [f"<@{bob_id}> ping again"])
    for tab in tabs:
        expect(tab.get_by_role("navigation").get_by_test_id("mention-badge")).to_have_text("@2")
    assert len(_shown(first)) + len(_shown(second)) == 1, (_shown(first), _shown(second))


def _flashed(page: Page, seq: int) -> Any:
    return page.locator(f'[data-testid="message"][data-seq="{seq}"]')


def test_a_clicked_notification_and_a_message_link_land_on_the_message(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    base_url: str,
    make_account: Callable[..., Account],
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    bob_id = _user_id(api, bob)
    long_room = create_room(api, alice)
    elsewhere = create_room(api, alice)
    for room_id in (long_room, elsewhere):
        join_room(api, bob, room_id)
    # Far back: three pages of history past the first message.
    history = post_messages(api, alice, long_room, [f"old line {n}" for n in range(1, 151)])
    page = open_room(_watched(_desktop(new_context, playwright), base_url), bob, elsewhere)

    [mention] = post_messages(api, alice, long_room, [f"<@{bob_id}> look here"])
    _expect_shown(page, 1)
    page.evaluate("() => window.__notifications.shown[0].onclick()")
    # The link's parameter is gone once it has landed: a reload opens as usual.
    expect(page).to_have_url(re.compile(rf"/rooms/{long_room}$"))
    target = _flashed(page, mention["seq"])
    expect(target).to_have_class(re.compile("message--flash"))
    expect(target).to_be_in_viewport()

    # A link to the third message, after a full reload: history loads back to it.
    third = history[2]
    page.goto(f"/rooms/{long_room}?message={third['seq']}")
    target = _flashed(page, third["seq"])
    expect(target).to_have_class(re.compile("message--flash"))
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("old line 3")
    # Read from the page itself: Playwright's page.url can miss a replaceState made
    # soon after a full load.
    page.wait_for_function(f"() => location.pathname === '/rooms/{long_room}' && !location.search")
    page.reload()
    expect(page.get_by_label("Message", exact=True)).to_be_visible()
    expect(find_message(page, "look here")).to_be_in_viewport()


def test_permission_is_asked_only_when_the_person_turns_notifications_on(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    base_url: str,
    make_account: Callable[..., Account],
) -> None:
    bob = make_account(display_name="Bob")
    room_id = create_room(api, bob)
    context = _watched(_phone(new_context, playwright), base_url, permission="default")
    page = open_room(context, bob, room_id)
    notice = page.get_by_role("region", name="Desktop notifications")
    expect(notice).to_have_count(0)
    page.reload()
    expect(page.get_by_label("Message", exact=True)).to_be_visible()
    assert page.evaluate("() => window.__notifications.requested") == 0

    # A first message sent is the moment to offer it; the browser asks only on the click.
    send(page, "hello, anyone?")
    expect(find_message(page, "hello, anyone?")).to_be_visible()
    expect(notice).to_contain_text("Get notified of mentions and direct messages")
    _fits(page, notice)
    assert page.evaluate("() => window.__notifications.requested") == 0
    notice.get_by_role("button", name="Turn on").click()
    expect(notice).to_have_count(0)
    assert page.evaluate("() => window.__notifications.requested") == 1

    # The user menu shows it on, with the sound off until chosen (kept on this device).
    page.get_by_role("button", name=re.compile(r"^Account menu")).click()
    page.get_by_role("menuitem", name="Notifications").click()
    dialog = page.get_by_role("dialog", name="Notifications on this device")
    expect(dialog.get_by_role("switch", name="Enable desktop notifications")).to_be_checked()
    sound = dialog.get_by_role("switch", name="Play a sound")
    expect(sound).not_to_be_checked()
    sound.check()
    page.reload()
    expect(page.get_by_label("Message", exact=True)).to_be_visible()
    expect(notice).to_have_count(0)
    page.get_by_role("button", name=re.compile(r"^Account menu")).click()
    page.get_by_role("menuitem", name="Notifications").click()
    expect(page.get_by_role("switch", name="Play a sound")).to_be_checked()
    # The record is this page load's: nothing asked again on it.
    assert page.evaluate("() => window.__notifications.requested") == 0


def _fits(page: Page, locator: Any) -> None:
    box = locator.bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box


def test_the_bell_fits_a_360px_screen_in_a_room_and_a_dm(
    new_context: NewContext,
    api: httpx.Client,
    base_url: str,
    make_account: Callable[..., Account],
) -> None:
    alice = make_account(display_name="Alice Longname-Example")
    bob = make_account(display_name="Bob")
    # A private room I own shows the most in its header: invite, members, bell, settings.
    room_id = create_room(api, bob, private=True)
    dm = api.post(
        "/api/dms",
        json={"user_ids": [_user_id(api, alice)]},
        headers=auth_headers(api, bob),
    )
    assert dm.status_code in (200, 201), dm.text
    context = _watched(new_context(viewport={"width": 360, "height": 740}), base_url)
    page = open_room(context, bob, room_id)
    for path in (f"/rooms/{room_id}", f"/rooms/{dm.json()['id']}"):
        page.goto(path)
        bell = page.get_by_role("button", name=re.compile(r"^Notifications"))
        _fits(page, bell)
        box = bell.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, box
        bell.click()
        for item in ("All new messages", "Mentions only", "Nothing", "Mute"):
            _fits(page, page.get_by_role("menuitem", name=re.compile(rf"^{item}")))
        page.keyboard.press("Escape")
    # A DM notifies of every message unless told otherwise.
    page.get_by_role("button", name=re.compile(r"^Notifications")).click()
    all_messages = page.get_by_role("menuitem", name=re.compile("^All new messages"))
    expect(all_messages).to_have_accessible_name(re.compile("Default · Current"))
