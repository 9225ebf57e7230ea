"""Message search from the header (matches highlighted, filters narrowing them, nothing from
rooms the searcher may not read, a click opening the room at the match however far back),
pinned messages (pinned by a moderator, seen live by the others, opened from the list) and
jumping to a date; on a desktop and on a 360 px phone."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Locator, Page, Playwright, expect

from conftest import DESKTOP, Account, NewContext, device_context, phone_device
from rooms import create_room, find_message, join_room, long_press, open_room
from wire import post_messages


def _search(page: Page, kind: str, q: str) -> None:
    """Runs a search from the header: Ctrl+K on a desktop, the search icon on a phone."""
    if kind == "phone":
        page.get_by_role("button", name="Search", exact=True).click()
    else:
        page.keyboard.press("Control+k")
    field = page.get_by_role("searchbox", name="Search messages")
    expect(field).to_be_focused()
    field.fill(q)
    field.press("Enter")


def _hits(page: Page) -> Locator:
    return page.get_by_role("list", name="Search results").get_by_test_id("search-hit")


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_a_search_finds_a_far_back_message_and_opens_the_room_there(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    marker = f"m{uuid.uuid4().hex[:8]}"
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    carol = make_account(display_name="Carol")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    secret_room = create_room(api, carol, private=True)
    post_messages(api, carol, secret_room, [f"회의를 {marker} in secret"])
    far_back = post_messages(api, alice, room_id, [f"내일 **회의를** {marker} 10시에 합니다"])[0]
    post_messages(api, alice, room_id, [f"filler line {n}" for n in range(300)])
    post_messages(api, bob, room_id, [f"회의 {marker} from bob"])

    context = device_context(kind, new_context, playwright)
    page = open_room(context, bob, room_id)
    page.set_default_timeout(15_000)

    _search(page, kind, f"회의 {marker}")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    hits = _hits(page)
    # Bob's own and Alice's; Carol's private room never shows.
    expect(hits).to_have_count(2)
    expect(hits.first).to_contain_text("from bob")
    expect(page.get_by_text("in secret")).to_have_count(0)
    older = hits.nth(1)
    expect(older).to_contain_text("Alice")
    # Markdown stripped, the matched words marked.
    expect(older).to_contain_text(f"내일 회의를 {marker} 10시에 합니다")
    expect(older.locator("mark", has_text="회의를")).to_have_count(1)
    expect(older.locator("mark", has_text=marker)).to_have_count(1)
    expect(older.locator("strong, b")).to_have_count(0)

    # from: narrows to Alice's.
    _search(page, kind, f"회의 {marker} from:{alice.username}")
    expect(hits).to_have_count(1)
    expect(hits.first).to_contain_text("Alice")

    # A reload keeps the results; a click opens the room at the match, 300 messages back.
    page.reload()
    expect(hits).to_have_count(1)
    hits.first.click()
    expect(page).to_have_url(re.compile(rf"/rooms/{room_id}"))
    target = page.locator(f'[data-testid="message"][data-seq="{far_back["seq"]}"]')
    expect(target).to_have_class(re.compile("message--flash"))
    expect(target).to_be_in_viewport()

    # A query the server cannot read says why.
    _search(page, kind, "before:yesterday")
    expect(page.get_by_role("alert")).to_contain_text("YYYY-MM-DD")


def _flashed(page: Page, seq: int) -> Locator:
    return page.locator(f'[data-testid="message"][data-seq="{seq}"]')


def _history(page: Page, item: str) -> Locator:
    """Opens "Pinned messages" or "Jump to date" from the header's history menu."""
    page.get_by_role("button", name="Pinned messages and dates").click()
    page.get_by_role("menuitem", name=item).click()
    dialog = page.get_by_role("dialog", name=item)
    expect(dialog).to_be_visible()
    return dialog


