"""Real-time chat between two people: desktop and phone, offline catch-up, typing, history.

Users and rooms are made over the REST API; only the chat itself goes through the UI.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Playwright, expect

from conftest import Account, NewContext, unique_username
from journeys import log_in


@dataclass(frozen=True)
class Person:
    account: Account
    context: BrowserContext
    page: Page


def _token(api: httpx.Client, account: Account) -> str:
    response = api.post(
        "/api/auth/login", data={"username": account.username, "password": account.password}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def _create_room(api: httpx.Client, account: Account) -> int:
    response = api.post(
        "/api/rooms",
        json={"name": unique_username("room"), "topic": "e2e chat"},
        headers={"Authorization": f"Bearer {_token(api, account)}"},
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _join_room(api: httpx.Client, account: Account, room_id: int) -> None:
    response = api.post(
        f"/api/rooms/{room_id}/join",
        headers={"Authorization": f"Bearer {_token(api, account)}"},
    )
    assert response.status_code == 200, response.text


def _open_room(context: BrowserContext, account: Account, room_id: int) -> Page:
    page = context.new_page()
    page.goto(f"/rooms/{room_id}")
    log_in(page, username=account.username, password=account.password)
    expect(page).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(page.get_by_label("Message", exact=True)).to_be_visible()
    # The socket is live once the banner has nothing to say.
    expect(page.get_by_role("status").filter(has_text="Connecting")).to_have_count(0)
    return page


def _message(page: Page, text: str) -> Locator:
    """Delivered (not pending) messages containing `text`."""
    return page.get_by_test_id("message").filter(has_text=text)


def _send(page: Page, text: str) -> None:
    composer = page.get_by_label("Message", exact=True)
    composer.fill(text)
    composer.press("Enter")


@pytest.fixture
def chat_pair(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> tuple[Person, Person]:
    """alice on a desktop and bob on a Pixel 7, both in the same new room."""
    alice_account = make_account(display_name="Alice")
    bob_account = make_account(display_name="Bob")
    room_id = _create_room(api, alice_account)
    _join_room(api, bob_account, room_id)

    alice_context = new_context(viewport={"width": 1280, "height": 800})
    device = dict(playwright.devices["Pixel 7"])
    device.pop("default_browser_type", None)
    bob_context = new_context(**device)
    alice = Person(alice_account, alice_context, _open_room(alice_context, alice_account, room_id))
    bob = Person(bob_account, bob_context, _open_room(bob_context, bob_account, room_id))
    return alice, bob


def test_desktop_and_phone_chat_both_ways(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    _send(alice.page, "Hello from the desktop")
    expect(_message(bob.page, "Hello from the desktop")).to_have_count(1)

    _send(bob.page, "Hi back from the phone")
    expect(_message(alice.page, "Hi back from the phone")).to_have_count(1)

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
        expect(_message(page, "Hello from the desktop")).to_have_count(1)
        expect(_message(page, "Hi back from the phone")).to_have_count(1)
        expect(page.get_by_test_id("pending-message")).to_have_count(0)


def test_offline_phone_catches_up_exactly_once_in_order(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    _send(alice.page, "before the tunnel")
    expect(_message(bob.page, "before the tunnel")).to_have_count(1)

    bob.context.set_offline(True)
    expect(bob.page.get_by_role("status").filter(has_text="Offline")).to_be_visible()

    texts = [f"while offline {n}" for n in range(1, 6)]
    for text in texts:
        _send(alice.page, text)
    expect(_message(alice.page, "while offline")).to_have_count(5)
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(0)

    bob.context.set_offline(False)
    batch = _message(bob.page, "while offline")
    expect(batch).to_have_count(5)
    expect(batch.locator(".message-body")).to_have_text(texts)
    # Still exactly once after things settle (no late duplicates from a replay).
    bob.page.wait_for_timeout(1500)
    expect(batch).to_have_count(5)
    expect(_message(bob.page, "before the tunnel")).to_have_count(1)


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
        _send(alice.page, text)
    expect(_message(alice.page, "for the record")).to_have_count(3)
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(0)

    for page in (alice.page, bob.page):
        page.reload()
        expect(_message(page, "for the record").locator(".message-body")).to_have_text(texts)


def test_unread_badge_and_title_for_another_room(
    chat_pair: tuple[Person, Person], api: httpx.Client
) -> None:
    alice, bob = chat_pair
    other = _create_room(api, alice.account)
    _join_room(api, bob.account, other)
    alice.page.reload()  # the room list is loaded at start; rooms made over the API need it
    expect(alice.page.get_by_label("Message", exact=True)).to_be_visible()

    bob.page.goto(f"/rooms/{other}")
    for text in ("over here", "and here"):
        _send(bob.page, text)
    expect(_message(bob.page, "and here")).to_have_count(1)

    link = alice.page.get_by_role("navigation").get_by_role("link", name=re.compile("2 unread"))
    expect(link).to_be_visible()
    expect(alice.page).to_have_title("(2) Parley")
    link.click()
    expect(_message(alice.page, "and here")).to_have_count(1)
    expect(alice.page).to_have_title("Parley")


def test_message_written_offline_is_sent_once_when_back(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    bob.context.set_offline(True)
    expect(bob.page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    _send(bob.page, "sent from the tunnel")
    pending = bob.page.get_by_test_id("pending-message").filter(has_text="sent from the tunnel")
    expect(pending).to_have_attribute("data-status", "pending")

    bob.context.set_offline(False)
    expect(_message(alice.page, "sent from the tunnel")).to_have_count(1)
    expect(_message(bob.page, "sent from the tunnel")).to_have_count(1)
    expect(pending).to_have_count(0)
    alice.page.wait_for_timeout(1000)
    expect(_message(alice.page, "sent from the tunnel")).to_have_count(1)
