"""Room set-up over the API and the chat moves every chat journey makes in a page."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx
from playwright.sync_api import BrowserContext, Locator, Page, expect

from conftest import Account, unique_username
from journeys import log_in


@dataclass(frozen=True)
class Person:
    account: Account
    context: BrowserContext
    page: Page


def auth_headers(api: httpx.Client, account: Account) -> dict[str, str]:
    response = api.post(
        "/api/auth/login", data={"username": account.username, "password": account.password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def create_room(
    api: httpx.Client, owner: Account, *, topic: str = "e2e", private: bool = False
) -> int:
    response = api.post(
        "/api/rooms",
        json={"name": unique_username("room"), "topic": topic, "is_private": private},
        headers=auth_headers(api, owner),
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def join_room(api: httpx.Client, account: Account, room_id: int) -> None:
    response = api.post(f"/api/rooms/{room_id}/join", headers=auth_headers(api, account))
    assert response.status_code == 200, response.text


def open_room(context: BrowserContext, account: Account, room_id: int) -> Page:
    page = context.new_page()
    page.goto(f"/rooms/{room_id}")
    log_in(page, username=account.username, password=account.password)
    expect(page).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(page.get_by_label("Message", exact=True)).to_be_visible()
    # The socket is live once the banner has nothing to say.
    expect(page.get_by_role("status").filter(has_text="Connecting")).to_have_count(0)
    return page


def find_message(page: Page, text: str) -> Locator:
    """Delivered (not pending) messages containing `text`."""
    return page.get_by_test_id("message").filter(has_text=text)


def send(page: Page, text: str) -> None:
    composer = page.get_by_label("Message", exact=True)
    composer.fill(text)
    composer.press("Enter")


def long_press(message: Locator) -> Locator:
    """Holds a finger on a message until its action sheet opens (a phone has no ⋯ on
    each line), then lifts it; returns the sheet."""
    box = message.bounding_box()
    assert box is not None, message
    point = {
        "pointerType": "touch",
        "isPrimary": True,
        "clientX": box["x"] + box["width"] / 2,
        "clientY": box["y"] + min(box["height"] / 2, 12),
    }
    message.dispatch_event("pointerdown", point)
    sheet = message.page.get_by_role("dialog")
    expect(sheet).to_be_visible()
    message.dispatch_event("pointerup", point)
    return sheet


def assert_touchable(control: Locator, *, min_px: int = 44) -> None:
    """A control a thumb can hit: at least `min_px` CSS pixels each way."""
    box = control.bounding_box()
    assert box is not None, control
    assert box["height"] >= min_px, (control, box)
    assert box["width"] >= min_px, (control, box)
