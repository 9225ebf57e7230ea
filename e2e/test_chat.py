"""Real-time chat between two people: desktop and phone, offline catch-up, typing, history.

Users and rooms are made over the REST API; only the chat itself goes through the UI.
"""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from rooms import Person, create_room, find_message, join_room, send


def test_desktop_and_phone_chat_both_ways(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    send(alice.page, "Hello from the desktop")
    expect(find_message(bob.page, "Hello from the desktop")).to_have_count(1)

    send(bob.page, "Hi back from the phone")
    expect(find_message(alice.page, "Hi back from the phone")).to_have_count(1)

    # Each side sees both, once, with the sender's own message acknowledged (not pending).
    # On the phone the composer sits at the bottom of the screen, thumb-sized.
    viewport = bob.page.viewport_size
    assert viewport is not None
    for control in (
        bob.page.get_by_label("Message", exact=True),
        bob.page.get_by_role("button", name="Send"),
    ):
        box = control.bounding_box()
        assert box is not None
        assert box["height"] >= 44, box
        assert viewport["height"] - 120 < box["y"] + box["height"] <= viewport["height"], box

    for page in (alice.page, bob.page):
        expect(find_message(page, "Hello from the desktop")).to_have_count(1)
        expect(find_message(page, "Hi back from the phone")).to_have_count(1)
        expect(page.get_by_test_id("pending-message")).to_have_count(0)


def test_offline_phone_catches_up_exactly_once_in_order(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    send(alice.page, "before the tunnel")
    expect(find_message(bob.page, "before the tunnel")).to_have_count(1)

    bob.context.set_offline(True)
    expect(bob.page.get_by_role("status").filter(has_text="Offline")).to_be_visible()

    texts = [f"while offline {n}" for n in range(1, 6)]
    for text in texts:
        send(alice.page, text)
    expect(find_message(alice.page, "while offline")).to_have_count(5)
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(0)

    bob.context.set_offline(False)
    batch = find_message(bob.page, "while offline")
    expect(batch).to_have_count(5)
    expect(batch.locator(".message-body")).to_have_text(texts)
    # Still exactly once after things settle (no late duplicates from a replay).
    bob.page.wait_for_timeout(1500)
    expect(batch).to_have_count(5)
    expect(find_message(bob.page, "before the tunnel")).to_have_count(1)


def test_phone_sees_who_is_typing(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    alice.page.get_by_label("Message", exact=True).press_sequentially("thinking about it", delay=30)
    expect(bob.page.get_by_test_id("typing-indicator")).to_have_text("Alice is typing…")
    # The notice expires by itself (about 4 s after the last one).
    expect(bob.page.get_by_test_id("typing-indicator")).to_have_text("", timeout=9000)


def test_history_survives_a_reload(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    texts = [f"for the record {n}" for n in range(1, 4)]
    for text in texts:
        send(alice.page, text)
    expect(find_message(alice.page, "for the record")).to_have_count(3)
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(0)

    for page in (alice.page, bob.page):
        page.reload()
        expect(find_message(page, "for the record").locator(".message-body")).to_have_text(texts)


def test_unread_badge_and_title_for_another_room(
    chat_pair: tuple[Person, Person], api: httpx.Client
) -> None:
    alice, bob = chat_pair
    other = create_room(api, alice.account)
    join_room(api, bob.account, other)
    alice.page.reload()  # the room list is loaded at start; rooms made over the API need it
    expect(alice.page.get_by_label("Message", exact=True)).to_be_visible()

    bob.page.goto(f"/rooms/{other}")
    for text in ("over here", "and here"):
        send(bob.page, text)
    expect(find_message(bob.page, "and here")).to_have_count(1)

    link = alice.page.get_by_role("navigation").get_by_role("link", name=re.compile("2 unread"))
    expect(link).to_be_visible()
    expect(alice.page).to_have_title("(2) Parley")
    link.click()
    expect(find_message(alice.page, "and here")).to_have_count(1)
    expect(alice.page).to_have_title("Parley")


def test_message_written_offline_is_sent_once_when_back(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    bob.context.set_offline(True)
    expect(bob.page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    send(bob.page, "sent from the tunnel")
    pending = bob.page.get_by_test_id("pending-message").filter(has_text="sent from the tunnel")
    expect(pending).to_have_attribute("data-status", "pending")

    bob.context.set_offline(False)
    expect(find_message(alice.page, "sent from the tunnel")).to_have_count(1)
    expect(find_message(bob.page, "sent from the tunnel")).to_have_count(1)
    expect(pending).to_have_count(0)
    alice.page.wait_for_timeout(1000)
    expect(find_message(alice.page, "sent from the tunnel")).to_have_count(1)


def test_deleting_my_own_message_asks_no_reason(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    send(alice.page, "oops, wrong room")
    mine = find_message(alice.page, "oops, wrong room")
    expect(find_message(bob.page, "oops, wrong room")).to_have_count(1)
    mine.hover()
    mine.get_by_role("button", name="Message actions").click()
    alice.page.get_by_role("menuitem", name="Delete").click()
    dialog = alice.page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete this message?")
    # Not moderation: nothing to explain, nothing audited.
    expect(dialog.get_by_label("Reason")).to_have_count(0)
    dialog.get_by_role("button", name="Delete").click()
    expect(find_message(bob.page, "oops, wrong room")).to_have_count(0)
