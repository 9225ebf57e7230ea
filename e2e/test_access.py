"""Access through the UI: the SPA offers exactly the actions a room payload lists
(`my_actions`), and a preview ends when the server revokes the right to read the room.

Users and rooms are set up over the REST API; what is under test happens in the pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Page, expect

from conftest import Account, NewContext
from journeys import log_in
from rooms import auth_headers, create_room, find_message, open_room, send


def test_site_admin_who_is_not_a_member_invites_to_a_private_room(
    new_context: NewContext,
    api: httpx.Client,
    make_account: Callable[..., Account],
    site_admin: Account,
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice, private=True)

    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"/rooms/{room_id}")
    log_in(page, username=site_admin.username, password=site_admin.password)
    # Not a member (so previewing, with a join bar), yet invite is among the admin's actions.
    expect(page.get_by_role("button", name="Join room")).to_be_visible()
    page.get_by_role("button", name="Invite", exact=True).click()
    dialog = page.get_by_role("dialog", name=re.compile(r"^Invite to"))
    dialog.get_by_label("Username").fill(bob.username)
    dialog.get_by_role("button", name="Invite", exact=True).click()
    expect(dialog.get_by_role("status")).to_contain_text("Bob can now see this room.")

    # The server agrees: Bob is in the private room now.
    response = api.get(f"/api/rooms/{room_id}", headers=auth_headers(api, bob))
    assert response.status_code == 200, response.text
    assert response.json()["my_role"] == "member"


def test_a_preview_ends_when_the_room_goes_private(
    new_context: NewContext,
    phone_page: Page,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    alice = make_account(display_name="Alice")
    pat = make_account(display_name="Pat")
    room_id = create_room(api, alice)
    alice_page = open_room(new_context(viewport={"width": 1280, "height": 800}), alice, room_id)
    send(alice_page, "said before Pat looked")
    expect(find_message(alice_page, "said before Pat looked")).to_have_count(1)

    # Pat previews the public room on a phone, without joining it.
    page = phone_page
    page.goto(f"/rooms/{room_id}")
    log_in(page, username=pat.username, password=pat.password)
    expect(page.get_by_role("button", name="Join room")).to_be_visible()
    expect(find_message(page, "said before Pat looked")).to_have_count(1)
    # History is loaded, so this one can only arrive live: the preview follows the room.
    send(alice_page, "said while Pat previews")
    expect(find_message(page, "said while Pat previews")).to_have_count(1)

    response = api.patch(
        f"/api/rooms/{room_id}", json={"is_private": True}, headers=auth_headers(api, alice)
    )
    assert response.status_code == 200, response.text

    standing = page.get_by_test_id("room-standing")
    expect(standing).to_contain_text("You no longer have access to this room")
    expect(standing).to_contain_text("The room is now private")
    expect(page.get_by_role("button", name="Join room")).to_have_count(0)

    # Alice's page shows her message delivered once the server has fanned it out, and
    # nothing of it reaches Pat any more.
    send(alice_page, "said after it went private")
    expect(find_message(alice_page, "said after it went private")).to_have_count(1)
    expect(find_message(page, "said after it went private")).to_have_count(0)
    expect(find_message(page, "said while Pat previews")).to_have_count(1)
