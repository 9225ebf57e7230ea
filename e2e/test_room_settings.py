"""Rename, topic and leave in the UI: the owner renames the room and edits its topic on a
desktop and the member on a phone sees both live; the member leaves from the phone and the
room is gone from their sidebar, while the owner sees one member fewer."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from conftest import unique_username
from rooms import Person


def test_rename_topic_and_leave(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    new_name = unique_username("renamed")

    alice.page.get_by_role("button", name="Room settings").click()
    alice.page.get_by_role("menuitem", name="Edit name and topic").click()
    dialog = alice.page.get_by_role("dialog", name="Room name and topic")
    dialog.get_by_label("Name").fill("")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_text("Enter a name")).to_be_visible()
    dialog.get_by_label("Name").fill(new_name)
    dialog.get_by_label("Topic").fill("Plans for the 한강 picnic")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_have_count(0)
    expect(alice.page.get_by_role("heading", level=1)).to_have_text(new_name)

    # Bob's phone follows without a reload: header, topic and sidebar.
    expect(bob.page.get_by_role("heading", level=1)).to_have_text(new_name)
    expect(bob.page.get_by_text("Plans for the 한강 picnic")).to_be_visible()
    expect(alice.page.get_by_role("button", name=re.compile(r"\(2 members\)"))).to_be_visible()

    # A member has no rename entry, only Leave.
    bob.page.get_by_role("button", name="Room settings").tap()
    expect(bob.page.get_by_role("menuitem", name="Edit name and topic")).to_have_count(0)
    bob.page.get_by_role("menuitem", name="Leave room").tap()
    confirm = bob.page.get_by_role("dialog", name=f"Leave {new_name}?")
    confirm.get_by_role("button", name="Leave room").tap()
    expect(bob.page).to_have_url(re.compile(r"/$"))
    bob.page.get_by_role("button", name="Open navigation").tap()
    nav = bob.page.get_by_role("navigation")
    expect(nav.get_by_role("link", name=re.compile(new_name))).to_have_count(0)

    expect(alice.page.get_by_role("button", name=re.compile(r"\(1 member\)"))).to_be_visible()
