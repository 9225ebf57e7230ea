"""Mentions: @ autocomplete in the composer, the named person's highlight and a mention
badge kept by the server, cleared once read; names follow a rename."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from rooms import Person, auth_headers, create_room, find_message, join_room


def test_mention_autocomplete_highlight_and_badge(
    chat_pair: tuple[Person, Person], api: httpx.Client
) -> None:
    alice, bob = chat_pair
    room_path = re.sub(r"^.*(/rooms/\d+)$", r"\1", alice.page.url)
    elsewhere = create_room(api, alice.account)
    join_room(api, bob.account, elsewhere)
    bob.page.goto(f"/rooms/{elsewhere}")
    expect(bob.page.get_by_label("Message", exact=True)).to_be_visible()

    composer = alice.page.get_by_label("Message", exact=True)
    composer.press_sequentially(f"hey @{bob.account.username[:4]}", delay=20)
    suggestions = alice.page.get_by_role("listbox", name="People to mention")
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(suggestions.get_by_role("option")).to_contain_text("Bob")
    composer.press("Enter")  # picks; does not send
    expect(composer).to_have_value(f"hey @{bob.account.username} ")
    composer.press_sequentially("look at this", delay=10)
    composer.press("Enter")

    sent = find_message(alice.page, "look at this")
    expect(sent.locator(".mention")).to_have_text("@Bob")

    # Bob, in another room, sees a mention badge on the first one (phone: in the drawer).
    bob.page.get_by_role("button", name="Open navigation").tap()
    link = bob.page.get_by_role("navigation").get_by_role("link", name=re.compile("1 mention"))
    expect(link).to_be_visible()
    link.tap()
    expect(bob.page).to_have_url(re.compile(f"{room_path}$"))
    mentioned = find_message(bob.page, "look at this")
    expect(mentioned).to_have_class(re.compile("message--mention"))
    expect(mentioned.locator(".mention--me")).to_have_text("@Bob")
    # Read now: the badge goes, on this device and after a reload.
    bob.page.get_by_role("button", name="Open navigation").tap()
    expect(bob.page.get_by_test_id("mention-badge")).to_have_count(0)
    bob.page.reload()
    bob.page.get_by_role("button", name="Open navigation").tap()
    expect(bob.page.get_by_role("navigation").get_by_role("link").first).to_be_visible()
    expect(bob.page.get_by_test_id("mention-badge")).to_have_count(0)

    # A rename changes how the mention shows, not whom it names.
    renamed = api.patch(
        "/api/users/me", json={"display_name": "Robert"}, headers=auth_headers(api, bob.account)
    )
    assert renamed.status_code == 200, renamed.text
    alice.page.reload()
    expect(find_message(alice.page, "look at this").locator(".mention")).to_have_text("@Robert")
