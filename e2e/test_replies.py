"""Replies: the reply bar, the quote live for the other person, a jump to an original far
back in history, and an original deleted after it was answered."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Page, expect

from conftest import Account
from rooms import Person, find_message, join_room, long_press, send
from wire import post_messages


def _room_id(page: Page) -> int:
    match = re.search(r"/rooms/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1))


def _reply_to(page: Page, text: str) -> None:
    message = find_message(page, text)
    message.hover()
    message.get_by_role("button", name="Message actions").click()
    page.get_by_role("menuitem", name="Reply").click()


def test_reply_shows_its_quote_live_and_follows_a_deleted_original(
    chat_pair: tuple[Person, Person],
) -> None:
    alice, bob = chat_pair
    send(bob.page, "Are we shipping on Friday?")
    expect(find_message(alice.page, "Are we shipping on Friday?")).to_be_visible()

    # Escape takes a reply back before it is sent.
    _reply_to(alice.page, "Are we shipping on Friday?")
    bar = alice.page.get_by_test_id("reply-bar")
    expect(bar).to_contain_text("Replying to Bob")
    expect(bar).to_contain_text("Are we shipping on Friday?")
    composer = alice.page.get_by_label("Message", exact=True)
    expect(composer).to_be_focused()
    composer.press("Escape")
    expect(bar).to_have_count(0)

    _reply_to(alice.page, "Are we shipping on Friday?")
    # Bob edits his question while Alice answers it: her bar shows the words as they are.
    long_press(find_message(bob.page, "Are we shipping on Friday?")).get_by_role(
        "button", name="Edit"
    ).tap()
    editor = bob.page.get_by_label("Edit message")
    editor.fill("Are we shipping on Friday? Or Monday")
    editor.press("Enter")
    expect(bar).to_contain_text("Or Monday")
    composer.fill("Yes, first thing")
    composer.press("Enter")
    expect(bar).to_have_count(0)
    mine = find_message(alice.page, "Yes, first thing")
    expect(mine.get_by_test_id("message-quote")).to_contain_text("Bob")
    expect(mine.get_by_test_id("message-quote")).to_contain_text("Are we shipping on Friday?")

    # Bob, on his phone, sees the quote arrive with the reply.
    reply = find_message(bob.page, "Yes, first thing")
    expect(reply.get_by_test_id("message-quote")).to_contain_text("Are we shipping on Friday?")

    # Bob deletes his question: both quotes say so at once.
    question = find_message(bob.page, "Are we shipping on Friday?").filter(
        has_not=bob.page.get_by_test_id("message-quote")
    )
    # On his phone, from the long-press sheet.
    long_press(question).get_by_role("button", name="Delete").tap()
    bob.page.get_by_role("dialog").get_by_role("button", name="Delete").tap()
    expect(reply.get_by_test_id("message-quote")).to_contain_text("Original message was deleted")
    expect(mine.get_by_test_id("message-quote")).to_contain_text("Original message was deleted")
    # And after a reload, from the server's own quote.
    alice.page.reload()
    expect(
        find_message(alice.page, "Yes, first thing").get_by_test_id("message-quote")
    ).to_contain_text("Original message was deleted")


def test_jump_to_an_original_more_than_a_page_back(
    chat_pair: tuple[Person, Person],
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    alice, bob = chat_pair
    room_id = _room_id(alice.page)
    (original,) = post_messages(api, bob.account, room_id, ["The launch checklist lives here"])
    # 63 messages in between (the SPA opens on the latest 50), from people who each stay
    # under the send limit.
    for person in range(7):
        filler = make_account(display_name=f"Filler {person}")
        join_room(api, filler, room_id)
        post_messages(api, filler, room_id, [f"chatter {person}-{n}" for n in range(9)])
    post_messages(api, alice.account, room_id, ["Found it, see above"], reply_to=original["id"])

    bob.page.reload()
    reply = find_message(bob.page, "Found it, see above")
    expect(reply).to_be_visible()
    target = bob.page.locator(f'[data-testid="message"][data-seq="{original["seq"]}"]')
    expect(target).to_have_count(0)  # not loaded yet

    reply.get_by_test_id("message-quote").tap()
    expect(target).to_contain_text("The launch checklist lives here")
    expect(target).to_be_in_viewport()
    expect(target).to_have_class(re.compile("message--flash"))
    expect(bob.page.get_by_test_id("jump-notice")).to_have_count(0)
