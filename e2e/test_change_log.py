"""A device that was offline catches up on every change over the socket alone: an edit
and a moderator's deletion made while it was away show without a reload (the change
log's replay, docs/protocol.md "Resume"). Found in a real browser: a deleted message
stayed visible on every device that had been offline, until a full reload."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from playwright.sync_api import expect

from conftest import Account, NewContext
from rooms import auth_headers, create_room, find_message, join_room, open_room, send


def _message(api: httpx.Client, account: Account, room_id: int, body: str) -> dict[str, Any]:
    page = api.get(f"/api/rooms/{room_id}/messages", headers=auth_headers(api, account))
    assert page.status_code == 200, page.text
    message: dict[str, Any] = next(m for m in page.json()["messages"] if m["body"] == body)
    return message


def test_an_offline_device_sees_edits_and_deletions_when_it_comes_back(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    alice_page = open_room(new_context(viewport={"width": 1280, "height": 800}), alice, room_id)
    bob_context = new_context(viewport={"width": 390, "height": 844})  # Bob is on his phone
    bob_page = open_room(bob_context, bob, room_id)
    send(alice_page, "a typo here")
    send(bob_page, "something to regret")
    send(alice_page, "nothing changes here")
    for page in (alice_page, bob_page):
        expect(find_message(page, "nothing changes here")).to_have_count(1)

    bob_context.set_offline(True)
    expect(bob_page.get_by_role("status").filter(has_text="offline")).to_be_visible()
    headers = auth_headers(api, alice)
    typo = _message(api, alice, room_id, "a typo here")
    edited = api.patch(
        f"/api/messages/{typo['id']}", json={"body": "fixed while Bob was away"}, headers=headers
    )
    assert edited.status_code == 200, edited.text
    regret = _message(api, alice, room_id, "something to regret")
    deleted = api.delete(f"/api/messages/{regret['id']}?reason=off-topic", headers=headers)
    assert deleted.status_code == 200, deleted.text
    # Still offline: Bob's phone shows what it had.
    expect(find_message(bob_page, "something to regret")).to_have_count(1)

    bob_context.set_offline(False)
    expect(find_message(bob_page, "fixed while Bob was away")).to_have_count(1)
    expect(find_message(bob_page, "something to regret")).to_have_count(0)
    expect(find_message(bob_page, "message removed")).to_have_count(1)
    expect(find_message(bob_page, "a typo here")).to_have_count(0)
    expect(find_message(bob_page, "nothing changes here")).to_have_count(1)
