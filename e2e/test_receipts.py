"""Read receipts: off by default; once Alice and Bob both turn them on (each from their
profile, on a desktop and on a phone), Alice sees "Seen by Bob" below what Bob has read,
and it follows Bob's reading live."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from rooms import Person, find_message, send


def _turn_on_receipts(page: Page, name: str) -> None:
    page.get_by_role("button", name=f"Account menu for {name}").click()
    page.get_by_role("menuitem", name="Profile").click()
    dialog = page.get_by_role("dialog", name="Profile")
    switch = dialog.get_by_role("switch", name="Read receipts")
    expect(switch).not_to_be_checked()
    switch.check()
    # Saved at once, not with the form's Save.
    expect(switch).to_be_checked()
    expect(switch).to_be_enabled()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()


def _seen_by(page: Page) -> Locator:
    return page.get_by_role("log").locator(".seen-by")


def _seen_below(page: Page, text: str) -> Locator:
    """A "seen by" line right below the message group holding `text`."""
    return page.get_by_role("log").locator(f".message-group:has-text({text!r}) + .seen-by")


def test_seen_by_only_between_people_who_turned_it_on(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    _turn_on_receipts(alice.page, "Alice")
    send(alice.page, "did you read the plan?")
    expect(find_message(bob.page, "did you read the plan?")).to_be_visible()
    # Bob has read it, but he shares nothing until he turns receipts on.
    expect(_seen_by(alice.page)).to_have_count(0)

    _turn_on_receipts(bob.page, "Bob")
    alice.page.reload()
    expect(_seen_by(alice.page)).to_have_accessible_name("Seen by Bob")
    expect(_seen_below(alice.page, "did you read the plan?")).to_be_visible()

    # Live, without a reload: Bob reads the next message as it arrives, and the line
    # moves below it.
    send(alice.page, "one more thing")
    expect(find_message(bob.page, "one more thing")).to_be_visible()
    expect(_seen_below(alice.page, "one more thing")).to_have_accessible_name("Seen by Bob")
    expect(_seen_by(alice.page)).to_have_count(1)