def test_a_moderator_pins_and_the_others_see_it_live_and_open_it(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    post_messages(api, bob, room_id, [f"before {n}" for n in range(60)])
    target = post_messages(api, bob, room_id, ["pin this one please"])[0]

    owner = open_room(new_context(**DESKTOP), alice, room_id)
    phone = open_room(new_context(**phone_device(playwright, width=360)), bob, room_id)
    phone.set_default_timeout(15_000)

    # A plain member is offered no pin.
    sheet = long_press(find_message(phone, "pin this one please"))
    expect(sheet.get_by_role("button", name="Reply")).to_be_visible()
    expect(sheet.get_by_role("button", name="Pin")).to_have_count(0)
    phone.keyboard.press("Escape")
    expect(sheet).to_be_hidden()

    # Bob's list is open, empty, when the owner pins: it fills in as the frame arrives.
    drawer = _history(phone, "Pinned messages")
    expect(drawer.get_by_text("Nothing is pinned")).to_be_visible()
    message = find_message(owner, "pin this one please")
    message.hover()
    message.get_by_role("button", name="Message actions").click()
    owner.get_by_role("menuitem", name="Pin").click()
    expect(message.get_by_test_id("pin-mark")).to_be_visible()
    entry = drawer.get_by_test_id("pinned-message")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("pin this one please")
    expect(entry).to_contain_text("Bob")
    phone.keyboard.press("Escape")
    expect(find_message(phone, "pin this one please").get_by_test_id("pin-mark")).to_be_visible()

    # Far back after more talk and a reload: the list still lands on it.
    post_messages(api, alice, room_id, [f"after {n}" for n in range(150)])
    phone.reload()
    expect(find_message(phone, "after 149")).to_be_visible()
    _history(phone, "Pinned messages").get_by_test_id("pinned-message").click()
    landed = _flashed(phone, target["seq"])
    expect(landed).to_have_class(re.compile("message--flash"))
    expect(landed).to_be_in_viewport()
    expect(landed.get_by_test_id("pin-mark")).to_be_visible()

    # Unpinned: the mark goes live on the other screen.
    owner.reload()
    message = find_message(owner, "pin this one please")
    _history(owner, "Pinned messages").get_by_test_id("pinned-message").click()
    expect(message).to_be_in_viewport()
    message.hover()
    message.get_by_role("button", name="Message actions").click()
    owner.get_by_role("menuitem", name="Unpin").click()
    expect(landed.get_by_test_id("pin-mark")).to_have_count(0)


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_jump_to_a_date_lands_on_that_days_first_message(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    alice = make_account(display_name="Alice")
    room_id = create_room(api, alice)
    first = post_messages(api, alice, room_id, [f"line {n}" for n in range(150)])[0]
    page = open_room(device_context(kind, new_context, playwright), alice, room_id)
    page.set_default_timeout(15_000)
    expect(find_message(page, "line 149")).to_be_visible()
    # The header's buttons fit a 360 px screen and leave the room's name some room.
    viewport = page.viewport_size
    assert viewport is not None
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    title = page.get_by_role("heading", level=1).bounding_box()
    assert title is not None and title["width"] >= 60, title

    today = page.evaluate("() => new Date().toLocaleDateString('en-CA')")
    dialog = _history(page, "Jump to date")
    dialog.get_by_role("textbox", name="Date").fill(today)
    dialog.get_by_role("button", name="Go", exact=True).click()
    expect(dialog).to_be_hidden()
    landed = _flashed(page, first["seq"])
    expect(landed).to_have_class(re.compile("message--flash"))
    expect(landed).to_be_in_viewport()
    expect(landed).to_contain_text("line 0")

    tomorrow = page.evaluate(
        "() => { const d = new Date(); d.setDate(d.getDate() + 1);"
        " return d.toLocaleDateString('en-CA'); }"
    )
    dialog = _history(page, "Jump to date")
    dialog.get_by_role("textbox", name="Date").fill(tomorrow)
    dialog.get_by_role("button", name="Go", exact=True).click()
    expect(dialog.get_by_role("status")).to_contain_text("Nothing was posted")
    expect(find_message(page, "line 149")).to_be_in_viewport()
