"""Direct messages: started from a profile card and from the New message dialog, live for
both people, invisible to anyone else, a group of three, on a desktop and a phone."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Locator, Page, Playwright, expect

from conftest import Account, NewContext, phone_device
from rooms import Person, assert_touchable, auth_headers, find_message, open_room, send
from wire import post_messages


def _sidebar(page: Page, phone: bool) -> Locator:
    if phone:
        page.get_by_role("button", name="Open navigation").tap()
    return page.get_by_role("navigation")


def _direct_link(page: Page, names: str, *, phone: bool = False) -> Locator:
    return _sidebar(page, phone).get_by_test_id("direct-link").filter(has_text=names)


def _room_id(page: Page) -> int:
    match = re.search(r"/rooms/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1))


def test_dm_from_a_profile_card_is_live_and_private(
    chat_pair: tuple[Person, Person],
    api: httpx.Client,
    make_account: Callable[..., Account],
    new_context: NewContext,
) -> None:
    alice, bob = chat_pair
    # Members in the drawer open cards too.
    alice.page.get_by_role("button", name=re.compile(r"^Show members")).click()
    drawer = alice.page.get_by_role("dialog", name="Members")
    drawer.get_by_role("button", name="Bob", exact=True).click()
    bob_card = alice.page.get_by_role("dialog", name="Profile of Bob")
    expect(bob_card).to_contain_text(f"@{bob.account.username}")
    expect(bob_card.get_by_role("button", name="Message")).to_be_visible()
    alice.page.keyboard.press("Escape")
    expect(bob_card).to_have_count(0)
    alice.page.keyboard.press("Escape")
    expect(drawer).to_have_count(0)

    send(alice.page, "ask me in private")
    expect(find_message(bob.page, "ask me in private")).to_be_visible()

    # Bob (phone) taps Alice's name on her message: her card, then Message.
    bob.page.get_by_role("log").get_by_role("button", name="Alice").first.tap()
    card = bob.page.get_by_role("dialog", name="Profile of Alice")
    expect(card).to_contain_text(f"@{alice.account.username}")
    expect(card).to_contain_text("Online")
    card.get_by_role("button", name="Message").tap()
    expect(bob.page.get_by_role("heading", level=1)).to_have_text("Alice")
    dm_id = _room_id(bob.page)
    # A DM has no invite, settings or join bar.
    expect(bob.page.get_by_role("button", name="Invite")).to_have_count(0)
    expect(bob.page.get_by_role("button", name="Room settings")).to_have_count(0)
    send(bob.page, "psst, just you")
    expect(find_message(bob.page, "psst, just you")).to_be_visible()

    # Alice gets the conversation in her sidebar, unread, without reloading.
    link = _direct_link(alice.page, "Bob")
    expect(link).to_have_attribute("aria-label", re.compile(r"^Bob, Online, 1 unread"))
    link.click()
    expect(alice.page).to_have_url(re.compile(rf"/rooms/{dm_id}$"))
    expect(find_message(alice.page, "psst, just you")).to_be_visible()
    send(alice.page, "only you can read this")
    expect(find_message(bob.page, "only you can read this")).to_be_visible()

    # Her own card has no Message button.
    alice.page.get_by_role("log").get_by_role("button", name="Alice").first.click()
    own = alice.page.get_by_role("dialog", name="Profile of Alice")
    expect(own).to_be_visible()
    expect(own.get_by_role("button", name="Message")).to_have_count(0)
    alice.page.keyboard.press("Escape")
    expect(own).to_have_count(0)

    # A mention chip opens the card of the person it names (here Bob's own, on his phone).
    bob_id = _user_id(api, bob.account)
    post_messages(api, alice.account, dm_id, [f"thanks <@{bob_id}>"])
    chip = find_message(bob.page, "thanks").locator(".mention")
    expect(chip).to_have_text("@Bob")
    chip.tap()
    mine = bob.page.get_by_role("dialog", name="Profile of Bob")
    expect(mine).to_contain_text(f"@{bob.account.username}")
    expect(mine.get_by_role("button", name="Message")).to_have_count(0)

    # Bob closes the app: Alice's sidebar stops saying he is online.
    bob.page.close()
    expect(_direct_link(alice.page, "Bob")).not_to_have_attribute(
        "aria-label", re.compile("Online")
    )

    # Carol sees nothing of it: not over the API, not in the app.
    carol_account = make_account(display_name="Carol")
    history = api.get(f"/api/rooms/{dm_id}/messages", headers=auth_headers(api, carol_account))
    assert history.status_code == 404, history.text
    carol_context = new_context(viewport={"width": 1280, "height": 800})
    carol = carol_context.new_page()
    carol.goto(f"/rooms/{dm_id}")
    carol.get_by_label("Username").fill(carol_account.username)
    carol.get_by_label("Password", exact=True).fill(carol_account.password)
    carol.get_by_role("button", name="Sign in").click()
    expect(carol.get_by_role("alert")).to_have_text("This room doesn't exist, or you can't see it.")
    expect(carol.get_by_text("No conversations yet")).to_be_visible()
    expect(carol.get_by_text("psst, just you")).to_have_count(0)


def test_group_dm_from_the_new_message_dialog(
    chat_pair: tuple[Person, Person],
    api: httpx.Client,
    make_account: Callable[..., Account],
    new_context: NewContext,
    playwright: Playwright,
) -> None:
    alice, bob = chat_pair
    carol_account = make_account(display_name="Carol")

    # Alice (desktop) picks Bob with the keyboard and Carol with a click.
    alice.page.get_by_role("button", name="New message").click()
    dialog = alice.page.get_by_role("dialog", name="New message")
    search = dialog.get_by_role("combobox", name="Find people")
    search.fill(bob.account.username)
    options = dialog.get_by_role("option")
    expect(options).to_have_count(1)
    search.press("ArrowDown")
    search.press("Enter")
    expect(dialog.get_by_test_id("picked-person")).to_have_text(["Bob"])
    search.fill(carol_account.username)
    expect(options).to_have_count(1)
    options.first.click()
    expect(dialog.get_by_test_id("picked-person")).to_have_text(["Bob", "Carol"])
    # Backspace in the empty search takes the last pick back; a tap on ✕ removes too.
    search.press("Backspace")
    expect(dialog.get_by_test_id("picked-person")).to_have_text(["Bob"])
    search.fill(carol_account.username)
    expect(options).to_have_count(1)
    options.first.click()
    dialog.get_by_role("button", name="Open conversation").click()
    expect(dialog).to_have_count(0)
    header = alice.page.get_by_role("heading", level=1)
    expect(header).to_have_text("Bob, Carol")
    dm_id = _room_id(alice.page)
    send(alice.page, "hello you two")

    # The same people reach the same conversation again.
    again = api.post(
        "/api/dms",
        json={"user_ids": sorted([_user_id(api, bob.account), _user_id(api, carol_account)])},
        headers=auth_headers(api, alice.account),
    )
    assert again.status_code == 200, again.text
    assert again.json()["id"] == dm_id

    # Bob (phone) sees it in his drawer, named by the other two, with who of them is here
    # (Alice; Carol has not opened Parley yet).
    link = _direct_link(bob.page, "Alice, Carol", phone=True)
    expect(link).to_have_attribute("aria-label", re.compile(r"^Alice, Carol, 1 online, 1 unread"))
    link.tap()
    expect(find_message(bob.page, "hello you two")).to_be_visible()

    # Carol, on a phone too, opens it and answers; both others see it live.
    page = open_room(new_context(**phone_device(playwright)), carol_account, dm_id)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice, Bob")
    expect(find_message(page, "hello you two")).to_be_visible()
    send(page, "hi both")
    expect(find_message(alice.page, "hi both")).to_be_visible()
    expect(find_message(bob.page, "hi both")).to_be_visible()

    # The header names open cards here too: Bob's card from the DM header.
    page.get_by_role("heading", level=1).get_by_role("button", name="Bob").tap()
    expect(page.get_by_role("dialog", name="Profile of Bob")).to_contain_text(
        f"@{bob.account.username}"
    )


def _user_id(api: httpx.Client, account: Account) -> int:
    response = api.get("/api/users/me", headers=auth_headers(api, account))
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def test_new_message_on_a_360px_phone(
    new_context: NewContext, playwright: Playwright, make_account: Callable[..., Account]
) -> None:
    me = make_account(display_name="Small Screen")
    friend = make_account(display_name="Friend")
    page = new_context(**phone_device(playwright, width=360)).new_page()
    page.goto("/login")
    page.get_by_label("Username").fill(me.username)
    page.get_by_label("Password", exact=True).fill(me.password)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("button", name="Open navigation").tap()
    new_message = page.get_by_role("button", name="New message")
    assert_touchable(new_message, min_px=40)
    new_message.tap()
    dialog = page.get_by_role("dialog", name="New message")
    box = dialog.bounding_box()
    assert box is not None and box["width"] >= 358, box  # the whole width of the phone
    dialog.get_by_role("combobox", name="Find people").fill(friend.username)
    option = dialog.get_by_role("option").filter(has_text="Friend")
    expect(option).to_have_count(1)
    assert_touchable(option, min_px=40)
    option.tap()
    remove = dialog.get_by_role("button", name="Remove Friend")
    assert_touchable(remove, min_px=40)
    start = dialog.get_by_role("button", name="Open conversation")
    assert_touchable(start, min_px=40)
    start.tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Friend")
    send(page, "hello from a small phone")
    expect(find_message(page, "hello from a small phone")).to_be_visible()
    # The drawer closed on the way; the conversation is listed in it now.
    expect(_direct_link(page, "Friend", phone=True)).to_be_visible()
